/* Templates are read only from beneath their folder: includes work there,
 * and "..", absolute names and symbolic links that lead out are refused. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fcavtal/render.h"

static char root[64], folder_path[96], outside[128];

static void put(const char *dir, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

static void setup(void)
{
    snprintf(root, sizeof root, "/tmp/fcavtal-tpl-XXXXXX");
    cr_assert_not_null(mkdtemp(root));
    snprintf(folder_path, sizeof folder_path, "%s/templates", root);
    cr_assert_eq(mkdir(folder_path, 0700), 0);
    char sub[160];
    snprintf(sub, sizeof sub, "%s/delar", folder_path);
    cr_assert_eq(mkdir(sub, 0700), 0);
    snprintf(outside, sizeof outside, "%s/hemlig.md", root);
    put(root, "hemlig.md", "HEMLIGT\n");
    put(folder_path, "main.md", "Början\n{{> delar/part.md}}\nSlut\n");
    put(sub, "part.md", "Del {{name}}\n");
    put(folder_path, "up.md", "{{> ../hemlig.md}}\n");
    put(folder_path, "abs.md", "x\n{{> /etc/passwd}}\n");
    put(folder_path, "self.md", "{{> self.md}}\n");
    put(folder_path, "broken.md", "rad 1\n{{#if name}}\n");
    put(folder_path, "uses-broken.md", "a\n{{> broken.md}}\n{{/if}}\n");
    char link[200];
    snprintf(link, sizeof link, "%s/lank.md", folder_path);
    cr_assert_eq(symlink(outside, link), 0);
    put(folder_path, "via-link.md", "{{> lank.md}}\n");
    snprintf(link, sizeof link, "%s/inne.md", folder_path);
    cr_assert_eq(symlink("delar/part.md", link), 0);
}

static void teardown(void)
{
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    cr_expect_eq(system(cmd), 0);
}

TestSuite(folder, .init = setup, .fini = teardown);

static fc_status_t load(const char *name, rnd_template_t **t, rnd_error_t *err)
{
    rnd_folder_t *f = NULL;
    fc_status_t st = rnd_folder_open(folder_path, &f, err);
    if (st == FC_OK)
        st = rnd_template_load(f, name, t, err);
    rnd_folder_destroy(&f);
    cr_expect_null(f);
    return st;
}

Test(folder, includes_are_read_from_the_folder)
{
    rnd_template_t *t = NULL;
    rnd_error_t err = RND_ERROR_INIT;
    cr_assert_eq(load("main.md", &t, &err), FC_OK, "%s", err.message);
    rnd_value_t *ctx = rnd_map_new();
    rnd_map_set_text(ctx, "name", "ett");
    rnd_engine_t *e = NULL;
    rnd_document_t *doc = NULL;
    rnd_meta_t meta = {.title = "T", .version = 1, .date = {2025, 1, 1}};
    cr_assert_eq(rnd_engine_new(&e, &err), FC_OK);
    cr_assert_eq(rnd_render(e, t, ctx, &meta, RND_FORMAT_MARKDOWN, &doc, &err), FC_OK, "%s",
                 err.message);
    cr_expect_eq(doc->size, strlen("Början\nDel ett\nSlut\n"));
    cr_expect_eq(memcmp(doc->bytes, "Början\nDel ett\nSlut\n", doc->size), 0);
    cr_expect_eq(strlen(rnd_template_sha256(t)), 64);
    rnd_document_destroy(&doc);
    rnd_engine_destroy(&e);
    rnd_value_destroy(&ctx);
    rnd_template_destroy(&t);
}

Test(folder, a_symlink_that_stays_inside_is_followed)
{
    rnd_template_t *t = NULL;
    rnd_error_t err = RND_ERROR_INIT;
    cr_expect_eq(load("inne.md", &t, &err), FC_OK, "%s", err.message);
    rnd_template_destroy(&t);
}

Test(folder, dotdot_is_refused)
{
    rnd_template_t *t = NULL;
    rnd_error_t err = RND_ERROR_INIT;
    cr_expect_eq(load("up.md", &t, &err), FC_PERMISSION_DENIED);
    cr_expect_null(t);
    cr_expect_str_eq(err.message, "up.md:1: template '../hemlig.md' refused: '..' leads "
                                  "outside the template folder");
    rnd_error_reset(&err);
    cr_expect_eq(load("../hemlig.md", &t, &err), FC_PERMISSION_DENIED);
    cr_expect_null(t);
}

Test(folder, absolute_names_are_refused)
{
    rnd_template_t *t = NULL;
    rnd_error_t err = RND_ERROR_INIT;
    cr_expect_eq(load("abs.md", &t, &err), FC_PERMISSION_DENIED);
    cr_expect_str_eq(err.message,
                     "abs.md:2: template '/etc/passwd' refused: absolute names are refused");
    rnd_error_reset(&err);
    cr_expect_eq(load(outside, &t, &err), FC_PERMISSION_DENIED);
    cr_expect_null(t);
}

Test(folder, symlinks_out_of_the_folder_are_refused)
{
    rnd_template_t *t = NULL;
    rnd_error_t err = RND_ERROR_INIT;
    cr_expect_eq(load("via-link.md", &t, &err), FC_PERMISSION_DENIED);
    cr_expect_not_null(strstr(err.message, "via-link.md:1: template 'lank.md' refused"), "%s",
                       err.message);
    rnd_error_reset(&err);
    cr_expect_eq(load("lank.md", &t, &err), FC_PERMISSION_DENIED, "%s", err.message);
    cr_expect_null(t);
}

Test(folder, include_cycles_and_unbalanced_includes_are_errors)
{
    rnd_template_t *t = NULL;
    rnd_error_t err = RND_ERROR_INIT;
    cr_expect_eq(load("self.md", &t, &err), FC_INVALID_ARGUMENT);
    cr_expect_str_eq(err.message, "self.md:1: include 'self.md' includes itself");
    rnd_error_reset(&err);
    cr_expect_eq(load("uses-broken.md", &t, &err), FC_INVALID_ARGUMENT);
    cr_expect_str_eq(err.message, "broken.md:3: unclosed {{#if name}} opened at line 2");
    rnd_error_reset(&err);
    cr_expect_eq(load("saknas.md", &t, &err), FC_NOT_FOUND);
    rnd_error_reset(&err);
    const char *src = "{{> part.md}}\n";
    cr_expect_eq(rnd_template_parse(NULL, "mem.md", src, strlen(src), &t, &err),
                 FC_PERMISSION_DENIED);
    cr_expect_null(t);
}
