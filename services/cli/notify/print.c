/* Text output of notify's replies: deadlines and notifications as tables
 * (the rule texts under the deadlines, too long for a column), the status
 * as lines; anything else as JSON. */
#include <stdio.h>
#include <string.h>

#include "fcavtal/pbjson.h"
#include "notify.h"
#include "table.h"

static const char *day(const Fcavtal__V1__Date *d, char *buf, size_t n)
{
    if (!d)
        return "";
    snprintf(buf, n, "%04d-%02d-%02d", d->year, d->month, d->day);
    return buf;
}

/* Each organisation once, though it is a party through two operations. */
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
        return -1;
    char a[24], b[24], parties[400];
    for (size_t i = 0; i < l->n_items; i++) {
        const Fcavtal__V1__Deadline *d = l->items[i];
        parties_text(d, parties, sizeof parties);
        table_cellf(t, "%zu", i + 1);
        table_cellf(t, "%s", day(d->safe_day, a, sizeof a));
        table_cellf(t, "%s", day(d->date, b, sizeof b));
        table_cellf(t, "%s", d->kind);
        table_cellf(t, "%llu %s", (unsigned long long)d->agreement_id, d->agreement_title);
        table_cellf(t, "%s", parties);
        table_cellf(t, "%s", d->rule ? d->rule->source : "");
        table_cellf(t, "%s", d->state == FCAVTAL__V1__DEADLINE_STATE__DEADLINE_STATE_CANCELLED
                                 ? "cancelled" : "");
    }
    int rc = table_print(t, stdout);
    table_destroy(&t);
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
    return rc;
}

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
        return -1;
    char d[24], ch[32], st[48];
    for (size_t i = 0; i < l->n_items; i++) {
        const Fcavtal__V1__Notification *n = l->items[i];
        table_cellf(t, "%llu", (unsigned long long)n->id);
        table_cellf(t, "%s", n->notification_id);
        table_cellf(t, "%s", pbj_enum_name(&fcavtal__v1__channel__descriptor, n->channel, ch,
                                           sizeof ch));
        table_cellf(t, "%s", n->recipient);
        table_cellf(t, "%s", day(n->planned_on, d, sizeof d));
        table_cellf(t, "%s", state_text(n, st, sizeof st));
        table_cellf(t, "%u", n->attempts);
        table_cellf(t, "%s", n->error);
    }
    int rc = table_print(t, stdout);
    table_destroy(&t);
    return rc;
}

static int print_status(const Fcavtal__V1__NotifyStatus *s)
{
    char a[24], b[24];
    printf("today:              %s\n", day(s->today, a, sizeof a));
    printf("processed through:  %s\n", day(s->processed_through, b, sizeof b));
    printf("registry followed:  up to event %llu%s\n", (unsigned long long)s->follower_position,
           s->live ? " (live)" : " (catching up)");
    printf("deadlines stored:   %llu\n", (unsigned long long)s->deadlines);
    printf("outbox:             %llu pending, %llu sent, %llu acknowledged, %llu failed\n",
           (unsigned long long)s->pending, (unsigned long long)s->sent,
           (unsigned long long)s->acknowledged, (unsigned long long)s->failed);
    printf("expiries pending:   %llu\n", (unsigned long long)s->expiries_pending);
    for (size_t i = 0; i < s->n_channels; i++)
        printf("channel:            %s\n", s->channels[i]);
    return 0;
}

int cli_notify_print(cli_t *cli, const ProtobufCMessage *reply)
{
    (void)cli;
    const Fcavtal__V1__NotifyReply *r = (const Fcavtal__V1__NotifyReply *)reply;
    switch (r->body_case) {
    case FCAVTAL__V1__NOTIFY_REPLY__BODY_DEADLINES:
        return print_deadlines(r->deadlines);
    case FCAVTAL__V1__NOTIFY_REPLY__BODY_NOTIFICATIONS:
        return print_notifications(r->notifications);
    case FCAVTAL__V1__NOTIFY_REPLY__BODY_STATUS_REPORT:
        return print_status(r->status_report);
    default: {
        json_t *doc = pbj_oneof_to_json(reply, r->body_case);
        int rc = cli_print_json(doc) == CLI_OK ? 0 : -1;
        json_decref(doc);
        return rc;
    }
    }
}
