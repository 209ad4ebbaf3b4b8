/* The engine's insides, for render.c. */
#ifndef RND_ENGINE_H
#define RND_ENGINE_H

#include <pango/pango.h>

#include "fcavtal/render.h"
#include "stages.h"

struct rnd_engine {
    PangoFontMap *fonts;
    rnd__pdf_text_t pdf;   /* one context and its layouts for every PDF */
};

#endif
