/* The costs commands of the real fcavtal binary against the real registry
 * and costs: the sample loads, its 2025 settlement prints the shares,
 * balances and transfers expected by hand, a second load changes nothing,
 * exports read back, and bad input is refused before anything is sent. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "../cli/cli_run.h"
#include "fixtures.h"
#include "service_fixture.h"

static sf_t F;
static cli_env_t env;

static void setup(void)
{
    cr_assert_eq(sf_start(&F, "2"), 0);
    cli_env_init(&env, F.costs.h.dir);
    cli_env_set(&env, "FCAVTAL_REGISTRY=%s", F.reg.h.endpoint);
    cli_env_set(&env, "FCAVTAL_COSTS=%s", F.costs.h.endpoint);
    cli_result_t r = cli_exec(&env, "import", FC_SOURCE_DIR "/deploy/sample/sample.json", NULL);
    cr_assert_eq(r.status, 0, "import: %s", r.err);
    cli_result_free(&r);
    cr_assert(sf_sync(&F));
}

static void teardown(void)
{
    sf_cleanup(&F);
}

TestSuite(costs_cli, .init = setup, .fini = teardown, .timeout = 120);

static void contains(const char *out, const char *needle)
{
    cr_expect(strstr(out, needle), "expected \"%s\" in:\n%s", needle, out);
}

Test(costs_cli, the_sample_settles_2025)
{
    cli_result_t r = cli_exec(&env, "costs", "load", FC_SOURCE_DIR "/deploy/sample/costs.json",
                              NULL);
    cr_assert_eq(r.status, 0, "load: %s", r.err);
    contains(r.out, "loaded 15 cost items, local rules of 3 centres, 2 charts of accounts");
    cli_result_free(&r);
    r = cli_exec(&env, "costs", "run", "2025", NULL);
    cr_assert_eq(r.status, 0, "run: %s", r.err);
    /* By hand: Angered's 620 000 kr coordinator in four, its rent by
     * 120/80/160/40 m², Kortedala's coordinator between the company's BVC
     * and the open pre-school, Vivalla half per principal. */
    contains(r.out, "Barnavårdscentralen Angered              Västra Götalandsregionen        262 850,00 kr");
    contains(r.out, "BVC Exempelhälsan Kortedala              Vårdcentralen Exempelhälsan AB  120 000,00 kr");
    contains(r.out, "Västra Götalandsregionen pays 644 500,00 kr to Göteborgs kommun");
    contains(r.out, "Region Örebro län pays 400 000,00 kr to Örebro kommun");
    contains(r.out, "Vårdcentralen Exempelhälsan AB pays 120 000,00 kr to Göteborgs kommun");
    contains(r.out, "5 transfers (the fewest possible)");
    cli_result_free(&r);
    /* The same file again adds nothing. */
    r = cli_exec(&env, "costs", "load", FC_SOURCE_DIR "/deploy/sample/costs.json", NULL);
    cr_assert_eq(r.status, 0);
    cli_result_free(&r);
    json_t *list = cli_exec_json(&env, "--json", "costs", "list", NULL);
    cr_expect_eq(json_array_size(json_object_get(list, "items")), 15);
    json_decref(list);
    /* --period: an item counts when one of its days falls in it; ten of
     * the sample's run into the fourth quarter, none lies in 2024. */
    list = cli_exec_json(&env, "--json", "costs", "list", "--period", "2025Q4", NULL);
    cr_expect_eq(json_array_size(json_object_get(list, "items")), 10);
    json_decref(list);
    list = cli_exec_json(&env, "--json", "costs", "list", "--period", "2024", NULL);
    cr_expect_eq(json_array_size(json_object_get(list, "items")), 0);
    json_decref(list);
    r = cli_exec(&env, "costs", "list", "--period", "2025Q5", NULL);
    cr_expect_eq(r.status, 2, "a malformed period is a usage error: %s", r.out);
    cli_result_free(&r);
    list = cli_exec_json(&env, "--json", "costs", "runs", "--period", "2025", NULL);
    cr_expect_eq(json_array_size(json_object_get(list, "items")), 1);
    json_decref(list);
    /* Explain and export. */
    r = cli_exec(&env, "costs", "explain", "1", "10", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    contains(r.out, "VG §14.1");
    contains(r.out, "Taking part without a share under this rule: Kortedala bibliotek");
    cli_result_free(&r);
    char path[512];
    snprintf(path, sizeof path, "%s/saldon.csv", F.costs.h.dir);
    r = cli_exec(&env, "costs", "export", "1", "--csv", "balances", "-o", path, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    char *out = NULL;
    cr_expect_eq(fx_python("csv_check.py", path, "balances", &out), 0, "%s", out);
    contains(out, "\"Saldo\": \"0.00\"");
    free(out);
}

Test(costs_cli, bad_input_is_refused)
{
    cli_result_t r = cli_exec(&env, "costs", "add", "1", "--category", "premises", "--amount",
                              "-5", "--from", "2025-01-01", "--to", "2025-01-31", NULL);
    cr_expect_eq(r.status, 2);
    contains(r.err, "credit");
    cli_result_free(&r);
    r = cli_exec(&env, "costs", "add", "1", "--category", "premises", "--amount",
                 "99999999999999999999", "--from", "2025-01-01", "--to", "2025-01-31", NULL);
    cr_expect_eq(r.status, 2);
    contains(r.err, "64-bit");
    cli_result_free(&r);
    r = cli_exec(&env, "costs", "run", "2025Q5", NULL);
    cr_expect_eq(r.status, 2);
    contains(r.err, "no period");
    cli_result_free(&r);
    /* The service refuses an inverted item. */
    r = cli_exec(&env, "costs", "add", "1", "--category", "premises", "--amount", "1 000,50",
                 "--paid-by", "3", "--from", "2025-02-01", "--to", "2025-01-31", NULL);
    cr_expect_eq(r.status, 1);
    contains(r.err, "inverted");
    cli_result_free(&r);
    r = cli_exec(&env, "costs", "add", "1", "--category", "premises", "--amount", "1 000,50",
                 "--paid-by", "3", "--from", "2025-01-01", "--to", "2025-01-31", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    contains(r.out, "1 000,50 kr");
    cli_result_free(&r);
}
