/* The engine: what renderings share. It owns its own Pango font map rather
 * than the process-wide default, so engines in different threads do not
 * share mutable state and destroying one frees what it loaded; and one
 * Pango context with the layouts made so far (layout_cache.h), so the
 * template's text is shaped once, not once per document. */
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>
#include <sodium.h>

#include "engine.h"
#include "error.h"
#include "layout_cache.h"

/* Layouts kept across documents: the template text of a few agreement
 * kinds fits many times over; a few MiB at most. */
#define LAYOUTS_KEPT 4096

/* The fonts the layout names; without them fontconfig would substitute
 * silently and documents would differ from machine to machine. */
static const char *const REQUIRED_FAMILIES[] = {"DejaVu Serif", "DejaVu Sans",
                                                "DejaVu Sans Mono"};

static bool family_present(PangoFontMap *map, PangoContext *ctx, const char *family)
{
    PangoFontDescription *want = pango_font_description_from_string(family);
    PangoFont *font = pango_font_map_load_font(map, ctx, want);
    pango_font_description_free(want);
    if (!font)
        return false;
    PangoFontDescription *got = pango_font_describe(font);
    const char *name = pango_font_description_get_family(got);
    bool same = name && g_ascii_strcasecmp(name, family) == 0;
    pango_font_description_free(got);
    g_object_unref(font);
    return same;
}

fc_status_t rnd_engine_new(rnd_engine_t **out, rnd_error_t *err)
{
    *out = NULL;
    if (sodium_init() < 0)
        return rnd__fail(err, FC_INTERNAL, "libsodium failed to initialise");
    rnd_engine_t *e = calloc(1, sizeof *e);
    if (!e)
        return rnd__fail(err, FC_RESOURCE_EXHAUSTED, "out of memory");
    e->fonts = pango_cairo_font_map_new();
    PangoContext *ctx = e->fonts ? pango_font_map_create_context(e->fonts) : NULL;
    if (!ctx) {
        rnd_engine_destroy(&e);
        return rnd__fail(err, FC_INTERNAL, "Pango: no font map");
    }
    for (size_t i = 0; i < sizeof REQUIRED_FAMILIES / sizeof REQUIRED_FAMILIES[0]; i++) {
        if (!family_present(e->fonts, ctx, REQUIRED_FAMILIES[i])) {
            g_object_unref(ctx);
            rnd_engine_destroy(&e);
            return rnd__fail(err, FC_UNAVAILABLE,
                             "font '%s' not found (Debian package fonts-dejavu-core)",
                             REQUIRED_FAMILIES[i]);
        }
    }
    g_object_unref(ctx);
    e->pdf.ctx = rnd__pdf_context(e->fonts);
    e->pdf.layouts = rnd__layout_cache_new(LAYOUTS_KEPT);
    if (!e->pdf.ctx || !e->pdf.layouts) {
        rnd_engine_destroy(&e);
        return rnd__fail(err, FC_RESOURCE_EXHAUSTED, "out of memory");
    }
    *out = e;
    return FC_OK;
}

void rnd_engine_destroy(rnd_engine_t **engine_p)
{
    if (!engine_p || !*engine_p)
        return;
    rnd__layout_cache_destroy(&(*engine_p)->pdf.layouts);
    if ((*engine_p)->pdf.ctx)
        g_object_unref((*engine_p)->pdf.ctx);
    if ((*engine_p)->fonts)
        g_object_unref((*engine_p)->fonts);
    free(*engine_p);
    *engine_p = NULL;
}
