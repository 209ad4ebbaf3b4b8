#include "layout_cache.h"

#include <math.h>

#include "pdf.h"

struct rnd__layout_cache {
    GHashTable *layouts;   /* key (owned) -> PangoLayout (one reference) */
    size_t max_entries;
};

rnd__layout_cache_t *rnd__layout_cache_new(size_t max_entries)
{
    rnd__layout_cache_t *c = g_try_new0(rnd__layout_cache_t, 1);
    if (!c)
        return NULL;
    c->layouts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
    c->max_entries = max_entries;
    return c;
}

void rnd__layout_cache_destroy(rnd__layout_cache_t **cache_p)
{
    if (!cache_p || !*cache_p)
        return;
    g_hash_table_destroy((*cache_p)->layouts);
    g_free(*cache_p);
    *cache_p = NULL;
}

PangoLayout *rnd__layout_cached(rnd__layout_cache_t *c, PangoContext *ctx, const char *font,
                                double width, const char *text, bool is_markup)
{
    /* The width in Pango units is what the layout is made with. */
    char *key = g_strdup_printf("%s\x1f%ld\x1f%d\x1f%s", font, lround(width * PANGO_SCALE),
                                is_markup ? 1 : 0, text);
    PangoLayout *hit = g_hash_table_lookup(c->layouts, key);
    if (hit) {
        g_free(key);
        return g_object_ref(hit);
    }
    PangoLayout *made = rnd__pdf_text_layout(ctx, font, width, text, is_markup);
    if (!made) {
        g_free(key);
        return NULL;
    }
    if (g_hash_table_size(c->layouts) >= c->max_entries)
        g_hash_table_remove_all(c->layouts);
    g_hash_table_insert(c->layouts, key, g_object_ref(made));
    return made;
}
