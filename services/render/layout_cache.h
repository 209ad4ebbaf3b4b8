/* Laid-out text shared across documents. Most of an agreement is the
 * template's own text, the same in every document it renders: shaping it
 * (HarfBuzz through Pango) and breaking it into lines was most of a PDF's
 * cost. The engine keeps each layout it made, keyed by font, width and
 * text, and hands out references to it; a layout is never changed once
 * made, so a document gets the same lines, and the same bytes, whether its
 * layouts were made now or for an earlier document (the determinism tests
 * render the same input on one engine and on separate ones). */
#ifndef RND_LAYOUT_CACHE_H
#define RND_LAYOUT_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include <pango/pango.h>

typedef struct rnd__layout_cache rnd__layout_cache_t;

/* At most max_entries layouts are kept; past that the cache starts over,
 * which bounds its memory (a layout of a paragraph is a few KiB). NULL
 * when out of memory. */
rnd__layout_cache_t *rnd__layout_cache_new(size_t max_entries);
void rnd__layout_cache_destroy(rnd__layout_cache_t **cache_p);

/* A reference (g_object_unref it) to the layout of `text` in `font`,
 * `width` points wide (0: no wrapping), Pango markup when is_markup, made
 * for ctx, which must be the one context every call of this cache uses.
 * The caller must not change it. NULL on failure. */
PangoLayout *rnd__layout_cached(rnd__layout_cache_t *cache, PangoContext *ctx, const char *font,
                                double width, const char *text, bool is_markup);

#endif
