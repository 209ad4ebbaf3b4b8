/* rnd_render: fill, check the mandatory sections, number the headings,
 * then produce the asked format and its SHA-256. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "buffer.h"
#include "engine.h"
#include "error.h"
#include "stages.h"
#include "template.h"

const char *rnd_format_media_type(rnd_format_t format)
{
    switch (format) {
    case RND_FORMAT_MARKDOWN: return "text/markdown; charset=utf-8";
    case RND_FORMAT_HTML: return "text/html; charset=utf-8";
    case RND_FORMAT_PDF: return "application/pdf";
    }
    return "application/octet-stream";
}

void rnd_document_destroy(rnd_document_t **doc_p)
{
    if (!doc_p || !*doc_p)
        return;
    rnd_document_t *d = *doc_p;
    for (size_t i = 0; i < d->warning_count; i++)
        free(d->warnings[i]);
    free(d->warnings);
    free(d->bytes);
    free(d);
    *doc_p = NULL;
}

static fc_status_t check_meta(const rnd_meta_t *meta, rnd_format_t format, rnd_error_t *err)
{
    if (!meta || !meta->title || !meta->title[0])
        return rnd__fail(err, FC_INVALID_ARGUMENT, "meta.title: required");
    if (!g_utf8_validate(meta->title, -1, NULL) ||
        (meta->case_number && !g_utf8_validate(meta->case_number, -1, NULL)))
        return rnd__fail(err, FC_INVALID_ARGUMENT, "meta: title and case number must be UTF-8");
    if (!fc_date_valid(meta->date))
        return rnd__fail(err, FC_INVALID_ARGUMENT, "meta.date: not a valid date");
    if (meta->version == 0)
        return rnd__fail(err, FC_INVALID_ARGUMENT, "meta.version: versions start at 1");
    if (format != RND_FORMAT_MARKDOWN && format != RND_FORMAT_HTML && format != RND_FORMAT_PDF)
        return rnd__fail(err, FC_INVALID_ARGUMENT, "unknown format %d", (int)format);
    return FC_OK;
}

/* A final document is refused while a mandatory section is empty. */
static fc_status_t refuse_incomplete(rnd__fill_report_t *report, rnd_error_t *err)
{
    for (size_t i = 0; i < report->missing_count; i++)
        if (!rnd__error_add_missing(err, report->missing[i]))
            return rnd__fail(err, FC_RESOURCE_EXHAUSTED, "out of memory");
    return rnd__fail(err, FC_FAILED_PRECONDITION,
                     "final document refused: %zu mandatory section%s without content (VG "
                     "§15): %s%s",
                     report->missing_count, report->missing_count == 1 ? "" : "s",
                     report->missing[0], report->missing_count > 1 ? "; ..." : "");
}

static fc_status_t produce(rnd_engine_t *engine, const char *md, size_t len,
                           const rnd_meta_t *meta, rnd_format_t format, rnd__buf_t *out,
                           unsigned *pages, rnd_error_t *err)
{
    switch (format) {
    case RND_FORMAT_MARKDOWN:
        return rnd__buf_put(out, md, len) ? FC_OK
                                          : rnd__fail(err, FC_RESOURCE_EXHAUSTED,
                                                      "the document exceeds the output limit");
    case RND_FORMAT_HTML:
        return rnd__html_render(md, len, meta, out, err);
    case RND_FORMAT_PDF:
        return rnd__pdf_render(&engine->pdf, md, len, meta, out, pages, err);
    }
    return rnd__fail(err, FC_INVALID_ARGUMENT, "unknown format");
}

fc_status_t rnd_render(rnd_engine_t *engine, const rnd_template_t *t,
                       const rnd_value_t *ctx, const rnd_meta_t *meta,
                       rnd_format_t format, rnd_document_t **out, rnd_error_t *err)
{
    *out = NULL;
    fc_status_t st = check_meta(meta, format, err);
    if (st != FC_OK)
        return st;
    rnd_meta_t m = *meta;
    if (!m.case_number)
        m.case_number = "";
    size_t limit = m.max_output ? m.max_output : RND_DEFAULT_MAX_OUTPUT;
    rnd__buf_t filled, numbered, bytes;
    rnd__buf_init(&filled, limit);
    rnd__buf_init(&numbered, limit);
    rnd__buf_init(&bytes, limit);
    rnd__fill_report_t report;
    unsigned pages = 0;
    st = rnd__fill(t, ctx, &filled, &report, err);
    if (st != FC_OK)
        goto done;
    if (!m.draft && report.missing_count) {
        st = refuse_incomplete(&report, err);
        goto done;
    }
    st = rnd__number_headings(filled.data ? filled.data : "", filled.len, &numbered, err);
    if (st == FC_OK)
        st = produce(engine, numbered.data, numbered.len, &m, format, &bytes, &pages, err);
    if (st != FC_OK)
        goto done;
    rnd_document_t *doc = calloc(1, sizeof *doc);
    if (!doc) {
        st = rnd__fail(err, FC_RESOURCE_EXHAUSTED, "out of memory");
        goto done;
    }
    doc->format = format;
    doc->bytes = (unsigned char *)rnd__buf_take(&bytes, &doc->size);
    doc->pages = pages;
    doc->warnings = report.missing;
    doc->warning_count = report.missing_count;
    memset(&report, 0, sizeof report);
    if (!doc->bytes) {
        rnd_document_destroy(&doc);
        st = rnd__fail(err, FC_RESOURCE_EXHAUSTED, "out of memory");
        goto done;
    }
    rnd_sha256_hex(doc->bytes, doc->size, doc->sha256);
    *out = doc;
done:
    rnd__fill_report_free(&report);
    rnd__buf_free(&filled);
    rnd__buf_free(&numbered);
    rnd__buf_free(&bytes);
    return st;
}
