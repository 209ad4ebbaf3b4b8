/* "What is due between A and B": a range scan of the safe-day index with
 * filters, in pages (handlers.h). */
#include <stdlib.h>
#include <string.h>

#include "deadline_store.h"
#include "handlers.h"

#define DS(x) FCAVTAL__V1__DEADLINE_STATE__DEADLINE_STATE_##x

typedef struct {
    const Fcavtal__V1__ListDeadlines *q;
    Fcavtal__V1__DeadlineList *out;
    size_t limit;
    uint8_t last[12];
    bool more;
    fc_status_t st;
} page_t;

static bool wanted(const page_t *p, const Deadline *d)
{
    const Fcavtal__V1__ListDeadlines *q = p->q;
    if (d->state == DS(CANCELLED) && !q->include_cancelled)
        return false;
    if (q->kind && *q->kind && strcmp(q->kind, d->kind) != 0)
        return false;
    if (q->centre_id && q->centre_id != d->centre_id)
        return false;
    if (q->agreement_id && q->agreement_id != d->agreement_id)
        return false;
    if (q->organisation_id) {
        bool party = false;
        for (size_t i = 0; i < d->n_parties && !party; i++)
            party = d->parties[i]->organisation_id == q->organisation_id;
        if (!party)
            return false;
    }
    return true;
}

static int visit(fc_call_t *call, uint64_t id, const uint8_t key[12], void *arg)
{
    page_t *p = arg;
    if (p->out->n_items == p->limit) {
        p->more = true;
        return 1;
    }
    Deadline *d = NULL;
    p->st = fc_record_get(call, REC_DEADLINE, id, (ProtobufCMessage **)&d);
    if (p->st)
        return -1;
    memcpy(p->last, key, 12);
    if (!wanted(p, d)) {
        fcavtal__v1__deadline__free_unpacked(d, NULL);
        return 0;
    }
    ntf_deadline_reply(call, d);
    if (ntf_append(&p->out->n_items, &p->out->items, d)) {
        fcavtal__v1__deadline__free_unpacked(d, NULL);
        p->st = FC_RESOURCE_EXHAUSTED;
        return -1;
    }
    return 0;
}

static fc_status_t check(fc_call_t *call, const Fcavtal__V1__ListDeadlines *q, fc_date_t *from,
                         fc_date_t *to)
{
    fc_deadline_kind_t kind;
    if (!fc_date_from_pb(q->from, from))
        fc_call_violation(call, "from", "a date is required (YYYY-MM-DD)");
    if (!fc_date_from_pb(q->to, to))
        fc_call_violation(call, "to", "a date is required (YYYY-MM-DD)");
    if (!fc_date_from_pb(q->from, NULL) || !fc_date_from_pb(q->to, NULL))
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "list_deadlines needs from and to dates");
    if (fc_date_cmp(*from, *to) > 0) {
        fc_call_violation(call, "to", "on or after from");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "to is before from");
    }
    if (q->kind && *q->kind && !fc_deadline_kind_parse(q->kind, &kind)) {
        fc_call_violation(call, "kind", "one of notice, extension_decision, annual_review, end, "
                          "handover, business_plan, annual_report");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "unknown deadline kind '%s'", q->kind);
    }
    if (q->cursor.len && q->cursor.len != 12) {
        fc_call_violation(call, "cursor", "not a cursor this service gave");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "bad cursor");
    }
    if (q->limit > 10000) {
        fc_call_violation(call, "limit", "at most 10000");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "limit %u is over 10000", q->limit);
    }
    fc_status_t st = ntf_require_known(call, REC_ORGANISATION, q->organisation_id,
                                       "organisation_id");
    if (!st)
        st = ntf_require_known(call, REC_CENTRE, q->centre_id, "centre_id");
    return st ? st : ntf_require_known(call, REC_AGREEMENT, q->agreement_id, "agreement_id");
}

fc_status_t ntf_list_deadlines(fc_call_t *call, const Fcavtal__V1__ListDeadlines *q, Rep *rep)
{
    fc_date_t from, to;
    fc_status_t st = check(call, q, &from, &to);
    if (st)
        return st;
    Fcavtal__V1__DeadlineList *out = malloc(sizeof *out);
    if (!out)
        return fc_call_oom(call);
    fcavtal__v1__deadline_list__init(out);
    rep->body_case = FCAVTAL__V1__NOTIFY_REPLY__BODY_DEADLINES;
    rep->deadlines = out;
    page_t p = {.q = q, .out = out, .limit = q->limit ? q->limit : 1000};
    st = ntf_deadline_day_scan(call, from, to, q->cursor.len ? q->cursor.data : NULL, visit, &p);
    if (!st && p.st)
        st = p.st;
    if (st)
        return fc_call_fail(call, st, "cannot read the deadlines: %s", fc_status_name(st));
    if (p.more) {
        out->next_cursor.data = malloc(12);
        if (!out->next_cursor.data)
            return fc_call_oom(call);
        memcpy(out->next_cursor.data, p.last, 12);
        out->next_cursor.len = 12;
    }
    return FC_OK;
}

fc_status_t ntf_get_deadline(fc_call_t *call, const Fcavtal__V1__GetById *body, Rep *rep)
{
    Deadline *d = NULL;
    fc_status_t st = fc_record_load(call, REC_DEADLINE, body->id, (ProtobufCMessage **)&d);
    if (st)
        return st;
    ntf_deadline_reply(call, d);
    rep->body_case = FCAVTAL__V1__NOTIFY_REPLY__BODY_DEADLINE;
    rep->deadline = d;
    return FC_OK;
}
