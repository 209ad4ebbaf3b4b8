/* fcavtal render, list and verify on the real services: the file written
 * is the stored rendering, byte for byte; verify accepts it and catches a
 * changed byte; refusals and bad arguments give the documented exit codes
 * (1 refused, 2 usage). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fcavtal/render.h"
#include "pdf_tools.h"
#include "render_service.h"

static rs_t S;
static char dir[64];

static void setup(void)
{
    cr_assert_eq(rs_start(&S, true, NULL), 0);
    snprintf(dir, sizeof dir, "/tmp/fcavtal-render-cli-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    (void)system(cmd);
    rs_cleanup(&S);
}

TestSuite(cli, .init = setup, .fini = teardown);

/* Runs `fcavtal <args>` against both services; stdout and stderr (owned). */
static char *cli(const char *args, int *status)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "cd '%s' && FCAVTAL_RENDER=%s %s --endpoint %s %s", dir,
             S.svc.h.endpoint, FC_CLI_BIN, S.reg.h.endpoint, args);
    return tool_run(cmd, true, status);
}

static uint8_t *slurp(const char *name, size_t *size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s was written", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    uint8_t *data = malloc((size_t)n + 1);
    *size = fread(data, 1, (size_t)n, f);
    fclose(f);
    return data;
}

Test(cli, writes_the_stored_rendering_and_verifies_it)
{
    uint64_t id = rs_agreement(&S, "N167-0412/23");
    char args[256];
    int status;
    snprintf(args, sizeof args, "render %llu --format pdf -o angered.pdf", (unsigned long long)id);
    char *out = cli(args, &status);
    cr_assert_eq(status, 0, "%s", out);
    cr_assert(strstr(out, "angered.pdf: agreement"), "%s", out);
    free(out);
    size_t size;
    uint8_t *file = slurp("angered.pdf", &size);
    rs_rep_t *stored = rs_list(&S, id, 0, RS_PDF);
    cr_assert_eq(stored->renderings->n_items, 1);
    char hex[65];
    rnd_sha256_hex(file, size, hex);
    cr_assert_str_eq(hex, stored->renderings->items[0]->sha256, "the file is the stored bytes");
    char part[512];
    snprintf(part, sizeof part, "%s/angered.pdf.part", dir);
    cr_assert_eq(access(part, F_OK), -1, "no partial file is left");

    snprintf(args, sizeof args, "render list %llu", (unsigned long long)id);
    out = cli(args, &status);
    cr_assert_eq(status, 0, "%s", out);
    cr_assert(strstr(out, hex), "the list shows the SHA-256: %s", out);
    free(out);

    snprintf(args, sizeof args, "render verify %llu angered.pdf", (unsigned long long)id);
    out = cli(args, &status);
    cr_assert_eq(status, 0, "%s", out);
    cr_assert(strstr(out, "matches rendering"), "%s", out);
    free(out);

    file[size - 10] ^= 0x20;
    char path[512];
    snprintf(path, sizeof path, "%s/changed.pdf", dir);
    FILE *f = fopen(path, "wb");
    fwrite(file, 1, size, f);
    fclose(f);
    snprintf(args, sizeof args, "render verify %llu changed.pdf", (unsigned long long)id);
    out = cli(args, &status);
    cr_assert_eq(status, 1, "a changed file fails: %s", out);
    cr_assert(strstr(out, "does NOT match"), "%s", out);
    free(out);
    free(file);
    tc_free((ProtobufCMessage *)stored);
}

Test(cli, refusals_and_usage_errors_have_their_exit_codes)
{
    int status;
    char *out = cli("render 999 --format pdf -o x.pdf", &status);
    cr_expect_eq(status, 1, "%s", out);
    cr_expect(strstr(out, "NOT_FOUND: the registry has no agreement 999"), "%s", out);
    free(out);
    out = cli("render 3 --format docx", &status);
    cr_expect_eq(status, 2, "%s", out);
    cr_expect(strstr(out, "--format is pdf, html or md"), "%s", out);
    free(out);
    char args[128];
    snprintf(args, sizeof args, "render %llu --format md",
             (unsigned long long)rs_agreement(&S, "15RS0877"));
    out = cli(args, &status);
    cr_expect_eq(status, 1, "%s", out);
    cr_expect(strstr(out, "FAILED_PRECONDITION"), "%s", out);
    cr_expect(strstr(out, "Utgångspunkter (orebro-local.md:"), "%s", out);
    free(out);
    char path[128];
    snprintf(path, sizeof path, "%s/x.pdf", dir);
    cr_expect_eq(access(path, F_OK), -1, "nothing written for a refusal");
}

Test(cli, finds_the_service_by_flag_and_says_how_far_it_has_come)
{
    char cmd[1024];
    int status;
    /* --render wins over an environment that points nowhere. */
    snprintf(cmd, sizeof cmd, "FCAVTAL_RENDER=tcp://127.0.0.1:1 %s --endpoint %s --render %s "
             "render status", FC_CLI_BIN, S.reg.h.endpoint, S.svc.h.endpoint);
    char *out = tool_run(cmd, true, &status);
    cr_expect_eq(status, 0, "%s", out);
    cr_expect(strstr(out, ", live;"), "%s", out);
    cr_expect(strstr(out, "0 versions waiting to be rendered"), "%s", out);
    free(out);
    snprintf(cmd, sizeof cmd, "%s --endpoint %s --render %s --json render list %llu", FC_CLI_BIN,
             S.reg.h.endpoint, S.svc.h.endpoint,
             (unsigned long long)rs_agreement(&S, "19RS0153"));
    out = tool_run(cmd, true, &status);
    cr_expect_eq(status, 0, "%s", out);
    cr_expect(strstr(out, "\"template_name\": \"orebro-local.md\""), "the automatic PDF: %s", out);
    free(out);
}
