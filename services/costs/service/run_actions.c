/* Finalising and discarding drafts. A finalised run never changes again:
 * its figures are what was paid by; only the pointer to its latest
 * finalised correction is set on it. */
#include <stdio.h>
#include "fcavtal/text.h"
#include <stdlib.h>
#include <string.h>

#include "centre_settlement.h"
#include "fcavtal/pb.h"
#include "run_load.h"
#include "run_show.h"
#include "run_store.h"
#include "wire.h"

#define DRAFT FCAVTAL__V1__RUN_STATUS__RUN_STATUS_DRAFT
#define FINALISED FCAVTAL__V1__RUN_STATUS__RUN_STATUS_FINALISED

static fc_status_t must_be_draft(fc_call_t *call, const cst__run_pb_t *h, const char *what)
{
    if (h->status == DRAFT)
        return FC_OK;
    return fc_call_fail(call, FC_FAILED_PRECONDITION, "run %llu is %s: only a draft is %s",
                        (unsigned long long)h->id,
                        h->status == FINALISED ? "finalised" : "discarded", what);
}

static fc_status_t set_covers(fc_call_t *call, const cst__run_pb_t *h, bool drop)
{
    cst__run_cover_t c = {.run = h->id, .status = h->status, .kind = h->kind};
    fc_date_from_pb(h->period->from, &c.from);
    fc_date_from_pb(h->period->to, &c.to);
    fc_status_t st = FC_OK;
    for (size_t i = 0; !st && i < h->n_centre_ids; i++)
        st = drop ? cst__cover_drop(call, h->centre_ids[i], h->id)
                  : cst__cover_put(call, h->centre_ids[i], &c);
    return st;
}

/* No two finalised settlements share a centre's day. */
static fc_status_t check_free(fc_call_t *call, const cst__run_pb_t *h)
{
    fc_date_t from, to;
    fc_date_from_pb(h->period->from, &from);
    fc_date_from_pb(h->period->to, &to);
    fc_status_t st = FC_OK;
    for (size_t i = 0; !st && i < h->n_centre_ids; i++) {
        cst__run_cover_t *c;
        size_t n;
        if ((st = cst__cover_list(call, h->centre_ids[i], &c, &n)))
            break;
        for (size_t k = 0; !st && k < n; k++)
            if (c[k].run != h->id && c[k].status == FINALISED &&
                c[k].kind == FCAVTAL__V1__RUN_KIND__RUN_KIND_SETTLEMENT &&
                fc_date_cmp(c[k].from, to) <= 0 && fc_date_cmp(c[k].to, from) >= 0)
                st = fc_call_fail(call, FC_FAILED_PRECONDITION,
                                  "centre %llu has days of this period settled in finalised run "
                                  "%llu already: correct that run instead",
                                  (unsigned long long)h->centre_ids[i],
                                  (unsigned long long)c[k].run);
        free(c);
    }
    return st;
}

/* A correction is made against what was settled when it was made; a
 * correction finalised since then makes it stale. */
static fc_status_t link_correction(fc_call_t *call, const cst__run_pb_t *h)
{
    cst__run_pb_t *s;
    fc_status_t st = cst__run_header(call, h->corrects_run_id, &s);
    if (st)
        return st;
    uint64_t expected = s->corrected_by_run_id ? s->corrected_by_run_id : s->id;
    if (h->baseline_run_id != expected) {
        st = fc_call_fail(call, FC_FAILED_PRECONDITION,
                          "run %llu was corrected by run %llu after this correction was made: "
                          "correct it again (correct_run %llu)", (unsigned long long)s->id,
                          (unsigned long long)expected, (unsigned long long)s->id);
    } else {
        s->corrected_by_run_id = h->id;
        st = fc_record_put(call, CST_REC_RUN, &s->base);
        if (!st)
            st = fc_call_emit(call, CST_REC_RUN, "corrected", &s->base);
    }
    fcavtal__v1__settlement_run__free_unpacked(s, NULL);
    return st;
}

static fc_status_t add_note(fc_call_t *call, cst__run_pb_t *h, const char *label, const char *note)
{
    if (!note || !*note)
        return FC_OK;
    if (strlen(note) > CST_MAX_NOTE) {
        fc_call_violation(call, "note", "at most %d bytes", CST_MAX_NOTE);
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "the note is too long");
    }
    char *s = NULL;
    if (((s = fc_format("%s%s%s: %s", h->note, *h->note ? "\n" : "", label, note)) == NULL))
        return fc_call_oom(call);
    int rc = fc_pb_set_string(&h->note, s);
    free(s);
    return rc ? fc_call_oom(call) : FC_OK;
}

CST_HANDLER(cst__finalise_run, Fcavtal__V1__RunAction)
{
    cst__run_pb_t *h;
    fc_status_t st = cst__run_header(call, body->run_id, &h);
    if (st)
        return st;
    st = must_be_draft(call, h, "finalised");
    if (!st && h->kind == FCAVTAL__V1__RUN_KIND__RUN_KIND_SETTLEMENT)
        st = check_free(call, h);
    if (!st && h->kind == FCAVTAL__V1__RUN_KIND__RUN_KIND_CORRECTION)
        st = link_correction(call, h);
    if (!st) {
        h->status = FINALISED;
        h->finalised_on = cst__wire_date_new(fc_call_today(call));
        if (!h->finalised_on || fc_pb_set_string(&h->finalised_by, fc_call_actor(call)))
            st = fc_call_oom(call);
    }
    if (!st)
        st = add_note(call, h, "finalised", body->note);
    if (!st)
        st = fc_record_put(call, CST_REC_RUN, &h->base);
    if (!st)
        st = set_covers(call, h, false);
    if (!st)
        st = fc_call_emit(call, CST_REC_RUN, "finalised", &h->base);
    if (!st)
        st = cst__centre_settlements_make(call, h);
    if (st) {
        fcavtal__v1__settlement_run__free_unpacked(h, NULL);
        return st;
    }
    return cst__run_reply(call, h, FCAVTAL__V1__RUN_PART__RUN_PART_SUMMARY, 0, rep);
}

/* A discarded draft keeps its header (and its events) for the audit trail;
 * its contents go, since nobody will pay by them. */
CST_HANDLER(cst__discard_run, Fcavtal__V1__RunAction)
{
    cst__run_pb_t *h;
    fc_status_t st = cst__run_header(call, body->run_id, &h);
    if (st)
        return st;
    st = must_be_draft(call, h, "discarded");
    if (!st) {
        h->status = FCAVTAL__V1__RUN_STATUS__RUN_STATUS_DISCARDED;
        h->discarded_on = cst__wire_date_new(fc_call_today(call));
        if (!h->discarded_on)
            st = fc_call_oom(call);
    }
    if (!st)
        st = add_note(call, h, "discarded", body->note);
    if (!st)
        st = cst__pages_drop(call, h->id);
    if (!st)
        st = set_covers(call, h, true);
    if (!st)
        st = fc_record_put(call, CST_REC_RUN, &h->base);
    if (!st)
        st = fc_call_emit(call, CST_REC_RUN, "discarded", &h->base);
    if (st) {
        fcavtal__v1__settlement_run__free_unpacked(h, NULL);
        return st;
    }
    return cst__run_reply(call, h, FCAVTAL__V1__RUN_PART__RUN_PART_SUMMARY, 0, rep);
}
