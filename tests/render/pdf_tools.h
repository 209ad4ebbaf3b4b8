/* Helpers for the render tests: render the samples, and read a PDF back
 * with the tools an archivist would use (pdftotext, pdfinfo, qpdf). */
#ifndef PDF_TOOLS_H
#define PDF_TOOLS_H

#include <stdbool.h>
#include <stddef.h>

#include "fcavtal/render.h"

/* Runs a shell command; returns its standard output (owned) and sets
 * *status to its exit status. stderr is appended when with_stderr. */
char *tool_run(const char *cmd, bool with_stderr, int *status);
/* Writes bytes to a new temporary file; returns its path (owned). */
char *tool_write_temp(const void *bytes, size_t size, const char *suffix);
/* pdftotext of one page (1-based), or of all pages with page 0. */
char *tool_pdf_text(const char *path, int page);
/* The first needle that is missing from text, or that comes before the one
 * before it; NULL when all appear in order. */
const char *tool_first_out_of_order(const char *text, const char *const *needles, size_t n);

/* Renders `name` from the shipped template folder; FC_OK and *doc. */
fc_status_t tool_render(const char *name, const rnd_value_t *ctx, const rnd_meta_t *meta,
                        rnd_format_t format, rnd_document_t **doc, rnd_error_t *err);

#endif
