/* Mandatory sections: a final document with an empty one is refused with
 * the list of what is missing; a draft renders, marked UTKAST, and reports
 * the same list as warnings. The shipped templates mark every section
 * their rules require (VG §15). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdf_tools.h"
#include "sample_context.h"

static rnd_value_t *incomplete(void)
{
    rnd_value_t *ctx = sample_vg_local();
    rnd_value_t *empty = rnd_list_new();
    cr_assert_eq(rnd_map_set(ctx, "staff", &empty), FC_OK);
    rnd_value_t *co = (rnd_value_t *)rnd_value_find(ctx, "coordinator");
    cr_assert_eq(rnd_map_set_text(co, "name", ""), FC_OK);
    return ctx;
}

Test(mandatory, final_document_with_empty_sections_is_refused_listing_them)
{
    rnd_value_t *ctx = incomplete();
    rnd_meta_t meta = sample_vg_meta(1, false);
    rnd_document_t *doc = NULL;
    rnd_error_t err = RND_ERROR_INIT;
    for (int f = RND_FORMAT_MARKDOWN; f <= RND_FORMAT_PDF; f++) {
        cr_expect_eq(tool_render("vg-local.md", ctx, &meta, (rnd_format_t)f, &doc, &err),
                     FC_FAILED_PRECONDITION);
        cr_expect_null(doc);
        cr_assert_eq(err.missing_count, 2, "%s", err.message);
        cr_expect_not_null(strstr(err.missing[0], "Samordnare (vg-local.md:"), "%s", err.missing[0]);
        cr_expect_not_null(strstr(err.missing[0], "'coordinator.name' is empty"), "%s", err.missing[0]);
        cr_expect_not_null(strstr(err.missing[1], "Personalgrupp (vg-local.md:"), "%s", err.missing[1]);
        cr_expect_not_null(strstr(err.missing[1], "'staff' is empty"));
        cr_expect_not_null(strstr(err.message, "final document refused: 2 mandatory sections"),
                           "%s", err.message);
        rnd_error_reset(&err);
    }
    rnd_value_destroy(&ctx);
}

Test(mandatory, draft_renders_with_utkast_and_warnings)
{
    rnd_value_t *ctx = incomplete();
    rnd_meta_t meta = sample_vg_meta(1, true);
    rnd_document_t *doc = NULL;
    rnd_error_t err = RND_ERROR_INIT;
    cr_assert_eq(tool_render("vg-local.md", ctx, &meta, RND_FORMAT_PDF, &doc, &err), FC_OK,
                 "%s", err.message);
    cr_expect_eq(doc->warning_count, 2);
    cr_expect_not_null(strstr(doc->warnings[1], "Personalgrupp"));
    char *path = tool_write_temp(doc->bytes, doc->size, ".pdf");
    char *text = tool_pdf_text(path, 1);
    cr_expect_not_null(strstr(text, "UTKAST"));
    free(text);
    unlink(path);
    free(path);
    rnd_document_destroy(&doc);
    rnd_value_destroy(&ctx);
}

Test(mandatory, a_section_without_paths_needs_text)
{
    const char *src = "{{#mandatory \"Tvist\"}}\n{{#if x}}text{{/if}}\n{{/mandatory}}\n";
    rnd_template_t *t = NULL;
    rnd_error_t err = RND_ERROR_INIT;
    cr_assert_eq(rnd_template_parse(NULL, "m.md", src, strlen(src), &t, &err), FC_OK);
    rnd_value_t *ctx = rnd_map_new();
    rnd_map_set_text(ctx, "x", "");
    rnd_engine_t *e = NULL;
    rnd_document_t *doc = NULL;
    rnd_meta_t meta = {.title = "T", .version = 1, .date = {2025, 1, 1}};
    cr_assert_eq(rnd_engine_new(&e, &err), FC_OK);
    cr_expect_eq(rnd_render(e, t, ctx, &meta, RND_FORMAT_MARKDOWN, &doc, &err),
                 FC_FAILED_PRECONDITION);
    cr_assert_eq(err.missing_count, 1);
    cr_expect_str_eq(err.missing[0], "Tvist (m.md:1): the section has no text");
    rnd_error_reset(&err);
    rnd_map_set_text(ctx, "x", "ja");
    cr_expect_eq(rnd_render(e, t, ctx, &meta, RND_FORMAT_MARKDOWN, &doc, &err), FC_OK);
    rnd_document_destroy(&doc);
    rnd_engine_destroy(&e);
    rnd_value_destroy(&ctx);
    rnd_template_destroy(&t);
}

Test(mandatory, shipped_templates_mark_every_required_section)
{
    const struct { rnd_agreement_kind_t kind; rnd_rule_set_t rules; } cases[] = {
        {RND_AGREEMENT_LOCAL, RND_RULES_VG},
        {RND_AGREEMENT_USE_RIGHT, RND_RULES_VG},
        {RND_AGREEMENT_LOCAL, RND_RULES_OREBRO},
    };
    rnd_folder_t *f = NULL;
    rnd_error_t err = RND_ERROR_INIT;
    cr_assert_eq(rnd_folder_open(SAMPLE_TEMPLATE_DIR, &f, &err), FC_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rnd_template_choice_t c;
        cr_assert_eq(rnd_template_choose(cases[i].kind, cases[i].rules, &c, &err), FC_OK);
        rnd_template_t *t = NULL;
        cr_assert_eq(rnd_template_load(f, c.file, &t, &err), FC_OK, "%s", err.message);
        cr_expect_eq(rnd_template_require_sections(t, c.mandatory, c.mandatory_count, &err),
                     FC_OK, "%s", err.message);
        rnd_template_destroy(&t);
    }
    rnd_template_choice_t vg;
    rnd_template_choose(RND_AGREEMENT_LOCAL, RND_RULES_VG, &vg, &err);
    cr_expect_eq(vg.mandatory_count, 15, "VG §15 lists fifteen sections");
    /* A template that lacks one is refused, naming it. */
    const char *src = "{{#mandatory \"Avtalstid\"}}\nx\n{{/mandatory}}\n";
    rnd_template_t *t = NULL;
    cr_assert_eq(rnd_template_parse(NULL, "kort.md", src, strlen(src), &t, &err), FC_OK);
    cr_expect_eq(rnd_template_require_sections(t, vg.mandatory, vg.mandatory_count, &err),
                 FC_FAILED_PRECONDITION);
    cr_expect_eq(err.missing_count, 14);
    cr_expect_str_eq(err.missing[0], "Avtalsparter och placering");
    rnd_error_reset(&err);
    rnd_template_destroy(&t);
    rnd_folder_destroy(&f);
}

Test(mandatory, template_choice_follows_kind_and_rule_set)
{
    rnd_template_choice_t c;
    rnd_error_t err = RND_ERROR_INIT;
    cr_expect_eq(rnd_template_choose(RND_AGREEMENT_LOCAL, RND_RULES_VG, &c, &err), FC_OK);
    cr_expect_str_eq(c.file, "vg-local.md");
    cr_expect_eq(rnd_template_choose(RND_AGREEMENT_USE_RIGHT, RND_RULES_VG, &c, &err), FC_OK);
    cr_expect_str_eq(c.file, "vg-use-right.md");
    cr_expect_eq(rnd_template_choose(RND_AGREEMENT_LOCAL, RND_RULES_OREBRO, &c, &err), FC_OK);
    cr_expect_str_eq(c.file, "orebro-local.md");
    cr_expect_eq(rnd_template_choose(RND_AGREEMENT_USE_RIGHT, RND_RULES_OREBRO, &c, &err),
                 FC_NOT_FOUND);
    cr_expect_not_null(strstr(err.message, "Örebro"));
    cr_expect_eq(rnd_template_choose(RND_AGREEMENT_FRAMEWORK, RND_RULES_VG, &c, &err),
                 FC_NOT_FOUND);
    cr_expect_eq(rnd_template_choose(RND_AGREEMENT_LOCAL, RND_RULES_NATIONAL, &c, &err),
                 FC_NOT_FOUND);
    cr_expect_str_eq(err.message, "no template for a local agreement under the national rule set");
}
