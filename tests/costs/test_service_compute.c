/* Computing centre by centre (compute.c) gives exactly what one engine run
 * over all centres gives: the same party and organisation lines, the same
 * transfers, the same segments, on one thread or several, and the same
 * refusal when the engine refuses. Random inputs, seeded. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "compute.h"
#include "fixtures.h"
#include "page_encode.h"
#include "pages.h"

static uint64_t rnd(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

static uint64_t pick(uint64_t *s, uint64_t n)
{
    return rnd(s) % n;
}

/* ------------------------------------------------------------ input */

typedef struct {
    cst__input_t in;
    Fcavtal__V1__ModelOrganisation orgs[128];
} split_t;

/* The engine input cut into one input per centre, as input.c builds them. */
static void split(const cst_run_input_t *whole, split_t *sp)
{
    cst__input_init(&sp->in, whole->period);
    cr_assert_leq(whole->n_organisations, 128);
    for (size_t i = 0; i < whole->n_organisations; i++) {
        const cst_organisation_t *o = &whole->organisations[i];
        Fcavtal__V1__ModelOrganisation *m = &sp->orgs[i];
        fcavtal__v1__model_organisation__init(m);
        m->id = o->key;
        m->name = (char *)o->name;
        m->org_number = (char *)o->org_number;
        m->kind = (Fcavtal__V1__OrgKind)o->kind;
        cr_assert(cst__idmap_put(&sp->in.orgs, o->key, m));
    }
    sp->in.centres = calloc(whole->n_centres, sizeof *sp->in.centres);
    for (size_t c = 0; c < whole->n_centres; c++) {
        cst__centre_input_t *ci = calloc(1, sizeof *ci);
        ci->centre = whole->centres[c];
        ci->items = calloc(whole->n_items + 1, sizeof *ci->items);
        for (size_t i = 0; i < whole->n_items; i++)
            if (whole->items[i].centre == ci->centre.key)
                ci->items[ci->n_items++] = whole->items[i];
        ci->in = (cst_run_input_t){whole->period, whole->organisations, whole->n_organisations,
                                   whole->parties, whole->n_parties, &ci->centre, 1,
                                   ci->items, ci->n_items};
        sp->in.centres[sp->in.n_centres++] = ci;
    }
}

static void split_clear(split_t *sp)
{
    cst__input_clear(&sp->in);
}

/* ------------------------------------------------------------ pages */

typedef struct {
    const cst_run_t *whole;
    size_t segments;
} sink_t;

static fc_status_t check_page(void *arg, size_t centre, const uint8_t *data, size_t len)
{
    (void)centre;
    sink_t *s = arg;
    cst__page_pb_t *pg = fcavtal__v1__run_content_page__unpack(NULL, len, data);
    cr_assert_not_null(pg, "a page does not decode");
    for (size_t i = 0; i < pg->n_segments; i++)
        cr_assert_str_empty(pg->segments[i]->explanation, "a page stores no sentences");
    /* The words a reader gets from the page are the whole run's words. */
    cr_assert_eq(cst__page_explain(pg), FC_OK);
    for (size_t i = 0; i < pg->n_items; i++) {
        const Fcavtal__V1__CostItem *ci = pg->items[i]->item;
        const cst_run_item_t *w = NULL;
        for (size_t k = 0; k < s->whole->n_items; k++)
            if (s->whole->items[k].id == ci->id)
                w = &s->whole->items[k];
        cr_assert_not_null(w, "item %llu is not in the whole run", (unsigned long long)ci->id);
        cr_assert_eq(ci->credit ? -ci->amount->ore : ci->amount->ore, w->amount);
        cr_assert_eq(pg->items[i]->accrued->ore, w->accrued);
        cr_assert_eq(ci->paid_by_operation_id, w->paid_by);
        cr_assert_eq(ci->category, (int)w->category);
        cr_assert_str_eq(ci->reference, w->reference);
        cr_assert_eq(ci->to->day, w->to.day);
    }
    for (size_t i = 0; i < pg->n_segments; i++) {
        const Fcavtal__V1__AllocationSegment *g = pg->segments[i];
        size_t first, n = cst_run_item_segments(s->whole, g->item_id, &first);
        const cst_segment_t *match = NULL;
        for (size_t k = first; k < first + n; k++)
            if (s->whole->segments[k].from.year == g->from->year &&
                s->whole->segments[k].from.month == g->from->month &&
                s->whole->segments[k].from.day == g->from->day)
                match = &s->whole->segments[k];
        cr_assert_not_null(match, "item %llu: a segment the whole run lacks",
                           (unsigned long long)g->item_id);
        cr_assert_eq(match->amount, g->amount->ore);
        cr_assert_eq(match->n_members, g->n_members);
        cr_assert_eq((int)match->basis, (int)g->basis);
        cr_assert_eq((int)match->unit, (int)g->unit);
        cr_assert_eq(match->n_idle, g->n_idle_operation_ids);
        for (size_t k = 0; k < g->n_idle_operation_ids; k++)
            cr_assert_eq(match->idle[k], g->idle_operation_ids[k]);
        for (size_t m = 0; m < g->n_members; m++) {
            cr_assert_eq(match->members[m].party, g->members[m]->operation_id);
            cr_assert_eq(match->members[m].amount, g->members[m]->amount->ore);
            cr_assert_eq(match->members[m].weight, g->members[m]->weight);
            cr_assert_eq(match->members[m].principal, g->members[m]->principal_id);
            char *fraction;
            cr_assert_eq(cst_member_fraction(match, m, &fraction), FC_OK);
            cr_assert_str_eq(fraction, g->members[m]->fraction);
            free(fraction);
        }
        char *text;
        cr_assert_eq(cst_segment_explain(s->whole, match, &text), FC_OK);
        cr_assert_str_eq(text, g->explanation);
        free(text);
        s->segments++;
    }
    fcavtal__v1__run_content_page__free_unpacked(pg, NULL);
    return FC_OK;
}

/* ------------------------------------------------------------ compare */

static fc_status_t ignore_page(void *arg, size_t centre, const uint8_t *data, size_t len)
{
    (void)arg, (void)centre, (void)data, (void)len;
    return FC_OK;
}

static void same_ledger(const cst_ledger_t *a, const cst_ledger_t *b)
{
    cr_assert_eq(a->n_parties, b->n_parties);
    for (size_t i = 0; i < a->n_parties; i++) {
        const cst_party_line_t *x = &a->parties[i], *y = &b->parties[i];
        cr_assert_eq(x->key, y->key);
        cr_assert_eq(x->share, y->share, "party %llu", (unsigned long long)x->key);
        cr_assert_eq(x->paid, y->paid);
        cr_assert_eq(x->balance, y->balance);
        cr_assert_eq(a->organisations[x->organisation].key, b->organisations[y->organisation].key);
        cr_assert_eq(memcmp(x->share_by_category, y->share_by_category, sizeof x->share_by_category), 0);
        cr_assert_eq(memcmp(x->paid_by_category, y->paid_by_category, sizeof x->paid_by_category), 0);
    }
    cr_assert_eq(a->n_organisations, b->n_organisations);
    for (size_t j = 0; j < a->n_organisations; j++) {
        cr_assert_eq(a->organisations[j].key, b->organisations[j].key);
        cr_assert_eq(a->organisations[j].balance, b->organisations[j].balance);
        cr_assert_eq(a->organisations[j].share, b->organisations[j].share);
    }
    cr_assert_eq(a->n_transfers, b->n_transfers);
    cr_assert_eq(a->transfers_exact, b->transfers_exact);
    for (size_t t = 0; t < a->n_transfers; t++) {
        cr_assert_eq(a->organisations[a->transfers[t].from].key,
                     b->organisations[b->transfers[t].from].key);
        cr_assert_eq(a->organisations[a->transfers[t].to].key,
                     b->organisations[b->transfers[t].to].key);
        cr_assert_eq(a->transfers[t].amount, b->transfers[t].amount);
    }
}

/* The direct encoder writes the bytes protobuf-c's packer writes. */
static void same_encoding(const cst_run_input_t *in)
{
    cst_run_t *run = NULL;
    cst_error_t err;
    cr_assert_eq(cst_run_new(in, &run, &err), FC_OK, "%s", err.message);
    uint8_t *a = NULL, *b = NULL;
    size_t la = 0, lb = 0;
    cr_assert(cst__page_encode_centre(run, &a, &la));
    cr_assert_eq(cst__page_pack_centre(run, &b, &lb), FC_OK);
    cr_assert_eq(la, lb, "encoded %zu bytes, protobuf-c packs %zu", la, lb);
    cr_assert_eq(memcmp(a, b, la), 0, "the encodings differ");
    free(a);
    free(b);
    cst_run_destroy(&run);
}

static bool compare(const cst_run_input_t *whole_in, int threads)
{
    cst_run_t *whole = NULL;
    cst_error_t e1 = {0}, e2 = {0};
    fc_status_t st1 = cst_run_new(whole_in, &whole, &e1);
    split_t sp;
    split(whole_in, &sp);
    cst__computed_t out;
    sink_t sink = {whole, 0};
    fc_status_t st2 = st1 ? cst__compute(&sp.in, threads, ignore_page, NULL, &out, &e2)
                          : cst__compute(&sp.in, threads, check_page, &sink, &out, &e2);
    cr_assert_eq(st2, st1, "whole: %s (%s); by centre: %s (%s)", fc_status_name(st1), e1.message,
                 fc_status_name(st2), e2.message);
    if (st1 == FC_OK) {
        same_ledger(&whole->ledger, &out.run->ledger);
        cr_assert_eq(out.n_segments, whole->n_segments);
        cr_assert_eq(sink.segments, whole->n_segments);
        cr_assert_eq(out.n_items, whole->n_items);
        int64_t total = 0;
        for (size_t i = 0; i < whole->n_items; i++)
            total += whole->items[i].accrued;
        cr_assert_eq(out.total, total);
        cst__computed_clear(&out);
    }
    if (st1 == FC_OK)
        for (size_t c = 0; c < sp.in.n_centres; c++)
            same_encoding(&sp.in.centres[c]->in);
    cst_run_destroy(&whole);
    split_clear(&sp);
    return st1 == FC_OK;
}

/* ------------------------------------------------------------ cases */

static void small_case(uint64_t *s, fx_t *fx)
{
    fx_init(fx, pick(s, 2) ? cst_period_year(2025) : cst_period_quarter(2025, 1 + (int)pick(s, 4)));
    fx_org(fx, 100, "Region", "232100-0000", CST_ORG_REGION);
    fx_org(fx, 101, "Kommun A", "212000-0001", CST_ORG_MUNICIPALITY);
    fx_org(fx, 102, "Kommun B", "212000-0002", CST_ORG_MUNICIPALITY);
    static const char *const names[] = {"BVC", "BMM", "OFS", "SOC", "Bibliotek"};
    for (uint64_t p = 1; p <= 12; p++)
        fx_party(fx, p, names[(p - 1) % 5], (cst_op_kind_t)(1 + (p - 1) % 5),
                 p % 5 < 2 ? 100 : 101 + pick(s, 2));
    size_t centres = 1 + pick(s, 4);
    for (size_t c = 0; c < centres; c++) {
        fx_centre(fx, 10 + c, "Familjecentral", (cst_rule_set_t)(1 + pick(s, 2)), D(2024, 6, 1));
        for (uint64_t p = 1; p <= 12; p++)
            if (pick(s, 3) == 0 || p == 1 + c)
                fx_join(fx, c, p, D(2024, 1, 1 + (int)pick(s, 20)),
                        pick(s, 4) ? D(0, 0, 0) : D(2025, 1 + (int)pick(s, 12), 1));
    }
    size_t n = pick(s, 20);
    for (size_t i = 0; i < n; i++) {
        size_t c = pick(s, centres);
        const cst_centre_t *ce = &fx->centres[c];
        uint64_t payer = ce->participations[pick(s, ce->n_participations)].party;
        /* The service hands the engine only items with a day in the period. */
        int64_t span = fc_date_days_between(fx->period.from, fx->period.to);
        fc_date_t from = fc_date_add_days(fx->period.from, (int64_t)pick(s, (uint64_t)span + 1) - 30);
        fx_item(fx, 1 + i, ce->key, (cst_category_t)(1 + pick(s, 4)),
                (int64_t)pick(s, 100000000) * (pick(s, 5) ? 1 : -1), payer, from,
                fc_date_add_days(from, 30 + (int64_t)pick(s, 200)));
    }
}

Test(costs_compute, by_centre_equals_one_engine_run)
{
    uint64_t seed = 0xc0575eed;
    int settled = 0;
    for (int round = 0; round < 400; round++) {
        fx_t fx;
        small_case(&seed, &fx);
        settled += compare(fx_input(&fx), 1);
    }
    cr_expect_gt(settled, 150, "only %d of 400 random runs were settled", settled);
}

/* Enough centres for worker threads (compute.c starts them from 32). */
Test(costs_compute, threads_change_nothing)
{
    enum { CENTRES = 80, PER = 4, ITEMS = 12 };
    static cst_organisation_t orgs[CENTRES + 1];
    static cst_party_t parties[CENTRES * PER];
    static cst_participation_t parts[CENTRES * PER];
    static cst_centre_t centres[CENTRES];
    static cst_item_t items[CENTRES * ITEMS];
    uint64_t s = 42;
    orgs[0] = (cst_organisation_t){1, "Regionen", "232100-0000", CST_ORG_REGION};
    for (size_t c = 0; c < CENTRES; c++) {
        orgs[c + 1] = (cst_organisation_t){2 + c, "Kommunen", "212000-0000", CST_ORG_MUNICIPALITY};
        for (size_t k = 0; k < PER; k++) {
            size_t p = c * PER + k;
            parties[p] = (cst_party_t){1000 + p, "Verksamhet", (cst_op_kind_t)(1 + k),
                                       k < 2 ? 1 : 2 + c, 0};
            parts[p] = (cst_participation_t){1000 + p, D(2024, 1, 1), pick(&s, 5) == 0,
                                             D(2025, 1 + (int)pick(&s, 12), 15)};
        }
        centres[c] = (cst_centre_t){500 + c, "Familjecentral",
                                    pick(&s, 2) ? CST_RULE_SET_VG : CST_RULE_SET_OREBRO,
                                    D(2024, 3, 1), D(2024, 6, 1), &parts[c * PER], PER, NULL, 0};
        parts[c * PER].has_left = false; /* someone is always there */
        for (size_t i = 0; i < ITEMS; i++)
            items[c * ITEMS + i] = (cst_item_t){
                1 + c * ITEMS + i, 500 + c, (cst_category_t)(1 + pick(&s, 2) * 3),
                (int64_t)pick(&s, 50000000), 1000 + c * PER, "", "R",
                D(2025, 1 + (int)(i % 12), 1), D(2025, 1 + (int)(i % 12), 28)};
    }
    cst_run_input_t in = {cst_period_year(2025), orgs, CENTRES + 1, parties, CENTRES * PER,
                          centres, CENTRES, items, CENTRES * ITEMS};
    cr_assert(compare(&in, 1));
    cr_assert(compare(&in, 2));
    cr_assert(compare(&in, 4));
}
