/* The placeholder language: values (escaped for Markdown), conditions,
 * repeated blocks, loop variables, comments, standalone block lines, and
 * errors that name the file and line. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/render.h"

static rnd_value_t *context(void)
{
    rnd_value_t *ctx = rnd_map_new();
    rnd_value_t *centre = rnd_map_add_map(ctx, "centre");
    rnd_map_set_text(centre, "name", "Familjecentralen Hjällbo");
    rnd_map_set_text(rnd_map_add_map(centre, "address"), "street", "Hjällbo torg 5");
    rnd_map_set_text(ctx, "empty", "  ");
    rnd_map_add_list(ctx, "none");
    rnd_value_t *parties = rnd_map_add_list(ctx, "parties");
    const char *names[3] = {"BVC", "BMM", "Öppen förskola"};
    for (int i = 0; i < 3; i++)
        rnd_map_set_text(rnd_list_add_map(parties), "name", names[i]);
    rnd_map_set_text(ctx, "tricky", "*fet* _kursiv_ <b>html</b> [länk](x) & `kod` # 1. \\ {-}");
    rnd_map_set_text(ctx, "listlike", "1. inte en lista");
    rnd_map_set_text(ctx, "multiline", "rad ett\nrad två\r\n\n# rubrik");
    return ctx;
}

/* Renders src as Markdown; returns the text (owned) or NULL with err set. */
static char *fill(const char *src, rnd_error_t *err)
{
    rnd_template_t *t = NULL;
    if (rnd_template_parse(NULL, "t.md", src, strlen(src), &t, err) != FC_OK)
        return NULL;
    rnd_value_t *ctx = context();
    rnd_engine_t *engine = NULL;
    rnd_document_t *doc = NULL;
    rnd_meta_t meta = {.title = "T", .version = 1, .date = {2025, 1, 1}};
    char *out = NULL;
    if (rnd_engine_new(&engine, err) == FC_OK &&
        rnd_render(engine, t, ctx, &meta, RND_FORMAT_MARKDOWN, &doc, err) == FC_OK) {
        out = strndup((const char *)doc->bytes, doc->size);
    }
    rnd_document_destroy(&doc);
    rnd_engine_destroy(&engine);
    rnd_value_destroy(&ctx);
    rnd_template_destroy(&t);
    return out;
}

static void expect_fill(const char *src, const char *want)
{
    rnd_error_t err = RND_ERROR_INIT;
    char *got = fill(src, &err);
    cr_assert_not_null(got, "%s", err.message);
    cr_expect_str_eq(got, want);
    free(got);
    rnd_error_reset(&err);
}

static void expect_error(const char *src, fc_status_t code, const char *message)
{
    rnd_error_t err = RND_ERROR_INIT;
    char *got = fill(src, &err);
    cr_expect_null(got, "rendered although it should fail: %s", got);
    free(got);
    cr_expect_eq(err.code, code, "code %d: %s", err.code, err.message);
    cr_expect_str_eq(err.message, message);
    rnd_error_reset(&err);
}

Test(syntax, values_resolve_by_path)
{
    expect_fill("Välkommen till {{centre.name}}, {{ centre.address.street }}.\n",
                "Välkommen till Familjecentralen Hjällbo, Hjällbo torg 5.\n");
}

Test(syntax, values_are_escaped_for_markdown)
{
    expect_fill("{{tricky}}\n",
                "\\*fet\\* \\_kursiv\\_ \\<b\\>html\\</b\\> \\[länk\\](x) \\& \\`kod\\` \\# 1. \\\\ \\{-}\n");
    expect_fill("- {{listlike}}\n", "- 1\\. inte en lista\n");
    expect_fill("{{multiline}}\n", "rad ett rad två \\# rubrik\n");
}

Test(syntax, escaped_values_reach_html_as_text)
{
    rnd_error_t err = RND_ERROR_INIT;
    rnd_template_t *t = NULL;
    const char *src = "# Titel\n\n{{tricky}}\n";
    cr_assert_eq(rnd_template_parse(NULL, "t.md", src, strlen(src), &t, &err), FC_OK);
    rnd_value_t *ctx = context();
    rnd_engine_t *engine = NULL;
    rnd_document_t *doc = NULL;
    rnd_meta_t meta = {.title = "T", .version = 1, .date = {2025, 1, 1}};
    cr_assert_eq(rnd_engine_new(&engine, &err), FC_OK);
    cr_assert_eq(rnd_render(engine, t, ctx, &meta, RND_FORMAT_HTML, &doc, &err), FC_OK);
    char *html = strndup((const char *)doc->bytes, doc->size);
    cr_expect_not_null(strstr(html, "<p>*fet* _kursiv_ &lt;b&gt;html&lt;/b&gt; [länk](x) &amp; `kod` # 1. \\ {-}</p>"), "%s", html);
    cr_expect_null(strstr(html, "<b>html"));
    free(html);
    rnd_document_destroy(&doc);
    rnd_engine_destroy(&engine);
    rnd_value_destroy(&ctx);
    rnd_template_destroy(&t);
}

Test(syntax, conditions_choose_a_branch)
{
    expect_fill("{{#if centre.name}}ja{{else}}nej{{/if}} {{#if empty}}ja{{else}}nej{{/if}} "
                "{{#if none}}ja{{else}}nej{{/if}} {{#if parties}}ja{{/if}}\n",
                "ja nej nej ja\n");
}

Test(syntax, each_repeats_with_loop_variables_and_outer_names)
{
    expect_fill("{{#each parties}}{{@number}}:{{name}}@{{centre.name}}{{#if @last}}.{{else}}, {{/if}}{{/each}}\n",
                "1:BVC@Familjecentralen Hjällbo, 2:BMM@Familjecentralen Hjällbo, "
                "3:Öppen förskola@Familjecentralen Hjällbo.\n");
    expect_fill("{{parties.@count}} parter, {{none.@count}} tomma\n", "3 parter, 0 tomma\n");
}

Test(syntax, block_tags_alone_on_a_line_leave_no_line)
{
    expect_fill("Parter:\n\n{{#each parties}}\n- {{name}}\n{{/each}}\n\nSlut\n",
                "Parter:\n\n- BVC\n- BMM\n- Öppen förskola\n\nSlut\n");
    expect_fill("A\n  {{! en kommentar\n  över två rader }}  \nB\n", "A\nB\n");
}

Test(syntax, unknown_placeholder_names_file_and_line)
{
    expect_error("# Rubrik\n\nAdress: {{centre.adress}}\n", FC_INVALID_ARGUMENT,
                 "t.md:3: unknown placeholder 'centre.adress'");
    expect_error("{{#each parties}}\n{{nmae}}\n{{/each}}\n", FC_INVALID_ARGUMENT,
                 "t.md:2: unknown placeholder 'nmae'");
}

Test(syntax, unbalanced_blocks_name_where_they_opened)
{
    expect_error("a\n{{#each parties}}\nb\n", FC_INVALID_ARGUMENT,
                 "t.md:4: unclosed {{#each parties}} opened at line 2");
    expect_error("{{#if x}}\n{{/each}}\n", FC_INVALID_ARGUMENT,
                 "t.md:2: {{/each}} closes {{#if x}} opened at line 1");
    expect_error("\n{{/if}}\n", FC_INVALID_ARGUMENT, "t.md:2: {{/if}} without an open block");
    expect_error("{{else}}\n", FC_INVALID_ARGUMENT, "t.md:1: {{else}} outside {{#if}}");
    expect_error("x\n{{centre.name\n}}\n", FC_INVALID_ARGUMENT,
                 "t.md:2: '{{' not closed by '}}' on the same line");
    expect_error("{{#unless x}}{{/unless}}\n", FC_INVALID_ARGUMENT,
                 "t.md:1: unknown block '{{#unless x}}'");
    expect_error("{{centre..name}}\n", FC_INVALID_ARGUMENT,
                 "t.md:1: placeholder '{{centre..name}}': empty or malformed path part");
}

Test(syntax, wrong_kinds_of_value_are_errors)
{
    expect_error("{{parties}}\n", FC_INVALID_ARGUMENT, "t.md:1: 'parties' is a list, not text");
    expect_error("{{#each centre.name}}x{{/each}}\n", FC_INVALID_ARGUMENT,
                 "t.md:1: {{#each centre.name}}: not a list");
    expect_error("{{@index}}\n", FC_INVALID_ARGUMENT, "t.md:1: '@index' outside {{#each}}");
}

Test(syntax, output_is_bounded)
{
    rnd_error_t err = RND_ERROR_INIT;
    rnd_template_t *t = NULL;
    const char *src = "{{#each parties}}{{#each parties}}{{#each parties}}0123456789"
                      "{{/each}}{{/each}}{{/each}}\n";
    cr_assert_eq(rnd_template_parse(NULL, "big.md", src, strlen(src), &t, &err), FC_OK);
    rnd_value_t *ctx = context();
    rnd_engine_t *engine = NULL;
    rnd_document_t *doc = NULL;
    rnd_meta_t meta = {.title = "T", .version = 1, .date = {2025, 1, 1}, .max_output = 200};
    cr_assert_eq(rnd_engine_new(&engine, &err), FC_OK);
    cr_expect_eq(rnd_render(engine, t, ctx, &meta, RND_FORMAT_MARKDOWN, &doc, &err),
                 FC_RESOURCE_EXHAUSTED);
    cr_expect_null(doc);
    cr_expect_str_eq(err.message,
                     "big.md:1: the filled document exceeds the output limit of 200 bytes");
    rnd_error_reset(&err);
    meta.max_output = 400; /* 27 x 10 bytes fit */
    cr_expect_eq(rnd_render(engine, t, ctx, &meta, RND_FORMAT_MARKDOWN, &doc, &err), FC_OK,
                 "%s", err.message);
    rnd_document_destroy(&doc);
    rnd_engine_destroy(&engine);
    rnd_value_destroy(&ctx);
    rnd_template_destroy(&t);
}
