/* Random items through the real service (seeded): whatever the items,
 * credits, payers and periods, every run's shares add up to what it
 * settled, balances add up to zero, the transfers settle every
 * organisation's balance exactly and never run inside one organisation. */
#include <criterion/criterion.h>

#include "fcavtal/date.h"
#include "service_fixture.h"

static sf_t F;

static void teardown(void)
{
    sf_cleanup(&F);
}

TestSuite(costs_service_properties, .fini = teardown, .timeout = 240);

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

typedef struct {
    uint64_t id;
    uint64_t ops[6];
    size_t n_ops;
} centre_t;

static void date_text(fc_date_t d, char out[FC_DATE_STRLEN])
{
    fc_date_format(d, out);
}

/* Three VG centres and an Örebro one, operations of two regions, three
 * municipalities and a company, joining and leaving during 2025. */
static size_t world(uint64_t *s, centre_t *c)
{
    uint64_t vg = rc_org(&F.reg, "232100-0131", "Västra Götalandsregionen", RC_ORG(REGION), 0);
    uint64_t orebro = rc_org(&F.reg, "232100-0164", "Region Örebro län", RC_ORG(REGION), 0);
    uint64_t m[3] = {rc_org(&F.reg, "212000-1355", "Göteborgs kommun", RC_ORG(MUNICIPALITY), vg),
                     rc_org(&F.reg, "212000-1967", "Karlskoga kommun", RC_ORG(MUNICIPALITY), orebro),
                     rc_org(&F.reg, "212000-1421", "Borås stad", RC_ORG(MUNICIPALITY), vg)};
    uint64_t company = rc_org(&F.reg, "556000-0001", "Vårdcentralen AB", RC_ORG(COMPANY), orebro);
    uint64_t fw_vg = sf_framework(&F, RC_RULES(VG), "2024-03-01", vg, m[0]);
    uint64_t fw_or = sf_framework(&F, RC_RULES(OREBRO), "2023-01-01", orebro, m[1]);
    cr_assert(vg && orebro && m[0] && m[1] && m[2] && company && fw_vg && fw_or);
    for (size_t k = 0; k < 4; k++) {
        bool ore = k == 3;
        uint64_t muni = ore ? m[1] : m[k];
        uint64_t region = ore ? orebro : vg;
        c[k].n_ops = 0;
        c[k].ops[c[k].n_ops++] = rc_op(&F.reg, ore && pick(s, 2) ? company : region, RC_OPK(BHV), "BVC");
        c[k].ops[c[k].n_ops++] = rc_op(&F.reg, region, RC_OPK(MHV), "BMM");
        c[k].ops[c[k].n_ops++] = rc_op(&F.reg, muni, RC_OPK(OFS), "Öppna förskolan");
        c[k].ops[c[k].n_ops++] = rc_op(&F.reg, muni, RC_OPK(SOC), "Familjestöd");
        if (pick(s, 2))
            c[k].ops[c[k].n_ops++] = rc_op(&F.reg, muni, RC_OPK(OTHER), "Biblioteket");
        rc_part_t parts[6];
        char joined[6][FC_DATE_STRLEN], left[6][FC_DATE_STRLEN];
        for (size_t i = 0; i < c[k].n_ops; i++) {
            /* The first stays all year: someone shares every day. */
            fc_date_t j = i == 0 ? (fc_date_t){2024, 1, 1}
                                 : fc_date_add_days((fc_date_t){2024, 9, 1}, (int64_t)pick(s, 400));
            date_text(j, joined[i]);
            bool leaves = i > 0 && pick(s, 3) == 0;
            if (leaves)
                date_text(fc_date_add_days(j, (int64_t)pick(s, 200)), left[i]);
            parts[i] = (rc_part_t){c[k].ops[i], true, joined[i], leaves ? left[i] : NULL};
        }
        sf_centre_t spec = {"Familjecentral", muni, ore ? fw_or : fw_vg, "2024-06-01", c[k].ops[2],
                            parts, c[k].n_ops};
        c[k].id = sf_centre(&F, &spec);
        cr_assert(c[k].id);
    }
    return 4;
}

static void joint_activity_rule(uint64_t centre)
{
    /* Örebro leaves joint activities to the business plan. */
    Fcavtal__V1__AllocationRule r = FCAVTAL__V1__ALLOCATION_RULE__INIT;
    r.category = SF_CAT(JOINT_ACTIVITY);
    r.kind = FCAVTAL__V1__ALLOCATION_RULE_KIND__ALLOCATION_RULE_EQUAL_PARTIES;
    r.source = "Verksamhetsplan 2025";
    Fcavtal__V1__AllocationRule *rs[] = {&r};
    Fcavtal__V1__AllocationOverride o = FCAVTAL__V1__ALLOCATION_OVERRIDE__INIT;
    o.centre_id = centre;
    o.rules = rs;
    o.n_rules = 1;
    Fcavtal__V1__SetAllocationRules set = FCAVTAL__V1__SET_ALLOCATION_RULES__INIT;
    set.local = &o;
    sf_rep_t *rep = sf_call(&F, "set_allocation_rules", &set.base, NULL);
    cr_assert(rep && rep->status->code == 0, "%s", rep ? rep->status->message : "none");
    sf_free(rep);
}

static sf_rep_t *show(uint64_t run, Fcavtal__V1__RunPart part, uint32_t page)
{
    Fcavtal__V1__ShowRun q = FCAVTAL__V1__SHOW_RUN__INIT;
    q.run_id = run;
    q.part = part;
    q.page = page;
    sf_rep_t *rep = sf_call(&F, "show_run", &q.base, NULL);
    cr_assert(rep && rep->status->code == 0);
    return rep;
}

static void check_run(uint64_t run, int64_t total)
{
    int64_t balances, shares;
    size_t n;
    cr_assert(sf_sums(&F, run, &balances, &shares, &n));
    cr_assert_eq(shares, total, "shares %lld, settled %lld", (long long)shares, (long long)total);
    cr_assert_eq(balances, 0);
    sf_rep_t *orgs = show(run, FCAVTAL__V1__RUN_PART__RUN_PART_ORGANISATIONS, 0);
    sf_transfer_t t[64];
    size_t nt = sf_transfers(&F, run, t, 64);
    cr_assert_neq(nt, (size_t)-1);
    size_t nonzero = 0;
    for (size_t j = 0; j < orgs->run->n_organisations; j++) {
        const Fcavtal__V1__SettlementOrganisationLine *o = orgs->run->organisations[j];
        int64_t net = 0;
        for (size_t k = 0; k < nt; k++) {
            cr_assert_neq(t[k].from, t[k].to, "a transfer within one organisation");
            cr_assert_gt(t[k].amount, 0);
            net += t[k].to == o->organisation_id ? t[k].amount : 0;
            net -= t[k].from == o->organisation_id ? t[k].amount : 0;
        }
        cr_assert_eq(net, o->balance->ore, "organisation %llu is not settled",
                     (unsigned long long)o->organisation_id);
        nonzero += o->balance->ore != 0;
    }
    cr_assert(nt == 0 || nt < nonzero, "%zu transfers for %zu balances", nt, nonzero);
    sf_free(orgs);
}

Test(costs_service_properties, random_items_keep_every_invariant)
{
    cr_assert_eq(sf_start(&F, "2"), 0);
    uint64_t seed = 0x5e41ce;
    centre_t c[4];
    world(&seed, c);
    cr_assert(sf_sync(&F));
    joint_activity_rule(c[3].id);
    int settled = 0;
    for (int round = 0; round < 25; round++) {
        size_t n = 1 + pick(&seed, 30);
        for (size_t i = 0; i < n; i++) {
            centre_t *k = &c[pick(&seed, 4)];
            fc_date_t from = fc_date_add_days((fc_date_t){2025, 1, 1}, (int64_t)pick(&seed, 360));
            fc_date_t to = fc_date_add_days(from, (int64_t)pick(&seed, 90));
            char a[FC_DATE_STRLEN], b[FC_DATE_STRLEN];
            int64_t ore = 1 + (int64_t)pick(&seed, pick(&seed, 2) ? 1000 : 100000000);
            /* The first operation takes part all year and may always pay. */
            cr_assert(sf_item(&F, k->id, (Fcavtal__V1__CostCategory)(1 + pick(&seed, 4)),
                              pick(&seed, 6) ? ore : -ore, k->ops[0], fc_date_format(from, a),
                              fc_date_format(to, b)));
        }
        static const char *const kinds[] = {"month", "quarter", "year"};
        const char *kind = kinds[pick(&seed, 3)];
        int nth = strcmp(kind, "month") == 0 ? 1 + (int)pick(&seed, 12) : 1 + (int)pick(&seed, 4);
        sf_rep_t *rep = sf_run(&F, kind, 2025, nth, NULL, 0, NULL);
        cr_assert_not_null(rep);
        if (rep->status->code != 0) {
            /* Only days without anyone to share, or nothing in the period. */
            cr_assert_eq(rep->status->code, SF_CODE(FAILED_PRECONDITION), "%s",
                         rep->status->message);
            sf_free(rep);
            continue;
        }
        uint64_t run = rep->run->id;
        int64_t total = rep->run->total->ore;
        sf_free(rep);
        check_run(run, total);
        settled++;
        sf_free(sf_action(&F, "discard_run", run));
    }
    cr_expect_gt(settled, 15, "only %d of 25 random runs were settled", settled);
}
