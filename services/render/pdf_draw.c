/* Drawing the laid-out document into an A4 PDF with Cairo: a header on
 * every page (agreement, case number, version), the footer "Sida N av M",
 * "UTKAST" across every page of a draft, bookmarks for the headings, and
 * metadata whose dates come from the agreement version, never the clock,
 * so the same input gives the same bytes. docs/render.md says what this
 * meets of PDF/A-2b. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "buffer.h"
#include "error.h"
#include "pdf.h"
#include "stages.h"

#define FONT_HEADER "DejaVu Sans 7.5"
#define FONT_HEADER_BOLD "DejaVu Sans Bold 7.5"
#define FONT_FOOTER "DejaVu Sans 8"
#define FONT_WATERMARK "DejaVu Sans Bold 110"
#define HEADER_BASELINE 48.0
#define FOOTER_BASELINE (RND_PAGE_H - 40.0)

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int length)
{
    return rnd__buf_put(closure, data, length) ? CAIRO_STATUS_SUCCESS
                                               : CAIRO_STATUS_WRITE_ERROR;
}

static double text_width(PangoLayout *layout)
{
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    return logical.width / (double)PANGO_SCALE;
}

static void show_at(cairo_t *cr, PangoLayout *layout, double x, double baseline)
{
    cairo_move_to(cr, x, baseline);
    pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(layout, 0));
}

static void draw_watermark(cairo_t *cr, rnd__pdf_text_t *t)
{
    PangoLayout *mark = rnd__pdf_shared_layout(t, FONT_WATERMARK, 0, "UTKAST", false);
    if (!mark)
        return;
    PangoRectangle ink;
    pango_layout_get_extents(mark, NULL, &ink);
    cairo_save(cr);
    cairo_translate(cr, RND_PAGE_W / 2, RND_PAGE_H / 2);
    cairo_rotate(cr, -atan2(RND_PAGE_H, RND_PAGE_W));
    /* Light grey, opaque, under the text: legible text, no transparency. */
    cairo_set_source_rgb(cr, 0.87, 0.87, 0.87);
    cairo_move_to(cr, -ink.width / (2.0 * PANGO_SCALE), -ink.height / (2.0 * PANGO_SCALE));
    pango_cairo_show_layout(cr, mark);
    cairo_restore(cr);
    g_object_unref(mark);
}

static void draw_header(cairo_t *cr, rnd__pdf_text_t *t, const rnd_meta_t *meta)
{
    char right[512], date[FC_DATE_STRLEN];
    fc_date_format(meta->date, date);
    snprintf(right, sizeof right, "%s%s%sVersion %u · %s", meta->case_number[0] ? "Dnr " : "",
             meta->case_number, meta->case_number[0] ? " · " : "", meta->version, date);
    PangoLayout *r = rnd__pdf_shared_layout(t, FONT_HEADER, 0, right, false);
    PangoLayout *u = meta->draft ? rnd__pdf_shared_layout(t, FONT_HEADER_BOLD, 0, "UTKAST", false)
                                 : NULL;
    double right_edge = RND_PAGE_W - RND_MARGIN_RIGHT;
    double rw = r ? text_width(r) : 0, uw = u ? text_width(u) + 8 : 0;
    /* Not shared: its width is set here, and a shared layout is never changed. */
    PangoLayout *l = rnd__pdf_text_layout(t->ctx, FONT_HEADER, 0, meta->title, false);
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    if (l) {
        /* A long title gives way to the case number, ending in "…". */
        pango_layout_set_width(l, (int)lround((RND_BODY_W - rw - uw - 16) * PANGO_SCALE));
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        show_at(cr, l, RND_MARGIN_LEFT, HEADER_BASELINE);
    }
    if (r)
        show_at(cr, r, right_edge - rw - uw, HEADER_BASELINE);
    if (u) {
        cairo_set_source_rgb(cr, 0.7, 0.0, 0.0);
        show_at(cr, u, right_edge - uw + 8, HEADER_BASELINE);
    }
    cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, RND_MARGIN_LEFT, HEADER_BASELINE + 6);
    cairo_line_to(cr, right_edge, HEADER_BASELINE + 6);
    cairo_stroke(cr);
    if (l)
        g_object_unref(l);
    if (r)
        g_object_unref(r);
    if (u)
        g_object_unref(u);
}

static void draw_footer(cairo_t *cr, rnd__pdf_text_t *t, unsigned page, unsigned pages)
{
    char text[64];
    snprintf(text, sizeof text, "Sida %u av %u", page, pages);
    PangoLayout *f = rnd__pdf_shared_layout(t, FONT_FOOTER, 0, text, false);
    if (!f)
        return;
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    show_at(cr, f, (RND_PAGE_W - text_width(f)) / 2, FOOTER_BASELINE);
    g_object_unref(f);
}

static void draw_op(cairo_t *cr, cairo_surface_t *surface, const rnd__op_t *op, int parents[])
{
    switch (op->kind) {
    case OP_LINE:
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, op->x, op->y);
        pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(op->layout, op->line));
        break;
    case OP_RULE:
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        cairo_set_line_width(cr, 0.6);
        cairo_move_to(cr, op->x, op->y);
        cairo_line_to(cr, op->x2, op->y);
        cairo_stroke(cr);
        break;
    case OP_OUTLINE: {
        char dest[96];
        snprintf(dest, sizeof dest, "page=%u pos=[%.1f %.1f]", op->page + 1, RND_MARGIN_LEFT,
                 op->y);
        int level = op->level < 1 ? 1 : op->level > 6 ? 6 : op->level;
        int parent = level <= 2 ? CAIRO_PDF_OUTLINE_ROOT : parents[level - 1];
        parents[level] = cairo_pdf_surface_add_outline(surface, parent, op->text, dest, 0);
        for (int l = level + 1; l <= 6; l++)
            parents[l] = parents[level];
        break;
    }
    }
}

static void set_metadata(cairo_surface_t *surface, const rnd_meta_t *meta)
{
    char date[40], subject[512];
    /* Midnight UTC of the version's date: a calendar date has no time. */
    snprintf(date, sizeof date, "%04d-%02d-%02dT00:00:00Z", meta->date.year, meta->date.month,
             meta->date.day);
    snprintf(subject, sizeof subject, "%s%s%sversion %u%s", meta->case_number[0] ? "Dnr " : "",
             meta->case_number, meta->case_number[0] ? ", " : "", meta->version,
             meta->draft ? ", UTKAST" : "");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, meta->title);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, subject);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, meta->case_number);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "fcavtal-render");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date);
}

static fc_status_t draw(rnd__pdf_text_t *t, const rnd__display_t *d, const rnd_meta_t *meta,
                        rnd__buf_t *out, rnd_error_t *err)
{
    cairo_surface_t *surface =
        cairo_pdf_surface_create_for_stream(write_out, out, RND_PAGE_W, RND_PAGE_H);
    cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5);
    set_metadata(surface, meta);
    cairo_t *cr = cairo_create(surface);
    int parents[7] = {0};
    size_t next = 0;
    for (unsigned page = 0; page < d->pages; page++) {
        if (meta->draft)
            draw_watermark(cr, t);
        draw_header(cr, t, meta);
        for (; next < d->op_count && d->ops[next].page == page; next++)
            draw_op(cr, surface, &d->ops[next], parents);
        draw_footer(cr, t, page + 1, d->pages);
        cairo_show_page(cr);
    }
    cairo_status_t cst = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (cst == CAIRO_STATUS_SUCCESS)
        cst = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (out->over_limit)
        return rnd__fail(err, FC_RESOURCE_EXHAUSTED,
                         "the PDF document exceeds the output limit of %zu bytes", out->limit);
    if (cst != CAIRO_STATUS_SUCCESS)
        return rnd__fail(err, FC_INTERNAL, "cairo: %s", cairo_status_to_string(cst));
    return FC_OK;
}

PangoContext *rnd__pdf_context(PangoFontMap *fonts)
{
    PangoContext *ctx = pango_font_map_create_context(fonts);
    if (!ctx)
        return NULL;
    /* Vector output: no hinting, so line breaks do not depend on a raster. */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(ctx, 72.0); /* font sizes in PDF points */
    pango_context_set_language(ctx, pango_language_from_string("sv"));
    return ctx;
}

fc_status_t rnd__pdf_render(rnd__pdf_text_t *text, const char *md, size_t len,
                            const rnd_meta_t *meta, rnd__buf_t *out, unsigned *pages,
                            rnd_error_t *err)
{
    cmark_node *doc = cmark_parse_document(md, len, RND_CMARK_OPTIONS);
    if (!doc)
        return rnd__fail(err, FC_RESOURCE_EXHAUSTED, "out of memory");
    rnd__display_t d;
    fc_status_t st = rnd__pdf_layout(text, doc, &d, err);
    if (st == FC_OK)
        st = draw(text, &d, meta, out, err);
    if (st == FC_OK)
        *pages = d.pages;
    rnd__display_free(&d);
    cmark_node_free(doc);
    return st;
}
