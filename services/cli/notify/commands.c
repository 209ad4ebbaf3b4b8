/* fcavtal deadlines | notifications | calendar: fcavtal-notify
 * (docs/notify.md), found like every service (--notify EP, $FCAVTAL_NOTIFY,
 * the config file's [notify] section, tcp://127.0.0.1:7201).
 *
 *   fcavtal deadlines --from D --to D [--org ID] [--centre ID] [--agreement ID]
 *                     [--kind K] [--cancelled]
 *   fcavtal notifications [--state S] [--agreement ID] [--deadline ID] [--channel C]
 *                         [--limit N] | --summary
 *   fcavtal calendar --org ID | --centre ID [--from D] [--to D] -o FILE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notify.h"

static const cli_flag_t deadline_flags[] = {
    {"from", "from", FLAG_DATE, "first safe day (required)"},
    {"to", "to", FLAG_DATE, "last safe day (required)"},
    {"org", "organisation_id", FLAG_ID, "only deadlines this organisation must act on"},
    {"centre", "centre_id", FLAG_ID, "only this centre's deadlines"},
    {"agreement", "agreement_id", FLAG_ID, "only this agreement's deadlines"},
    {"kind", "kind", FLAG_STRING, "notice, extension_decision, annual_review, end, handover, "
                                  "business_plan or annual_report"},
    {"cancelled", "include_cancelled", FLAG_BOOL, "list cancelled deadlines too"},
    {0},
};

static const cli_flag_t notification_flags[] = {
    {"state", "state", FLAG_STRING, "pending, sent, acknowledged, failed or cancelled"},
    {"agreement", "agreement_id", FLAG_ID, "only this agreement's"},
    {"deadline", "deadline_id", FLAG_ID, "only this deadline's"},
    {"channel", "channel", FLAG_STRING, "case_feed or email"},
    {"limit", NULL, FLAG_NUM, "at most this many (default: all)"},
    {"summary", NULL, FLAG_BOOL, "the service's state and the outbox counted by state"},
    {0},
};

static const cli_flag_t calendar_flags[] = {
    {"org", "organisation_id", FLAG_ID, "the organisation's deadlines"},
    {"centre", "centre_id", FLAG_ID, "the centre's deadlines"},
    {"from", "from", FLAG_DATE, "first safe day (default: notify's today)"},
    {"to", "to", FLAG_DATE, "last safe day (default: the horizon)"},
    {"output", NULL, FLAG_STRING, "write the .ics here (required; - for stdout); also -o FILE"},
    {0},
};

/* The flags as the request body; NULL with the problem printed. */
static json_t *body_of(const cli_args_t *a)
{
    json_t *body = json_object();
    if (!body || cli_args_to_json(a, body) != 0) {
        json_decref(body);
        return NULL;
    }
    return body;
}

static int run_deadlines(cli_t *cli, const cli_args_t *a)
{
    if (!cli_arg(a, "from") || !cli_arg(a, "to")) {
        fprintf(stderr, "error: 'deadlines' needs --from YYYY-MM-DD and --to YYYY-MM-DD\n");
        return CLI_USAGE;
    }
    json_t *body = body_of(a);
    if (!body || json_object_set_new(body, "limit", json_integer(10000))) {
        json_decref(body);
        return CLI_USAGE;
    }
    return cli_run(cli, "list_deadlines", body);
}

static int run_notifications(cli_t *cli, const cli_args_t *a)
{
    if (cli_arg_has(a, "summary"))
        return cli_run(cli, "status", json_object());
    unsigned long long max = 0;
    const char *limit = cli_arg(a, "limit");
    if (limit && cli_parse_id(limit, &max)) {
        fprintf(stderr, "error: --limit needs a number\n");
        return CLI_USAGE;
    }
    json_t *body = body_of(a);
    if (!body)
        return CLI_USAGE;
    ProtobufCMessage *reply = NULL;
    bool more = false;
    int rc = cli_list(cli, "list_notifications", body, (size_t)max, &reply, &more);
    if (rc)
        return rc;
    rc = cli_output(cli, reply);
    protobuf_c_message_free_unpacked(reply, NULL);
    if (!rc && more && !cli->json)
        printf("(more: raise --limit)\n");
    return rc;
}

static int write_file(const char *path, const char *text)
{
    FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
    if (!f) {
        fprintf(stderr, "error: cannot write %s\n", path);
        return CLI_FAILED;
    }
    int bad = fputs(text, f) < 0;
    if (f != stdout)
        bad |= fclose(f) != 0;
    if (bad)
        fprintf(stderr, "error: cannot write %s\n", path);
    return bad ? CLI_FAILED : CLI_OK;
}

static int run_calendar(cli_t *cli, const cli_args_t *a)
{
    const char *out = cli_arg(a, "output");
    if (!out || !cli_arg(a, "org") == !cli_arg(a, "centre")) {
        fprintf(stderr, "error: 'calendar' needs one of --org ID and --centre ID, and -o FILE\n");
        return CLI_USAGE;
    }
    json_t *body = body_of(a);
    if (!body)
        return CLI_USAGE;
    ProtobufCMessage *reply = NULL;
    int rc = cli_call(cli, "calendar", body, false, &reply);
    if (rc)
        return rc;
    const Fcavtal__V1__Calendar *c = ((const Fcavtal__V1__NotifyReply *)reply)->calendar;
    rc = c ? write_file(out, c->ics) : CLI_FAILED;
    if (!rc && strcmp(out, "-") != 0)
        printf("wrote %u deadline%s to %s (%s)\n", c->events, c->events == 1 ? "" : "s", out,
               c->name);
    protobuf_c_message_free_unpacked(reply, NULL);
    return rc;
}

/* A command without subcommands or positionals. */
static int run_single(cli_t *cli, int argc, char **argv, const char *name, const char *summary,
                      const cli_flag_t *flags, int (*run)(cli_t *, const cli_args_t *))
{
    cli_args_t a;
    if (cli_args_parse(argc, argv, flags, &a) != 0)
        return CLI_USAGE;
    if (a.help) {
        printf("usage: fcavtal %s [options]\n\n%s\n\noptions:\n", name, summary);
        fflush(stdout);
        cli_print_flags(flags);
        return CLI_OK;
    }
    if (a.n_positional) {
        fprintf(stderr, "error: '%s' takes no arguments\n", name);
        return CLI_USAGE;
    }
    return run(cli, &a);
}

int cmd_deadlines(cli_t *cli, int argc, char **argv)
{
    return run_single(cli, argc, argv, "deadlines",
                      "Deadlines whose safe day lies between --from and --to: the day to act "
                      "by,\nwhy it moved, the rule with its source and who must act.",
                      deadline_flags, run_deadlines);
}

int cmd_notifications(cli_t *cli, int argc, char **argv)
{
    return run_single(cli, argc, argv, "notifications",
                      "The reminders in notify's outbox and how each went: pending, sent,\n"
                      "acknowledged, failed (with why) or cancelled; late ones say so.",
                      notification_flags, run_notifications);
}

int cmd_calendar(cli_t *cli, int argc, char **argv)
{
    /* "-o FILE", as compilers and curl spell it, is --output FILE. */
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (!args) {
        fprintf(stderr, "error: out of memory\n");
        return CLI_FAILED;
    }
    for (int i = 0; i < argc; i++)
        args[i] = strcmp(argv[i], "-o") == 0 ? "--output" : argv[i];
    int rc = run_single(cli, argc, args, "calendar",
                        "Write an organisation's or a centre's deadlines as an iCalendar file\n"
                        "(RFC 5545) with an alarm at each reminder's lead time.",
                        calendar_flags, run_calendar);
    free(args);
    return rc;
}
