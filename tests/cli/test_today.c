/* 'fcavtal today' over several services: two registry binaries started
 * with --simulate stand in for two services (the second as an extra
 * instance from the config file), a third runs on a fixed date without
 * --simulate. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli_run.h"
#include "service_harness.h"

static fc_harness_t a, b, fixed;
static cli_env_t env;
static char cfg_path[512];

static void start_one(fc_harness_t *h, bool simulate)
{
    memset(h, 0, sizeof *h);
    const char *const sim[] = {"--simulate", "--today", "2025-06-01", NULL};
    const char *const fixed_args[] = {"--today", "2025-06-01", NULL};
    cr_assert_eq(fc_harness_start(h, FC_REGISTRY_BIN, simulate ? sim : fixed_args), 0,
                 "registry did not start");
}

static void start(void)
{
    start_one(&a, true);
    start_one(&b, true);
    start_one(&fixed, false);
    cli_env_init(&env, a.dir);
    snprintf(cfg_path, sizeof cfg_path, "%s/cli.cfg", a.dir);
    cli_env_set(&env, "FCAVTAL_CONFIG=%s", cfg_path);
    cli_env_set(&env, "FCAVTAL_REGISTRY=%s", a.endpoint);
}

static void stop(void)
{
    fc_harness_cleanup(&a);
    fc_harness_cleanup(&b);
    fc_harness_cleanup(&fixed);
}

TestSuite(today, .init = start, .fini = stop, .timeout = 120);

/* The config file: each extra instance "name endpoint" of the registry. */
static void configure(const char *name1, const char *ep1, const char *name2, const char *ep2)
{
    char text[2048];
    int n = snprintf(text, sizeof text, "%s\n    service = registry\n    endpoint = \"%s\"\n",
                     name1, ep1);
    if (name2)
        snprintf(text + n, sizeof text - (size_t)n,
                 "%s\n    service = registry\n    endpoint = \"%s\"\n", name2, ep2);
    cli_write_file(cfg_path, text);
}

Test(today, shows_every_configured_service)
{
    configure("registry-b", b.endpoint, NULL, NULL);
    cli_result_t r = cli_exec(&env, "today", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "SERVICE     TODAY\n"
                            "registry    2025-06-01\n"
                            "registry-b  2025-06-01\n");
    cli_result_free(&r);
    json_t *doc = cli_exec_json(&env, "--json", "today", NULL);
    cr_expect_str_eq(json_string_value(json_object_get(doc, "registry")), "2025-06-01");
    cr_expect_str_eq(json_string_value(json_object_get(doc, "registry-b")), "2025-06-01");
    json_decref(doc);
}

Test(today, set_moves_every_simulated_service)
{
    configure("registry-b", b.endpoint, NULL, NULL);
    cli_result_t r = cli_exec(&env, "today", "set", "2025-09-15", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "SERVICE     TODAY\n"
                            "registry    2025-09-15\n"
                            "registry-b  2025-09-15\n");
    cr_expect_str_eq(r.err, "");
    cli_result_free(&r);
    /* Each service keeps it: asked one by one, each says the new date. */
    r = cli_exec(&env, "today", "--service", "registry-b", NULL);
    cr_expect_str_eq(r.out, "2025-09-15\n");
    cli_result_free(&r);
    r = cli_exec(&env, "today", "--service", "registry", NULL);
    cr_expect_str_eq(r.out, "2025-09-15\n");
    cli_result_free(&r);
}

Test(today, set_on_one_service)
{
    configure("registry-b", b.endpoint, NULL, NULL);
    cli_result_t r = cli_exec(&env, "today", "set", "2025-07-01", "--service", "registry-b", NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    r = cli_exec(&env, "today", NULL);
    cr_expect_str_eq(r.out, "SERVICE     TODAY\n"
                            "registry    2025-06-01\n"
                            "registry-b  2025-07-01\n");
    cli_result_free(&r);
}

Test(today, a_refusal_is_reported_for_its_service)
{
    configure("registry-b", b.endpoint, "registry-fixed", fixed.endpoint);
    cli_result_t r = cli_exec(&env, "today", "set", "2025-07-01", NULL);
    cr_expect_eq(r.status, 1, "exit %d", r.status);
    cr_expect_str_eq(r.out, "SERVICE     TODAY\n"
                            "registry    2025-07-01\n"
                            "registry-b  2025-07-01\n");
    cr_expect_str_eq(r.err, "error: registry-fixed: FAILED_PRECONDITION: registry runs on the "
                            "real date: start it with --simulate to set today\n");
    cli_result_free(&r);

    /* Backwards is refused by each, and nothing moves. */
    r = cli_exec(&env, "today", "set", "2025-06-30", NULL);
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "error: registry: FAILED_PRECONDITION: today is 2025-07-01: "
                            "simulated time only moves forward, not to 2025-06-30\n") != NULL,
              "%s", r.err);
    cr_expect(strstr(r.err, "error: registry-b: FAILED_PRECONDITION: today is 2025-07-01") != NULL,
              "%s", r.err);
    cr_expect_str_eq(r.out, "");
    cli_result_free(&r);
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

Test(today, services_that_are_down_cost_one_timeout)
{
    char down1[600], down2[600];
    snprintf(down1, sizeof down1, "ipc://%s/down-1", a.dir);
    snprintf(down2, sizeof down2, "ipc://%s/down-2", a.dir);
    configure("registry-b", b.endpoint, "registry-down", down1);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    cli_result_t r = cli_exec(&env, "--timeout", "800", "--render", down2, "today", NULL);
    double took = seconds_since(&t0);
    cr_expect_eq(r.status, 3, "exit %d", r.status);
    cr_expect_str_eq(r.out, "SERVICE     TODAY\n"
                            "registry    2025-06-01\n"
                            "registry-b  2025-06-01\n");
    char msg[2048];
    snprintf(msg, sizeof msg,
             "error: no reply from render at %s within 800 ms\n"
             "error: no reply from registry-down at %s within 800 ms\n", down2, down1);
    cr_expect_str_eq(r.err, msg);
    /* Both were waited for at once. */
    cr_expect_lt(took, 1.5, "took %.2f s for two services down", took);
    cli_result_free(&r);
}

Test(today, a_date_that_is_not_one)
{
    configure("registry-b", b.endpoint, NULL, NULL);
    cli_result_t r = cli_exec(&env, "today", "set", "2025-02-29", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "error: DATE: 2025-02-29 is not a date: February 2025 has 28 days\n");
    cli_result_free(&r);
    r = cli_exec(&env, "today", "move", "2025-07-01", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "error: 'today' takes nothing, or: set DATE\n");
    cli_result_free(&r);
}
