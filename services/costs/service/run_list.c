/* ListRuns: headers in id order, filtered, in pages. */
#include <stdlib.h>

#include "run_load.h"
#include "run_store.h"
#include "wire.h"

#define LIST_DEFAULT 100
#define LIST_MAX 1000
/* A list names at most this many centres per run; show_run names all. */
#define LIST_CENTRES 100

typedef struct {
    const Fcavtal__V1__ListRuns *q;
    bool has_period;
    cst_period_t period;
    Fcavtal__V1__SettlementRunList *out;
    size_t limit;
    bool full;
} list_t;

static bool keep(const list_t *l, const cst__run_pb_t *h)
{
    const Fcavtal__V1__ListRuns *q = l->q;
    if (q->status && h->status != q->status)
        return false;
    if (q->kind && h->kind != q->kind)
        return false;
    if (q->centre_id && cst__run_centre_index(h, q->centre_id) < 0)
        return false;
    if (l->has_period) {
        fc_date_t from, to;
        if (!fc_date_from_pb(h->period ? h->period->from : NULL, &from) ||
            !fc_date_from_pb(h->period->to, &to) || fc_date_cmp(from, l->period.to) > 0 ||
            fc_date_cmp(to, l->period.from) < 0)
            return false;
    }
    return true;
}

static fc_status_t offer(fc_call_t *call, list_t *l, cst__run_pb_t *h)
{
    if (!keep(l, h)) {
        fcavtal__v1__settlement_run__free_unpacked(h, NULL);
        return FC_OK;
    }
    if (h->n_centre_ids > LIST_CENTRES)
        h->n_centre_ids = LIST_CENTRES; /* the array stays; free_unpacked frees it whole */
    Fcavtal__V1__SettlementRun **grown =
        realloc(l->out->items, (l->out->n_items + 1) * sizeof *grown);
    if (grown == NULL) {
        fcavtal__v1__settlement_run__free_unpacked(h, NULL);
        return fc_call_oom(call);
    }
    l->out->items = grown;
    grown[l->out->n_items++] = h;
    if (l->out->n_items >= l->limit) {
        l->full = true;
        l->out->next_after_id = h->id;
    }
    return FC_OK;
}

static fc_status_t visit(fc_call_t *call, ProtobufCMessage *record, void *arg, bool *stop)
{
    list_t *l = arg;
    fc_status_t st = offer(call, l, (cst__run_pb_t *)record);
    *stop = l->full;
    return st;
}

static fc_status_t by_centre(fc_call_t *call, list_t *l)
{
    cst__run_cover_t *c;
    size_t n;
    fc_status_t st = cst__cover_list(call, l->q->centre_id, &c, &n);
    for (size_t i = 0; !st && i < n && !l->full; i++) {
        if (c[i].run <= l->q->after_id)
            continue;
        cst__run_pb_t *h;
        st = fc_record_get(call, CST_REC_RUN, c[i].run, (ProtobufCMessage **)&h);
        if (st == FC_NOT_FOUND) {
            st = FC_OK;
            continue;
        }
        if (!st)
            st = offer(call, l, h);
    }
    free(c);
    return st;
}

CST_HANDLER(cst__list_runs, Fcavtal__V1__ListRuns)
{
    list_t l = {.q = body};
    l.limit = body->limit == 0 ? LIST_DEFAULT : body->limit > LIST_MAX ? LIST_MAX : body->limit;
    fc_status_t st = FC_OK;
    if (body->period) {
        l.has_period = true;
        if ((st = cst__wire_period(call, body->period, "list_runs.period", &l.period)))
            return st;
    }
    l.out = malloc(sizeof *l.out);
    if (l.out == NULL)
        return fc_call_oom(call);
    fcavtal__v1__settlement_run_list__init(l.out);
    rep->body_case = FCAVTAL__V1__COSTS_REPLY__BODY_RUNS;
    rep->runs = l.out;
    /* Discarded drafts have no covers; a centre's list is of the runs that
     * settle it. */
    if (body->centre_id)
        return by_centre(call, &l);
    return fc_record_scan(call, CST_REC_RUN, body->after_id, visit, &l);
}
