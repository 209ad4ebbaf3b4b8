/* The stages after filling, each in its own file: heading numbers
 * (number.c), the HTML document (html.c) and the PDF (pdf_layout.c,
 * pdf_draw.c), with the block markers they share (markers.c). */
#ifndef RND_STAGES_H
#define RND_STAGES_H

#include <cmark.h>
#include <pango/pango.h>

#include "buffer.h"
#include "fcavtal/render.h"

/* cmark options for every parse: invalid UTF-8 becomes U+FFFD, raw HTML
 * is never passed through (cmark's default is safe). */
#define RND_CMARK_OPTIONS (CMARK_OPT_VALIDATE_UTF8)

/* Numbers the ATX headings of a Markdown text: "## Avtalstid" becomes
 * "## 2. Avtalstid", "### Lokaler" under it "### 2.1 Lokaler". Level 1 is the
 * title and stays unnumbered, as does any heading that ends in " {-}" (the
 * marker is removed). */
fc_status_t rnd__number_headings(const char *md, size_t len, rnd__buf_t *out, rnd_error_t *err);

/* Block markers: HTML comments on a line of their own, which CommonMark
 * keeps as HTML blocks and every output interprets. */
typedef enum {
    RND_MARK_NONE,        /* not an HTML block */
    RND_MARK_SIGN_OPEN,   /* <!-- signatur -->: a signature block starts */
    RND_MARK_SIGN_CLOSE,  /* <!-- /signatur --> */
    RND_MARK_PAGE_BREAK,  /* <!-- sidbrytning --> */
    RND_MARK_OTHER        /* any other raw HTML: dropped */
} rnd__mark_t;

rnd__mark_t rnd__marker(cmark_node *node);
/* The plain text below node: literals joined, breaks as spaces. */
bool rnd__plain_text(cmark_node *node, rnd__buf_t *out);

fc_status_t rnd__html_render(const char *md, size_t len, const rnd_meta_t *meta,
                             rnd__buf_t *out, rnd_error_t *err);

/* What every PDF of one engine shares: the Pango context (fonts at 72 dpi,
 * no hinting, Swedish) and the layouts made so far (layout_cache.h). */
typedef struct rnd__layout_cache rnd__layout_cache_t;
typedef struct {
    PangoContext *ctx;
    rnd__layout_cache_t *layouts;
} rnd__pdf_text_t;

/* The context every PDF is laid out in; NULL when out of memory. */
PangoContext *rnd__pdf_context(PangoFontMap *fonts);

fc_status_t rnd__pdf_render(rnd__pdf_text_t *text, const char *md, size_t len,
                            const rnd_meta_t *meta, rnd__buf_t *out, unsigned *pages,
                            rnd_error_t *err);

#endif
