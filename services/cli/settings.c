/* Where each service is: endpoint and CURVE server key from, strongest
 * first, a flag, the environment, the config file, or the default. Each
 * setting keeps where it came from, for 'fcavtal config'.
 *
 * The config file is ZPL (CZMQ zconfig), as the services' own are: a
 * section per service, and sections of other names for extra instances of
 * a service (a training registry beside the real one):
 *
 *     registry
 *         endpoint = "tcp://fcavtal.example.se:7101"
 *         server-key = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
 *     registry-training
 *         service = registry
 *         endpoint = "tcp://fcavtal.example.se:7111"
 */
#include <czmq.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define DEFAULT_CONFIG ".config/fcavtal/cli.cfg"

int cli_setting_set(cli_setting_t *s, const char *value, cli_from_t from, const char *from_what)
{
    if (s->value && from < s->from)
        return 0;  /* a stronger source already said */
    char *copy = strdup(value);
    if (!copy)
        return -1;
    free(s->value);
    s->value = copy;
    s->from = from;
    snprintf(s->from_what, sizeof s->from_what, "%s", from_what);
    return 0;
}

static void service_init(cli_service_t *svc, const cli_service_def_t *def, const char *name)
{
    memset(svc, 0, sizeof *svc);
    svc->def = def;
    snprintf(svc->name, sizeof svc->name, "%s", name);
}

void cli_settings_init(cli_t *cli, const cli_service_def_t *defs, size_t n)
{
    for (size_t i = 0; i < n && i < CLI_MAX_SERVICES; i++)
        service_init(&cli->services[i], &defs[i], defs[i].name);
    cli->n_services = n < CLI_MAX_SERVICES ? n : CLI_MAX_SERVICES;
}

void cli_settings_clear(cli_t *cli)
{
    for (size_t i = 0; i < cli->n_services; i++) {
        cli_service_t *svc = &cli->services[i];
        fc_client_destroy(&svc->client);
        free(svc->endpoint.value);
        free(svc->server_key.value);
        svc->endpoint.value = svc->server_key.value = NULL;
    }
    cli->n_services = 0;
}

cli_service_t *cli_service(cli_t *cli, const char *name)
{
    for (size_t i = 0; i < cli->n_services; i++)
        if (strcmp(cli->services[i].name, name) == 0)
            return &cli->services[i];
    return NULL;
}

const char *cli_service_names(const cli_t *cli, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < cli->n_services && used < n; i++) {
        int w = snprintf(buf + used, n - used, "%s%s", i ? ", " : "", cli->services[i].name);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    return buf;
}

cli_service_t *cli_service_arg(cli_t *cli, const char *name)
{
    char names[256];
    cli_service_t *svc = cli_service(cli, name ? name : "registry");
    if (!svc) {
        fprintf(stderr, "error: --service %s: no such service (%s)\n", name,
                cli_service_names(cli, names, sizeof names));
        return NULL;
    }
    if (!svc->def->request) {
        fprintf(stderr, "error: %s: this fcavtal does not know the %s protocol yet\n",
                svc->name, svc->def->name);
        return NULL;
    }
    return svc;
}

/* ------------------------------------------------------------- defaults */

/* An extra instance from the config file, not one of the table's. */
static bool is_instance(const cli_service_t *svc)
{
    return strcmp(svc->name, svc->def->name) != 0;
}

static int set_defaults(cli_t *cli)
{
    for (size_t i = 0; i < cli->n_services; i++) {
        if (is_instance(&cli->services[i]))
            continue;  /* its section must say where it is */
        char ep[64];
        snprintf(ep, sizeof ep, "tcp://127.0.0.1:%d", cli->services[i].def->port);
        if (cli_setting_set(&cli->services[i].endpoint, ep, CLI_FROM_DEFAULT, "default") != 0)
            return -1;
    }
    return 0;
}

/* ---------------------------------------------------------- environment */

/* FCAVTAL_<NAME><suffix>, upper case with '-' as '_'. */
static void env_name(const char *service, const char *suffix, char *out, size_t n)
{
    size_t o = (size_t)snprintf(out, n, "FCAVTAL_");
    for (const char *p = service; *p && o + 1 < n; p++)
        out[o++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
    out[o] = '\0';
    snprintf(out + o, n - o, "%s", suffix);
}

static int from_env(cli_setting_t *s, const char *var)
{
    const char *value = getenv(var);
    if (!value || !*value)
        return 0;
    return cli_setting_set(s, value, CLI_FROM_ENV, var);
}

static int load_env(cli_t *cli)
{
    /* The registry's old name first: the specific one wins over it. */
    cli_service_t *registry = cli_service(cli, "registry");
    if (registry && from_env(&registry->endpoint, "FCAVTAL_ENDPOINT") != 0)
        return -1;
    for (size_t i = 0; i < cli->n_services; i++) {
        cli_service_t *svc = &cli->services[i];
        if (is_instance(svc))
            continue;  /* extra instances live in the config file only */
        char var[CLI_NAME_MAX + 16];
        env_name(svc->name, "", var, sizeof var);
        if (from_env(&svc->endpoint, var) != 0)
            return -1;
        env_name(svc->name, "_KEY", var, sizeof var);
        if (from_env(&svc->server_key, var) != 0)
            return -1;
    }
    return 0;
}

/* ---------------------------------------------------------- config file */

/* The file to read: --config, else $FCAVTAL_CONFIG (both must exist),
 * else ~/.config/fcavtal/cli.cfg when there is one. */
static int find_config(cli_t *cli, const char *flag)
{
    const char *named = flag ? flag : getenv("FCAVTAL_CONFIG");
    const char *home = getenv("HOME");
    cli->config_path[0] = '\0';
    if (named && *named)
        snprintf(cli->config_path, sizeof cli->config_path, "%s", named);
    else if (home && *home)
        snprintf(cli->config_path, sizeof cli->config_path, "%s/%s", home, DEFAULT_CONFIG);
    cli->config_found = cli->config_path[0] && access(cli->config_path, F_OK) == 0;
    if (named && *named && !cli->config_found) {
        fprintf(stderr, "error: config file %s (%s): no such file\n", named,
                flag ? "--config" : "FCAVTAL_CONFIG");
        return -1;
    }
    return 0;
}

static const cli_service_def_t *def_named(const cli_t *cli, const char *name)
{
    for (size_t i = 0; i < cli->n_services; i++)
        if (strcmp(cli->services[i].def->name, name) == 0)
            return cli->services[i].def;
    return NULL;
}

/* A section whose name is no service's: an extra instance of the service
 * its "service" key names. */
static cli_service_t *add_instance(cli_t *cli, zconfig_t *sec)
{
    char names[256];
    const char *name = zconfig_name(sec);
    const char *of = zconfig_get(sec, "service", NULL);
    const cli_service_def_t *def = of ? def_named(cli, of) : NULL;
    if (!def) {
        fprintf(stderr, "error: %s: section \"%s\": %s (the services are %s; a section of "
                        "another name needs \"service = <one of them>\")\n", cli->config_path,
                name, of ? "names no service" : "not a service",
                cli_service_names(cli, names, sizeof names));
        return NULL;
    }
    if (cli->n_services == CLI_MAX_SERVICES || strlen(name) >= CLI_NAME_MAX) {
        fprintf(stderr, "error: %s: section \"%s\": too many services or too long a name\n",
                cli->config_path, name);
        return NULL;
    }
    cli_service_t *svc = &cli->services[cli->n_services++];
    service_init(svc, def, name);
    return svc;
}

static int read_section(cli_t *cli, cli_service_t *svc, zconfig_t *sec, bool instance)
{
    for (zconfig_t *kv = zconfig_child(sec); kv; kv = zconfig_next(kv)) {
        const char *key = zconfig_name(kv), *value = zconfig_value(kv);
        cli_setting_t *s = strcmp(key, "endpoint") == 0     ? &svc->endpoint
                           : strcmp(key, "server-key") == 0 ? &svc->server_key
                                                            : NULL;
        if (instance && strcmp(key, "service") == 0)
            continue;
        if (!s) {
            fprintf(stderr, "error: %s: %s/%s: unknown key (expected endpoint, server-key%s)\n",
                    cli->config_path, svc->name, key, instance ? ", service" : "");
            return -1;
        }
        if (!value || !*value) {
            fprintf(stderr, "error: %s: %s/%s: needs a value\n", cli->config_path, svc->name,
                    key);
            return -1;
        }
        if (cli_setting_set(s, value, CLI_FROM_FILE, cli->config_path) != 0) {
            fprintf(stderr, "error: out of memory\n");
            return -1;
        }
    }
    return 0;
}

static int load_file(cli_t *cli)
{
    zconfig_t *root = zconfig_load(cli->config_path);
    if (!root) {
        fprintf(stderr, "error: %s: cannot read it as a ZPL config file\n", cli->config_path);
        return -1;
    }
    int rc = 0;
    for (zconfig_t *sec = zconfig_child(root); sec && rc == 0; sec = zconfig_next(sec)) {
        cli_service_t *svc = cli_service(cli, zconfig_name(sec));
        bool instance = !svc;
        if (instance && !(svc = add_instance(cli, sec)))
            rc = -1;
        else
            rc = read_section(cli, svc, sec, instance);
    }
    zconfig_destroy(&root);
    return rc;
}

int cli_settings_load(cli_t *cli, const char *config_flag)
{
    if (find_config(cli, config_flag) != 0)
        return CLI_USAGE;
    if (cli->config_found && load_file(cli) != 0)
        return CLI_USAGE;
    if (load_env(cli) != 0 || set_defaults(cli) != 0) {
        fprintf(stderr, "error: out of memory\n");
        return CLI_FAILED;
    }
    for (size_t i = 0; i < cli->n_services; i++) {
        const cli_service_t *svc = &cli->services[i];
        if (svc->endpoint.value)
            continue;
        fprintf(stderr, "error: %s: %s: an extra %s needs an endpoint\n", cli->config_path,
                svc->name, svc->def->name);
        return CLI_USAGE;
    }
    return CLI_OK;
}
