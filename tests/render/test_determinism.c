#define _GNU_SOURCE
/* The same input renders to the same bytes, in every format; a different
 * version or date gives different bytes; the SHA-256 matches the bytes and
 * verification finds a changed byte. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdf_tools.h"
#include "sample_context.h"

static rnd_document_t *render(rnd_format_t format, rnd_meta_t meta)
{
    rnd_value_t *ctx = sample_vg_local();
    rnd_document_t *doc = NULL;
    rnd_error_t err = RND_ERROR_INIT;
    cr_assert_eq(tool_render("vg-local.md", ctx, &meta, format, &doc, &err), FC_OK, "%s",
                 err.message);
    rnd_value_destroy(&ctx);
    return doc;
}

static bool same(const rnd_document_t *a, const rnd_document_t *b)
{
    return a->size == b->size && memcmp(a->bytes, b->bytes, a->size) == 0;
}

Test(determinism, same_input_same_bytes_in_every_format)
{
    for (int f = RND_FORMAT_MARKDOWN; f <= RND_FORMAT_PDF; f++) {
        rnd_document_t *a = render((rnd_format_t)f, sample_vg_meta(1, false));
        sleep(f == RND_FORMAT_PDF ? 1 : 0); /* a clock in the output would show */
        rnd_document_t *b = render((rnd_format_t)f, sample_vg_meta(1, false));
        cr_expect(same(a, b), "format %d differs between two renderings", f);
        cr_expect_str_eq(a->sha256, b->sha256);
        rnd_document_destroy(&a);
        rnd_document_destroy(&b);
    }
}

Test(determinism, version_and_date_change_the_bytes)
{
    rnd_document_t *v1 = render(RND_FORMAT_PDF, sample_vg_meta(1, false));
    rnd_document_t *v2 = render(RND_FORMAT_PDF, sample_vg_meta(2, false));
    rnd_meta_t later = sample_vg_meta(1, false);
    later.date.day = 21;
    rnd_document_t *d2 = render(RND_FORMAT_PDF, later);
    cr_expect_not(same(v1, v2));
    cr_expect_str_neq(v1->sha256, v2->sha256);
    cr_expect_not(same(v1, d2));
    /* The dates in the PDF are the version's, never the clock's (cairo 1.16
     * writes them without the "D:" prefix; docs/render.md). */
    cr_expect_not_null(memmem(v1->bytes, v1->size, "/CreationDate (20250120000000Z)", 31));
    cr_expect_not_null(memmem(v1->bytes, v1->size, "/ModDate (20250120000000Z)", 26));
    cr_expect_not_null(memmem(d2->bytes, d2->size, "/CreationDate (20250121000000Z)", 31));
    rnd_document_destroy(&v1);
    rnd_document_destroy(&v2);
    rnd_document_destroy(&d2);
}

Test(determinism, sha256_matches_the_bytes)
{
    rnd_document_t *doc = render(RND_FORMAT_PDF, sample_vg_meta(1, false));
    char *path = tool_write_temp(doc->bytes, doc->size, ".pdf");
    char cmd[256];
    snprintf(cmd, sizeof cmd, "sha256sum '%s'", path);
    char *out = tool_run(cmd, false, NULL);
    cr_expect_eq(strncmp(out, doc->sha256, 64), 0, "%s vs %s", out, doc->sha256);
    cr_expect(rnd_sha256_verify(doc->bytes, doc->size, doc->sha256));
    char upper[65];
    for (int i = 0; i < 65; i++)
        upper[i] = (char)(doc->sha256[i] >= 'a' && doc->sha256[i] <= 'f' ? doc->sha256[i] - 32
                                                                        : doc->sha256[i]);
    cr_expect(rnd_sha256_verify(doc->bytes, doc->size, upper));
    doc->bytes[doc->size / 2] ^= 1;
    cr_expect_not(rnd_sha256_verify(doc->bytes, doc->size, doc->sha256));
    cr_expect_not(rnd_sha256_verify(doc->bytes, doc->size, "abc"));
    unlink(path);
    free(path);
    free(out);
    rnd_document_destroy(&doc);
}
