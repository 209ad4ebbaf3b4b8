#include "run_load.h"

#include <stdlib.h>
#include <string.h>

#include "run_store.h"
#include "wire.h"

fc_status_t cst__run_header(fc_call_t *call, uint64_t id, cst__run_pb_t **out)
{
    return fc_record_load(call, CST_REC_RUN, id, (ProtobufCMessage **)out);
}

bool cst__run_has_contents(const cst__run_pb_t *h)
{
    return h->status != FCAVTAL__V1__RUN_STATUS__RUN_STATUS_DISCARDED;
}

ptrdiff_t cst__run_centre_index(const cst__run_pb_t *h, uint64_t centre)
{
    size_t lo = 0, hi = h->n_centre_ids;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (h->centre_ids[mid] < centre)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < h->n_centre_ids && h->centre_ids[lo] == centre ? (ptrdiff_t)lo : -1;
}

static fc_status_t oom(fc_call_t *call)
{
    return fc_call_oom(call);
}

/* ------------------------------------------------------------ ledger */

static fc_status_t load_orgs(fc_call_t *call, const cst__run_pb_t *h, cst_ledger_t *l)
{
    l->organisations = calloc(h->organisation_count ? h->organisation_count : 1,
                              sizeof *l->organisations);
    if (l->organisations == NULL)
        return oom(call);
    fc_status_t st = FC_OK;
    for (uint32_t p = 0; !st && p * CST_PAGE_LINES < h->organisation_count; p++) {
        cst__page_pb_t *pg;
        if ((st = cst__pages_get(call, h->id, CST_PART_ORGANISATIONS, p, &pg)))
            break;
        for (size_t i = 0; !st && i < pg->n_organisations && l->n_organisations < h->organisation_count; i++) {
            const Fcavtal__V1__SettlementOrganisationLine *o = pg->organisations[i];
            cst_org_line_t *ol = &l->organisations[l->n_organisations++];
            *ol = (cst_org_line_t){.key = o->organisation_id, .kind = (cst_org_kind_t)o->kind,
                                   .share = cst__wire_ore(o->share),
                                   .paid = cst__wire_ore(o->paid),
                                   .balance = cst__wire_ore(o->balance)};
            ol->name = strdup(o->name);
            ol->org_number = strdup(o->org_number && o->org_number->value ? o->org_number->value : "");
            if (!ol->name || !ol->org_number)
                st = oom(call);
        }
        fcavtal__v1__run_content_page__free_unpacked(pg, NULL);
    }
    return st;
}

static void categories(const Fcavtal__V1__CategoryAmounts *const *c, size_t n, int64_t *share,
                       int64_t *paid)
{
    for (size_t i = 0; i < n; i++)
        if (c[i]->category > 0 && c[i]->category < CST_CATEGORY_SLOTS) {
            share[c[i]->category] = cst__wire_ore(c[i]->share);
            paid[c[i]->category] = cst__wire_ore(c[i]->paid);
        }
}

/* `difference`: the line's changes (a correction's difference ledger);
 * else its figures as they stand. */
static fc_status_t load_parties(fc_call_t *call, const cst__run_pb_t *h, cst_ledger_t *l,
                                bool difference, cst_correction_line_t *lines)
{
    l->parties = calloc(h->party_count ? h->party_count : 1, sizeof *l->parties);
    if (l->parties == NULL)
        return oom(call);
    fc_status_t st = FC_OK;
    for (uint32_t p = 0; !st && p * CST_PAGE_LINES < h->party_count; p++) {
        cst__page_pb_t *pg;
        if ((st = cst__pages_get(call, h->id, CST_PART_PARTIES, p, &pg)))
            break;
        for (size_t i = 0; !st && i < pg->n_parties && l->n_parties < h->party_count; i++) {
            const Fcavtal__V1__SettlementPartyLine *pl = pg->parties[i];
            size_t at = l->n_parties++;
            cst_party_line_t *out = &l->parties[at];
            *out = (cst_party_line_t){.key = pl->operation_id};
            ptrdiff_t org = cst_ledger_organisation(l, pl->organisation_id);
            out->organisation = org < 0 ? 0 : (size_t)org;
            int64_t s = cst__wire_ore(pl->share), pd = cst__wire_ore(pl->paid);
            int64_t b = cst__wire_ore(pl->balance);
            if (difference) {
                int64_t sb = cst__wire_ore(pl->share_before), pb = cst__wire_ore(pl->paid_before);
                int64_t bb = cst__wire_ore(pl->balance_before);
                lines[at] = (cst_correction_line_t){sb, s, pb, pd, bb, b};
                /* They were computed as these differences: no overflow. */
                out->share = s - sb;
                out->paid = pd - pb;
                out->balance = cst__wire_ore(pl->difference);
                categories((const Fcavtal__V1__CategoryAmounts *const *)pl->by_category_difference,
                           pl->n_by_category_difference, out->share_by_category,
                           out->paid_by_category);
            } else {
                out->share = s;
                out->paid = pd;
                out->balance = b;
                categories((const Fcavtal__V1__CategoryAmounts *const *)pl->by_category,
                           pl->n_by_category, out->share_by_category, out->paid_by_category);
            }
            out->name = strdup(pl->name);
            if (org < 0 && !st)
                st = fc_call_fail(call, FC_DATA_LOSS, "run %llu: operation %llu names an "
                                  "organisation the run lacks", (unsigned long long)h->id,
                                  (unsigned long long)pl->operation_id);
            if (out->name == NULL && !st)
                st = oom(call);
        }
        fcavtal__v1__run_content_page__free_unpacked(pg, NULL);
    }
    return st;
}

static fc_status_t load_transfers(fc_call_t *call, const cst__run_pb_t *h, cst_ledger_t *l)
{
    l->transfers = calloc(h->transfer_count ? h->transfer_count : 1, sizeof *l->transfers);
    if (l->transfers == NULL)
        return oom(call);
    l->transfers_exact = h->transfers_minimal;
    fc_status_t st = FC_OK;
    for (uint32_t p = 0; !st && p * CST_PAGE_LINES < h->transfer_count; p++) {
        cst__page_pb_t *pg;
        if ((st = cst__pages_get(call, h->id, CST_PART_TRANSFERS, p, &pg)))
            break;
        for (size_t i = 0; !st && i < pg->n_transfers && l->n_transfers < h->transfer_count; i++) {
            const Fcavtal__V1__SettlementTransfer *t = pg->transfers[i];
            ptrdiff_t a = cst_ledger_organisation(l, t->from_organisation_id);
            ptrdiff_t b = cst_ledger_organisation(l, t->to_organisation_id);
            if (a < 0 || b < 0)
                st = fc_call_fail(call, FC_DATA_LOSS, "run %llu: a transfer names an "
                                  "organisation the run lacks", (unsigned long long)h->id);
            else
                l->transfers[l->n_transfers++] = (cst_transfer_t){(size_t)a, (size_t)b,
                                                                  cst__wire_ore(t->amount)};
        }
        fcavtal__v1__run_content_page__free_unpacked(pg, NULL);
    }
    return st;
}

/* ------------------------------------------------------------ contents */

static fc_status_t load_centre(fc_call_t *call, const cst__run_pb_t *h, size_t index,
                               uint64_t item_id, cst_run_t *run)
{
    cst__page_pb_t *pg;
    fc_status_t st = cst__pages_get(call, h->id, CST_PART_CENTRES, (uint32_t)index, &pg);
    if (st)
        return st;
    st = cst__page_unpack_centre(pg, item_id, run);
    fcavtal__v1__run_content_page__free_unpacked(pg, NULL);
    if (st == FC_DATA_LOSS)
        return fc_call_fail(call, st, "run %llu: a stored item is incomplete",
                            (unsigned long long)h->id);
    return st ? oom(call) : FC_OK;
}

static int cmp_item(const void *a, const void *b)
{
    const cst_run_item_t *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

static int cmp_segment(const void *a, const void *b)
{
    const cst_segment_t *x = a, *y = b;
    if (x->item != y->item)
        return x->item < y->item ? -1 : 1;
    return fc_date_cmp(x->from, y->from);
}

static fc_status_t load_contents(fc_call_t *call, const cst__run_pb_t *h, const cst__load_t *w,
                                 cst_run_t *run)
{
    fc_status_t st = FC_OK;
    if (w->centres == NULL) {
        for (size_t i = 0; !st && i < h->n_centre_ids; i++)
            st = load_centre(call, h, i, w->item_id, run);
    } else {
        for (size_t i = 0; !st && i < w->n_centres; i++) {
            ptrdiff_t at = cst__run_centre_index(h, w->centres[i]);
            if (at >= 0)
                st = load_centre(call, h, (size_t)at, w->item_id, run);
        }
    }
    /* Centre pages hold their own items; the engine's order is global. */
    qsort(run->items, run->n_items, sizeof *run->items, cmp_item);
    qsort(run->segments, run->n_segments, sizeof *run->segments, cmp_segment);
    return st;
}

static fc_status_t copy_warnings(fc_call_t *call, const cst__run_pb_t *h, cst_run_t *run)
{
    run->warnings = calloc(h->n_warnings ? h->n_warnings : 1, sizeof *run->warnings);
    if (run->warnings == NULL)
        return oom(call);
    for (size_t i = 0; i < h->n_warnings; i++) {
        if ((run->warnings[i] = strdup(h->warnings[i])) == NULL)
            return oom(call);
        run->n_warnings++;
    }
    return FC_OK;
}

static cst_period_t header_period(const cst__run_pb_t *h)
{
    cst_period_t p = {CST_PERIOD_CUSTOM, {1, 1, 1}, {1, 1, 1}};
    if (h->period) {
        p.kind = (cst_period_kind_t)h->period->kind;
        fc_date_from_pb(h->period->from, &p.from);
        fc_date_from_pb(h->period->to, &p.to);
    }
    return p;
}

fc_status_t cst__run_load(fc_call_t *call, const cst__run_pb_t *h, const cst__load_t *what,
                          cst_run_t **out)
{
    *out = NULL;
    if (!cst__run_has_contents(h))
        return fc_call_fail(call, FC_FAILED_PRECONDITION, "run %llu was discarded: its contents "
                            "are gone", (unsigned long long)h->id);
    cst_run_t *run = calloc(1, sizeof *run);
    if (run == NULL)
        return oom(call);
    run->period = header_period(h);
    run->finalised = h->status == FCAVTAL__V1__RUN_STATUS__RUN_STATUS_FINALISED;
    fc_status_t st = load_orgs(call, h, &run->ledger);
    if (!st)
        st = load_parties(call, h, &run->ledger, false, NULL);
    if (!st)
        st = load_transfers(call, h, &run->ledger);
    if (!st)
        st = copy_warnings(call, h, run);
    if (!st && what && what->contents)
        st = load_contents(call, h, what, run);
    if (st)
        cst_run_destroy(&run);
    *out = run;
    return st;
}

fc_status_t cst__run_load_correction(fc_call_t *call, const cst__run_pb_t *h,
                                     cst_correction_t **out)
{
    *out = NULL;
    if (h->kind != FCAVTAL__V1__RUN_KIND__RUN_KIND_CORRECTION)
        return fc_call_fail(call, FC_FAILED_PRECONDITION, "run %llu is not a correction",
                            (unsigned long long)h->id);
    if (!cst__run_has_contents(h))
        return fc_call_fail(call, FC_FAILED_PRECONDITION, "run %llu was discarded: its contents "
                            "are gone", (unsigned long long)h->id);
    cst_correction_t *c = calloc(1, sizeof *c);
    if (c == NULL)
        return oom(call);
    c->period = header_period(h);
    c->lines = calloc(h->party_count ? h->party_count : 1, sizeof *c->lines);
    fc_status_t st = c->lines ? FC_OK : oom(call);
    if (!st)
        st = load_orgs(call, h, &c->difference);
    if (!st)
        st = load_parties(call, h, &c->difference, true, c->lines);
    if (!st)
        st = load_transfers(call, h, &c->difference);
    if (st)
        cst_correction_destroy(&c);
    *out = c;
    return st;
}
