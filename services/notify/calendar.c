/* The iCalendar feed of one organisation's or one centre's deadlines
 * (RFC 5545, made by ical.c with libical): every active deadline in the
 * window an all-day event on its safe day, with an alarm at each lead time
 * of the reminder policy (handlers.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/pb.h"
#include "handlers.h"
#include "ical.h"
#include "reminder_facts.h"

#define DS(x) FCAVTAL__V1__DEADLINE_STATE__DEADLINE_STATE_##x
#define MAX_EVENTS 2000

typedef struct {
    fc_date_t from, to;
    ntf_facts_t *facts;
    ntf_deadline_t *events;
    size_t n;
} feed_t;

static fc_status_t add(fc_call_t *call, feed_t *feed, uint64_t id)
{
    Deadline *d = NULL;
    fc_status_t st = fc_record_get(call, REC_DEADLINE, id, (ProtobufCMessage **)&d);
    if (st)
        return st == FC_NOT_FOUND ? FC_OK : st;
    fc_date_t date;
    if (d->state == DS(ACTIVE) && fc_date_from_pb(d->safe_day, &date) &&
        fc_date_cmp(date, feed->from) >= 0 && fc_date_cmp(date, feed->to) <= 0 &&
        feed->n < MAX_EVENTS && !ntf_facts_of_deadline(call, d, &feed->facts[feed->n])) {
        feed->events[feed->n] = feed->facts[feed->n].deadline;
        feed->n++;
    }
    fcavtal__v1__deadline__free_unpacked(d, NULL);
    return FC_OK;
}

static int by_safe_day(const void *a, const void *b)
{
    const ntf_deadline_t *x = a, *y = b;
    int c = fc_date_cmp(x->safe_day, y->safe_day);
    return c ? c : strcmp(x->key, y->key);
}

static fc_status_t collect(fc_call_t *call, feed_t *feed, size_t index, uint64_t owner)
{
    fc_index_key_t k;
    fc_index_key_u64(&k, owner);
    uint64_t *ids = NULL;
    size_t n = 0;
    fc_status_t st = fc_record_index_ids(call, REC_DEADLINE, index, &k, 0, 1000000, &ids, &n);
    for (size_t i = 0; !st && i < n; i++)
        st = add(call, feed, ids[i]);
    free(ids);
    qsort(feed->events, feed->n, sizeof *feed->events, by_safe_day);
    return st;
}

static fc_status_t check(fc_call_t *call, const Fcavtal__V1__CalendarRequest *q, feed_t *feed)
{
    ntf_t *ntf = fc_call_state(call);
    if (!q->organisation_id == !q->centre_id) {
        fc_call_violation(call, q->organisation_id ? "centre_id" : "organisation_id",
                          "exactly one of organisation_id and centre_id");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "a calendar is for one organisation or "
                            "one centre");
    }
    feed->from = fc_call_today(call);
    if (q->from && !fc_date_from_pb(q->from, &feed->from)) {
        fc_call_violation(call, "from", "not a date");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "from is not a date");
    }
    feed->to = fc_date_add_months(feed->from, ntf->policy.horizon_months);
    if (q->to && !fc_date_from_pb(q->to, &feed->to)) {
        fc_call_violation(call, "to", "not a date");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "to is not a date");
    }
    if (fc_date_cmp(feed->from, feed->to) > 0) {
        fc_call_violation(call, "to", "on or after from");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "to is before from");
    }
    return q->organisation_id
               ? ntf_require_known(call, REC_ORGANISATION, q->organisation_id, "organisation_id")
               : ntf_require_known(call, REC_CENTRE, q->centre_id, "centre_id");
}

static char *calendar_name(fc_call_t *call, const Fcavtal__V1__CalendarRequest *q)
{
    char buf[300];
    ProtobufCMessage *rec = NULL;
    const char *name = "";
    if (q->organisation_id &&
        !fc_record_get(call, REC_ORGANISATION, q->organisation_id, &rec))
        name = ((Organisation *)rec)->name;
    else if (q->centre_id && !fc_record_get(call, REC_CENTRE, q->centre_id, &rec))
        name = ((Centre *)rec)->name;
    snprintf(buf, sizeof buf, "Tidsfrister – %s", name);
    if (rec)
        protobuf_c_message_free_unpacked(rec, NULL);
    return strdup(buf);
}

static fc_status_t render(fc_call_t *call, const Fcavtal__V1__CalendarRequest *q, feed_t *feed,
                          Fcavtal__V1__Calendar *out)
{
    ntf_t *ntf = fc_call_state(call);
    const ntf_leads_t *leads = ntf_policy_leads(&ntf->policy, q->centre_id ? 2 : 1);
    ntf_lead_t l[NTF_MAX_LEADS];
    for (size_t i = 0; i < leads->n; i++)
        l[i] = (ntf_lead_t){leads->items[i].months, leads->items[i].days};
    fc_date_t today = fc_call_today(call);
    ntf_calendar_t cal = {.name = out->name, .dtstamp_unix = fc_date_to_days(today) * 86400,
                          .deadlines = feed->events, .n_deadlines = feed->n, .leads = l,
                          .n_leads = leads->n};
    char err[300];
    fc_status_t st = ntf_ical_render(&cal, &out->ics, err, sizeof err);
    if (st)
        return fc_call_fail(call, st, "cannot make the calendar: %s", err);
    out->events = (uint32_t)feed->n;
    if (feed->n == MAX_EVENTS)
        fc_call_warning(call, "the calendar holds the first %d deadlines only; ask for a shorter "
                        "window", MAX_EVENTS);
    return FC_OK;
}

fc_status_t ntf_calendar(fc_call_t *call, const Fcavtal__V1__CalendarRequest *q, Rep *rep)
{
    feed_t feed = {.n = 0};
    fc_status_t st = check(call, q, &feed);
    if (st)
        return st;
    Fcavtal__V1__Calendar *out = malloc(sizeof *out);
    feed.facts = malloc(MAX_EVENTS * sizeof *feed.facts);
    feed.events = malloc(MAX_EVENTS * sizeof *feed.events);
    if (!out || !feed.facts || !feed.events) {
        free(out);
        free(feed.facts);
        free(feed.events);
        return fc_call_oom(call);
    }
    fcavtal__v1__calendar__init(out);
    rep->body_case = FCAVTAL__V1__NOTIFY_REPLY__BODY_CALENDAR;
    rep->calendar = out;
    st = q->organisation_id ? collect(call, &feed, IX_DEADLINE_ORG, q->organisation_id)
                            : collect(call, &feed, IX_DEADLINE_CENTRE, q->centre_id);
    if (st)
        st = fc_call_fail(call, st, "cannot read the deadlines: %s", fc_status_name(st));
    else if (!(out->name = calendar_name(call, q)))
        st = fc_call_oom(call);
    else
        st = render(call, q, &feed, out);
    free(feed.facts);
    free(feed.events);
    return st;
}
