/* The PDF's outline (bookmarks) has one entry per heading, whatever the
 * heading holds: an empty one, one whose only placeholder is empty, a long
 * one. The fuzzer found an empty heading read past its buffer
 * (tests/fuzz/fuzz_render_template.c). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdf_tools.h"
#include "sample_context.h"

static rnd_document_t *pdf_of(const char *text)
{
    rnd_engine_t *engine = NULL;
    rnd_template_t *t = NULL;
    rnd_error_t err = RND_ERROR_INIT;
    cr_assert_eq(rnd_engine_new(&engine, &err), FC_OK, "%s", err.message);
    cr_assert_eq(rnd_template_parse(NULL, "outline.md", text, strlen(text), &t, &err), FC_OK,
                 "%s", err.message);
    rnd_value_t *ctx = sample_vg_local();
    rnd_meta_t meta = sample_vg_meta(1, true);
    rnd_document_t *doc = NULL;
    cr_assert_eq(rnd_render(engine, t, ctx, &meta, RND_FORMAT_PDF, &doc, &err), FC_OK, "%s",
                 err.message);
    rnd_value_destroy(&ctx);
    rnd_template_destroy(&t);
    rnd_engine_destroy(&engine);
    return doc;
}

static void expect_valid(rnd_document_t *doc, const char *needle)
{
    char *path = tool_write_temp(doc->bytes, doc->size, ".pdf");
    char cmd[600];
    snprintf(cmd, sizeof cmd, "qpdf --check '%s'", path);
    int status = 0;
    free(tool_run(cmd, true, &status));
    cr_expect_eq(status, 0, "qpdf --check failed");
    char *text = tool_pdf_text(path, 0);
    cr_expect(strstr(text, needle), "%s", text);
    free(text);
    unlink(path);
    free(path);
}

Test(pdf_outline, an_empty_heading_renders)
{
    rnd_document_t *doc = pdf_of("#\n\nText under an empty heading.\n\n##\n\nMore text.\n");
    expect_valid(doc, "Text under an empty heading.");
    rnd_document_destroy(&doc);
}

Test(pdf_outline, a_heading_whose_placeholder_is_empty_renders)
{
    rnd_document_t *doc = pdf_of("# {{fire_safety.representative}}\n\nBrandskydd.\n");
    expect_valid(doc, "Brandskydd.");
    rnd_document_destroy(&doc);
}

Test(pdf_outline, a_long_heading_renders)
{
    char text[4200] = "# ";
    for (int i = 0; i < 250; i++)   /* 3 500 bytes: past the outline buffer */
        strcat(text, "Rubrik åäö ");
    strcat(text, "\n\nSlut.\n");
    rnd_document_t *doc = pdf_of(text);
    expect_valid(doc, "Slut.");
    rnd_document_destroy(&doc);
}
