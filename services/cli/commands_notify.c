/* fcavtal deadlines | notifications | calendar: the notification service
 * (fcavtal-notify, docs/notify.md), reached at --notify EP, else
 * $FCAVTAL_NOTIFY, else tcp://127.0.0.1:7201. Requests are built here from
 * the flags; replies print as tables, or as JSON with --json. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fcavtal/date.h"
#include "fcavtal/v1/notify.pb-c.h"
#include "pbjson.h"
#include "table.h"

#define DEFAULT_NOTIFY "tcp://127.0.0.1:7201"

typedef Fcavtal__V1__NotifyRequest ntf_req_t;
typedef Fcavtal__V1__NotifyReply ntf_rep_t;

/* ------------------------------------------------------------ round trip */

static const char *endpoint_of(const cli_args_t *a)
{
    const char *ep = cli_arg(a, "notify");
    const char *env = getenv("FCAVTAL_NOTIFY");
    return ep ? ep : env && *env ? env : DEFAULT_NOTIFY;
}

/* Sends req and checks the reply: CLI_OK with *reply, or the exit code
 * with the problem printed. */
static int notify_call(cli_t *cli, const cli_args_t *a, ntf_req_t *req, ntf_rep_t **reply)
{
    *reply = NULL;
    char id[CLI_ID_LEN + 1];
    if (cli_random_id(id)) {
        fprintf(stderr, "error: cannot read /dev/urandom for a request id\n");
        return CLI_FAILED;
    }
    req->request_id = id;
    req->actor = (char *)cli->actor;
    fc_client_opts_t opts = {.endpoint = endpoint_of(a), .timeout_ms = cli->timeout_ms};
    fc_client_t *client = fc_client_new(&opts);
    if (!client) {
        fprintf(stderr, "error: cannot connect to %s\n", opts.endpoint);
        return CLI_FAILED;
    }
    ntf_rep_t *rep = (ntf_rep_t *)fc_client_call(client, &req->base,
                                                 &fcavtal__v1__notify_reply__descriptor);
    fc_client_destroy(&client);
    if (!rep) {
        fprintf(stderr, "error: no reply from fcavtal-notify at %s within %d ms\n",
                opts.endpoint, cli->timeout_ms);
        return CLI_NO_REPLY;
    }
    if (rep->status && rep->status->code != FCAVTAL__V1__CODE__OK) {
        char name[32];
        fprintf(stderr, "error: %s: %s\n",
                pbj_enum_name(&fcavtal__v1__code__descriptor, rep->status->code, name,
                              sizeof name),
                rep->status->message);
        for (size_t i = 0; i < rep->status->n_violations; i++)
            fprintf(stderr, "  %s: %s\n", rep->status->violations[i]->field,
                    rep->status->violations[i]->description);
        fcavtal__v1__notify_reply__free_unpacked(rep, NULL);
        return CLI_FAILED;
    }
    for (size_t i = 0; i < rep->n_warnings; i++)
        fprintf(stderr, "warning: %s\n", rep->warnings[i]);
    *reply = rep;
    return CLI_OK;
}

static int print_json(const ntf_rep_t *rep)
{
    json_t *j = pbj_oneof_to_json(&rep->base, rep->body_case);
    char *text = j ? json_dumps(j, JSON_INDENT(2)) : NULL;
    json_decref(j);
    if (!text)
        return CLI_FAILED;
    puts(text);
    free(text);
    return CLI_OK;
}

/* ------------------------------------------------------------ flags */

static int date_flag(const cli_args_t *a, const char *name, bool required, Fcavtal__V1__Date *out,
                     bool *given)
{
    const char *v = cli_arg(a, name);
    *given = v != NULL;
    if (!v) {
        if (required)
            fprintf(stderr, "error: --%s YYYY-MM-DD is required\n", name);
        return required ? -1 : 0;
    }
    fc_date_t d;
    if (fc_date_parse(v, &d)) {
        fprintf(stderr, "error: --%s %s is not a date (YYYY-MM-DD)\n", name, v);
        return -1;
    }
    fcavtal__v1__date__init(out);
    out->year = d.year, out->month = d.month, out->day = d.day;
    return 0;
}

static int id_flag(const cli_args_t *a, const char *name, uint64_t *out)
{
    const char *v = cli_arg(a, name);
    unsigned long long id = 0;
    if (v && cli_parse_id(v, &id)) {
        fprintf(stderr, "error: --%s needs an id, got '%s'\n", name, v);
        return -1;
    }
    *out = id;
    return 0;
}

static const char *fmt_day(const Fcavtal__V1__Date *d, char *buf, size_t n)
{
    if (!d)
        return "";
    snprintf(buf, n, "%04d-%02d-%02d", d->year, d->month, d->day);
    return buf;
}

/* ------------------------------------------------------------ deadlines */

static const cli_flag_t deadline_flags[] = {
    {"from", NULL, FLAG_DATE, "first safe day (required)"},
    {"to", NULL, FLAG_DATE, "last safe day (required)"},
    {"org", NULL, FLAG_ID, "only deadlines this organisation must act on"},
    {"centre", NULL, FLAG_ID, "only this centre's deadlines"},
    {"agreement", NULL, FLAG_ID, "only this agreement's deadlines"},
    {"kind", NULL, FLAG_STRING, "notice, extension_decision, annual_review, end, handover, "
                                "business_plan or annual_report"},
    {"cancelled", NULL, FLAG_BOOL, "list cancelled deadlines too"},
    {"notify", NULL, FLAG_STRING, "fcavtal-notify endpoint (default $FCAVTAL_NOTIFY or "
                                  DEFAULT_NOTIFY ")"},
    {0},
};

static void parties_text(const Fcavtal__V1__Deadline *d, char *buf, size_t n)
{
    buf[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < d->n_parties && used < n; i++) {
        const char *name = d->parties[i]->name;
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(d->parties[j]->name, name) == 0;
        if (!seen)
            used += (size_t)snprintf(buf + used, n - used, "%s%s", used ? ", " : "", name);
    }
}

static int print_deadlines(const Fcavtal__V1__DeadlineList *l)
{
    static const char *const H[] = {"#", "SAFE DAY", "DATE", "KIND", "AGREEMENT", "MUST ACT",
                                    "SOURCE", "STATE"};
    cli_table_t *t = table_new(H, 8);
    if (!t)
        return CLI_FAILED;
    char a[24], b[24], parties[400];
    for (size_t i = 0; i < l->n_items; i++) {
        const Fcavtal__V1__Deadline *d = l->items[i];
        parties_text(d, parties, sizeof parties);
        table_cellf(t, "%zu", i + 1);
        table_cellf(t, "%s", fmt_day(d->safe_day, a, sizeof a));
        table_cellf(t, "%s", fmt_day(d->date, b, sizeof b));
        table_cellf(t, "%s", d->kind);
        table_cellf(t, "%llu %s", (unsigned long long)d->agreement_id, d->agreement_title);
        table_cellf(t, "%s", parties);
        table_cellf(t, "%s", d->rule ? d->rule->source : "");
        table_cellf(t, "%s", d->state == FCAVTAL__V1__DEADLINE_STATE__DEADLINE_STATE_CANCELLED
                                 ? "cancelled" : "");
    }
    int rc = table_print(t, stdout);
    table_destroy(&t);
    /* The words behind each line: too long for a column. */
    for (size_t i = 0; i < l->n_items; i++) {
        const Fcavtal__V1__Deadline *d = l->items[i];
        printf("\n%zu. %s", i + 1, d->rule ? d->rule->text : "");
        if (d->moved && *d->moved)
            printf("\n   Safe day: %s.", d->moved);
        if (d->cancelled_reason && *d->cancelled_reason)
            printf("\n   Cancelled: %s.", d->cancelled_reason);
    }
    if (l->n_items)
        printf("\n");
    if (l->next_cursor.len)
        printf("\n(more: narrow the dates or the filters)\n");
    return rc ? CLI_FAILED : CLI_OK;
}

static int run_deadlines(cli_t *cli, const cli_args_t *a)
{
    Fcavtal__V1__ListDeadlines q = FCAVTAL__V1__LIST_DEADLINES__INIT;
    Fcavtal__V1__Date from, to;
    bool given;
    if (date_flag(a, "from", true, &from, &given) || date_flag(a, "to", true, &to, &given) ||
        id_flag(a, "org", &q.organisation_id) || id_flag(a, "centre", &q.centre_id) ||
        id_flag(a, "agreement", &q.agreement_id))
        return CLI_USAGE;
    q.from = &from;
    q.to = &to;
    q.kind = (char *)(cli_arg(a, "kind") ? cli_arg(a, "kind") : "");
    q.include_cancelled = cli_arg_has(a, "cancelled");
    q.limit = 10000;
    ntf_req_t req = FCAVTAL__V1__NOTIFY_REQUEST__INIT;
    req.body_case = FCAVTAL__V1__NOTIFY_REQUEST__BODY_LIST_DEADLINES;
    req.list_deadlines = &q;
    ntf_rep_t *rep;
    int rc = notify_call(cli, a, &req, &rep);
    if (rc)
        return rc;
    rc = cli->json ? print_json(rep) : print_deadlines(rep->deadlines);
    fcavtal__v1__notify_reply__free_unpacked(rep, NULL);
    return rc;
}

/* ------------------------------------------------------------ notifications */

static const cli_flag_t notification_flags[] = {
    {"state", NULL, FLAG_STRING, "pending, sent, acknowledged, failed or cancelled"},
    {"agreement", NULL, FLAG_ID, "only this agreement's"},
    {"deadline", NULL, FLAG_ID, "only this deadline's"},
    {"channel", NULL, FLAG_STRING, "case_feed or email"},
    {"limit", NULL, FLAG_NUM, "at most this many (default 1000)"},
    {"summary", NULL, FLAG_BOOL, "the service's state and the outbox counted by state"},
    {"notify", NULL, FLAG_STRING, "fcavtal-notify endpoint (default $FCAVTAL_NOTIFY or "
                                  DEFAULT_NOTIFY ")"},
    {0},
};

static const char *state_text(const Fcavtal__V1__Notification *n, char *buf, size_t len)
{
    char s[32];
    pbj_enum_name(&fcavtal__v1__notification_state__descriptor, n->state, s, sizeof s);
    snprintf(buf, len, "%s%s", s, n->late ? " (late)" : "");
    return buf;
}

static int print_notifications(const Fcavtal__V1__NotificationList *l)
{
    static const char *const H[] = {"ID", "NOTIFICATION", "CHANNEL", "TO", "PLANNED", "STATE",
                                    "TRIES", "WHY"};
    cli_table_t *t = table_new(H, 8);
    if (!t)
        return CLI_FAILED;
    char d[24], ch[32], st[48];
    for (size_t i = 0; i < l->n_items; i++) {
        const Fcavtal__V1__Notification *n = l->items[i];
        table_cellf(t, "%llu", (unsigned long long)n->id);
        table_cellf(t, "%s", n->notification_id);
        table_cellf(t, "%s", pbj_enum_name(&fcavtal__v1__channel__descriptor, n->channel, ch,
                                           sizeof ch));
        table_cellf(t, "%s", n->recipient);
        table_cellf(t, "%s", fmt_day(n->planned_on, d, sizeof d));
        table_cellf(t, "%s", state_text(n, st, sizeof st));
        table_cellf(t, "%u", n->attempts);
        table_cellf(t, "%s", n->error);
    }
    int rc = table_print(t, stdout);
    table_destroy(&t);
    if (l->next_after_id)
        printf("(more after id %llu)\n", (unsigned long long)l->next_after_id);
    return rc ? CLI_FAILED : CLI_OK;
}

static int print_summary(const Fcavtal__V1__NotifyStatus *s)
{
    char a[24], b[24];
    printf("today:              %s\n", fmt_day(s->today, a, sizeof a));
    printf("processed through:  %s\n", fmt_day(s->processed_through, b, sizeof b));
    printf("registry followed:  up to event %llu%s\n", (unsigned long long)s->follower_position,
           s->live ? " (live)" : " (catching up)");
    printf("deadlines stored:   %llu\n", (unsigned long long)s->deadlines);
    printf("outbox:             %llu pending, %llu sent, %llu acknowledged, %llu failed\n",
           (unsigned long long)s->pending, (unsigned long long)s->sent,
           (unsigned long long)s->acknowledged, (unsigned long long)s->failed);
    printf("expiries pending:   %llu\n", (unsigned long long)s->expiries_pending);
    for (size_t i = 0; i < s->n_channels; i++)
        printf("channel:            %s\n", s->channels[i]);
    return CLI_OK;
}

static int run_summary(cli_t *cli, const cli_args_t *a)
{
    Fcavtal__V1__NotifyStatusRequest q = FCAVTAL__V1__NOTIFY_STATUS_REQUEST__INIT;
    ntf_req_t req = FCAVTAL__V1__NOTIFY_REQUEST__INIT;
    req.body_case = FCAVTAL__V1__NOTIFY_REQUEST__BODY_STATUS;
    req.status = &q;
    ntf_rep_t *rep;
    int rc = notify_call(cli, a, &req, &rep);
    if (rc)
        return rc;
    rc = cli->json ? print_json(rep) : print_summary(rep->status_report);
    fcavtal__v1__notify_reply__free_unpacked(rep, NULL);
    return rc;
}

static int enum_flag(const cli_args_t *a, const char *name, const ProtobufCEnumDescriptor *desc,
                     int *out)
{
    const char *v = cli_arg(a, name);
    *out = 0;
    if (v && pbj_enum_parse(desc, v, out)) {
        char choices[200];
        fprintf(stderr, "error: --%s %s: one of %s\n", name, v,
                pbj_enum_choices(desc, choices, sizeof choices));
        return -1;
    }
    return 0;
}

static int run_notifications(cli_t *cli, const cli_args_t *a)
{
    if (cli_arg_has(a, "summary"))
        return run_summary(cli, a);
    Fcavtal__V1__ListNotifications q = FCAVTAL__V1__LIST_NOTIFICATIONS__INIT;
    int state, channel;
    uint64_t limit = 0;
    if (enum_flag(a, "state", &fcavtal__v1__notification_state__descriptor, &state) ||
        enum_flag(a, "channel", &fcavtal__v1__channel__descriptor, &channel) ||
        id_flag(a, "agreement", &q.agreement_id) || id_flag(a, "deadline", &q.deadline_id) ||
        id_flag(a, "limit", &limit))
        return CLI_USAGE;
    q.state = state;
    q.channel = channel;
    q.limit = (uint32_t)(limit > 10000 ? 10000 : limit);
    ntf_req_t req = FCAVTAL__V1__NOTIFY_REQUEST__INIT;
    req.body_case = FCAVTAL__V1__NOTIFY_REQUEST__BODY_LIST_NOTIFICATIONS;
    req.list_notifications = &q;
    ntf_rep_t *rep;
    int rc = notify_call(cli, a, &req, &rep);
    if (rc)
        return rc;
    rc = cli->json ? print_json(rep) : print_notifications(rep->notifications);
    fcavtal__v1__notify_reply__free_unpacked(rep, NULL);
    return rc;
}

/* ------------------------------------------------------------ calendar */

static const cli_flag_t calendar_flags[] = {
    {"org", NULL, FLAG_ID, "the organisation's deadlines"},
    {"centre", NULL, FLAG_ID, "the centre's deadlines"},
    {"from", NULL, FLAG_DATE, "first safe day (default: notify's today)"},
    {"to", NULL, FLAG_DATE, "last safe day (default: the horizon)"},
    {"output", NULL, FLAG_STRING, "write the .ics here (required; - for stdout); also -o FILE"},
    {"notify", NULL, FLAG_STRING, "fcavtal-notify endpoint (default $FCAVTAL_NOTIFY or "
                                  DEFAULT_NOTIFY ")"},
    {0},
};

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
    Fcavtal__V1__CalendarRequest q = FCAVTAL__V1__CALENDAR_REQUEST__INIT;
    Fcavtal__V1__Date from, to;
    bool has_from, has_to;
    const char *out = cli_arg(a, "output");
    if (id_flag(a, "org", &q.organisation_id) || id_flag(a, "centre", &q.centre_id) ||
        date_flag(a, "from", false, &from, &has_from) || date_flag(a, "to", false, &to, &has_to))
        return CLI_USAGE;
    if (!out || !q.organisation_id == !q.centre_id) {
        fprintf(stderr, "error: 'calendar' needs one of --org ID and --centre ID, and -o FILE\n");
        return CLI_USAGE;
    }
    q.from = has_from ? &from : NULL;
    q.to = has_to ? &to : NULL;
    ntf_req_t req = FCAVTAL__V1__NOTIFY_REQUEST__INIT;
    req.body_case = FCAVTAL__V1__NOTIFY_REQUEST__BODY_CALENDAR;
    req.calendar = &q;
    ntf_rep_t *rep;
    int rc = notify_call(cli, a, &req, &rep);
    if (rc)
        return rc;
    rc = write_file(out, rep->calendar->ics);
    if (!rc && strcmp(out, "-") != 0)
        printf("wrote %u deadline%s to %s (%s)\n", rep->calendar->events,
               rep->calendar->events == 1 ? "" : "s", out, rep->calendar->name);
    fcavtal__v1__notify_reply__free_unpacked(rep, NULL);
    return rc;
}

/* ------------------------------------------------------------ commands */

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
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "-o") == 0)
            argv[i] = "--output";
    return run_single(cli, argc, argv, "calendar",
                      "Write an organisation's or a centre's deadlines as an iCalendar file\n"
                      "(RFC 5545) with an alarm at each reminder's lead time.",
                      calendar_flags, run_calendar);
}
