#include "run_save.h"

#include <stdlib.h>
#include <string.h>

#include "run_show.h"
#include "run_store.h"
#include "wire.h"

typedef struct {
    fc_call_t *call;
    uint64_t run;
} sink_t;

static fc_status_t put_page(void *arg, size_t centre, const uint8_t *page, size_t len)
{
    sink_t *s = arg;
    return cst__pages_put(s->call, s->run, CST_PART_CENTRES, (uint32_t)centre, page, len);
}

fc_status_t cst__run_compute(fc_call_t *call, const cst__input_t *in, uint64_t run,
                             cst__computed_t *out)
{
    cst_state_t *state = fc_call_state(call);
    sink_t s = {call, run};
    cst_error_t err = {0};
    fc_status_t st = cst__compute(in, state ? state->threads : 1, put_page, &s, out, &err);
    return st ? cst__wire_fail(call, st, &err, NULL) : FC_OK;
}

static fc_status_t copy_warnings(fc_call_t *call, cst__run_pb_t *h, const cst__input_t *in,
                                 const cst_run_t *run)
{
    size_t n = in->n_warnings + run->n_warnings;
    h->warnings = calloc(n ? n : 1, sizeof *h->warnings);
    if (h->warnings == NULL)
        return fc_call_oom(call);
    for (size_t i = 0; i < n; i++) {
        const char *w = i < in->n_warnings ? in->warnings[i] : run->warnings[i - in->n_warnings];
        if ((h->warnings[i] = strdup(w)) == NULL)
            return fc_call_oom(call);
        h->n_warnings++;
    }
    return FC_OK;
}

fc_status_t cst__run_header_new(fc_call_t *call, uint64_t id, Fcavtal__V1__RunKind kind,
                                const cst__input_t *in, const cst__computed_t *c,
                                const char *note, cst__run_pb_t **out)
{
    cst__run_pb_t *h = malloc(sizeof *h);
    if (h == NULL)
        return fc_call_oom(call);
    fcavtal__v1__settlement_run__init(h);
    *out = h;
    h->id = id;
    h->kind = kind;
    h->status = FCAVTAL__V1__RUN_STATUS__RUN_STATUS_DRAFT;
    h->period = cst__wire_period_new(in->period);
    h->created_on = cst__wire_date_new(fc_call_today(call));
    h->note = cst__wire_strdup(note);
    h->request_id = cst__wire_strdup(fc_call_request_id(call));
    h->total = cst__wire_money_new(c->total);
    h->item_count = (uint32_t)c->n_items;
    h->segment_count = (uint32_t)c->n_segments;
    const cst_run_t *run = c->run;
    h->centre_ids = malloc((run->n_centres ? run->n_centres : 1) * sizeof *h->centre_ids);
    if (!h->period || !h->created_on || !h->note || !h->request_id || !h->total || !h->centre_ids)
        return fc_call_oom(call);
    for (size_t i = 0; i < run->n_centres; i++)
        h->centre_ids[i] = run->centres[i].key;
    h->n_centre_ids = run->n_centres;
    return copy_warnings(call, h, in, run);
}

void cst__run_warn(fc_call_t *call, const cst__run_pb_t *hdr)
{
    for (size_t i = 0; i < hdr->n_warnings; i++)
        fc_call_warning(call, "%s", hdr->warnings[i]);
}

static fc_status_t put_part(fc_call_t *call, const cst__ledger_view_t *v, uint64_t run, int part,
                            size_t count)
{
    fc_status_t st = FC_OK;
    for (size_t p = 0; !st && p < cst__page_count(count); p++) {
        cst__page_pb_t *pg;
        size_t n;
        st = cst__page_build_ledger(v, part, p, &pg, &n);
        if (st)
            return fc_call_oom(call);
        st = cst__pages_put_pb(call, run, part, (uint32_t)p, pg);
        fcavtal__v1__run_content_page__free_unpacked(pg, NULL);
    }
    return st;
}

static fc_status_t put_covers(fc_call_t *call, const cst__run_pb_t *h)
{
    cst__run_cover_t c = {.run = h->id, .status = h->status, .kind = h->kind};
    fc_date_from_pb(h->period->from, &c.from);
    fc_date_from_pb(h->period->to, &c.to);
    fc_status_t st = FC_OK;
    for (size_t i = 0; !st && i < h->n_centre_ids; i++)
        st = cst__cover_put(call, h->centre_ids[i], &c);
    return st;
}

fc_status_t cst__run_save(fc_call_t *call, cst__run_pb_t *hdr, const cst__ledger_view_t *view,
                          cst__reply_t *rep)
{
    const cst_ledger_t *l = view->ledger;
    hdr->party_count = (uint32_t)l->n_parties;
    hdr->organisation_count = (uint32_t)l->n_organisations;
    hdr->transfer_count = (uint32_t)l->n_transfers;
    hdr->transfers_minimal = l->transfers_exact;
    fc_status_t st = put_part(call, view, hdr->id, CST_PART_PARTIES, l->n_parties);
    if (!st)
        st = put_part(call, view, hdr->id, CST_PART_ORGANISATIONS, l->n_organisations);
    if (!st)
        st = put_part(call, view, hdr->id, CST_PART_TRANSFERS, l->n_transfers);
    if (!st)
        st = fc_record_put(call, CST_REC_RUN, &hdr->base);
    if (!st)
        st = put_covers(call, hdr);
    if (!st)
        st = fc_call_emit(call, CST_REC_RUN, "created", &hdr->base);
    if (st) {
        fcavtal__v1__settlement_run__free_unpacked(hdr, NULL);
        return st;
    }
    cst__run_warn(call, hdr);
    return cst__run_reply(call, hdr, FCAVTAL__V1__RUN_PART__RUN_PART_SUMMARY, 0, rep);
}
