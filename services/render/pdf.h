/* The PDF output in two passes: pdf_layout.c breaks the document into
 * lines and places them on A4 pages (a display list), so the page count is
 * known before pdf_draw.c draws any page with its header and its footer
 * "Sida N av M". */
#ifndef RND_PDF_H
#define RND_PDF_H

#include <cmark.h>
#include <pango/pango.h>

#include "fcavtal/render.h"
#include "stages.h"

/* A4 in points, and the text area. */
#define RND_PAGE_W 595.276
#define RND_PAGE_H 841.890
#define RND_MARGIN_LEFT 70.0
#define RND_MARGIN_RIGHT 70.0
#define RND_BODY_TOP 88.0
#define RND_BODY_BOTTOM (RND_PAGE_H - 72.0)
#define RND_BODY_W (RND_PAGE_W - RND_MARGIN_LEFT - RND_MARGIN_RIGHT)

typedef enum { OP_LINE, OP_RULE, OP_OUTLINE } rnd__op_kind_t;

typedef struct {
    rnd__op_kind_t kind;
    unsigned page;          /* 0-based */
    double x, y;            /* OP_LINE: baseline start; OP_RULE: start */
    double x2;              /* OP_RULE: end (horizontal) */
    PangoLayout *layout;    /* OP_LINE, borrowed from the display list */
    int line;               /* OP_LINE: line index in layout */
    int level;              /* OP_OUTLINE: heading level */
    char *text;             /* OP_OUTLINE: heading text, owned */
} rnd__op_t;

typedef struct {
    rnd__op_t *ops;
    size_t op_count, op_cap;
    PangoLayout **layouts;  /* owned references */
    size_t layout_count, layout_cap;
    unsigned pages;
    bool failed;            /* out of memory */
} rnd__display_t;

void rnd__display_free(rnd__display_t *d);

/* Lays the document out; FC_OK with d filled. */
fc_status_t rnd__pdf_layout(rnd__pdf_text_t *text, cmark_node *doc, rnd__display_t *d,
                            rnd_error_t *err);

/* A layout from the engine's cache (a reference the caller releases and
 * never changes): rnd__pdf_text_layout made once per font, width and text. */
PangoLayout *rnd__pdf_shared_layout(rnd__pdf_text_t *text, const char *font, double width,
                                    const char *markup, bool is_markup);

/* A layout for ctx with the given font ("DejaVu Serif 10.5") and width in
 * points (0: no wrapping); markup is Pango markup. NULL on failure. */
PangoLayout *rnd__pdf_text_layout(PangoContext *ctx, const char *font, double width,
                                  const char *markup, bool is_markup);

#endif
