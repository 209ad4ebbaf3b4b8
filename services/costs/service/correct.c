#include "correct.h"

#include <stdlib.h>
#include <string.h>

#include "fcavtal/costs/correction.h"
#include "input.h"
#include "run_load.h"
#include "run_save.h"
#include "run_show.h"
#include "run_store.h"
#include "wire.h"

#define FINALISED FCAVTAL__V1__RUN_STATUS__RUN_STATUS_FINALISED

/* What was settled: the run's figures, or those of its latest finalised
 * correction. */
static fc_status_t baseline(fc_call_t *call, const cst__run_pb_t *settled, cst__run_pb_t **hdr,
                            cst_run_t **run)
{
    uint64_t id = settled->corrected_by_run_id ? settled->corrected_by_run_id : settled->id;
    fc_status_t st = cst__run_header(call, id, hdr);
    if (!st)
        st = cst__run_load(call, *hdr, NULL, run);
    if (!st) {
        (*run)->finalised = true;
        (*run)->period = (cst_period_t){CST_PERIOD_CUSTOM, {1, 1, 1}, {1, 1, 1}};
        cst__wire_period(call, settled->period, "period", &(*run)->period);
    }
    return st;
}

static bool unchanged(const cst_correction_t *c)
{
    for (size_t i = 0; i < c->difference.n_parties; i++)
        if (c->difference.parties[i].share || c->difference.parties[i].paid)
            return false;
    return true;
}

/* The revised run's centres of each party of the differences. */
static fc_status_t align_centres(fc_call_t *call, const cst_correction_t *corr,
                                 const cst__computed_t *rev, const uint64_t ***centres,
                                 size_t **n)
{
    size_t np = corr->difference.n_parties;
    *centres = calloc(np ? np : 1, sizeof **centres);
    *n = calloc(np ? np : 1, sizeof **n);
    if (*centres == NULL || *n == NULL)
        return fc_call_oom(call);
    for (size_t i = 0; i < np; i++) {
        ptrdiff_t at = cst_ledger_party(&rev->run->ledger, corr->difference.parties[i].key);
        if (at >= 0) {
            (*centres)[i] = rev->party_centres[at];
            (*n)[i] = rev->n_party_centres[at];
        }
    }
    return FC_OK;
}

static fc_status_t nothing_changed(fc_call_t *call, const cst__run_pb_t *settled, uint64_t base,
                                   uint64_t unused_id, cst__reply_t *rep)
{
    fc_status_t st = cst__pages_drop(call, unused_id);
    cst__run_pb_t *h = NULL;
    if (!st)
        st = cst__run_header(call, settled->id, &h);
    if (st)
        return st;
    fc_call_warning(call, "nothing changed since run %llu was finalised: no correction was made",
                    (unsigned long long)base);
    return cst__run_reply(call, h, FCAVTAL__V1__RUN_PART__RUN_PART_SUMMARY, 0, rep);
}

static fc_status_t save(fc_call_t *call, const cst__run_pb_t *settled, uint64_t base, uint64_t id,
                        const cst__input_t *in, const cst__computed_t *rev,
                        const cst_correction_t *corr, const char *note, cst__reply_t *rep)
{
    cst__run_pb_t *h = NULL;
    fc_status_t st = cst__run_header_new(call, id, FCAVTAL__V1__RUN_KIND__RUN_KIND_CORRECTION, in,
                                         rev, note, &h);
    const uint64_t **centres = NULL;
    size_t *n = NULL;
    if (!st)
        st = align_centres(call, corr, rev, &centres, &n);
    if (!st) {
        h->corrects_run_id = settled->id;
        h->baseline_run_id = base;
        cst__ledger_view_t v = {&corr->difference, (const uint64_t *const *)centres, n, corr,
                                &rev->run->ledger};
        st = cst__run_save(call, h, &v, rep);
        h = NULL; /* taken */
    }
    if (h)
        fcavtal__v1__settlement_run__free_unpacked(h, NULL);
    free(centres);
    free(n);
    return st;
}

fc_status_t cst__correction_make(fc_call_t *call, const cst__run_pb_t *settled, const char *note,
                                 cst__reply_t *rep)
{
    if (settled->status != FINALISED || settled->kind != FCAVTAL__V1__RUN_KIND__RUN_KIND_SETTLEMENT)
        return fc_call_fail(call, FC_FAILED_PRECONDITION, "only a finalised settlement is "
                            "corrected; run %llu is not one (a draft is simply run again)",
                            (unsigned long long)settled->id);
    cst_period_t period;
    fc_status_t st = cst__wire_period(call, settled->period, "period", &period);
    if (st)
        return st;
    cst__run_pb_t *bh = NULL;
    cst_run_t *base = NULL;
    cst__input_t in;
    cst__input_init(&in, period);
    cst__scope_t scope = {.period = period, .centre_ids = settled->centre_ids,
                          .n_centre_ids = settled->n_centre_ids};
    cst__computed_t rev = {0};
    cst_correction_t *corr = NULL;
    uint64_t id = 0;
    st = baseline(call, settled, &bh, &base);
    if (!st)
        st = cst__input_build(call, &scope, &in);
    if (!st)
        st = fc_record_new_id(call, CST_REC_RUN, &id);
    if (!st)
        st = cst__run_compute(call, &in, id, &rev);
    if (!st) {
        cst_error_t err = {0};
        st = cst_correction_new(base, rev.run, &corr, &err);
        if (st)
            st = cst__wire_fail(call, st, &err, "the correction cannot be made");
    }
    if (!st && unchanged(corr))
        st = nothing_changed(call, settled, bh->id, id, rep);
    else if (!st)
        st = save(call, settled, bh->id, id, &in, &rev, corr, note, rep);
    cst_correction_destroy(&corr);
    cst__computed_clear(&rev);
    cst__input_clear(&in);
    cst_run_destroy(&base);
    if (bh)
        fcavtal__v1__settlement_run__free_unpacked(bh, NULL);
    return st;
}

CST_HANDLER(cst__correct_run, Fcavtal__V1__CorrectRun)
{
    cst__run_pb_t *h;
    fc_status_t st = cst__run_header(call, body->run_id, &h);
    if (st)
        return st;
    /* A correction is corrected through the settlement it corrects. */
    if (h->kind == FCAVTAL__V1__RUN_KIND__RUN_KIND_CORRECTION && h->corrects_run_id) {
        uint64_t settled = h->corrects_run_id;
        fcavtal__v1__settlement_run__free_unpacked(h, NULL);
        if ((st = cst__run_header(call, settled, &h)))
            return st;
    }
    if (h->status != FINALISED) {
        uint64_t id = h->id;
        fcavtal__v1__settlement_run__free_unpacked(h, NULL);
        return fc_call_fail(call, FC_FAILED_PRECONDITION, "run %llu is not finalised: only a "
                            "finalised run is corrected; a draft is simply run again",
                            (unsigned long long)id);
    }
    st = cst__correction_make(call, h, body->note, rep);
    fcavtal__v1__settlement_run__free_unpacked(h, NULL);
    return st;
}
