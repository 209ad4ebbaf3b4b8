/* fcavtal config: where each service is and where that was said (flag,
 * environment, config file or default), so a wrong endpoint is found
 * without reading the code. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "table.h"

static const char CONFIG_HELP[] =
    "Show each service's endpoint and CURVE server key, and where each came from:\n"
    "a flag beats the environment, which beats the config file, which beats the\n"
    "default.";

static const char *protocol_of(const cli_service_t *svc)
{
    if (!svc->def->request)
        return "not in this build";
    return strcmp(svc->name, svc->def->name) == 0 ? "" : svc->def->name;
}

static const char *key_from(const cli_service_t *svc)
{
    return svc->server_key.value ? svc->server_key.from_what : "none (plain)";
}

static int print_text(const cli_t *cli)
{
    static const char *const headers[] = {"SERVICE", "ENDPOINT", "FROM", "SERVER KEY FROM",
                                          "PROTOCOL"};
    if (!cli->config_path[0])
        printf("config file: none (no $HOME)\n");
    else
        printf("config file: %s%s\n", cli->config_path, cli->config_found ? "" : " (not found)");
    cli_table_t *t = table_new(headers, 5);
    for (size_t i = 0; i < cli->n_services && t; i++) {
        const cli_service_t *svc = &cli->services[i];
        table_cellf(t, "%s", svc->name);
        table_cellf(t, "%s", svc->endpoint.value);
        table_cellf(t, "%s", svc->endpoint.from_what);
        table_cellf(t, "%s", key_from(svc));
        table_cellf(t, "%s", protocol_of(svc));
    }
    int rc = table_print(t, stdout);
    table_destroy(&t);
    return rc == 0 && fflush(stdout) == 0 ? CLI_OK : CLI_FAILED;
}

static const char *const from_names[] = {
    [CLI_FROM_DEFAULT] = "default", [CLI_FROM_FILE] = "file", [CLI_FROM_ENV] = "environment",
    [CLI_FROM_FLAG] = "flag"};

static json_t *setting_json(const cli_setting_t *s)
{
    if (!s->value)
        return json_null();
    return json_pack("{ss ss ss}", "value", s->value, "source", from_names[s->from], "from",
                     s->from_what);
}

static int print_json(const cli_t *cli)
{
    json_t *list = json_array();
    json_t *doc = json_pack("{s:s? s:b s:o}", "config_file",
                            cli->config_path[0] ? cli->config_path : NULL, "config_found",
                            cli->config_found, "services", list);
    for (size_t i = 0; i < cli->n_services && doc; i++) {
        const cli_service_t *svc = &cli->services[i];
        json_t *entry = json_pack("{ss ss sb so so}", "name", svc->name, "service",
                                  svc->def->name, "known", svc->def->request != NULL,
                                  "endpoint", setting_json(&svc->endpoint), "server_key",
                                  setting_json(&svc->server_key));
        if (json_array_append_new(list, entry) != 0) {
            json_decref(doc);
            doc = NULL;
        }
    }
    if (!doc) {
        fprintf(stderr, "error: out of memory\n");
        return CLI_FAILED;
    }
    int rc = cli_print_json(doc);
    json_decref(doc);
    return rc;
}

int cmd_config(cli_t *cli, int argc, char **argv)
{
    cli_args_t a;
    if (cli_args_parse(argc, argv, NULL, &a) != 0)
        return CLI_USAGE;
    if (a.help) {
        printf("usage: fcavtal config\n\n%s\n", CONFIG_HELP);
        return CLI_OK;
    }
    if (a.n_positional > 0) {
        fprintf(stderr, "error: 'config' takes no arguments\n");
        return CLI_USAGE;
    }
    return cli->json ? print_json(cli) : print_text(cli);
}
