/* Integration tests of the fcavtal command: a real registry, the real binary,
 * exit codes and output as a user or a script sees them. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <jansson.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "service_harness.h"

extern char **environ;

#define SAMPLE FC_SOURCE_DIR "/deploy/sample/sample.json"
#define MAX_ARGS 48

static fc_harness_t reg;

static void j_decref(json_t *j)
{
    json_decref(j);
}

static const char *j_str(const json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s ? s : "";
}

typedef struct {
    int status;  /* exit code, or -1 when killed by a signal */
    char *out;
    char *err;
} run_t;

static void start_registry(void)
{
    memset(&reg, 0, sizeof reg);
    /* A fixed date: classifications and derived statuses do not drift. */
    const char *const args[] = {"--today", "2025-06-01", NULL};
    cr_assert_eq(fc_harness_start(&reg, FC_REGISTRY_BIN, args), 0, "registry did not start");
}

static void stop_registry(void)
{
    fc_harness_cleanup(&reg);
}

TestSuite(cli, .init = start_registry, .fini = stop_registry, .timeout = 120);

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    cr_assert_not_null(buf);
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len - 1 == 0) {
            cap *= 2;
            buf = realloc(buf, cap);
            cr_assert_not_null(buf);
        }
    }
    buf[len] = '\0';
    fclose(f);
    return buf;
}

/* Runs fcavtal --endpoint <registry> --timeout 5000 args... with stdin
 * from `in` (NULL: /dev/null); stdout and stderr are captured. */
static run_t run_in(const char *in, const char *first, va_list ap)
{
    const char *argv[MAX_ARGS + 6] = {FC_CLI_BIN, "--endpoint", reg.endpoint, "--timeout",
                                      "5000"};
    size_t n = 5;
    for (const char *a = first; a && n < MAX_ARGS; a = va_arg(ap, const char *))
        argv[n++] = a;
    argv[n] = NULL;
    char out_path[512], err_path[512];
    snprintf(out_path, sizeof out_path, "%s/cli.out", reg.dir);
    snprintf(err_path, sizeof err_path, "%s/cli.err", reg.dir);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, in ? in : "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid;
    int rc = posix_spawn(&pid, FC_CLI_BIN, &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    cr_assert_eq(rc, 0, "cannot start %s", FC_CLI_BIN);
    int status;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    run_t r = {.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1};
    r.out = slurp(out_path);
    r.err = slurp(err_path);
    return r;
}

static run_t run(const char *first, ...)
{
    va_list ap;
    va_start(ap, first);
    run_t r = run_in(NULL, first, ap);
    va_end(ap);
    return r;
}

static run_t run_stdin(const char *in, const char *first, ...)
{
    va_list ap;
    va_start(ap, first);
    run_t r = run_in(in, first, ap);
    va_end(ap);
    return r;
}

static void run_free(run_t *r)
{
    free(r->out);
    free(r->err);
}

static void expect_ok(run_t *r)
{
    cr_assert_eq(r->status, 0, "exit %d\nstdout:\n%s\nstderr:\n%s", r->status, r->out, r->err);
}

/* Runs a command with --json and returns the parsed body. */
static json_t *run_json(const char *first, ...)
{
    va_list ap;
    va_start(ap, first);
    run_t r = run_in(NULL, first, ap);
    va_end(ap);
    expect_ok(&r);
    json_error_t err;
    json_t *doc = json_loads(r.out, 0, &err);
    cr_assert_not_null(doc, "not JSON (%s at %d:%d):\n%s", err.text, err.line, err.column, r.out);
    run_free(&r);
    return doc;
}

static size_t count_items(const char *what)
{
    json_t *doc = run_json(what, "list", "--json", NULL);
    size_t n = json_array_size(json_object_get(doc, "items"));
    j_decref(doc);
    return n;
}

/* The id of the record of `what` ("op", "org") named `name`. */
static json_int_t id_of(const char *what, const char *name)
{
    json_t *doc = run_json(what, "list", "--json", NULL);
    json_t *items = json_object_get(doc, "items");
    json_int_t id = 0;
    for (size_t i = 0; i < json_array_size(items); i++)
        if (strcmp(j_str(json_array_get(items, i), "name"), name) == 0)
            id = json_integer_value(json_object_get(json_array_get(items, i), "id"));
    j_decref(doc);
    cr_assert_neq(id, 0, "no %s named %s", what, name);
    return id;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    cr_assert_eq(fputs(text, f) >= 0, true);
    cr_assert_eq(fclose(f), 0);
}

static void import_sample(void)
{
    run_t r = run("import", SAMPLE, NULL);
    expect_ok(&r);
    cr_expect(strstr(r.out, "imported:") != NULL, "no summary:\n%s", r.out);
    cr_expect(strstr(r.out, "fc-vivalla") != NULL, "summary lacks the refs:\n%s", r.out);
    run_free(&r);
}

/* True when some line of text has `word` as a whole table cell. */
static bool has_cell(const char *text, const char *word)
{
    size_t len = strlen(word);
    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
        bool start = p == text || p[-1] == ' ';
        bool end = p[len] == ' ' || p[len] == '\n' || p[len] == '\0';
        if (start && end)
            return true;
    }
    return false;
}

Test(cli, sample_import_shows_every_classification)
{
    import_sample();
    run_t r = run("centre", "list", NULL);
    expect_ok(&r);
    cr_expect(has_cell(r.out, "familjecentral"), "%s", r.out);
    cr_expect(has_cell(r.out, "familjecentralsliknande"), "%s", r.out);
    cr_expect(strstr(r.out, "not covered") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, "Familjecentralen Vivalla") != NULL, "%s", r.out);
    run_free(&r);
}

Test(cli, centre_get_explains_the_classification)
{
    import_sample();
    run_t r = run("centre", "get", "3", NULL);
    expect_ok(&r);
    cr_expect(strstr(r.out, "Familjeträffen Kortedala") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, "not covered") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, "✗") != NULL && strstr(r.out, "✓") != NULL, "%s", r.out);
    run_free(&r);
}

Test(cli, json_output_parses_and_has_the_records)
{
    import_sample();
    json_t *orgs = run_json("org", "list", "--json", NULL);
    json_t *items = json_object_get(orgs, "items");
    cr_assert_eq(json_array_size(items), 7);
    bool found = false;
    for (size_t i = 0; i < json_array_size(items); i++) {
        json_t *org = json_array_get(items, i);
        if (strcmp(j_str(org, "org_number"), "212000-1967") == 0) {
            found = true;
            cr_expect_str_eq(j_str(org, "name"), "Örebro kommun");
            cr_expect_str_eq(j_str(org, "kind"), "municipality");
        }
    }
    cr_expect(found, "Örebro kommun missing");
    j_decref(orgs);

    json_t *centre = run_json("--json", "centre", "get", "1", NULL);
    json_t *cl = json_object_get(centre, "classification");
    cr_expect_str_eq(j_str(centre, "name"), "Familjecentralen Angered");
    cr_expect_str_eq(j_str(cl, "kind"), "familjecentral");
    cr_expect(json_array_size(json_object_get(cl, "checks")) > 0);
    j_decref(centre);
    cr_expect_eq(count_items("agreement"), 7);
}

Test(cli, unknown_ref_names_record_and_field_and_creates_nothing)
{
    char path[512];
    snprintf(path, sizeof path, "%s/unknown-ref.json", reg.dir);
    write_file(path,
               "{\"organisations\": [\n"
               "  {\"ref\": \"rol\", \"name\": \"Region Örebro län\", \"org_number\": "
               "\"232100-0164\", \"kind\": \"region\"},\n"
               "  {\"ref\": \"orebro\", \"name\": \"Örebro kommun\", \"org_number\": "
               "\"212000-1967\", \"kind\": \"municipality\", \"region\": \"rol\"}],\n"
               " \"operations\": [\n"
               "  {\"ref\": \"bvc-vivalla\", \"organisation\": \"rol\", \"kind\": \"bhv\", "
               "\"name\": \"BVC Vivalla\"}],\n"
               " \"centres\": [\n"
               "  {\"ref\": \"fc\", \"name\": \"Familjecentralen Vivalla\", \"municipality\": "
               "\"orebro\",\n"
               "   \"participations\": [{\"operation\": \"bvc-vivala\", \"co_located\": true, "
               "\"joined\": \"2019-01-01\"}]}]}\n");
    run_t r = run("import", path, NULL);
    cr_expect_eq(r.status, 1, "exit %d", r.status);
    cr_expect(strstr(r.err, "centres[0] \"Familjecentralen Vivalla\": participations[0].operation: "
                            "unknown reference \"bvc-vivala\"") != NULL, "stderr:\n%s", r.err);
    run_free(&r);
    cr_expect_eq(count_items("org"), 0, "something was created");
}

/* Occurrences of needle in text, so a test can insist a problem is told once. */
static size_t count_of(const char *text, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

Test(cli, server_rejection_mid_batch_creates_nothing)
{
    char path[512];
    snprintf(path, sizeof path, "%s/bad-second.json", reg.dir);
    /* Only the registry knows the second record is wrong: its region is a
     * municipality, which the file cannot tell. */
    write_file(path,
               "{\"organisations\": [\n"
               "  {\"ref\": \"gbg\", \"name\": \"Göteborgs kommun\", \"org_number\": "
               "\"212000-1355\", \"kind\": \"municipality\"},\n"
               "  {\"ref\": \"lekeberg\", \"name\": \"Lekebergs kommun\", \"org_number\": "
               "\"212000-2981\", \"kind\": \"municipality\", \"region\": \"gbg\"}]}\n");
    run_t r = run("import", path, NULL);
    cr_expect_eq(r.status, 1, "exit %d", r.status);
    cr_expect(strstr(r.err, "error: INVALID_ARGUMENT: ") != NULL, "%s", r.err);
    cr_expect(strstr(r.err, "organisations[1] \"Lekebergs kommun\": region \"gbg\": "
                            "organisation 1 is not a region") != NULL, "%s", r.err);
    cr_expect_eq(count_of(r.err, "is not a region"), 1, "told more than once:\n%s", r.err);
    run_free(&r);
    cr_expect_eq(count_items("org"), 0, "the batch was not all or nothing");
}

Test(cli, json_syntax_error_has_line_and_column)
{
    char path[512];
    snprintf(path, sizeof path, "%s/syntax.json", reg.dir);
    write_file(path, "{\"organisations\": [\n  {\"name\": \"x\",}\n]}\n");
    run_t r = run("import", path, NULL);
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "syntax.json:2:") != NULL, "%s", r.err);
    run_free(&r);
}

Test(cli, bad_org_number_is_one_line_with_the_expected_check_digit)
{
    run_t r = run("org", "add", "--name", "Örebro kommun", "--org-number", "212000-1968",
                  "--kind", "municipality", NULL);
    cr_expect_eq(r.status, 1, "exit %d", r.status);
    cr_expect_str_eq(r.err, "error: organisation.org_number: 212000-1968: check digit does not "
                            "match (expected 7)\n");
    run_free(&r);
    cr_expect_eq(count_items("org"), 0);

    /* The 12-digit form is judged on its last ten digits. */
    r = run("org", "add", "--name", "Västra Götalandsregionen", "--org-number", "16232100-0132",
            "--kind", "region", NULL);
    cr_expect_eq(r.status, 1, "exit %d", r.status);
    cr_expect_str_eq(r.err, "error: organisation.org_number: 16232100-0132: check digit does not "
                            "match (expected 1)\n");
    run_free(&r);
    cr_expect_eq(count_items("org"), 0);
}

Test(cli, import_bad_org_number_is_one_line_naming_the_record)
{
    char path[512];
    snprintf(path, sizeof path, "%s/bad-orgnr.json", reg.dir);
    write_file(path,
               "{\"organisations\": [\n"
               "  {\"ref\": \"rol\", \"name\": \"Region Örebro län\", \"org_number\": "
               "\"232100-0164\", \"kind\": \"region\"},\n"
               "  {\"ref\": \"lekeberg\", \"name\": \"Lekebergs kommun\", \"org_number\": "
               "\"212000-2982\", \"kind\": \"municipality\", \"region\": \"rol\"}]}\n");
    run_t r = run("import", path, NULL);
    cr_expect_eq(r.status, 1, "exit %d", r.status);
    cr_expect(strstr(r.err, "error: organisations[1] \"Lekebergs kommun\": org_number: "
                            "212000-2982: check digit does not match (expected 1)\n") != NULL,
              "%s", r.err);
    cr_expect_eq(count_of(r.err, "check digit"), 1, "told more than once:\n%s", r.err);
    cr_expect(strstr(r.err, "nothing imported") != NULL, "%s", r.err);
    run_free(&r);
    cr_expect_eq(count_items("org"), 0);
}

/* The registry repeats its first violation in the message; the user should
 * read the problem once. */
Test(cli, server_violation_is_told_once)
{
    import_sample();
    char path[512];
    snprintf(path, sizeof path, "%s/backwards.json", reg.dir);
    write_file(path, "{\"kind\": \"framework\", \"title\": \"Ramavtal\", \"rule_set\": \"vg\","
                     " \"parties\": [{\"organisation\": 1}],"
                     " \"term\": {\"start\": \"2025-01-01\", \"end\": \"2024-01-01\"}}");
    run_t r = run("agreement", "add", path, NULL);
    cr_expect_eq(r.status, 1, "exit %d", r.status);
    cr_expect_str_eq(r.err, "error: INVALID_ARGUMENT: agreement.term.end: end 2024-01-01 is "
                            "before start 2025-01-01\n");
    run_free(&r);
    cr_expect_eq(count_items("agreement"), 7);
}

/* Version and status of agreement 1: a refused command must change neither. */
static void agreement_state(char *out, size_t n)
{
    json_t *a = run_json("agreement", "get", "1", "--json", NULL);
    snprintf(out, n, "%lld %s", (long long)json_integer_value(json_object_get(a, "version")),
             j_str(a, "status"));
    j_decref(a);
}

static void expect_usage_error(run_t *r, const char *line)
{
    cr_expect_eq(r->status, 2, "exit %d\nstderr:\n%s", r->status, r->err);
    cr_expect_str_eq(r->err, line);
    run_free(r);
}

Test(cli, date_flags_say_which_value_and_why)
{
    import_sample();
    char before[64], after[64];
    agreement_state(before, sizeof before);
    run_t r = run("agreement", "sign", "1", "--organisation", "1", "--date", "2024-02-30",
                  "--place", "Göteborg", "--name", "Anna Berg", "--title", "enhetschef", NULL);
    expect_usage_error(&r, "error: --date 2024-02-30: 2024-02-30 is not a date: February 2024 "
                           "has 29 days\n");
    r = run("agreement", "notice", "1", "--received", "2025-13-01", "--from", "1", NULL);
    expect_usage_error(&r, "error: --received 2025-13-01: 2025-13-01 is not a date: there is no "
                           "month 13\n");
    r = run("agreement", "terminate", "1", "--effective=24-01-01", NULL);
    expect_usage_error(&r, "error: --effective 24-01-01: 24-01-01 is not a date: write "
                           "YYYY-MM-DD\n");
    r = run("agreement", "terminate", "1", "--effective", "2025-04-00", NULL);
    expect_usage_error(&r, "error: --effective 2025-04-00: 2025-04-00 is not a date: there is "
                           "no day 0\n");
    agreement_state(after, sizeof after);
    cr_expect_str_eq(after, before, "a refused command changed the agreement");
}

Test(cli, date_argument_says_why)
{
    import_sample();
    run_t r = run("centre", "as-of", "1", "2023-02-29", NULL);
    expect_usage_error(&r, "error: DATE: 2023-02-29 is not a date: February 2023 has 28 days\n");
    /* 2024 is a leap year: the same day exists. */
    r = run("centre", "as-of", "1", "2024-02-29", NULL);
    expect_ok(&r);
    run_free(&r);
}

Test(cli, dates_in_json_name_the_field_and_why)
{
    char path[512];
    snprintf(path, sizeof path, "%s/bad-date.json", reg.dir);
    write_file(path,
               "{\"organisations\": [\n"
               "  {\"ref\": \"rol\", \"name\": \"Region Örebro län\", \"org_number\": "
               "\"232100-0164\", \"kind\": \"region\"},\n"
               "  {\"ref\": \"orebro\", \"name\": \"Örebro kommun\", \"org_number\": "
               "\"212000-1967\", \"kind\": \"municipality\", \"region\": \"rol\"}],\n"
               " \"operations\": [\n"
               "  {\"ref\": \"bvc-vivalla\", \"organisation\": \"rol\", \"kind\": \"bhv\", "
               "\"name\": \"BVC Vivalla\"}],\n"
               " \"centres\": [\n"
               "  {\"ref\": \"fc\", \"name\": \"Familjecentralen Vivalla\", \"municipality\": "
               "\"orebro\",\n"
               "   \"participations\": [{\"operation\": \"bvc-vivalla\", \"co_located\": true, "
               "\"joined\": \"2024-04-31\"}]}]}\n");
    run_t r = run("import", path, NULL);
    cr_expect_eq(r.status, 1, "exit %d", r.status);
    cr_expect(strstr(r.err, "error: centres[0] \"Familjecentralen Vivalla\": "
                            "participations[0].joined: 2024-04-31 is not a date: April 2024 has "
                            "30 days\n") != NULL, "stderr:\n%s", r.err);
    run_free(&r);
    cr_expect_eq(count_items("org"), 0);

    snprintf(path, sizeof path, "%s/bad-start.json", reg.dir);
    write_file(path, "{\"kind\": \"framework\", \"title\": \"Ramavtal\", \"rule_set\": \"vg\","
                     " \"parties\": [{\"organisation\": 1}],"
                     " \"term\": {\"start\": \"2025-00-10\", \"end\": \"2027-12-31\"}}");
    r = run("agreement", "add", path, NULL);
    cr_expect_eq(r.status, 1, "exit %d", r.status);
    cr_expect_str_eq(r.err, "error: agreement.term.start: 2025-00-10 is not a date: there is no "
                            "month 0\n");
    run_free(&r);
}

Test(cli, retry_with_the_same_request_id_creates_nothing_twice)
{
    for (int i = 0; i < 2; i++) {
        run_t r = run("--request-id", "retry-org-1", "org", "add", "--name", "Region Örebro län",
                      "--org-number", "232100-0164", "--kind", "region", NULL);
        expect_ok(&r);
        cr_expect(strstr(r.out, "232100-0164") != NULL, "%s", r.out);
        run_free(&r);
    }
    cr_expect_eq(count_items("org"), 1);

    /* Centres have no natural key: only the request id stops a duplicate. */
    for (int i = 0; i < 2; i++) {
        run_t r = run("import", SAMPLE, "--request-id", "retry-import-1", NULL);
        expect_ok(&r);
        run_free(&r);
    }
    cr_expect_eq(count_items("centre"), 6);
    cr_expect_eq(count_items("agreement"), 7);
}

Test(cli, update_keeps_the_fields_not_given)
{
    run_t r = run("org", "add", "--name", "Karlskoga", "--org-number", "2120001991", "--kind",
                  "municipality", NULL);
    expect_ok(&r);
    run_free(&r);
    r = run("org", "update", "1", "--name", "Karlskoga kommun", NULL);
    expect_ok(&r);
    run_free(&r);
    json_t *org = run_json("org", "get", "1", "--json", NULL);
    cr_expect_str_eq(j_str(org, "name"), "Karlskoga kommun");
    cr_expect_str_eq(j_str(org, "org_number"), "212000-1991");
    cr_expect_str_eq(j_str(org, "kind"), "municipality");
    j_decref(org);
}

Test(cli, record_from_stdin)
{
    import_sample();
    char path[512], text[1024];
    snprintf(path, sizeof path, "%s/centre.json", reg.dir);
    /* Both spellings of a reference: "operation" and "operation_id". */
    snprintf(text, sizeof text,
             "{\"name\": \"Familjecentralen Lekeberg\", \"municipality\": %lld,"
             " \"participations\": ["
             "{\"operation\": %lld, \"co_located\": true, \"joined\": \"2025-01-01\"},"
             "{\"operation_id\": %lld, \"co_located\": true, \"joined\": \"2025-01-01\"}]}",
             (long long)id_of("org", "Lekebergs kommun"),
             (long long)id_of("op", "Barnavårdscentralen Fjugesta"),
             (long long)id_of("op", "Öppna förskolan Fjugesta"));
    write_file(path, text);
    run_t r = run_stdin(path, "centre", "add", "-", NULL);
    expect_ok(&r);
    cr_expect(strstr(r.out, "Familjecentralen Lekeberg") != NULL, "%s", r.out);
    run_free(&r);
    cr_expect_eq(count_items("centre"), 7);
}

Test(cli, usage_errors_and_help)
{
    run_t r = run("org", "get", NULL);
    cr_expect_eq(r.status, 2, "exit %d", r.status);
    run_free(&r);
    r = run("org", "list", "--bogus", NULL);
    cr_expect_eq(r.status, 2, "exit %d", r.status);
    run_free(&r);
    r = run("--help", NULL);
    expect_ok(&r);
    cr_expect(strstr(r.out, "usage: fcavtal") != NULL, "%s", r.out);
    run_free(&r);
    r = run("agreement", "sign", "--help", NULL);
    expect_ok(&r);
    cr_expect(strstr(r.out, "--organisation") != NULL, "%s", r.out);
    run_free(&r);
}

Test(cli, no_reply_exits_with_3)
{
    /* An ipc endpoint nobody binds: a freed tcp port could be taken by
     * another test's service in the meantime. */
    char nobody[600];
    snprintf(nobody, sizeof nobody, "ipc://%s/nobody", reg.dir);
    run_t r = run("--endpoint", nobody, "--timeout", "300", "today", NULL);
    cr_expect_eq(r.status, 3, "exit %d\nstdout:\n%s\nstderr:\n%s", r.status, r.out, r.err);
    cr_expect(strstr(r.err, "no reply") != NULL, "%s", r.err);
    run_free(&r);
}

/* The end in force and why, as a coordinator reads it: an agreement under
 * notice ends when the notice says, not when renewal would have taken it. */
Test(cli, agreement_shows_the_end_in_force_and_why)
{
    import_sample();
    run_t r = run("agreement", "notice", "1", "--received", "2024-11-02", "--from", "3", NULL);
    expect_ok(&r);
    run_free(&r);
    r = run("agreement", "get", "1", NULL);
    expect_ok(&r);
    cr_expect(strstr(r.out, "in force until:") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, "2025-12-31: notice received 2024-11-02 takes effect at the end of "
                            "the term (VG §4)") != NULL,
              "%s", r.out);
    cr_expect(strstr(r.out, "renewed") == NULL, "%s", r.out);
    run_free(&r);
    r = run("agreement", "list", NULL);
    expect_ok(&r);
    cr_expect(strstr(r.out, "renewed to") == NULL, "under notice, not renewed:\n%s", r.out);
    cr_expect(strstr(r.out, "2024-03-01 – 2025-12-31 ") != NULL, "%s", r.out);
    run_free(&r);

    /* Without notice, renewal is shown with its reason. */
    r = run("agreement", "get", "5", NULL);
    expect_ok(&r);
    cr_expect(strstr(r.out, "runs until further notice (tills vidare)") != NULL, "%s", r.out);
    run_free(&r);
}
