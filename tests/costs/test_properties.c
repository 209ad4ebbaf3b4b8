/* Random runs (seeded, so a failure replays): whatever the centres, rules,
 * participations and items, shares add up to the items, balances to zero,
 * transfers settle every organisation exactly, never within one, and are as
 * few as a brute force finds. A refused run is refused cleanly. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "fcavtal/costs/prorata.h"
#include "fixtures.h"

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

static fc_date_t random_date(uint64_t *s, int from_year, int years)
{
    return fc_date_add_days((fc_date_t){from_year, 1, 1}, (int64_t)pick(s, (uint64_t)years * 365));
}

static cst_period_t random_period(uint64_t *s)
{
    switch (pick(s, 3)) {
    case 0: return cst_period_month(2025, 1 + (int)pick(s, 12));
    case 1: return cst_period_quarter(2025, 1 + (int)pick(s, 4));
    default: return cst_period_year(2025);
    }
}

static const char *const names[] = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"};

/* Each centre has its own region and municipality (keys 100 + 2c, 101 + 2c)
 * with a BVC and an open pre-school from 2015 (keys 1 + 2c, 2 + 2c), so
 * that most runs have someone to share every day under every rule, and
 * centres that keep to their own organisations form groups whose balances
 * add up to zero: the cases where the fewest transfers take some finding.
 * Extra organisations (120...) and parties (50...) are shared at random. */
static void random_cast(uint64_t *s, fx_t *fx, size_t n_centres)
{
    for (size_t c = 0; c < n_centres; c++) {
        fx_org(fx, 100 + 2 * c, names[2 * c], "232100-0000", CST_ORG_REGION);
        fx_org(fx, 101 + 2 * c, names[2 * c + 1], "212000-0000", CST_ORG_MUNICIPALITY);
        fx_party(fx, 1 + 2 * c, names[2 * c], CST_OP_BHV, 100 + 2 * c);
        fx_party(fx, 2 + 2 * c, names[2 * c + 1], CST_OP_OFS, 101 + 2 * c);
    }
    size_t extra_orgs = pick(s, 3);
    for (size_t i = 0; i < extra_orgs; i++)
        fx_org(fx, 120 + i, names[6 + i], "556000-0000",
               pick(s, 2) ? CST_ORG_COMPANY : CST_ORG_OTHER);
    size_t extra = pick(s, 7);
    for (size_t i = 0; i < extra; i++) {
        const cst_organisation_t *o = &fx->orgs[pick(s, fx->n_orgs)];
        fx_party(fx, 50 + i, names[i], (cst_op_kind_t)(1 + pick(s, 5)), o->key);
        if ((o->kind == CST_ORG_COMPANY || o->kind == CST_ORG_OTHER) && pick(s, 2))
            fx->parties[fx->n_parties - 1].principal = 100; /* as a private BVC */
    }
}

static void random_local_rule(uint64_t *s, fx_t *fx, size_t c, cst_category_t cat)
{
    static const cst_rule_kind_t kinds[] = {CST_RULE_EQUAL_BASE, CST_RULE_EQUAL_PRINCIPALS,
                                            CST_RULE_FIXED_SHARES, CST_RULE_PREMISES_AREA,
                                            CST_RULE_EQUAL_PARTIES};
    cst_rule_kind_t kind = kinds[pick(s, 5)];
    bool weighted = kind == CST_RULE_FIXED_SHARES || kind == CST_RULE_PREMISES_AREA;
    cst_weight_unit_t unit = !weighted ? CST_UNIT_SHARES
                             : pick(s, 3) == 0 ? CST_UNIT_BASIS_POINTS
                             : kind == CST_RULE_PREMISES_AREA ? CST_UNIT_SQUARE_METRES
                                                              : CST_UNIT_SHARES;
    size_t r = fx_rule(fx, c, cat, kind, unit, "Lokalt samverkansavtal");
    if (!weighted)
        return;
    const cst_centre_t *ce = &fx->centres[c];
    int64_t left = 10000;
    for (size_t i = 0; i < ce->n_participations; i++) {
        uint64_t party = ce->participations[i].party;
        bool seen = false;
        for (size_t k = 0; k < fx->rules[c][r].n_weights; k++)
            seen = seen || fx->weights[c][r][k].party == party;
        if (seen)
            continue;
        int64_t w = unit == CST_UNIT_BASIS_POINTS ? (int64_t)pick(s, (uint64_t)left + 1)
                                                  : (int64_t)pick(s, 120);
        if (unit == CST_UNIT_BASIS_POINTS)
            left -= w;
        fx_weight(fx, c, r, party, w);
    }
    /* percentages must total 100 %, other weights must not all be zero */
    if (unit == CST_UNIT_BASIS_POINTS)
        fx->weights[c][r][0].weight += left;
    else
        fx->weights[c][r][0].weight += 1;
}

static void random_centres(uint64_t *s, fx_t *fx, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        fx_centre(fx, 500 + c, "Familjecentral", (cst_rule_set_t)pick(s, 3),
                  random_date(s, 2015, 11));
        fx_join(fx, c, 1 + 2 * c, D(2015, 1, 1), D(0, 0, 0));
        fx_join(fx, c, 2 + 2 * c, D(2015, 1, 1), D(0, 0, 0));
        bool own_only = pick(s, 2);
        size_t members = pick(s, 6);
        for (size_t m = 0; m < members; m++) {
            const cst_party_t *p = &fx->parties[pick(s, fx->n_parties)];
            bool own = p->organisation == 100 + 2 * c || p->organisation == 101 + 2 * c;
            if (own_only && !own)
                continue;
            fc_date_t joined = random_date(s, 2024, 2);
            fc_date_t left =
                pick(s, 3) ? D(0, 0, 0) : fc_date_add_days(joined, (int64_t)pick(s, 400));
            fx_join(fx, c, p->key, joined, left);
        }
        bool framework = fx->centres[c].rule_set != CST_RULE_SET_NONE;
        for (int cat = 1; cat < CST_CATEGORY_SLOTS; cat++)
            if (!framework || pick(s, 3))
                random_local_rule(s, fx, c, (cst_category_t)cat);
    }
}

static int64_t random_amount(uint64_t *s)
{
    switch (pick(s, 4)) {
    case 0: return (int64_t)pick(s, 1000) - 100;
    case 1: return (int64_t)pick(s, 100000000);
    case 2: return (int64_t)(rnd(s) >> 8) * (pick(s, 2) ? 1 : -1); /* up to ~7e16 */
    default: return (int64_t)pick(s, 10000001);
    }
}

static void random_items(uint64_t *s, fx_t *fx)
{
    size_t n = pick(s, 12);
    for (size_t i = 0; i < n; i++) {
        size_t c = pick(s, fx->n_centres);
        const cst_centre_t *ce = &fx->centres[c];
        uint64_t payer = ce->participations[pick(s, ce->n_participations)].party;
        /* overlap the period: start before or in it, end in or after it */
        fc_date_t from = fc_date_add_days(fx->period.from, -(int64_t)pick(s, 200));
        fc_date_t to = fc_date_add_days(fx->period.to, (int64_t)pick(s, 200) - 100);
        if (fc_date_cmp(to, fx->period.from) < 0)
            to = fx->period.from;
        if (fc_date_cmp(to, from) < 0)
            to = from;
        fx_item(fx, 1000 + i, ce->key, (cst_category_t)(1 + pick(s, 4)), random_amount(s), payer,
                from, to);
    }
}

/* Organisation balances as plain numbers, for the brute force. */
static void check_minimum(const cst_ledger_t *l)
{
    int64_t b[32];
    size_t nz = 0;
    cr_assert_leq(l->n_organisations, 32);
    for (size_t j = 0; j < l->n_organisations; j++) {
        b[j] = l->organisations[j].balance;
        nz += b[j] != 0;
    }
    cr_assert(l->transfers_exact);
    cr_assert_eq(l->n_transfers, fx_min_transfers(b, l->n_organisations),
                 "%zu transfers, but %zu suffice", l->n_transfers,
                 fx_min_transfers(b, l->n_organisations));
}

Test(properties, random_runs_keep_every_invariant)
{
    uint64_t seed = 0x5eed2025;
    size_t ok = 0, refused = 0;
    for (int round = 0; round < 3000; round++) {
        fx_t fx;
        fx_init(&fx, random_period(&seed));
        size_t n_centres = 1 + pick(&seed, 3);
        random_cast(&seed, &fx, n_centres);
        random_centres(&seed, &fx, n_centres);
        random_items(&seed, &fx);
        cst_run_t *run = NULL;
        cst_error_t err = {0};
        fc_status_t rc = cst_run_new(fx_input(&fx), &run, &err);
        if (rc != FC_OK) {
            /* Random compositions can leave days without anyone to share, or
             * a category without a rule; nothing else may go wrong. */
            cr_assert(rc == FC_FAILED_PRECONDITION,
                      "round %d: %s: %s", round, fc_status_name(rc), err.message);
            cr_assert_null(run);
            cr_assert_gt(strlen(err.message), 0);
            refused++;
            continue;
        }
        fx_check_invariants(run);
        check_minimum(&run->ledger);
        ok++;
        cst_run_destroy(&run);
    }
    cr_expect_gt(ok, 1000, "the generator should mostly build valid runs (%zu ok, %zu refused)",
                 ok, refused);
    cr_log_info("%zu runs checked, %zu refused", ok, refused);
}

Test(properties, a_correction_of_random_changes_settles_the_difference)
{
    uint64_t seed = 0xc0ffee;
    size_t checked = 0;
    for (int round = 0; round < 500; round++) {
        fx_t fx;
        fx_init(&fx, random_period(&seed));
        size_t n_centres = 1 + pick(&seed, 3);
        random_cast(&seed, &fx, n_centres);
        random_centres(&seed, &fx, n_centres);
        random_items(&seed, &fx);
        cst_run_t *before = NULL, *after = NULL;
        if (cst_run_new(fx_input(&fx), &before, NULL) != FC_OK)
            continue;
        cst_run_finalise(before);
        /* change some amounts, drop an item */
        for (size_t i = 0; i < fx.n_items; i++)
            if (pick(&seed, 2))
                fx.items[i].amount = random_amount(&seed);
        if (fx.n_items && pick(&seed, 2))
            fx.n_items--;
        if (cst_run_new(fx_input(&fx), &after, NULL) != FC_OK) {
            cst_run_destroy(&before);
            continue;
        }
        cst_correction_t *c = NULL;
        cr_assert_eq(cst_correction_new(before, after, &c, NULL), FC_OK);
        fx_check_ledger(&c->difference);
        for (size_t j = 0; j < c->difference.n_parties; j++)
            cr_assert_eq(c->difference.parties[j].balance,
                         c->lines[j].balance_after - c->lines[j].balance_before);
        check_minimum(&c->difference);
        checked++;
        cst_correction_destroy(&c);
        cst_run_destroy(&before);
        cst_run_destroy(&after);
    }
    cr_expect_gt(checked, 150);
}
