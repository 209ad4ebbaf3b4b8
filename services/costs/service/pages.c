#include "pages.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

size_t cst__page_count(size_t count)
{
    return count ? (count + CST_PAGE_LINES - 1) / CST_PAGE_LINES : 1;
}

/* ------------------------------------------------------------ centre pages */

typedef struct {
    Fcavtal__V1__RunItem *ri;
    Fcavtal__V1__RunItem **rip;
    Fcavtal__V1__CostItem *ci;
    Fcavtal__V1__AllocationSegment *seg;
    Fcavtal__V1__AllocationSegment **segp;
    Fcavtal__V1__ShareMember *mem;
    Fcavtal__V1__ShareMember **memp;
    Fcavtal__V1__Money *money;
    Fcavtal__V1__Date *dates;
    Fcavtal__V1__RunName *names;
    Fcavtal__V1__RunName **namep;
    size_t n_money, n_dates;
} arena_t;

static void arena_free(arena_t *a)
{
    free(a->ri);
    free(a->rip);
    free(a->ci);
    free(a->seg);
    free(a->segp);
    free(a->mem);
    free(a->memp);
    free(a->money);
    free(a->dates);
    free(a->names);
    free(a->namep);
}

static bool arena_alloc(arena_t *a, size_t ni, size_t ns, size_t nm, size_t nn)
{
    *a = (arena_t){0};
    a->ri = malloc((ni ? ni : 1) * sizeof *a->ri);
    a->rip = malloc((ni ? ni : 1) * sizeof *a->rip);
    a->ci = malloc((ni ? ni : 1) * sizeof *a->ci);
    a->seg = malloc((ns ? ns : 1) * sizeof *a->seg);
    a->segp = malloc((ns ? ns : 1) * sizeof *a->segp);
    a->mem = malloc((nm ? nm : 1) * sizeof *a->mem);
    a->memp = malloc((nm ? nm : 1) * sizeof *a->memp);
    a->money = malloc((2 * ni + ns + nm + 1) * sizeof *a->money);
    a->dates = malloc((2 * ni + 2 * ns + 1) * sizeof *a->dates);
    a->names = malloc((nn ? nn : 1) * sizeof *a->names);
    a->namep = malloc((nn ? nn : 1) * sizeof *a->namep);
    return a->ri && a->rip && a->ci && a->seg && a->segp && a->mem && a->memp && a->money &&
           a->dates && a->names && a->namep;
}

static Fcavtal__V1__Money *money(arena_t *a, int64_t ore)
{
    Fcavtal__V1__Money *m = &a->money[a->n_money++];
    fcavtal__v1__money__init(m);
    m->ore = ore;
    return m;
}

static Fcavtal__V1__Date *date(arena_t *a, fc_date_t d)
{
    Fcavtal__V1__Date *pb = &a->dates[a->n_dates++];
    fcavtal__v1__date__init(pb);
    pb->year = d.year;
    pb->month = d.month;
    pb->day = d.day;
    return pb;
}

static void put_item(arena_t *a, size_t i, const cst_run_item_t *it)
{
    Fcavtal__V1__CostItem *c = &a->ci[i];
    fcavtal__v1__cost_item__init(c);
    c->id = it->id;
    c->centre_id = it->centre;
    c->category = (Fcavtal__V1__CostCategory)it->category;
    /* Items are bounded far inside int64 (CST_MAX_ITEM_ORE): no overflow. */
    c->credit = it->amount < 0;
    c->amount = money(a, c->credit ? -it->amount : it->amount);
    c->paid_by_operation_id = it->paid_by;
    c->note = it->note;
    c->reference = it->reference;
    c->from = date(a, it->from);
    c->to = date(a, it->to);
    Fcavtal__V1__RunItem *r = &a->ri[i];
    fcavtal__v1__run_item__init(r);
    r->item = c;
    r->accrued = money(a, it->accrued);
    a->rip[i] = r;
}

static void put_segment(arena_t *a, size_t i, const cst_segment_t *s, size_t *m)
{
    Fcavtal__V1__AllocationSegment *g = &a->seg[i];
    fcavtal__v1__allocation_segment__init(g);
    g->item_id = s->item;
    g->centre_id = s->centre;
    g->from = date(a, s->from);
    g->to = date(a, s->to);
    g->days = s->days;
    g->amount = money(a, s->amount);
    g->rule = (Fcavtal__V1__AllocationRuleKind)s->rule;
    g->source = s->source;
    g->basis = (Fcavtal__V1__RuleBasis)s->basis;
    g->unit = (Fcavtal__V1__WeightUnit)s->unit;
    g->n_idle_operation_ids = s->n_idle;
    g->idle_operation_ids = s->idle;
    g->members = &a->memp[*m];
    g->n_members = s->n_members;
    for (size_t k = 0; k < s->n_members; k++, (*m)++) {
        Fcavtal__V1__ShareMember *sm = &a->mem[*m];
        fcavtal__v1__share_member__init(sm);
        sm->operation_id = s->members[k].party;
        sm->amount = money(a, s->members[k].amount);
        sm->weight = s->members[k].weight;
        sm->principal_id = s->members[k].principal;
        a->memp[*m] = sm;
    }
    a->segp[i] = g;
}

fc_status_t cst__page_pack_centre(const cst_run_t *run, uint8_t **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    size_t nm = 0;
    for (size_t s = 0; s < run->n_segments; s++)
        nm += run->segments[s].n_members;
    const cst_run_centre_t *c = run->n_centres == 1 ? &run->centres[0] : NULL;
    arena_t a;
    fc_status_t st = arena_alloc(&a, run->n_items, run->n_segments, nm, c ? c->n_names : 0)
                         ? FC_OK
                         : FC_RESOURCE_EXHAUSTED;
    cst__page_pb_t pg = FCAVTAL__V1__RUN_CONTENT_PAGE__INIT;
    if (!st && c) {
        pg.centre_id = c->key;
        pg.centre_name = c->name;
        pg.rule_set = (Fcavtal__V1__RuleSet)c->rule_set;
        for (size_t k = 0; k < c->n_names; k++) {
            Fcavtal__V1__RunName *n = &a.names[k];
            fcavtal__v1__run_name__init(n);
            n->operation_id = c->names[k].organisation ? 0 : c->names[k].key;
            n->organisation_id = c->names[k].organisation ? c->names[k].key : 0;
            n->name = c->names[k].name;
            a.namep[k] = n;
        }
        pg.n_names = c->n_names;
        pg.names = a.namep;
    }
    for (size_t i = 0; !st && i < run->n_items; i++)
        put_item(&a, i, &run->items[i]);
    size_t m = 0;
    for (size_t s = 0; !st && s < run->n_segments; s++)
        put_segment(&a, s, &run->segments[s], &m);
    if (!st) {
        pg.n_items = run->n_items;
        pg.items = a.rip;
        pg.n_segments = run->n_segments;
        pg.segments = a.segp;
        *len = fcavtal__v1__run_content_page__get_packed_size(&pg);
        *out = malloc(*len ? *len : 1);
        if (*out == NULL)
            st = FC_RESOURCE_EXHAUSTED;
        else
            fcavtal__v1__run_content_page__pack(&pg, *out);
    }
    arena_free(&a);
    return st;
}

/* ------------------------------------------------------------ unpacking */

static fc_date_t date_in(const Fcavtal__V1__Date *d)
{
    fc_date_t out = {1, 1, 1};
    fc_date_from_pb(d, &out);
    return out;
}

static void *grow_by(void *arr, size_t n, size_t more, size_t size)
{
    return realloc(arr, (n + more ? n + more : 1) * size);
}

static void *run_array(cst_run_t *run, size_t n, size_t size)
{
    return n <= SIZE_MAX / size ? cst_run_calloc(run, n * size) : NULL;
}

static fc_status_t copy_segment(cst_run_t *run, const Fcavtal__V1__AllocationSegment *g,
                                cst_segment_t *s)
{
    *s = (cst_segment_t){.item = g->item_id, .centre = g->centre_id, .from = date_in(g->from),
                         .to = date_in(g->to), .days = g->days,
                         .amount = cst__wire_ore(g->amount),
                         .rule = (cst_rule_kind_t)g->rule,
                         .basis = (cst_rule_basis_t)g->basis,
                         .unit = (cst_weight_unit_t)g->unit};
    s->source = cst_run_strdup(run, g->source);
    s->members = run_array(run, g->n_members, sizeof *s->members);
    s->idle = run_array(run, g->n_idle_operation_ids, sizeof *s->idle);
    if (!s->source || !s->members || !s->idle)
        return FC_RESOURCE_EXHAUSTED;
    for (size_t k = 0; k < g->n_members; k++) {
        const Fcavtal__V1__ShareMember *sm = g->members[k];
        s->members[k] = (cst_member_t){sm->operation_id, cst__wire_ore(sm->amount), sm->weight,
                                       sm->principal_id};
    }
    s->n_members = g->n_members;
    if (g->n_idle_operation_ids)
        memcpy(s->idle, g->idle_operation_ids, g->n_idle_operation_ids * sizeof *s->idle);
    s->n_idle = g->n_idle_operation_ids;
    return FC_OK;
}

static fc_status_t copy_names(cst_run_t *run, const cst__page_pb_t *pg, cst_run_centre_t *c)
{
    c->names = run_array(run, pg->n_names, sizeof *c->names);
    if (c->names == NULL)
        return FC_RESOURCE_EXHAUSTED;
    for (size_t k = 0; k < pg->n_names; k++) {
        const Fcavtal__V1__RunName *n = pg->names[k];
        bool org = n->organisation_id != 0;
        c->names[k] = (cst_run_name_t){org ? n->organisation_id : n->operation_id, org,
                                       cst_run_strdup(run, n->name)};
        if (c->names[k].name == NULL)
            return FC_RESOURCE_EXHAUSTED;
        c->n_names++;
    }
    return FC_OK;
}

static fc_status_t copy_item(const Fcavtal__V1__RunItem *r, cst_run_item_t *it)
{
    const Fcavtal__V1__CostItem *c = r->item;
    if (c == NULL)
        return FC_DATA_LOSS;
    int64_t ore = cst__wire_ore(c->amount);
    *it = (cst_run_item_t){.id = c->id, .centre = c->centre_id,
                           .category = (cst_category_t)c->category,
                           .amount = c->credit ? -ore : ore, .accrued = cst__wire_ore(r->accrued),
                           .paid_by = c->paid_by_operation_id, .from = date_in(c->from),
                           .to = date_in(c->to)};
    it->note = strdup(c->note);
    it->reference = strdup(c->reference);
    return it->note && it->reference ? FC_OK : FC_RESOURCE_EXHAUSTED;
}

fc_status_t cst__page_unpack_centre(const cst__page_pb_t *pg, uint64_t item_id, cst_run_t *run)
{
    cst_run_centre_t *cs = grow_by(run->centres, run->n_centres, 1, sizeof *cs);
    if (cs == NULL)
        return FC_RESOURCE_EXHAUSTED;
    run->centres = cs;
    cs[run->n_centres] = (cst_run_centre_t){pg->centre_id, strdup(pg->centre_name),
                                            (cst_rule_set_t)pg->rule_set, NULL, 0};
    cst_run_centre_t *c = &cs[run->n_centres++];
    if (c->name == NULL || copy_names(run, pg, c))
        return FC_RESOURCE_EXHAUSTED;
    cst_run_item_t *items = grow_by(run->items, run->n_items, pg->n_items, sizeof *items);
    if (items == NULL)
        return FC_RESOURCE_EXHAUSTED;
    run->items = items;
    for (size_t i = 0; i < pg->n_items; i++) {
        if (item_id && pg->items[i]->item && pg->items[i]->item->id != item_id)
            continue;
        fc_status_t st = copy_item(pg->items[i], &run->items[run->n_items]);
        if (st == FC_DATA_LOSS)
            return st;
        run->n_items++; /* counted before a failure: the destructor frees its texts */
        if (st)
            return st;
    }
    cst_segment_t *segs = grow_by(run->segments, run->n_segments, pg->n_segments, sizeof *segs);
    if (segs == NULL)
        return FC_RESOURCE_EXHAUSTED;
    run->segments = segs;
    for (size_t s = 0; s < pg->n_segments; s++) {
        if (item_id && pg->segments[s]->item_id != item_id)
            continue;
        cst_segment_t *seg = &run->segments[run->n_segments];
        fc_status_t st = copy_segment(run, pg->segments[s], seg);
        if (st)
            return st;   /* its parts are in the run's pool, freed with the run */
        run->n_segments++;
    }
    return FC_OK;
}

/* ------------------------------------------------------------ words */

/* The page's segments in engine form (a run of its one centre), so that
 * their words come from the one writer of them (segment_text.c). */
/* A page written before its words were left out holds them already. */
static void set_text(char **slot, char *text)
{
    if (*slot && *slot != protobuf_c_empty_string)
        free(*slot);
    *slot = text;
}

static fc_status_t explain_segments(const cst_run_t *run, cst__page_pb_t *pg)
{
    for (size_t s = 0; s < pg->n_segments; s++) {
        Fcavtal__V1__AllocationSegment *g = pg->segments[s];
        const cst_segment_t *seg = &run->segments[s];
        char *text;
        if (cst_segment_explain(run, seg, &text))
            return FC_RESOURCE_EXHAUSTED;
        set_text(&g->explanation, text);   /* freed with the page */
        for (size_t k = 0; k < g->n_members; k++) {
            if (cst_member_fraction(seg, k, &text))
                return FC_RESOURCE_EXHAUSTED;
            set_text(&g->members[k]->fraction, text);
        }
    }
    return FC_OK;
}

fc_status_t cst__page_explain(cst__page_pb_t *pg)
{
    cst_run_t *run = calloc(1, sizeof *run);
    fc_status_t st = run ? cst__page_unpack_centre(pg, 0, run) : FC_RESOURCE_EXHAUSTED;
    if (!st && run->n_segments != pg->n_segments)
        st = FC_DATA_LOSS;
    if (!st)
        st = explain_segments(run, pg);
    cst_run_destroy(&run);
    return st;
}

/* ------------------------------------------------------------ ledger pages */

static bool add_category(Fcavtal__V1__CategoryAmounts ***list, size_t *n, int c, int64_t share,
                         int64_t paid)
{
    if (share == 0 && paid == 0)
        return true;
    Fcavtal__V1__CategoryAmounts **grown = realloc(*list, (*n + 1) * sizeof *grown);
    if (grown == NULL)
        return false;
    *list = grown;
    Fcavtal__V1__CategoryAmounts *ca = malloc(sizeof *ca);
    if (ca == NULL)
        return false;
    fcavtal__v1__category_amounts__init(ca);
    grown[(*n)++] = ca;
    ca->category = (Fcavtal__V1__CostCategory)c;
    ca->share = cst__wire_money_new(share);
    ca->paid = cst__wire_money_new(paid);
    return ca->share && ca->paid;
}

static const cst_party_line_t *find_party(const cst_ledger_t *l, uint64_t key)
{
    ptrdiff_t i = l ? cst_ledger_party(l, key) : -1;
    return i >= 0 ? &l->parties[i] : NULL;
}

static Fcavtal__V1__SettlementPartyLine *party_line(const cst__ledger_view_t *v, size_t i)
{
    const cst_party_line_t *p = &v->ledger->parties[i];
    Fcavtal__V1__SettlementPartyLine *pl = malloc(sizeof *pl);
    if (pl == NULL)
        return NULL;
    fcavtal__v1__settlement_party_line__init(pl);
    pl->operation_id = p->key;
    pl->organisation_id = v->ledger->organisations[p->organisation].key;
    pl->name = cst__wire_strdup(p->name);
    bool ok = pl->name != NULL;
    const cst_party_line_t *cat = p;
    if (v->corr) {
        const cst_correction_line_t *c = &v->corr->lines[i];
        pl->share = cst__wire_money_new(c->share_after);
        pl->paid = cst__wire_money_new(c->paid_after);
        pl->balance = cst__wire_money_new(c->balance_after);
        pl->share_before = cst__wire_money_new(c->share_before);
        pl->paid_before = cst__wire_money_new(c->paid_before);
        pl->balance_before = cst__wire_money_new(c->balance_before);
        pl->difference = cst__wire_money_new(p->balance);
        ok = ok && pl->share_before && pl->paid_before && pl->balance_before && pl->difference;
        for (int k = 1; ok && k < CST_CATEGORY_SLOTS; k++)
            ok = add_category(&pl->by_category_difference, &pl->n_by_category_difference, k,
                              p->share_by_category[k], p->paid_by_category[k]);
        cat = find_party(v->revised, p->key);
    } else {
        pl->share = cst__wire_money_new(p->share);
        pl->paid = cst__wire_money_new(p->paid);
        pl->balance = cst__wire_money_new(p->balance);
    }
    ok = ok && pl->share && pl->paid && pl->balance;
    for (int k = 1; ok && cat && k < CST_CATEGORY_SLOTS; k++)
        ok = add_category(&pl->by_category, &pl->n_by_category, k, cat->share_by_category[k],
                          cat->paid_by_category[k]);
    size_t nc = v->n_centres ? v->n_centres[i] : 0;
    if (ok && nc) {
        pl->centre_ids = malloc(nc * sizeof *pl->centre_ids);
        ok = pl->centre_ids != NULL;
        if (ok) {
            memcpy(pl->centre_ids, v->centres[i], nc * sizeof *pl->centre_ids);
            pl->n_centre_ids = nc;
        }
    }
    if (!ok)
        fcavtal__v1__settlement_party_line__free_unpacked(pl, NULL);
    return ok ? pl : NULL;
}

static Fcavtal__V1__SettlementOrganisationLine *org_line(const cst_org_line_t *o)
{
    Fcavtal__V1__SettlementOrganisationLine *ol = malloc(sizeof *ol);
    if (ol == NULL)
        return NULL;
    fcavtal__v1__settlement_organisation_line__init(ol);
    ol->organisation_id = o->key;
    ol->name = cst__wire_strdup(o->name);
    ol->org_number = malloc(sizeof *ol->org_number);
    if (ol->org_number) {
        fcavtal__v1__org_number__init(ol->org_number);
        ol->org_number->value = cst__wire_strdup(o->org_number);
    }
    ol->share = cst__wire_money_new(o->share);
    ol->paid = cst__wire_money_new(o->paid);
    ol->balance = cst__wire_money_new(o->balance);
    ol->kind = (Fcavtal__V1__OrgKind)o->kind;
    if (!ol->name || !ol->org_number || !ol->org_number->value || !ol->share || !ol->paid ||
        !ol->balance) {
        fcavtal__v1__settlement_organisation_line__free_unpacked(ol, NULL);
        return NULL;
    }
    return ol;
}

static Fcavtal__V1__SettlementTransfer *transfer(const cst_ledger_t *l, const cst_transfer_t *t)
{
    Fcavtal__V1__SettlementTransfer *tr = malloc(sizeof *tr);
    if (tr == NULL)
        return NULL;
    fcavtal__v1__settlement_transfer__init(tr);
    tr->from_organisation_id = l->organisations[t->from].key;
    tr->to_organisation_id = l->organisations[t->to].key;
    tr->amount = cst__wire_money_new(t->amount);
    if (tr->amount == NULL) {
        free(tr);
        return NULL;
    }
    return tr;
}

fc_status_t cst__page_build_ledger(const cst__ledger_view_t *v, int part, size_t page,
                                   cst__page_pb_t **out, size_t *n)
{
    const cst_ledger_t *l = v->ledger;
    size_t total = part == 1 ? l->n_parties : part == 2 ? l->n_organisations : l->n_transfers;
    size_t from = page * CST_PAGE_LINES, to = from + CST_PAGE_LINES;
    if (to > total)
        to = total;
    *n = from < to ? to - from : 0;
    cst__page_pb_t *pg = malloc(sizeof *pg);
    if (pg == NULL)
        return FC_RESOURCE_EXHAUSTED;
    fcavtal__v1__run_content_page__init(pg);
    void **arr = *n ? calloc(*n, sizeof(void *)) : NULL;
    fc_status_t st = *n && arr == NULL ? FC_RESOURCE_EXHAUSTED : FC_OK;
    for (size_t i = 0; !st && i < *n; i++) {
        if (part == 1)
            arr[i] = party_line(v, from + i);
        else if (part == 2)
            arr[i] = org_line(&l->organisations[from + i]);
        else
            arr[i] = transfer(l, &l->transfers[from + i]);
        if (arr[i] == NULL)
            st = FC_RESOURCE_EXHAUSTED;
        else if (part == 1)
            pg->n_parties = i + 1;
        else if (part == 2)
            pg->n_organisations = i + 1;
        else
            pg->n_transfers = i + 1;
    }
    if (part == 1)
        pg->parties = (Fcavtal__V1__SettlementPartyLine **)arr;
    else if (part == 2)
        pg->organisations = (Fcavtal__V1__SettlementOrganisationLine **)arr;
    else
        pg->transfers = (Fcavtal__V1__SettlementTransfer **)arr;
    if (st) {
        fcavtal__v1__run_content_page__free_unpacked(pg, NULL);
        return st;
    }
    *out = pg;
    return FC_OK;
}
