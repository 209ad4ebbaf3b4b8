/* fcavtal: the command-line client of the fcavtal services. main only
 * reads the global options and the settings (settings.c) and hands the rest
 * to a command group, which talks to its own service.
 *
 * Adding a service's commands (notify as the example; docs/architecture.md
 * says the same):
 *   1. In `services` below, give the service's line its request and reply
 *      descriptors (&fcavtal__v1__notify_request__descriptor, ...), its text
 *      printer and, if its printers cache anything, the function that frees
 *      it. Its endpoint flags (--notify, --notify-key), environment
 *      (FCAVTAL_NOTIFY, FCAVTAL_NOTIFY_KEY), config section, and 'audit',
 *      'snapshot' and 'today --service notify' then work without more code.
 *   2. Write services/cli/notify/: commands.c with the group's subcommand
 *      table (cli_sub_t, see registry/commands_org.c) and its entry
 *      `int cmd_notify(cli_t *cli, int argc, char **argv)` calling
 *      cli_dispatch; print.c with `int cli_notify_print(cli_t *, const
 *      ProtobufCMessage *reply)`; notify.h declaring both. Handlers use
 *      cli_run / cli_call / cli_list: they go to the group's own service,
 *      whose client is made on first use. CMake picks the files up.
 *   3. Add one line to `commands` below: {"notify", "notify", cmd_notify,
 *      "..."}, and #include "notify/notify.h".
 *   4. Tests in tests/cli/ (start the real service, run the real binary).
 * Service names are global options: no command may have a flag of the same
 * name (--registry, --notify, --costs, --render and their -key forms). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fcavtal/v1/costs.pb-c.h"
#include "fcavtal/v1/notify.pb-c.h"
#include "fcavtal/v1/registry.pb-c.h"
#include "fcavtal/v1/render.pb-c.h"
#include "costs/costs.h"
#include "notify/notify.h"
#include "registry/registry.h"
#include "render/render.h"

#define DEFAULT_TIMEOUT_MS 5000
#define MAX_REQUEST_ID 128

/* Every service the command knows, with its default port. A service whose
 * protocol this build does not know yet has NULL descriptors. */
static const cli_service_def_t services[] = {
    {"registry", 7101, &fcavtal__v1__registry_request__descriptor,
     &fcavtal__v1__registry_reply__descriptor, cli_registry_print, cli_registry_clear},
    {"notify", 7201, &fcavtal__v1__notify_request__descriptor,
     &fcavtal__v1__notify_reply__descriptor, cli_notify_print, NULL},
    {"costs", 7301, &fcavtal__v1__costs_request__descriptor,
     &fcavtal__v1__costs_reply__descriptor, cli_costs_print, NULL},
    {"render", 7401, &fcavtal__v1__render_request__descriptor,
     &fcavtal__v1__render_reply__descriptor, cli_render_print, NULL},
};

typedef struct {
    const char *name;
    const char *service;  /* the group's service; NULL: it chooses (--service) */
    int (*run)(cli_t *cli, int argc, char **argv);
    const char *summary;
} command_t;

static const command_t commands[] = {
    {"org", "registry", cmd_org, "organisations: add, update, get, list"},
    {"op", "registry", cmd_op, "operations (BHV, MHV, OFS, SOC, other): add, update, get, list"},
    {"centre", "registry", cmd_centre, "family centres: add, update, get, list, as-of"},
    {"agreement", "registry", cmd_agreement,
     "agreements: add, update, get, list, history, send, withdraw,\n"
     "                     sign, amend, notice, terminate, expire"},
    {"import", "registry", cmd_import, "load a JSON data set in one all-or-nothing transaction"},
    {"deadlines", "notify", cmd_deadlines, "deadlines between two dates, with safe days"},
    {"notifications", "notify", cmd_notifications, "reminders in notify's outbox and their state"},
    {"calendar", "notify", cmd_calendar, "an organisation's or centre's deadlines as an .ics file"},
    {"costs", "costs", cmd_costs,
     "common costs and settlements: add, load, list, run, show, explain,\n"
     "                     finalise, correct, export (CSV, SIE)"},
    {"render", "render", cmd_render,
     "agreement documents (pdf, html, md): render, list, verify, status"},
    {"audit", NULL, cmd_audit, "a service's audit trail (--service, default the registry)"},
    {"snapshot", NULL, cmd_snapshot, "a service's full state, every page of it"},
    {"today", NULL, cmd_today, "every service's date; 'today set DATE' under --simulate"},
    {"config", NULL, cmd_config, "where each service is, and where that was said"},
    {NULL, NULL, NULL, NULL},
};

#define N_SERVICES (sizeof services / sizeof services[0])

static void usage(FILE *out)
{
    fprintf(out,
            "usage: fcavtal [global options] COMMAND [arguments] [options]\n"
            "\n"
            "Keeps the register of family centres and their collaboration agreements.\n"
            "\n"
            "commands:\n");
    for (const command_t *c = commands; c->name; c++)
        fprintf(out, "  %-18s %s\n", c->name, c->summary);
    fprintf(out,
            "\n"
            "services (default endpoint):\n");
    for (size_t i = 0; i < N_SERVICES; i++)
        fprintf(out, "  %-18s tcp://127.0.0.1:%d\n", services[i].name, services[i].port);
    fprintf(out,
            "\n"
            "global options (allowed anywhere on the line):\n"
            "  --SERVICE EP       the service's endpoint, e.g. --registry tcp://host:7101\n"
            "                     (else $FCAVTAL_<SERVICE>, the config file, the default)\n"
            "  --SERVICE-key Z85  its CURVE public key: encrypt the connection\n"
            "                     (else $FCAVTAL_<SERVICE>_KEY, the config file)\n"
            "  --endpoint EP      the registry's endpoint, as --registry ($FCAVTAL_ENDPOINT)\n"
            "  --server-key Z85   the registry's key, as --registry-key\n"
            "  --config FILE      the config file (default $FCAVTAL_CONFIG or\n"
            "                     ~/.config/fcavtal/cli.cfg); 'fcavtal config' shows the result\n"
            "  --cert FILE        this client's CURVE certificate (default: an ephemeral one)\n"
            "  --json             print the reply as JSON\n"
            "  --actor NAME       who is acting (default $USER)\n"
            "  --request-id ID    idempotency key: repeat a mutation safely with the same id\n"
            "                     (default: a fresh random id)\n"
            "  --timeout MS       wait this long for a reply (default 5000)\n"
            "\n"
            "'fcavtal COMMAND --help' shows a command's arguments and options.\n"
            "exit codes: 0 ok, 1 refused or invalid input, 2 usage error, 3 no reply.\n");
}

typedef enum {
    G_ENDPOINT, G_SERVER_KEY, G_CONFIG, G_CERT, G_JSON, G_ACTOR, G_REQUEST_ID, G_TIMEOUT,
    G_SERVICE, G_SERVICE_KEY
} gopt_t;

static const struct {
    const char *name;
    gopt_t id;
    int has_value;
} globals[] = {
    {"endpoint", G_ENDPOINT, 1}, {"server-key", G_SERVER_KEY, 1}, {"config", G_CONFIG, 1},
    {"cert", G_CERT, 1},         {"json", G_JSON, 0},             {"actor", G_ACTOR, 1},
    {"request-id", G_REQUEST_ID, 1}, {"timeout", G_TIMEOUT, 1},
};

typedef struct {
    cli_t *cli;
    const char *config;     /* --config */
    cli_service_t *target;  /* the service of --NAME / --NAME-key */
} globals_t;

static int set_timeout(cli_t *cli, const char *text)
{
    char *end = NULL;
    long ms = strtol(text, &end, 10);
    if (!*text || *end || ms <= 0 || ms > INT_MAX) {
        fprintf(stderr, "error: --timeout needs a positive number of milliseconds\n");
        return -1;
    }
    cli->timeout_ms = (int)ms;
    return 0;
}

static int set_service(cli_setting_t *s, const char *value, const char *flag)
{
    char label[CLI_NAME_MAX + 8];
    snprintf(label, sizeof label, "--%s", flag);
    if (cli_setting_set(s, value, CLI_FROM_FLAG, label) == 0)
        return 0;
    fprintf(stderr, "error: out of memory\n");
    return -1;
}

static int set_global(globals_t *g, gopt_t id, const char *flag, const char *value)
{
    cli_t *cli = g->cli;
    cli_service_t *registry = cli_service(cli, "registry");
    switch (id) {
    case G_ENDPOINT: return set_service(&registry->endpoint, value, flag);
    case G_SERVER_KEY: return set_service(&registry->server_key, value, flag);
    case G_SERVICE: return set_service(&g->target->endpoint, value, flag);
    case G_SERVICE_KEY: return set_service(&g->target->server_key, value, flag);
    case G_CONFIG: g->config = value; return 0;
    case G_CERT: cli->cert = value; return 0;
    case G_JSON: cli->json = true; return 0;
    case G_ACTOR: cli->actor = value; return 0;
    case G_TIMEOUT: return set_timeout(cli, value);
    case G_REQUEST_ID:
        if (!*value || strlen(value) > MAX_REQUEST_ID) {
            fprintf(stderr, "error: --request-id must be 1 to %d characters\n", MAX_REQUEST_ID);
            return -1;
        }
        cli->request_id = value;
        return 0;
    }
    return -1;
}

/* Which global option `name` (len bytes) is: a fixed one, or a service's
 * --NAME / --NAME-key. -1 when none. */
static int find_global(globals_t *g, const char *name, size_t len, gopt_t *id)
{
    for (size_t i = 0; i < sizeof globals / sizeof globals[0]; i++) {
        if (strlen(globals[i].name) == len && strncmp(globals[i].name, name, len) == 0) {
            *id = globals[i].id;
            return globals[i].has_value;
        }
    }
    for (size_t i = 0; i < g->cli->n_services; i++) {
        cli_service_t *svc = &g->cli->services[i];
        size_t n = strlen(svc->name);
        if (strncmp(svc->name, name, n) != 0)
            continue;
        if (len == n || (len == n + 4 && strncmp(name + n, "-key", 4) == 0)) {
            g->target = svc;
            *id = len == n ? G_SERVICE : G_SERVICE_KEY;
            return 1;
        }
    }
    return -1;
}

/* Consumes argv[*i] when it is a global option: 1 consumed, 0 not one of
 * ours, -1 bad. */
static int take_global(globals_t *g, int argc, char **argv, int *i)
{
    const char *arg = argv[*i];
    if (strncmp(arg, "--", 2) != 0)
        return 0;
    const char *name = arg + 2;
    const char *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    gopt_t id;
    int has_value = find_global(g, name, len, &id);
    if (has_value < 0)
        return 0;
    char flag[CLI_NAME_MAX + 8];
    snprintf(flag, sizeof flag, "%.*s", (int)len, name);
    const char *value = NULL;
    if (has_value) {
        if (!eq && *i + 1 >= argc) {
            fprintf(stderr, "error: option --%s needs a value\n", flag);
            return -1;
        }
        value = eq ? eq + 1 : argv[++*i];
    } else if (eq) {
        fprintf(stderr, "error: option --%s takes no value\n", flag);
        return -1;
    }
    return set_global(g, id, flag, value) == 0 ? 1 : -1;
}

/* Global options may appear anywhere before "--"; everything else is kept
 * in order for the command. */
static int split_globals(globals_t *g, int argc, char **argv, char **rest, int *n_rest)
{
    int n = 0;
    bool verbatim = false;
    for (int i = 1; i < argc; i++) {
        if (!verbatim && strcmp(argv[i], "--") == 0)
            verbatim = true;
        int taken = verbatim ? 0 : take_global(g, argc, argv, &i);
        if (taken < 0)
            return -1;
        if (taken == 0)
            rest[n++] = argv[i];
    }
    rest[n] = NULL;
    *n_rest = n;
    return 0;
}

static void set_defaults(cli_t *cli)
{
    const char *env = getenv("USER");
    cli->actor = env && *env ? env : "unknown";
    cli->timeout_ms = DEFAULT_TIMEOUT_MS;
    cli_settings_init(cli, services, N_SERVICES);
}

static bool is_help(const char *arg)
{
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0 || strcmp(arg, "help") == 0;
}

static int run_command(cli_t *cli, int argc, char **argv)
{
    for (const command_t *c = commands; c->name; c++) {
        if (strcmp(c->name, argv[0]) != 0)
            continue;
        cli->service = cli_service(cli, c->service ? c->service : "registry");
        return c->run(cli, argc - 1, argv + 1);
    }
    fprintf(stderr, "error: unknown command '%s' (see fcavtal --help)\n", argv[0]);
    return CLI_USAGE;
}

static int run(cli_t *cli, const char *config, int argc, char **argv)
{
    if (argc == 0) {
        usage(stderr);
        return CLI_USAGE;
    }
    if (is_help(argv[0])) {
        usage(stdout);
        return CLI_OK;
    }
    int rc = cli_settings_load(cli, config);
    if (rc != CLI_OK)
        return rc;
    if (!cli->request_id) {
        if (cli_random_id(cli->random_id) != 0) {
            fprintf(stderr, "error: cannot read /dev/urandom for a request id\n");
            return CLI_FAILED;
        }
        cli->request_id = cli->random_id;
    }
    return run_command(cli, argc, argv);
}

int main(int argc, char **argv)
{
    cli_t cli = {0};
    set_defaults(&cli);
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    if (!rest) {
        fprintf(stderr, "error: out of memory\n");
        return CLI_FAILED;
    }
    globals_t g = {.cli = &cli};
    int n_rest = 0;
    int rc = split_globals(&g, argc, argv, rest, &n_rest) == 0
                 ? run(&cli, g.config, n_rest, rest) : CLI_USAGE;
    for (size_t i = 0; i < N_SERVICES; i++)
        if (services[i].clear)
            services[i].clear();
    cli_settings_clear(&cli);
    free(rest);
    return rc;
}
