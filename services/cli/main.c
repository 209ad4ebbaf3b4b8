/* fcavtal: the command-line client of the fcavtal registry. main only reads
 * the global options and hands the rest to a command group. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "names.h"

#define DEFAULT_ENDPOINT "tcp://127.0.0.1:7101"
#define DEFAULT_TIMEOUT_MS 5000
#define MAX_REQUEST_ID 128

typedef struct {
    const char *name;
    int (*run)(cli_t *cli, int argc, char **argv);
    const char *summary;
} command_t;

static const command_t commands[] = {
    {"org", cmd_org, "organisations: add, update, get, list"},
    {"op", cmd_op, "operations (BHV, MHV, OFS, SOC, other): add, update, get, list"},
    {"centre", cmd_centre, "family centres: add, update, get, list, as-of"},
    {"agreement", cmd_agreement, "agreements: add, update, get, list, history, send, withdraw,\n"
                                 "                     sign, amend, notice, terminate, expire"},
    {"audit", cmd_audit, "the audit trail"},
    {"snapshot", cmd_snapshot, "the registry's full state"},
    {"import", cmd_import, "load a JSON data set in one all-or-nothing transaction"},
    {"today", cmd_today, "the registry's date"},
    {"deadlines", cmd_deadlines, "deadlines between two dates, with safe days (fcavtal-notify)"},
    {"notifications", cmd_notifications, "reminders in notify's outbox and their state"},
    {"calendar", cmd_calendar, "an organisation's or centre's deadlines as an .ics file"},
    {NULL, NULL, NULL},
};

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
            "global options (allowed anywhere on the line):\n"
            "  --endpoint EP      registry endpoint (default $FCAVTAL_ENDPOINT or "
            DEFAULT_ENDPOINT ")\n"
            "  --server-key Z85   the registry's CURVE public key: encrypt the connection\n"
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

typedef enum { G_ENDPOINT, G_SERVER_KEY, G_CERT, G_JSON, G_ACTOR, G_REQUEST_ID, G_TIMEOUT } gopt_t;

static const struct {
    const char *name;
    gopt_t id;
    int has_value;
} globals[] = {
    {"endpoint", G_ENDPOINT, 1},  {"server-key", G_SERVER_KEY, 1}, {"cert", G_CERT, 1},
    {"json", G_JSON, 0},          {"actor", G_ACTOR, 1},           {"request-id", G_REQUEST_ID, 1},
    {"timeout", G_TIMEOUT, 1},
};

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

static int set_global(cli_t *cli, gopt_t id, const char *value)
{
    switch (id) {
    case G_ENDPOINT: cli->endpoint = value; return 0;
    case G_SERVER_KEY: cli->server_key = value; return 0;
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

/* Consumes argv[*i] when it is a global option: 1 consumed, 0 not one of
 * ours, -1 bad. */
static int take_global(cli_t *cli, int argc, char **argv, int *i)
{
    const char *arg = argv[*i];
    if (strncmp(arg, "--", 2) != 0)
        return 0;
    const char *name = arg + 2;
    const char *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    for (size_t g = 0; g < sizeof globals / sizeof globals[0]; g++) {
        if (strlen(globals[g].name) != len || strncmp(globals[g].name, name, len) != 0)
            continue;
        const char *value = NULL;
        if (globals[g].has_value) {
            if (!eq && *i + 1 >= argc) {
                fprintf(stderr, "error: option --%s needs a value\n", globals[g].name);
                return -1;
            }
            value = eq ? eq + 1 : argv[++*i];
        } else if (eq) {
            fprintf(stderr, "error: option --%s takes no value\n", globals[g].name);
            return -1;
        }
        return set_global(cli, globals[g].id, value) == 0 ? 1 : -1;
    }
    return 0;
}

/* Global options may appear anywhere before "--"; everything else is kept
 * in order for the command. */
static int split_globals(cli_t *cli, int argc, char **argv, char **rest, int *n_rest)
{
    int n = 0;
    bool verbatim = false;
    for (int i = 1; i < argc; i++) {
        if (!verbatim && strcmp(argv[i], "--") == 0)
            verbatim = true;
        int taken = verbatim ? 0 : take_global(cli, argc, argv, &i);
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
    const char *env = getenv("FCAVTAL_ENDPOINT");
    cli->endpoint = env && *env ? env : DEFAULT_ENDPOINT;
    env = getenv("USER");
    cli->actor = env && *env ? env : "unknown";
    cli->timeout_ms = DEFAULT_TIMEOUT_MS;
}

static int run_command(cli_t *cli, int argc, char **argv)
{
    if (argc == 0) {
        usage(stderr);
        return CLI_USAGE;
    }
    if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0 ||
        strcmp(argv[0], "help") == 0) {
        usage(stdout);
        return CLI_OK;
    }
    for (const command_t *c = commands; c->name; c++)
        if (strcmp(c->name, argv[0]) == 0)
            return c->run(cli, argc - 1, argv + 1);
    fprintf(stderr, "error: unknown command '%s' (see fcavtal --help)\n", argv[0]);
    return CLI_USAGE;
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
    int n_rest = 0;
    int rc = CLI_USAGE;
    if (split_globals(&cli, argc, argv, rest, &n_rest) != 0)
        goto done;
    if (!cli.request_id) {
        if (cli_random_id(cli.random_id) != 0) {
            fprintf(stderr, "error: cannot read /dev/urandom for a request id\n");
            rc = CLI_FAILED;
            goto done;
        }
        cli.request_id = cli.random_id;
    }
    rc = run_command(&cli, n_rest, rest);
done:
    names_clear();
    fc_client_destroy(&cli.client);
    free(rest);
    return rc;
}
