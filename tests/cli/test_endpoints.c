/* Where the command looks for each service: a flag beats the environment,
 * which beats the config file, which beats the default; and a service that
 * does not answer is named, with the endpoint tried. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli_run.h"
#include "service_harness.h"

static fc_harness_t reg;
static cli_env_t base;
static char cfg_path[512], down[600], down2[600];

static void start(void)
{
    memset(&reg, 0, sizeof reg);
    const char *const args[] = {"--today", "2025-06-01", NULL};
    cr_assert_eq(fc_harness_start(&reg, FC_REGISTRY_BIN, args), 0, "registry did not start");
    cli_env_init(&base, reg.dir);
    snprintf(cfg_path, sizeof cfg_path, "%s/cli.cfg", reg.dir);
    /* ipc endpoints nobody binds: a freed tcp port could be taken by
     * another test's service in the meantime. */
    snprintf(down, sizeof down, "ipc://%s/down", reg.dir);
    snprintf(down2, sizeof down2, "ipc://%s/down-too", reg.dir);
}

static void stop(void)
{
    fc_harness_cleanup(&reg);
}

TestSuite(endpoints, .init = start, .fini = stop, .timeout = 120);

/* The registry's section; a server key (NULL: none) turns CURVE on. */
static void write_config(const char *registry_endpoint, const char *server_key)
{
    char text[2048];
    int n = snprintf(text, sizeof text, "registry\n    endpoint = \"%s\"\n", registry_endpoint);
    if (server_key)
        snprintf(text + n, sizeof text - (size_t)n, "    server-key = \"%s\"\n", server_key);
    cli_write_file(cfg_path, text);
}

/* The registry's entry of 'fcavtal config --json'. */
static json_t *registry_setting(const cli_env_t *env, const char *flag, const char *value,
                                const char *what)
{
    json_t *doc = flag ? cli_exec_json(env, flag, value, "--json", "config", NULL)
                       : cli_exec_json(env, "--json", "config", NULL);
    json_t *services = json_object_get(doc, "services");
    json_t *found = NULL;
    for (size_t i = 0; i < json_array_size(services); i++) {
        json_t *s = json_array_get(services, i);
        if (strcmp(json_string_value(json_object_get(s, "name")), "registry") == 0)
            found = json_incref(json_object_get(s, what));
    }
    json_decref(doc);
    cr_assert_not_null(found, "no registry in the config output");
    return found;
}

static void expect_from(json_t *setting, const char *value, const char *source, const char *from)
{
    cr_expect_str_eq(json_string_value(json_object_get(setting, "value")), value);
    cr_expect_str_eq(json_string_value(json_object_get(setting, "source")), source);
    cr_expect_str_eq(json_string_value(json_object_get(setting, "from")), from);
    json_decref(setting);
}

/* 'fcavtal today' reaches the registry (0) or says which endpoint did not
 * answer (3). */
static void expect_reached(const cli_env_t *env, const char *flag, const char *value,
                           const char *unreachable)
{
    cli_result_t r = flag ? cli_exec(env, "--timeout", "400", flag, value, "today", NULL)
                          : cli_exec(env, "--timeout", "400", "today", NULL);
    if (!unreachable) {
        cr_expect_eq(r.status, 0, "exit %d: %s", r.status, r.err);
        cr_expect_str_eq(r.out, "2025-06-01\n");
    } else {
        char msg[900];
        snprintf(msg, sizeof msg, "error: no reply from registry at %s within 400 ms\n",
                 unreachable);
        cr_expect_eq(r.status, 3, "exit %d: %s", r.status, r.err);
        cr_expect_str_eq(r.err, msg);
    }
    cli_result_free(&r);
}

Test(endpoints, flag_beats_environment_beats_file)
{
    cli_env_t env = base;
    write_config(reg.endpoint, NULL);
    cli_env_set(&env, "FCAVTAL_CONFIG=%s", cfg_path);
    /* The file alone. */
    expect_reached(&env, NULL, NULL, NULL);
    expect_from(registry_setting(&env, NULL, NULL, "endpoint"), reg.endpoint, "file", cfg_path);

    /* The environment beats the file. */
    cli_env_t with_env = env;
    cli_env_set(&with_env, "FCAVTAL_REGISTRY=%s", down);
    expect_reached(&with_env, NULL, NULL, down);
    expect_from(registry_setting(&with_env, NULL, NULL, "endpoint"), down, "environment",
                "FCAVTAL_REGISTRY");

    /* A flag beats the environment. */
    expect_reached(&with_env, "--registry", reg.endpoint, NULL);
    expect_from(registry_setting(&with_env, "--registry", reg.endpoint, "endpoint"),
                reg.endpoint, "flag", "--registry");

    /* And the other way round: a wrong flag is not saved by a right
     * environment or file. */
    write_config(down2, NULL);
    cli_env_t right_env = env;
    cli_env_set(&right_env, "FCAVTAL_REGISTRY=%s", reg.endpoint);
    expect_reached(&right_env, NULL, NULL, NULL);
    expect_reached(&right_env, "--registry", down, down);
    expect_reached(&env, NULL, NULL, down2);
}

Test(endpoints, the_old_names_still_mean_the_registry)
{
    cli_env_t env = base;
    cli_env_set(&env, "FCAVTAL_ENDPOINT=%s", reg.endpoint);
    expect_reached(&env, NULL, NULL, NULL);
    expect_from(registry_setting(&env, NULL, NULL, "endpoint"), reg.endpoint, "environment",
                "FCAVTAL_ENDPOINT");
    /* The specific name wins over the old one. */
    cli_env_t both = env;
    cli_env_set(&both, "FCAVTAL_REGISTRY=%s", down);
    expect_reached(&both, NULL, NULL, down);
    /* --endpoint is the registry's flag. */
    expect_reached(&both, "--endpoint", reg.endpoint, NULL);
    expect_from(registry_setting(&both, "--endpoint", reg.endpoint, "endpoint"), reg.endpoint,
                "flag", "--endpoint");
}

Test(endpoints, server_keys_follow_the_same_order)
{
    cli_env_t env = base;
    const char *file_key = "file-key-file-key-file-key-file-key-file";
    write_config(reg.endpoint, file_key);
    cli_env_set(&env, "FCAVTAL_CONFIG=%s", cfg_path);
    const char *env_key = "env-key-env-key-env-key-env-key-env-key-";
    const char *flag_key = "flag-key-flag-key-flag-key-flag-key-flag";
    expect_from(registry_setting(&env, NULL, NULL, "server_key"), file_key, "file", cfg_path);
    cli_env_set(&env, "FCAVTAL_REGISTRY_KEY=%s", env_key);
    expect_from(registry_setting(&env, NULL, NULL, "server_key"), env_key, "environment",
                "FCAVTAL_REGISTRY_KEY");
    expect_from(registry_setting(&env, "--registry-key", flag_key, "server_key"), flag_key,
                "flag", "--registry-key");
    expect_from(registry_setting(&env, "--server-key", flag_key, "server_key"), flag_key, "flag",
                "--server-key");
}

Test(endpoints, defaults_when_nothing_is_said)
{
    json_t *doc = cli_exec_json(&base, "--json", "config", NULL);
    cr_expect_eq(json_is_false(json_object_get(doc, "config_found")), true);
    json_t *services = json_object_get(doc, "services");
    static const char *const names[] = {"registry", "notify", "costs", "render"};
    static const char *const endpoints[] = {"tcp://127.0.0.1:7101", "tcp://127.0.0.1:7201",
                                            "tcp://127.0.0.1:7301", "tcp://127.0.0.1:7401"};
    cr_assert_eq(json_array_size(services), 4);
    for (size_t i = 0; i < 4; i++) {
        json_t *s = json_array_get(services, i);
        cr_expect_str_eq(json_string_value(json_object_get(s, "name")), names[i]);
        json_t *ep = json_object_get(s, "endpoint");
        cr_expect_str_eq(json_string_value(json_object_get(ep, "value")), endpoints[i]);
        cr_expect_str_eq(json_string_value(json_object_get(ep, "source")), "default");
        cr_expect(json_is_null(json_object_get(s, "server_key")));
    }
    json_decref(doc);

    /* The text form names the source of each. */
    cli_env_t env = base;
    cli_env_set(&env, "FCAVTAL_COSTS=tcp://costs.example:7301");
    cli_result_t r = cli_exec(&env, "--notify", "tcp://notify.example:7201", "config", NULL);
    cr_expect_eq(r.status, 0);
    cr_expect(strstr(r.out, "notify    tcp://notify.example:7201  --notify") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, "costs     tcp://costs.example:7301   FCAVTAL_COSTS") != NULL, "%s",
              r.out);
    cr_expect(strstr(r.out, "registry  tcp://127.0.0.1:7101       default") != NULL, "%s", r.out);
    cli_result_free(&r);
}

Test(endpoints, a_service_that_is_down_is_named)
{
    cli_result_t r = cli_exec(&base, "--registry", down, "--timeout", "300", "org", "list", NULL);
    char msg[900];
    snprintf(msg, sizeof msg, "error: no reply from registry at %s within 300 ms\n", down);
    cr_expect_eq(r.status, 3, "exit %d", r.status);
    cr_expect_str_eq(r.err, msg);
    cr_expect_str_eq(r.out, "");
    cli_result_free(&r);

    r = cli_exec(&base, "--render", down2, "--timeout", "300", "audit", "--service", "render",
                 NULL);
    snprintf(msg, sizeof msg, "error: no reply from render at %s within 300 ms\n", down2);
    cr_expect_eq(r.status, 3, "exit %d", r.status);
    cr_expect_str_eq(r.err, msg);
    cli_result_free(&r);
}

Test(endpoints, config_file_mistakes_are_usage_errors)
{
    cli_env_t env = base;
    cli_env_set(&env, "FCAVTAL_CONFIG=%s", cfg_path);
    cli_write_file(cfg_path, "registry\n    endpont = \"tcp://x:1\"\n");
    cli_result_t r = cli_exec(&env, "today", NULL);
    char msg[900];
    snprintf(msg, sizeof msg, "error: %s: registry/endpont: unknown key (expected endpoint, "
                              "server-key)\n", cfg_path);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, msg);
    cli_result_free(&r);

    cli_write_file(cfg_path, "regsitry\n    endpoint = \"tcp://x:1\"\n");
    r = cli_exec(&env, "today", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(strstr(r.err, "section \"regsitry\": not a service") != NULL, "%s", r.err);
    cli_result_free(&r);

    /* A file that is named must be there. */
    cli_env_t missing = base;
    cli_env_set(&missing, "FCAVTAL_CONFIG=%s/nowhere.cfg", reg.dir);
    r = cli_exec(&missing, "today", NULL);
    cr_expect_eq(r.status, 2);
    snprintf(msg, sizeof msg, "error: config file %s/nowhere.cfg (FCAVTAL_CONFIG): no such file\n",
             reg.dir);
    cr_expect_str_eq(r.err, msg);
    cli_result_free(&r);
}

Test(endpoints, unknown_service_and_unknown_protocol)
{
    cli_result_t r = cli_exec(&base, "--registry", reg.endpoint, "audit", "--service", "bogus",
                              NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "error: --service bogus: no such service (registry, notify, costs, "
                            "render)\n");
    cli_result_free(&r);
    r = cli_exec(&base, "snapshot", "--service", "notify", NULL);
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "error: notify: this fcavtal does not know the notify protocol yet\n");
    cli_result_free(&r);
}
