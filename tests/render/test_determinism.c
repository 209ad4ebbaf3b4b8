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

/* One engine renders many documents and keeps their laid-out text: what it
 * kept must never change a later document. Each document from the shared
 * engine equals the same document from a fresh one, whatever came before. */
Test(determinism, a_shared_engine_gives_the_bytes_of_a_fresh_one)
{
    rnd_error_t err = RND_ERROR_INIT;
    rnd_engine_t *engine = NULL;
    rnd_folder_t *folder = NULL;
    rnd_template_t *local = NULL, *use_right = NULL;
    cr_assert_eq(rnd_engine_new(&engine, &err), FC_OK, "%s", err.message);
    cr_assert_eq(rnd_folder_open(SAMPLE_TEMPLATE_DIR, &folder, &err), FC_OK, "%s", err.message);
    cr_assert_eq(rnd_template_load(folder, "vg-local.md", &local, &err), FC_OK);
    cr_assert_eq(rnd_template_load(folder, "vg-use-right.md", &use_right, &err), FC_OK);
    rnd_value_t *lc = sample_vg_local(), *uc = sample_vg_use_right();
    rnd_meta_t final = sample_vg_meta(1, false), draft = sample_vg_meta(2, true);
    struct { const rnd_template_t *t; const rnd_value_t *ctx; const rnd_meta_t *meta;
             const char *name; } order[] = {
        { local, lc, &final, "vg-local.md" }, { use_right, uc, &draft, "vg-use-right.md" },
        { local, lc, &draft, "vg-local.md" }, { local, lc, &final, "vg-local.md" },
        { use_right, uc, &final, "vg-use-right.md" },
    };
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        rnd_document_t *shared = NULL, *fresh = NULL;
        cr_assert_eq(rnd_render(engine, order[i].t, order[i].ctx, order[i].meta, RND_FORMAT_PDF,
                                &shared, &err), FC_OK, "%s", err.message);
        cr_assert_eq(tool_render(order[i].name, order[i].ctx, order[i].meta, RND_FORMAT_PDF,
                                 &fresh, &err), FC_OK, "%s", err.message);
        cr_expect(same(shared, fresh), "document %zu differs on a shared engine", i);
        rnd_document_destroy(&shared);
        rnd_document_destroy(&fresh);
    }
    rnd_value_destroy(&lc);
    rnd_value_destroy(&uc);
    rnd_template_destroy(&local);
    rnd_template_destroy(&use_right);
    rnd_folder_destroy(&folder);
    rnd_engine_destroy(&engine);
    rnd_error_reset(&err);
}
