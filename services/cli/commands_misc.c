/* fcavtal audit | snapshot | today: the registry as a whole. Each is a
 * single command without subcommands. */
#include <stdio.h>

#include "cli.h"
#include "records.h"

static const cli_flag_t audit_flags[] = {
    {"entity", "entity", FLAG_STRING, "organisation, operation, centre or agreement"},
    {"id", "id", FLAG_ID, "only this record (with --entity)"},
    {"after", "after_seq", FLAG_NUM, "only events after this sequence number"},
    {"limit", "limit", FLAG_NUM, "at most this many events (default 100)"},
    {0},
};

static void usage(const char *name, const char *summary, const cli_flag_t *flags, FILE *out)
{
    fprintf(out, "usage: fcavtal %s%s\n\n%s\n", name, flags ? " [options]" : "", summary);
    if (flags) {
        fprintf(out, "\noptions:\n");
        fflush(out);
        cli_print_flags(flags);
    }
}

/* Parses a command without positionals: CLI_OK to go on, else the exit
 * code (help printed, or a usage error). */
static int parse_simple(int argc, char **argv, const char *name, const char *summary,
                        const cli_flag_t *flags, cli_args_t *a)
{
    if (cli_args_parse(argc, argv, flags, a) != 0)
        return CLI_USAGE;
    if (a->help) {
        usage(name, summary, flags, stdout);
        return -1;
    }
    if (a->n_positional > 0) {
        fprintf(stderr, "error: '%s' takes no arguments\n", name);
        return CLI_USAGE;
    }
    return CLI_OK;
}

static int run_simple(cli_t *cli, int argc, char **argv, const char *name, const char *method,
                      const char *summary, const cli_flag_t *flags)
{
    cli_args_t a;
    int rc = parse_simple(argc, argv, name, summary, flags, &a);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    json_t *body = record_input(&a, NULL);
    return body ? cli_run(cli, method, body) : CLI_USAGE;
}

int cmd_audit(cli_t *cli, int argc, char **argv)
{
    return run_simple(cli, argc, argv, "audit", "audit",
                      "Show the audit trail: who changed what, when, with which request id.",
                      audit_flags);
}

int cmd_snapshot(cli_t *cli, int argc, char **argv)
{
    return run_simple(cli, argc, argv, "snapshot", "snapshot",
                      "Show the registry's full state and its event sequence number.", NULL);
}

int cmd_today(cli_t *cli, int argc, char **argv)
{
    return run_simple(cli, argc, argv, "today", "today",
                      "Show the registry's idea of today's date (it may be simulated).", NULL);
}
