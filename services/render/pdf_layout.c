/* Layout of the cmark node tree on A4 pages: paragraphs and list items are
 * broken into lines by Pango and placed line by line, so a paragraph may
 * continue on the next page; a heading is kept with the start of what
 * follows it, and a signature block (two side by side) is never split. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "error.h"
#include "layout_cache.h"
#include "pdf.h"
#include "stages.h"

#define FONT_BODY "DejaVu Serif 10.5"
#define FONT_MONO "DejaVu Sans Mono 9"
#define FONT_LABEL "DejaVu Sans 7.5"
#define FONT_SIGN_VALUE "DejaVu Serif 10"
#define LIST_INDENT 18.0
#define PARA_SPACE 6.0
#define TIGHT_SPACE 2.0
#define KEEP_WITH_HEADING 42.0 /* about three body lines */
#define SIGN_GAP 24.0
#define SIGN_FIELD_SPACE 20.0

typedef struct {
    rnd__pdf_text_t *text;
    rnd__display_t *d;
    unsigned page;
    double y;
    bool page_has_content;
    const char *marker;     /* list marker waiting for the next line */
    char marker_buf[32];
    double marker_x;
    rnd_error_t *err;
} layout_t;

static const struct {
    const char *font;
    double before, after;
} HEADING[7] = {
    {NULL, 0, 0},
    {"DejaVu Sans Bold 17", 0, 14},
    {"DejaVu Sans Bold 12.5", 16, 6},
    {"DejaVu Sans Bold 11", 12, 4},
    {"DejaVu Sans Bold 10.5", 10, 3},
    {"DejaVu Sans Bold 10", 8, 2},
    {"DejaVu Sans Bold 10", 8, 2},
};

void rnd__display_free(rnd__display_t *d)
{
    for (size_t i = 0; i < d->op_count; i++)
        free(d->ops[i].text);
    for (size_t i = 0; i < d->layout_count; i++)
        g_object_unref(d->layouts[i]);
    free(d->ops);
    free(d->layouts);
    memset(d, 0, sizeof *d);
}

static rnd__op_t *op_add(layout_t *L, rnd__op_kind_t kind)
{
    rnd__display_t *d = L->d;
    if (d->op_count == d->op_cap) {
        size_t cap = d->op_cap ? d->op_cap * 2 : 256;
        rnd__op_t *ops = realloc(d->ops, cap * sizeof *ops);
        if (!ops) {
            d->failed = true;
            return NULL;
        }
        d->ops = ops;
        d->op_cap = cap;
    }
    rnd__op_t *op = &d->ops[d->op_count++];
    memset(op, 0, sizeof *op);
    op->kind = kind;
    op->page = L->page;
    return op;
}

/* The display list keeps a reference to every layout it draws from. */
static bool keep_layout(layout_t *L, PangoLayout *layout)
{
    rnd__display_t *d = L->d;
    if (d->layout_count == d->layout_cap) {
        size_t cap = d->layout_cap ? d->layout_cap * 2 : 128;
        PangoLayout **grown = realloc(d->layouts, cap * sizeof *grown);
        if (!grown) {
            g_object_unref(layout);
            d->failed = true;
            return false;
        }
        d->layouts = grown;
        d->layout_cap = cap;
    }
    d->layouts[d->layout_count++] = layout;
    return true;
}

PangoLayout *rnd__pdf_text_layout(PangoContext *ctx, const char *font, double width,
                                  const char *markup, bool is_markup)
{
    PangoLayout *layout = pango_layout_new(ctx);
    if (!layout)
        return NULL;
    PangoFontDescription *desc = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    if (width > 0) {
        pango_layout_set_width(layout, (int)lround(width * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    }
    if (!is_markup) {
        pango_layout_set_text(layout, markup, -1);
        return layout;
    }
    PangoAttrList *attrs = NULL;
    char *text = NULL;
    if (!pango_parse_markup(markup, -1, 0, &attrs, &text, NULL, NULL)) {
        g_object_unref(layout);
        return NULL;
    }
    pango_layout_set_text(layout, text, -1);
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
    g_free(text);
    return layout;
}

PangoLayout *rnd__pdf_shared_layout(rnd__pdf_text_t *text, const char *font, double width,
                                    const char *markup, bool is_markup)
{
    return rnd__layout_cached(text->layouts, text->ctx, font, width, markup, is_markup);
}

static void new_page(layout_t *L)
{
    L->page++;
    L->y = RND_BODY_TOP;
    L->page_has_content = false;
}

/* Vertical space that disappears at the top of a page. */
static void space(layout_t *L, double h)
{
    if (L->page_has_content)
        L->y += h;
}

static double layout_height(PangoLayout *layout)
{
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    return logical.height / (double)PANGO_SCALE;
}

static void place_marker(layout_t *L, double baseline)
{
    PangoLayout *m = rnd__pdf_shared_layout(L->text, FONT_BODY, 0, L->marker, false);
    L->marker = NULL;
    if (!m || !keep_layout(L, m)) {
        L->d->failed = true;
        return;
    }
    rnd__op_t *op = op_add(L, OP_LINE);
    if (op) {
        op->x = L->marker_x;
        op->y = baseline;
        op->layout = m;
    }
}

/* Places the lines of layout at x, breaking to a new page between lines.
 * Takes the layout over. */
static void place_lines(layout_t *L, PangoLayout *layout, double x)
{
    if (!keep_layout(L, layout))
        return;
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    int index = 0;
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        double h = logical.height / (double)PANGO_SCALE;
        double base = (pango_layout_iter_get_baseline(it) - logical.y) / (double)PANGO_SCALE;
        if (L->y + h > RND_BODY_BOTTOM && L->page_has_content)
            new_page(L);
        rnd__op_t *op = op_add(L, OP_LINE);
        if (!op)
            break;
        op->x = x;
        op->y = L->y + base;
        op->layout = layout;
        op->line = index++;
        if (L->marker)
            place_marker(L, L->y + base);
        L->y += h;
        L->page_has_content = true;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

/* Pango markup for the inline children of node. */
static void inline_markup(rnd__buf_t *m, cmark_node *node)
{
    for (cmark_node *n = cmark_node_first_child(node); n; n = cmark_node_next(n)) {
        const char *lit = cmark_node_get_literal(n);
        char *esc = NULL;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
            esc = g_markup_escape_text(lit, -1);
            rnd__buf_puts(m, esc);
            break;
        case CMARK_NODE_CODE:
            esc = g_markup_escape_text(lit, -1);
            rnd__buf_printf(m, "<tt>%s</tt>", esc);
            break;
        case CMARK_NODE_SOFTBREAK:
            rnd__buf_putc(m, ' ');
            break;
        case CMARK_NODE_LINEBREAK:
            rnd__buf_putc(m, '\n');
            break;
        case CMARK_NODE_EMPH:
            rnd__buf_puts(m, "<i>");
            inline_markup(m, n);
            rnd__buf_puts(m, "</i>");
            break;
        case CMARK_NODE_STRONG:
            rnd__buf_puts(m, "<b>");
            inline_markup(m, n);
            rnd__buf_puts(m, "</b>");
            break;
        case CMARK_NODE_LINK:
            rnd__buf_puts(m, "<span foreground=\"#1f4e8c\" underline=\"single\">");
            inline_markup(m, n);
            rnd__buf_puts(m, "</span>");
            break;
        case CMARK_NODE_IMAGE:
            rnd__buf_putc(m, '[');
            inline_markup(m, n);
            rnd__buf_putc(m, ']');
            break;
        default: /* raw inline HTML is never shown */
            break;
        }
        g_free(esc);
    }
}

static PangoLayout *inline_layout(layout_t *L, cmark_node *node, const char *font, double width)
{
    rnd__buf_t m;
    rnd__buf_init(&m, (size_t)64 << 20);
    inline_markup(&m, node);
    PangoLayout *result = rnd__buf_ok(&m)
        ? rnd__pdf_shared_layout(L->text, font, width, m.data ? m.data : "", true) : NULL;
    rnd__buf_free(&m);
    if (!result)
        L->d->failed = true;
    return result;
}

/* A bookmark holds the heading's first OUTLINE_MAX bytes, cut at a
 * character, with "…" when cut: a heading of any length (or none) is
 * still a heading. */
#define OUTLINE_MAX 240

static char *outline_text(cmark_node *heading)
{
    rnd__buf_t text;
    rnd__buf_init(&text, (size_t)64 << 10);
    rnd__plain_text(heading, &text);   /* past the limit: what fitted */
    const char *s = text.data ? text.data : "";
    size_t len = strlen(s), cut = len;
    if (len > OUTLINE_MAX) {
        cut = OUTLINE_MAX;
        while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;   /* not inside a UTF-8 sequence */
    }
    char *out = malloc(cut + sizeof "…");
    if (out) {
        memcpy(out, s, cut);
        strcpy(out + cut, cut < len ? "…" : "");
    }
    rnd__buf_free(&text);
    return out;
}

static void outline(layout_t *L, cmark_node *heading, int level)
{
    rnd__op_t *op = op_add(L, OP_OUTLINE);
    if (!op)
        return;
    op->level = level;
    op->y = L->y;
    if (!(op->text = outline_text(heading)))
        L->d->failed = true;
}

static void layout_heading(layout_t *L, cmark_node *n)
{
    int level = cmark_node_get_heading_level(n);
    PangoLayout *layout = inline_layout(L, n, HEADING[level].font, RND_BODY_W);
    if (!layout)
        return;
    space(L, HEADING[level].before);
    /* A heading never ends a page: it moves on with what follows. */
    if (L->page_has_content && L->y + layout_height(layout) + KEEP_WITH_HEADING > RND_BODY_BOTTOM)
        new_page(L);
    outline(L, n, level);
    place_lines(L, layout, RND_MARGIN_LEFT);
    L->y += HEADING[level].after;
}

static void layout_blocks(layout_t *L, cmark_node *first, double indent, bool tight);

static void layout_list(layout_t *L, cmark_node *list, double indent)
{
    bool ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
    bool tight = cmark_node_get_list_tight(list);
    int number = cmark_node_get_list_start(list);
    for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
        if (ordered)
            snprintf(L->marker_buf, sizeof L->marker_buf, "%d.", number++);
        else
            snprintf(L->marker_buf, sizeof L->marker_buf, "%s", indent > 0 ? "–" : "•");
        L->marker = L->marker_buf;
        L->marker_x = RND_MARGIN_LEFT + indent + (ordered ? 0 : 4);
        layout_blocks(L, cmark_node_first_child(item), indent + LIST_INDENT, tight);
        L->marker = NULL;
        if (!tight && cmark_node_next(item))
            L->y += PARA_SPACE - TIGHT_SPACE;
    }
}

static void layout_block(layout_t *L, cmark_node *n, double indent, bool tight)
{
    double x = RND_MARGIN_LEFT + indent, width = RND_BODY_W - indent;
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_HEADING:
        layout_heading(L, n);
        break;
    case CMARK_NODE_PARAGRAPH: {
        PangoLayout *layout = inline_layout(L, n, FONT_BODY, width);
        if (layout)
            place_lines(L, layout, x);
        L->y += tight ? TIGHT_SPACE : PARA_SPACE;
        break;
    }
    case CMARK_NODE_LIST:
        layout_list(L, n, indent);
        L->y += PARA_SPACE;
        break;
    case CMARK_NODE_BLOCK_QUOTE:
        layout_blocks(L, cmark_node_first_child(n), indent + LIST_INDENT, tight);
        break;
    case CMARK_NODE_CODE_BLOCK: {
        PangoLayout *layout =
            rnd__pdf_shared_layout(L->text, FONT_MONO, width, cmark_node_get_literal(n), false);
        if (layout)
            place_lines(L, layout, x);
        else
            L->d->failed = true;
        L->y += PARA_SPACE;
        break;
    }
    case CMARK_NODE_THEMATIC_BREAK: {
        space(L, PARA_SPACE);
        rnd__op_t *op = op_add(L, OP_RULE);
        if (op) {
            op->x = x;
            op->x2 = x + width;
            op->y = L->y;
        }
        L->y += PARA_SPACE * 2;
        break;
    }
    default: /* HTML blocks: markers are handled at the top level */
        break;
    }
}

static void layout_blocks(layout_t *L, cmark_node *first, double indent, bool tight)
{
    for (cmark_node *n = first; n && !L->d->failed; n = cmark_node_next(n))
        layout_block(L, n, indent, tight);
}

/* ---------------------------------------------------------- signatures */

/* One signature field: the value (if any) on a line, the rule under it,
 * the label under the rule. Returns the field's height. */
static double sign_field(layout_t *L, cmark_node *item, double x, double y, double width,
                         bool emit)
{
    rnd__buf_t text;
    rnd__buf_init(&text, 4096);
    rnd__plain_text(item, &text);
    const char *all = text.data ? text.data : "";
    const char *colon = strchr(all, ':');
    char *label = colon ? strndup(all, (size_t)(colon - all)) : strdup(all);
    const char *value = colon ? colon + 1 : "";
    while (*value == ' ')
        value++;
    double value_h = 14.0, label_h = 10.0;
    if (emit && label) {
        if (*value) {
            PangoLayout *v = rnd__pdf_shared_layout(L->text, FONT_SIGN_VALUE, width, value, false);
            if (v && keep_layout(L, v)) {
                rnd__op_t *op = op_add(L, OP_LINE);
                if (op) {
                    op->x = x;
                    op->y = y + SIGN_FIELD_SPACE + value_h - 3.5;
                    op->layout = v;
                }
            }
        }
        rnd__op_t *rule = op_add(L, OP_RULE);
        if (rule) {
            rule->x = x;
            rule->x2 = x + width;
            rule->y = y + SIGN_FIELD_SPACE + value_h;
        }
        PangoLayout *l = rnd__pdf_shared_layout(L->text, FONT_LABEL, width, label, false);
        if (l && keep_layout(L, l)) {
            rnd__op_t *op = op_add(L, OP_LINE);
            if (op) {
                op->x = x;
                op->y = y + SIGN_FIELD_SPACE + value_h + label_h;
                op->layout = l;
            }
        }
    }
    if (!label)
        L->d->failed = true;
    free(label);
    rnd__buf_free(&text);
    return SIGN_FIELD_SPACE + value_h + label_h;
}

/* Lays out one signature block (the nodes from first up to its closing
 * marker) at (x, y), or only measures it. Returns its height. */
static double sign_block(layout_t *L, cmark_node *first, double x, double y, double width,
                         bool emit, double fields_at, double *text_h)
{
    double h = 0;
    bool in_fields = false;
    for (cmark_node *n = first; n && rnd__marker(n) != RND_MARK_SIGN_CLOSE;
         n = cmark_node_next(n)) {
        cmark_node_type type = cmark_node_get_type(n);
        if (type == CMARK_NODE_LIST) {
            if (!in_fields) {
                /* Fields start level with those of the block beside. */
                in_fields = true;
                if (text_h)
                    *text_h = h;
                if (fields_at > h)
                    h = fields_at;
            }
            for (cmark_node *it = cmark_node_first_child(n); it; it = cmark_node_next(it))
                h += sign_field(L, it, x, y + h, width, emit);
        } else if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING) {
            PangoLayout *layout = inline_layout(L, n, FONT_BODY, width);
            if (!layout)
                continue;
            double lh = layout_height(layout);
            if (emit && keep_layout(L, layout)) {
                PangoLayoutIter *iter = pango_layout_get_iter(layout);
                int index = 0;
                double top = y + h;
                do {
                    PangoRectangle logical;
                    pango_layout_iter_get_line_extents(iter, NULL, &logical);
                    rnd__op_t *op = op_add(L, OP_LINE);
                    if (op) {
                        op->x = x;
                        op->y = top + pango_layout_iter_get_baseline(iter) / (double)PANGO_SCALE;
                        op->layout = layout;
                        op->line = index++;
                    }
                } while (pango_layout_iter_next_line(iter));
                pango_layout_iter_free(iter);
            } else if (!emit) {
                g_object_unref(layout);
            }
            h += lh + TIGHT_SPACE;
        }
    }
    return h;
}

static cmark_node *after_close(cmark_node *open)
{
    cmark_node *n = cmark_node_next(open);
    while (n && rnd__marker(n) != RND_MARK_SIGN_CLOSE)
        n = cmark_node_next(n);
    return n ? cmark_node_next(n) : NULL;
}

/* Signature blocks two by two, each pair kept on one page. Returns the
 * node after the last block laid out. */
static cmark_node *layout_signatures(layout_t *L, cmark_node *open)
{
    double col = (RND_BODY_W - SIGN_GAP) / 2;
    while (open && rnd__marker(open) == RND_MARK_SIGN_OPEN) {
        cmark_node *second = after_close(open);
        bool pair = second && rnd__marker(second) == RND_MARK_SIGN_OPEN;
        double t1 = 0, t2 = 0;
        double h1 = sign_block(L, cmark_node_next(open), 0, 0, col, false, 0, &t1);
        double h2 = pair ? sign_block(L, cmark_node_next(second), 0, 0, col, false, 0, &t2) : 0;
        double fields_at = t1 > t2 ? t1 : t2;
        double h = (h1 > h2 ? h1 : h2) + fields_at - (t1 < t2 ? t1 : t2);
        space(L, PARA_SPACE);
        if (L->page_has_content && L->y + h > RND_BODY_BOTTOM)
            new_page(L);
        sign_block(L, cmark_node_next(open), RND_MARGIN_LEFT, L->y, col, true, fields_at, NULL);
        if (pair)
            sign_block(L, cmark_node_next(second), RND_MARGIN_LEFT + col + SIGN_GAP, L->y, col,
                       true, fields_at, NULL);
        L->y += h + PARA_SPACE * 2;
        L->page_has_content = true;
        open = pair ? after_close(second) : second;
    }
    return open;
}

fc_status_t rnd__pdf_layout(rnd__pdf_text_t *text, cmark_node *doc, rnd__display_t *d,
                            rnd_error_t *err)
{
    memset(d, 0, sizeof *d);
    layout_t L = {.text = text, .d = d, .y = RND_BODY_TOP, .err = err};
    cmark_node *n = cmark_node_first_child(doc);
    while (n && !d->failed) {
        switch (rnd__marker(n)) {
        case RND_MARK_SIGN_OPEN:
            n = layout_signatures(&L, n);
            continue;
        case RND_MARK_PAGE_BREAK:
            if (L.page_has_content)
                new_page(&L);
            break;
        default:
            layout_block(&L, n, 0, false);
            break;
        }
        n = cmark_node_next(n);
    }
    d->pages = L.page + 1;
    if (d->failed)
        return rnd__fail(err, FC_RESOURCE_EXHAUSTED, "PDF layout failed: out of memory");
    return FC_OK;
}
