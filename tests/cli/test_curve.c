/* A service's CURVE server key reaches the connection from wherever it was
 * given (--registry-key, FCAVTAL_REGISTRY_KEY, the config file's
 * server-key), and a wrong one gets no reply, never a plain connection. */
#include <criterion/criterion.h>
#include <czmq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli_run.h"
#include "service_harness.h"

static fc_harness_t reg;
static cli_env_t env;
static char server_public[41], stranger_public[41], client_cert[512], cfg_path[512];

static void save_cert(const char *path, bool public_only, char public_txt[41])
{
    zcert_t *cert = zcert_new();
    cr_assert_not_null(cert);
    cr_assert_eq(public_only ? zcert_save_public(cert, path) : zcert_save(cert, path), 0);
    if (public_txt)
        snprintf(public_txt, 41, "%s", zcert_public_txt(cert));
    zcert_destroy(&cert);
}

static void start(void)
{
    memset(&reg, 0, sizeof reg);
    snprintf(reg.dir, sizeof reg.dir, "/tmp/fcavtal-cli-curve-XXXXXX");
    cr_assert_not_null(mkdtemp(reg.dir));
    char allow[512], path[512], secret[512];
    snprintf(allow, sizeof allow, "%s/allow", reg.dir);
    cr_assert_eq(mkdir(allow, 0700), 0);
    snprintf(path, sizeof path, "%s/server.cert", reg.dir);
    save_cert(path, false, server_public);
    snprintf(secret, sizeof secret, "%s/server.cert_secret", reg.dir);
    /* The client's secret certificate, its public half allowed. */
    snprintf(client_cert, sizeof client_cert, "%s/client.cert", reg.dir);
    zcert_t *client = zcert_new();
    cr_assert_not_null(client);
    cr_assert_eq(zcert_save(client, client_cert), 0);
    snprintf(path, sizeof path, "%s/client.cert", allow);
    cr_assert_eq(zcert_save_public(client, path), 0);
    zcert_destroy(&client);
    snprintf(path, sizeof path, "%s/stranger.cert", reg.dir);
    save_cert(path, true, stranger_public);

    const char *const args[] = {"--curve-secret", secret, "--curve-allow", allow, "--today",
                                "2025-06-01", NULL};
    cr_assert_eq(fc_harness_start(&reg, FC_REGISTRY_BIN, args), 0,
                 "the registry did not start with CURVE");
    cli_env_init(&env, reg.dir);
    cli_env_set(&env, "FCAVTAL_REGISTRY=%s", reg.endpoint);
    snprintf(cfg_path, sizeof cfg_path, "%s/cli.cfg", reg.dir);
}

static void stop(void)
{
    fc_harness_cleanup(&reg);
}

TestSuite(curve, .init = start, .fini = stop, .timeout = 120);

static void expect_today(const cli_env_t *e, const char *flag, const char *key, int status)
{
    cli_result_t r = flag ? cli_exec(e, "--timeout", "1000", "--cert", client_cert, flag, key,
                                     "today", NULL)
                          : cli_exec(e, "--timeout", "1000", "--cert", client_cert, "today",
                                     NULL);
    cr_expect_eq(r.status, status, "exit %d: %s", r.status, r.err);
    if (status == 0)
        cr_expect_str_eq(r.out, "2025-06-01\n");
    cli_result_free(&r);
}

Test(curve, the_key_from_a_flag)
{
    expect_today(&env, "--registry-key", server_public, 0);
    expect_today(&env, "--registry-key", stranger_public, 3);
}

Test(curve, the_key_from_the_environment)
{
    cli_env_t e = env;
    cli_env_set(&e, "FCAVTAL_REGISTRY_KEY=%s", server_public);
    expect_today(&e, NULL, NULL, 0);
    /* A flag still beats it. */
    expect_today(&e, "--registry-key", stranger_public, 3);
}

Test(curve, the_key_from_the_config_file)
{
    char text[1024];
    snprintf(text, sizeof text, "registry\n    server-key = \"%s\"\n", server_public);
    cli_write_file(cfg_path, text);
    cli_env_t e = env;
    cli_env_set(&e, "FCAVTAL_CONFIG=%s", cfg_path);
    expect_today(&e, NULL, NULL, 0);
    cli_env_t stranger = e;
    cli_env_set(&stranger, "FCAVTAL_REGISTRY_KEY=%s", stranger_public);
    expect_today(&stranger, NULL, NULL, 3);
}

Test(curve, without_a_key_nothing_is_served)
{
    cli_result_t r = cli_exec(&env, "--timeout", "500", "today", NULL);
    cr_expect_eq(r.status, 3, "a plain client was answered: %s", r.out);
    cli_result_free(&r);
}
