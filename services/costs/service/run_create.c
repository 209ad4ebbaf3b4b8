/* RunSettlement: a draft run over a period and a scope, computed and
 * stored in the request's transaction. Days a finalised run settled are
 * never settled twice: the same period and scope again make a correction
 * of that run; any other overlap is refused. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "correct.h"
#include "fcavtal/log.h"
#include "input.h"
#include "run_load.h"
#include "run_save.h"
#include "run_store.h"
#include "wire.h"

static fc_status_t check_scope(fc_call_t *call, const Fcavtal__V1__RunSettlement *b)
{
    if (b->n_centre_ids > CST_MAX_RUN_CENTRES) {
        fc_call_violation(call, "run_settlement.centre_ids", "at most %d centres",
                          CST_MAX_RUN_CENTRES);
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "at most %d centres in one run; leave "
                            "centre_ids empty to run every centre", CST_MAX_RUN_CENTRES);
    }
    if (b->n_centre_ids && b->municipality_id) {
        fc_call_violation(call, "run_settlement.municipality_id",
                          "give centres or a municipality, not both");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "a run covers centres or a municipality, "
                            "not both");
    }
    for (size_t i = 0; i < b->n_centre_ids; i++)
        if (b->centre_ids[i] == 0) {
            fc_call_violation(call, "run_settlement.centre_ids", "0 is no centre");
            return fc_call_fail(call, FC_INVALID_ARGUMENT, "centre id 0 is no centre");
        }
    if (strlen(b->note) > CST_MAX_NOTE) {
        fc_call_violation(call, "run_settlement.note", "at most %d bytes", CST_MAX_NOTE);
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "the note is too long");
    }
    return FC_OK;
}

static bool overlaps(const cst__run_cover_t *c, cst_period_t p)
{
    return fc_date_cmp(c->from, p.to) <= 0 && fc_date_cmp(c->to, p.from) >= 0;
}

static bool same_days(const cst__run_cover_t *c, cst_period_t p)
{
    return fc_date_cmp(c->from, p.from) == 0 && fc_date_cmp(c->to, p.to) == 0;
}

/* The finalised settlement that settled some of the centre's days in the
 * period, if any (0). Two cannot overlap: finalising refuses it. */
static fc_status_t settled_by(fc_call_t *call, uint64_t centre, cst_period_t p, uint64_t *run,
                              bool *exact)
{
    cst__run_cover_t *c;
    size_t n;
    *run = 0;
    fc_status_t st = cst__cover_list(call, centre, &c, &n);
    for (size_t i = 0; !st && i < n && !*run; i++)
        if (c[i].status == FCAVTAL__V1__RUN_STATUS__RUN_STATUS_FINALISED &&
            c[i].kind == FCAVTAL__V1__RUN_KIND__RUN_KIND_SETTLEMENT && overlaps(&c[i], p)) {
            *run = c[i].run;
            *exact = same_days(&c[i], p);
        }
    free(c);
    return st;
}

static bool same_scope(const cst__run_pb_t *r, const cst__input_t *in,
                       const Fcavtal__V1__RunSettlement *b)
{
    if (b->municipality_id || r->municipality_id)
        return b->municipality_id == r->municipality_id && !b->n_centre_ids;
    if (!b->n_centre_ids || r->all_centres)
        return !b->n_centre_ids && r->all_centres;
    if (r->n_centre_ids != in->n_centres)
        return false;
    for (size_t i = 0; i < in->n_centres; i++)
        if (r->centre_ids[i] != in->centres[i]->centre.key)
            return false;
    return true;
}

static fc_status_t overlap_refused(fc_call_t *call, const cst__centre_input_t *c, uint64_t run)
{
    fc_call_violation(call, "run_settlement.period", "centre %llu is settled in run %llu",
                      (unsigned long long)c->centre.key, (unsigned long long)run);
    return fc_call_fail(call, FC_FAILED_PRECONDITION,
                        "centre %s (%llu) has days of this period settled in finalised run "
                        "%llu: run exactly that run's period and centres again to correct it "
                        "(or correct_run %llu), and leave the centre out of other runs",
                        c->centre.name, (unsigned long long)c->centre.key,
                        (unsigned long long)run, (unsigned long long)run);
}

/* 0 in *correct: a new settlement. Else the finalised run to correct. */
static fc_status_t find_settled(fc_call_t *call, const cst__input_t *in,
                                const Fcavtal__V1__RunSettlement *b, uint64_t *correct)
{
    *correct = 0;
    uint64_t first = 0;
    bool all_exact = true;
    const cst__centre_input_t *at = NULL, *free_centre = NULL;
    for (size_t i = 0; i < in->n_centres; i++) {
        uint64_t run;
        bool exact = false;
        fc_status_t st = settled_by(call, in->centres[i]->centre.key, in->period, &run, &exact);
        if (st)
            return st;
        if (run == 0) {
            free_centre = free_centre ? free_centre : in->centres[i];
            continue;
        }
        if (first == 0) {
            first = run;
            at = in->centres[i];
        }
        if (run != first || !exact)
            return overlap_refused(call, in->centres[i], run);
        all_exact = all_exact && exact;
    }
    if (first == 0)
        return FC_OK;
    cst__run_pb_t *r;
    fc_status_t st = cst__run_header(call, first, &r);
    if (st)
        return st;
    bool same = same_scope(r, in, b) && all_exact;
    fcavtal__v1__settlement_run__free_unpacked(r, NULL);
    if (!same)
        return overlap_refused(call, at, first);
    if (free_centre) {
        fc_call_violation(call, "run_settlement", "centre %llu is not in run %llu",
                          (unsigned long long)free_centre->centre.key, (unsigned long long)first);
        return fc_call_fail(call, FC_FAILED_PRECONDITION,
                            "centre %s (%llu) has costs in this period but is not in finalised "
                            "run %llu: settle it in a run of its own, then run again to correct "
                            "run %llu", free_centre->centre.name,
                            (unsigned long long)free_centre->centre.key,
                            (unsigned long long)first, (unsigned long long)first);
    }
    *correct = first;
    return FC_OK;
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

static fc_status_t settle(fc_call_t *call, const cst__input_t *in,
                          const Fcavtal__V1__RunSettlement *b, cst__reply_t *rep,
                          const struct timespec *t0)
{
    uint64_t id;
    fc_status_t st = fc_record_new_id(call, CST_REC_RUN, &id);
    cst__computed_t c = {0};
    cst__run_pb_t *h = NULL;
    double t_input = ms_since(t0);
    if (!st)
        st = cst__run_compute(call, in, id, &c);
    double t_compute = ms_since(t0);
    if (!st)
        st = cst__run_header_new(call, id, FCAVTAL__V1__RUN_KIND__RUN_KIND_SETTLEMENT, in, &c,
                                 b->note, &h);
    if (!st) {
        h->municipality_id = b->municipality_id;
        h->all_centres = !b->n_centre_ids && !b->municipality_id;
        cst__ledger_view_t v = {&c.run->ledger, (const uint64_t *const *)c.party_centres,
                                c.n_party_centres, NULL, NULL};
        st = cst__run_save(call, h, &v, rep);
        h = NULL;
        fc_info("costs: run %llu: %zu centres, %zu items, %zu segments: input %.0f ms, "
                "compute and pages %.0f ms, ledger and header %.0f ms (commit follows)",
                (unsigned long long)id, in->n_centres, c.n_items, c.n_segments, t_input,
                t_compute - t_input, ms_since(t0) - t_compute);
    }
    if (h)
        fcavtal__v1__settlement_run__free_unpacked(h, NULL);
    cst__computed_clear(&c);
    return st;
}

CST_HANDLER(cst__run_settlement, Fcavtal__V1__RunSettlement)
{
    cst_period_t period;
    fc_status_t st = cst__wire_period(call, body->period, "run_settlement.period", &period);
    if (!st)
        st = check_scope(call, body);
    if (st)
        return st;
    cst__scope_t scope = {.period = period, .centre_ids = body->centre_ids,
                          .n_centre_ids = body->n_centre_ids,
                          .municipality_id = body->municipality_id,
                          .all = !body->n_centre_ids && !body->municipality_id};
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    cst__input_t in;
    cst__input_init(&in, period);
    uint64_t correct = 0;
    st = cst__input_build(call, &scope, &in);
    if (!st)
        st = find_settled(call, &in, body, &correct);
    if (!st && correct) {
        cst__run_pb_t *r;
        if (!(st = cst__run_header(call, correct, &r))) {
            st = cst__correction_make(call, r, body->note, rep);
            fcavtal__v1__settlement_run__free_unpacked(r, NULL);
        }
    } else if (!st) {
        st = settle(call, &in, body, rep, &t0);
    }
    cst__input_clear_later(&in);
    return st;
}
