/* The engine's insides, for render.c. */
#ifndef RND_ENGINE_H
#define RND_ENGINE_H

#include <pango/pango.h>

#include "fcavtal/render.h"

struct rnd_engine {
    PangoFontMap *fonts;
};

#endif
