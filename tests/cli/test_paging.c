/* Lists and snapshots come in pages (the registry gives 1000 records a
 * page unless asked for fewer); the command fetches every page and shows
 * one list, or stops at --limit. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_run.h"
#include "service_harness.h"

#define N_ORGS 1205  /* more than one page of the registry's default 1000 */

static fc_harness_t reg;
static cli_env_t env;

/* The Luhn check digit that makes nine digits a valid org number. */
static int check_digit(const char nine[9])
{
    int sum = 0;
    for (int i = 0; i < 9; i++) {
        int v = (nine[i] - '0') * (i % 2 == 0 ? 2 : 1);
        sum += v > 9 ? v - 9 : v;
    }
    return (10 - sum % 10) % 10;
}

static void write_orgs(const char *path)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fprintf(f, "{\"organisations\": [\n");
    for (int i = 1; i <= N_ORGS; i++) {
        char nine[10];
        snprintf(nine, sizeof nine, "55%07d", i);
        fprintf(f, "%s{\"name\": \"Förening %04d\", \"kind\": \"other\", \"org_number\": "
                   "\"%.6s-%.3s%d\"}\n", i > 1 ? "," : "", i, nine, nine + 6, check_digit(nine));
    }
    fprintf(f, "]}\n");
    cr_assert_eq(fclose(f), 0);
}

static void start(void)
{
    memset(&reg, 0, sizeof reg);
    const char *const args[] = {"--today", "2025-06-01", NULL};
    cr_assert_eq(fc_harness_start(&reg, FC_REGISTRY_BIN, args), 0, "registry did not start");
    cli_env_init(&env, reg.dir);
    cli_env_set(&env, "FCAVTAL_REGISTRY=%s", reg.endpoint);
    char path[512];
    snprintf(path, sizeof path, "%s/orgs.json", reg.dir);
    write_orgs(path);
    cli_result_t r = cli_exec(&env, "import", path, NULL);
    cr_assert_eq(r.status, 0, "import: %s", r.err);
    cli_result_free(&r);
}

static void stop(void)
{
    fc_harness_cleanup(&reg);
}

TestSuite(paging, .init = start, .fini = stop, .timeout = 120);

static size_t count_of(const char *text, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

Test(paging, a_list_shows_every_page_in_one_table)
{
    cli_result_t r = cli_exec(&env, "org", "list", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect_eq(cli_count_lines(r.out), N_ORGS + 1, "one header and a line per organisation");
    cr_expect_eq(count_of(r.out, "ORG NUMBER"), 1, "one table");
    cr_expect(strstr(r.out, "Förening 0001") && strstr(r.out, "Förening 1000") &&
              strstr(r.out, "Förening 1001") && strstr(r.out, "Förening 1205"));
    cr_expect_str_eq(r.err, "");
    cli_result_free(&r);

    json_t *doc = cli_exec_json(&env, "--json", "org", "list", NULL);
    json_t *items = json_object_get(doc, "items");
    cr_assert_eq(json_array_size(items), N_ORGS);
    for (size_t i = 0; i < json_array_size(items); i++)
        cr_assert_eq(json_integer_value(json_object_get(json_array_get(items, i), "id")),
                     (json_int_t)i + 1, "each once, in id order");
    cr_expect_eq(json_integer_value(json_object_get(doc, "next_after_id")), 0);
    json_decref(doc);
}

Test(paging, limit_stops_early_and_says_so)
{
    cli_result_t r = cli_exec(&env, "org", "list", "--limit", "1001", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect_eq(cli_count_lines(r.out), 1002);
    cr_expect(strstr(r.out, "Förening 1001") && !strstr(r.out, "Förening 1002"));
    cr_expect_str_eq(r.err, "note: the first 1001 organisations; more follow (a larger --limit, "
                            "or none, shows them)\n");
    cli_result_free(&r);

    /* Exactly all: nothing is left to mention. */
    r = cli_exec(&env, "org", "list", "--limit", "1205", NULL);
    cr_expect_eq(cli_count_lines(r.out), N_ORGS + 1);
    cr_expect_str_eq(r.err, "");
    cli_result_free(&r);

    /* JSON says where to go on. */
    json_t *doc = cli_exec_json(&env, "--json", "org", "list", "--limit", "3", NULL);
    cr_expect_eq(json_array_size(json_object_get(doc, "items")), 3);
    cr_expect_eq(json_integer_value(json_object_get(doc, "next_after_id")), 3);
    json_decref(doc);

    r = cli_exec(&env, "org", "list", "--limit", "0", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "error: --limit must be a positive number, not \"0\"\n");
    cli_result_free(&r);
}

Test(paging, filters_go_to_every_page)
{
    json_t *doc = cli_exec_json(&env, "--json", "org", "list", "--kind", "other", NULL);
    cr_expect_eq(json_array_size(json_object_get(doc, "items")), N_ORGS);
    json_decref(doc);
    doc = cli_exec_json(&env, "--json", "org", "list", "--kind", "region", NULL);
    cr_expect_eq(json_array_size(json_object_get(doc, "items")), 0);
    json_decref(doc);
}

Test(paging, a_snapshot_reads_every_page)
{
    cli_result_t r = cli_exec(&env, "snapshot", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "registry at event 1205, 2 pages:\n"
                            "RECORD        COUNT\n"
                            "organisation  1205\n"
                            "operation     0\n"
                            "centre        0\n"
                            "agreement     0\n");
    cli_result_free(&r);

    json_t *doc = cli_exec_json(&env, "--json", "snapshot", NULL);
    cr_expect_eq(json_integer_value(json_object_get(doc, "seq")), N_ORGS);
    json_t *records = json_object_get(doc, "records");
    cr_assert_eq(json_array_size(records), N_ORGS);
    json_t *last = json_object_get(json_array_get(records, N_ORGS - 1), "organisation");
    cr_expect_str_eq(json_string_value(json_object_get(last, "name")), "Förening 1205");
    json_decref(doc);
}

Test(paging, audit_of_one_record)
{
    cli_result_t r = cli_exec(&env, "audit", "--entity", "organisation", "--id", "1201", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect_eq(cli_count_lines(r.out), 2);
    cr_expect(strstr(r.out, "organisation.created  organisation 1201") != NULL, "%s", r.out);
    cli_result_free(&r);
}
