#include "centre_settlement.h"

#include <stdlib.h>
#include <string.h>

#include "fcavtal/costs/model.h"
#include "idmap.h"
#include "run_store.h"
#include "wire.h"

typedef Fcavtal__V1__CentreSettlement settlement_pb_t;

/* Distinct rules per category a centre's segments name; more are folded
 * into the last (a centre with eight local rules for one category in one
 * year is not one a document can list anyway). */
#define MAX_SOURCES 8

typedef struct {
    uint64_t operation;
    int64_t share[CST_CATEGORY_SLOTS], paid[CST_CATEGORY_SLOTS];
} party_sum_t;

typedef struct {
    int rule;
    const char *source;   /* borrowed from the page */
} source_t;

typedef struct {
    int64_t total[CST_CATEGORY_SLOTS];
    party_sum_t *parties;
    size_t n_parties, cap_parties;
    cst__idmap_t by_operation;      /* operation id -> index + 1 */
    cst__idmap_t category_of_item;  /* item id -> category */
    source_t sources[CST_CATEGORY_SLOTS][MAX_SOURCES];
    size_t n_sources[CST_CATEGORY_SLOTS];
} sums_t;

static void sums_clear(sums_t *s)
{
    free(s->parties);
    cst__idmap_clear(&s->by_operation);
    cst__idmap_clear(&s->category_of_item);
    memset(s, 0, sizeof *s);
}

static party_sum_t *party(sums_t *s, uint64_t operation)
{
    uintptr_t at = (uintptr_t)cst__idmap_get(&s->by_operation, operation);
    if (at)
        return &s->parties[at - 1];
    if (s->n_parties == s->cap_parties) {
        size_t cap = s->cap_parties ? 2 * s->cap_parties : 8;
        party_sum_t *p = realloc(s->parties, cap * sizeof *p);
        if (!p)
            return NULL;
        s->parties = p, s->cap_parties = cap;
    }
    party_sum_t *p = &s->parties[s->n_parties];
    memset(p, 0, sizeof *p);
    p->operation = operation;
    if (!cst__idmap_put(&s->by_operation, operation, (void *)(uintptr_t)(s->n_parties + 1)))
        return NULL;
    s->n_parties++;
    return p;
}

static int category_slot(int category)
{
    return category > 0 && category < CST_CATEGORY_SLOTS ? category : 0;
}

static void note_source(sums_t *s, int cat, int rule, const char *source)
{
    for (size_t i = 0; i < s->n_sources[cat]; i++)
        if (s->sources[cat][i].rule == rule && !strcmp(s->sources[cat][i].source, source))
            return;
    size_t at = s->n_sources[cat] < MAX_SOURCES ? s->n_sources[cat]++ : MAX_SOURCES - 1;
    s->sources[cat][at] = (source_t){ rule, source };
}

/* Totals and what each payer paid, from the page's items. */
static fc_status_t add_items(sums_t *s, const cst__page_pb_t *pg)
{
    for (size_t i = 0; i < pg->n_items; i++) {
        const Fcavtal__V1__CostItem *it = pg->items[i]->item;
        if (!it)
            continue;
        int cat = category_slot((int)it->category);
        int64_t accrued = cst__wire_ore(pg->items[i]->accrued);
        s->total[cat] += accrued;
        party_sum_t *p = it->paid_by_operation_id ? party(s, it->paid_by_operation_id) : NULL;
        if (it->paid_by_operation_id && !p)
            return FC_RESOURCE_EXHAUSTED;
        if (p)
            p->paid[cat] += accrued;
        if (!cst__idmap_put(&s->category_of_item, it->id, (void *)(uintptr_t)(cat + 1)))
            return FC_RESOURCE_EXHAUSTED;
    }
    return FC_OK;
}

/* Each party's share, from the segments' members. */
static fc_status_t add_segments(sums_t *s, const cst__page_pb_t *pg)
{
    for (size_t i = 0; i < pg->n_segments; i++) {
        const Fcavtal__V1__AllocationSegment *seg = pg->segments[i];
        uintptr_t c = (uintptr_t)cst__idmap_get(&s->category_of_item, seg->item_id);
        int cat = c ? (int)c - 1 : 0;
        note_source(s, cat, (int)seg->rule, seg->source);
        for (size_t m = 0; m < seg->n_members; m++) {
            party_sum_t *p = party(s, seg->members[m]->operation_id);
            if (!p)
                return FC_RESOURCE_EXHAUSTED;
            p->share[cat] += cst__wire_ore(seg->members[m]->amount);
        }
    }
    return FC_OK;
}

static int cmp_party(const void *a, const void *b)
{
    const party_sum_t *x = a, *y = b;
    return x->operation < y->operation ? -1 : x->operation > y->operation;
}

/* ------------------------------------------------------------ the record */

static Fcavtal__V1__CategoryAmounts **amounts(const int64_t *share, const int64_t *paid,
                                              size_t *n, bool *oom)
{
    Fcavtal__V1__CategoryAmounts **v = calloc(CST_CATEGORY_SLOTS, sizeof *v);
    *n = 0;
    if (!v) {
        *oom = true;
        return NULL;
    }
    for (int cat = 1; cat < CST_CATEGORY_SLOTS; cat++) {
        if (!share[cat] && !paid[cat])
            continue;
        Fcavtal__V1__CategoryAmounts *a = malloc(sizeof *a);
        if (!a) {
            *oom = true;
            break;
        }
        fcavtal__v1__category_amounts__init(a);
        v[(*n)++] = a;
        a->category = (Fcavtal__V1__CostCategory)cat;
        a->share = cst__wire_money_new(share[cat]);
        a->paid = cst__wire_money_new(paid[cat]);
        *oom |= !a->share || !a->paid;
    }
    return v;
}

static bool fill_parties(settlement_pb_t *r, sums_t *s)
{
    bool oom = false;
    qsort(s->parties, s->n_parties, sizeof *s->parties, cmp_party);
    r->parties = calloc(s->n_parties ? s->n_parties : 1, sizeof *r->parties);
    if (!r->parties)
        return false;
    for (size_t i = 0; i < s->n_parties && !oom; i++) {
        const party_sum_t *p = &s->parties[i];
        Fcavtal__V1__CentreSettlementParty *l = malloc(sizeof *l);
        if (!l)
            return false;
        fcavtal__v1__centre_settlement_party__init(l);
        r->parties[r->n_parties++] = l;
        l->operation_id = p->operation;
        l->by_category = amounts(p->share, p->paid, &l->n_by_category, &oom);
        int64_t share = 0, paid = 0;
        for (int cat = 1; cat < CST_CATEGORY_SLOTS; cat++)
            share += p->share[cat], paid += p->paid[cat];
        l->share = cst__wire_money_new(share);
        l->paid = cst__wire_money_new(paid);
        oom |= !l->share || !l->paid;
    }
    return !oom;
}

static bool fill_sources(settlement_pb_t *r, const sums_t *s)
{
    r->sources = calloc(CST_CATEGORY_SLOTS * MAX_SOURCES, sizeof *r->sources);
    if (!r->sources)
        return false;
    for (int cat = 1; cat < CST_CATEGORY_SLOTS; cat++)
        for (size_t i = 0; i < s->n_sources[cat]; i++) {
            Fcavtal__V1__CategorySource *c = malloc(sizeof *c);
            if (!c)
                return false;
            fcavtal__v1__category_source__init(c);
            r->sources[r->n_sources++] = c;
            c->category = (Fcavtal__V1__CostCategory)cat;
            c->rule = (Fcavtal__V1__AllocationRuleKind)s->sources[cat][i].rule;
            if (!(c->source = cst__wire_strdup(s->sources[cat][i].source)))
                return false;
        }
    return true;
}

/* What every centre's record of one run shares, decoded once per run. */
typedef struct {
    const cst__run_pb_t *h;
    cst_period_t period;
    fc_date_t finalised_on;
} run_facts_t;

static run_facts_t run_facts(const cst__run_pb_t *h)
{
    run_facts_t f = { h, { CST_PERIOD_CUSTOM, { 1, 1, 1 }, { 1, 1, 1 } }, { 1, 1, 1 } };
    if (h->period) {
        f.period.kind = (cst_period_kind_t)h->period->kind;
        fc_date_from_pb(h->period->from, &f.period.from);
        fc_date_from_pb(h->period->to, &f.period.to);
    }
    fc_date_from_pb(h->finalised_on, &f.finalised_on);
    return f;
}

static fc_status_t record_new(const run_facts_t *run, const cst__page_pb_t *pg, sums_t *s,
                              settlement_pb_t **out)
{
    const cst__run_pb_t *h = run->h;
    settlement_pb_t *r = malloc(sizeof *r);
    if (!r)
        return FC_RESOURCE_EXHAUSTED;
    fcavtal__v1__centre_settlement__init(r);
    *out = r;
    r->run_id = h->id;
    r->run_kind = h->kind;
    r->centre_id = pg->centre_id;
    r->rule_set = pg->rule_set;
    r->period = cst__wire_period_new(run->period);
    r->finalised_on = cst__wire_date_new(run->finalised_on);
    r->centre_name = cst__wire_strdup(pg->centre_name);
    bool oom = !r->period || !r->finalised_on || !r->centre_name;
    if (!oom)
        r->totals = amounts(s->total, s->total, &r->n_totals, &oom);
    if (oom || !fill_parties(r, s) || !fill_sources(r, s))
        return FC_RESOURCE_EXHAUSTED;
    return FC_OK;
}

/* ------------------------------------------------------------ per centre */

static fc_status_t make_one(fc_call_t *call, const run_facts_t *run, uint32_t index)
{
    const cst__run_pb_t *h = run->h;
    cst__page_pb_t *pg;
    fc_status_t st = cst__pages_get(call, h->id, CST_PART_CENTRES, index, &pg);
    if (st)
        return st;
    sums_t s;
    memset(&s, 0, sizeof s);
    cst__idmap_init(&s.by_operation);
    cst__idmap_init(&s.category_of_item);
    settlement_pb_t *r = NULL;
    st = add_items(&s, pg);
    if (!st)
        st = add_segments(&s, pg);
    if (!st)
        st = record_new(run, pg, &s, &r);
    if (st)
        st = fc_call_oom(call);
    if (!st)
        st = fc_record_new_id(call, CST_REC_CENTRE_SETTLEMENT, &r->id);
    if (!st)
        st = fc_record_put(call, CST_REC_CENTRE_SETTLEMENT, &r->base);
    if (!st)
        st = fc_call_emit(call, CST_REC_CENTRE_SETTLEMENT, "finalised", &r->base);
    if (r)
        fcavtal__v1__centre_settlement__free_unpacked(r, NULL);
    sums_clear(&s);
    fcavtal__v1__run_content_page__free_unpacked(pg, NULL);
    return st;
}

fc_status_t cst__centre_settlements_make(fc_call_t *call, const cst__run_pb_t *h)
{
    run_facts_t run = run_facts(h);
    fc_status_t st = FC_OK;
    for (size_t i = 0; i < h->n_centre_ids && !st; i++)
        st = make_one(call, &run, (uint32_t)i);
    return st;
}
