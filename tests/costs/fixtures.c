#include "fixtures.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fcavtal/costs/prorata.h"

fc_date_t D(int y, int m, int d)
{
    return (fc_date_t){.year = y, .month = m, .day = d};
}

void fx_init(fx_t *fx, cst_period_t period)
{
    memset(fx, 0, sizeof *fx);
    fx->period = period;
}

void fx_org(fx_t *fx, uint64_t key, const char *name, const char *orgnr, cst_org_kind_t kind)
{
    cr_assert_lt(fx->n_orgs, FX_MAX);
    fx->orgs[fx->n_orgs++] = (cst_organisation_t){key, name, orgnr, kind};
}

void fx_party(fx_t *fx, uint64_t key, const char *name, cst_op_kind_t kind, uint64_t org)
{
    cr_assert_lt(fx->n_parties, FX_MAX);
    fx->parties[fx->n_parties++] = (cst_party_t){key, name, kind, org, 0};
}

size_t fx_centre(fx_t *fx, uint64_t key, const char *name, cst_rule_set_t rs,
                 fc_date_t established)
{
    cr_assert_lt(fx->n_centres, FX_CENTRES);
    size_t i = fx->n_centres++;
    fx->centres[i] = (cst_centre_t){.key = key,
                                    .name = name,
                                    .rule_set = rs,
                                    .framework_effective = VG_EFFECTIVE,
                                    .established = established,
                                    .participations = fx->parts[i],
                                    .local_rules = fx->rules[i]};
    return i;
}

void fx_join(fx_t *fx, size_t centre, uint64_t party, fc_date_t joined, fc_date_t left)
{
    cst_centre_t *c = &fx->centres[centre];
    cr_assert_lt(c->n_participations, FX_MAX);
    fx->parts[centre][c->n_participations++] =
        (cst_participation_t){party, joined, left.year != 0, left};
}

size_t fx_rule(fx_t *fx, size_t centre, cst_category_t cat, cst_rule_kind_t kind,
               cst_weight_unit_t unit, const char *source)
{
    cst_centre_t *c = &fx->centres[centre];
    cr_assert_lt(c->n_local_rules, 8);
    size_t r = c->n_local_rules++;
    fx->rules[centre][r] = (cst_local_rule_t){.category = cat,
                                              .kind = kind,
                                              .unit = unit,
                                              .weights = fx->weights[centre][r],
                                              .source = source};
    return r;
}

void fx_weight(fx_t *fx, size_t centre, size_t rule, uint64_t party, int64_t weight)
{
    cst_local_rule_t *r = &fx->rules[centre][rule];
    cr_assert_lt(r->n_weights, FX_MAX);
    fx->weights[centre][rule][r->n_weights++] = (cst_weight_t){party, weight};
}

void fx_item(fx_t *fx, uint64_t id, uint64_t centre, cst_category_t cat, int64_t amount,
             uint64_t paid_by, fc_date_t from, fc_date_t to)
{
    cr_assert_lt(fx->n_items, FX_MAX);
    fx->items[fx->n_items++] = (cst_item_t){id, centre, cat, amount, paid_by, "note", "ref",
                                            from, to};
}

const cst_run_input_t *fx_input(fx_t *fx)
{
    fx->input = (cst_run_input_t){fx->period,   fx->orgs,    fx->n_orgs,
                                  fx->parties,  fx->n_parties, fx->centres,
                                  fx->n_centres, fx->items,  fx->n_items};
    return &fx->input;
}

cst_run_t *fx_run(fx_t *fx)
{
    cst_run_t *run = NULL;
    cst_error_t err = {0};
    fc_status_t rc = cst_run_new(fx_input(fx), &run, &err);
    cr_assert_eq(rc, FC_OK, "run failed: %s (%s): %s", fc_status_name(rc), err.field,
                 err.message);
    cr_assert_not_null(run);
    return run;
}

fc_status_t fx_run_status(fx_t *fx, cst_error_t *err)
{
    cst_run_t *run = NULL;
    fc_status_t rc = cst_run_new(fx_input(fx), &run, err);
    if (rc != FC_OK)
        cr_assert_null(run, "a refused run must leave no run");
    cst_run_destroy(&run);
    return rc;
}

int64_t fx_share(const cst_run_t *run, uint64_t party)
{
    ptrdiff_t i = cst_ledger_party(&run->ledger, party);
    cr_assert_geq(i, 0, "party %llu has no line", (unsigned long long)party);
    return run->ledger.parties[i].share;
}

int64_t fx_balance(const cst_run_t *run, uint64_t party)
{
    ptrdiff_t i = cst_ledger_party(&run->ledger, party);
    cr_assert_geq(i, 0, "party %llu has no line", (unsigned long long)party);
    return run->ledger.parties[i].balance;
}

int64_t fx_org_balance(const cst_run_t *run, uint64_t org)
{
    ptrdiff_t i = cst_ledger_organisation(&run->ledger, org);
    cr_assert_geq(i, 0, "organisation %llu has no line", (unsigned long long)org);
    return run->ledger.organisations[i].balance;
}

int64_t fx_transfer(const cst_ledger_t *l, uint64_t from_org, uint64_t to_org)
{
    for (size_t i = 0; i < l->n_transfers; i++)
        if (l->organisations[l->transfers[i].from].key == from_org &&
            l->organisations[l->transfers[i].to].key == to_org)
            return l->transfers[i].amount;
    return 0;
}

void fx_check_ledger(const cst_ledger_t *l)
{
    __int128 total = 0;
    for (size_t j = 0; j < l->n_organisations; j++) {
        __int128 left = l->organisations[j].balance;
        total += left;
        for (size_t i = 0; i < l->n_transfers; i++) {
            if (l->transfers[i].to == j)
                left -= l->transfers[i].amount;
            if (l->transfers[i].from == j)
                left += l->transfers[i].amount;
        }
        cr_assert(left == 0, "transfers leave %s unsettled", l->organisations[j].name);
    }
    cr_assert(total == 0, "organisation balances do not add up to zero");
    for (size_t i = 0; i < l->n_transfers; i++) {
        const cst_transfer_t *t = &l->transfers[i];
        cr_assert_gt(t->amount, 0);
        cr_assert_neq(l->organisations[t->from].key, l->organisations[t->to].key,
                      "a transfer within one organisation");
        if (i > 0) {
            const cst_transfer_t *p = &l->transfers[i - 1];
            uint64_t pf = l->organisations[p->from].key, tf = l->organisations[t->from].key;
            uint64_t pt = l->organisations[p->to].key, tt = l->organisations[t->to].key;
            cr_assert(pf < tf || (pf == tf && pt < tt), "transfers out of order");
        }
    }
    for (size_t i = 0; i < l->n_parties; i++) {
        const cst_party_line_t *p = &l->parties[i];
        cr_assert_eq(p->balance, p->paid - p->share);
        int64_t s = 0, pd = 0;
        for (int c = 1; c < CST_CATEGORY_SLOTS; c++) {
            s += p->share_by_category[c];
            pd += p->paid_by_category[c];
        }
        cr_assert_eq(s, p->share);
        cr_assert_eq(pd, p->paid);
    }
    for (size_t j = 0; j < l->n_organisations; j++) {
        __int128 b = 0;
        for (size_t i = 0; i < l->n_parties; i++)
            if (l->parties[i].organisation == j)
                b += l->parties[i].balance;
        cr_assert(b == l->organisations[j].balance, "organisation not the sum of its parties");
    }
}

static fc_date_t later(fc_date_t a, fc_date_t b)
{
    return fc_date_cmp(a, b) >= 0 ? a : b;
}

static fc_date_t earlier(fc_date_t a, fc_date_t b)
{
    return fc_date_cmp(a, b) <= 0 ? a : b;
}

static void check_item(const cst_run_t *run, const cst_run_item_t *it)
{
    fc_date_t first = later(it->from, run->period.from), last = earlier(it->to, run->period.to);
    int64_t want;
    cr_assert_eq(cst_accrued(it->amount, it->from, it->to, first, last, &want, NULL), FC_OK);
    cr_assert_eq(it->accrued, want, "item %llu accrued %lld, want %lld",
                 (unsigned long long)it->id, (long long)it->accrued, (long long)want);
    __int128 sum = 0;
    fc_date_t next = first;
    for (size_t s = 0; s < run->n_segments; s++) {
        const cst_segment_t *seg = &run->segments[s];
        if (seg->item != it->id)
            continue;
        cr_assert_eq(fc_date_cmp(seg->from, next), 0, "segments of item %llu leave a gap",
                     (unsigned long long)it->id);
        cr_assert_eq(seg->days, fc_date_days_between(seg->from, seg->to) + 1);
        __int128 parts = 0;
        for (size_t m = 0; m < seg->n_members; m++) {
            parts += seg->members[m].amount;
            if (m > 0)
                cr_assert_lt(seg->members[m - 1].party, seg->members[m].party);
        }
        cr_assert(parts == seg->amount, "members do not add up to their segment");
        cr_assert_neq(seg->basis, 0, "a segment says why its rule applies");
        cr_assert_gt(strlen(seg->source), 0);
        /* Every party it names has its name in the run, not a stand-in. */
        char buf[CST_NAME_STRLEN];
        for (size_t m = 0; m < seg->n_members; m++)
            cr_assert_neq(cst_run_name(run, seg->centre, false, seg->members[m].party, buf), buf);
        for (size_t i = 0; i < seg->n_idle; i++)
            cr_assert_neq(cst_run_name(run, seg->centre, false, seg->idle[i], buf), buf);
        sum += seg->amount;
        next = fc_date_add_days(seg->to, 1);
    }
    cr_assert_eq(fc_date_cmp(next, fc_date_add_days(last, 1)), 0,
                 "segments of item %llu do not reach its last day", (unsigned long long)it->id);
    cr_assert(sum == it->accrued, "segments do not add up to the item");
}

void fx_check_invariants(const cst_run_t *run)
{
    __int128 accrued = 0, shares = 0, paid = 0;
    for (size_t i = 0; i < run->n_items; i++) {
        check_item(run, &run->items[i]);
        accrued += run->items[i].accrued;
        if (i > 0)
            cr_assert_lt(run->items[i - 1].id, run->items[i].id);
    }
    for (size_t i = 0; i < run->ledger.n_parties; i++) {
        shares += run->ledger.parties[i].share;
        paid += run->ledger.parties[i].paid;
    }
    cr_assert(shares == accrued, "shares do not add up to the items");
    cr_assert(paid == accrued, "payments do not add up to the items");
    fx_check_ledger(&run->ledger);
}

int fx_python(const char *script, const char *arg1, const char *arg2, char **out)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "python3 '%s/tests/costs/%s' '%s' '%s'", FC_SOURCE_DIR, script,
             arg1, arg2 ? arg2 : "");
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p, "cannot start %s", cmd);
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    cr_assert_not_null(buf);
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
        len += n;
        if (cap - len < 2) {
            cap *= 2;
            buf = realloc(buf, cap);
            cr_assert_not_null(buf);
        }
    }
    buf[len] = '\0';
    int status = pclose(p);
    *out = buf;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

char *fx_write_temp(const char *suffix, const char *bytes, size_t len)
{
    char *path = malloc(64);
    cr_assert_not_null(path);
    snprintf(path, 64, "/tmp/fcavtal-costs-XXXXXX%s", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, bytes, len), (ssize_t)len);
    close(fd);
    return path;
}

void ex_orgs(fx_t *fx)
{
    fx_org(fx, ORG_VGR, "Västra Götalandsregionen", "232100-0131", CST_ORG_REGION);
    fx_org(fx, ORG_GOTEBORG, "Göteborgs kommun", "212000-1355", CST_ORG_MUNICIPALITY);
    fx_org(fx, ORG_REGION_OREBRO, "Region Örebro län", "232100-0164", CST_ORG_REGION);
    fx_org(fx, ORG_OREBRO, "Örebro kommun", "212000-1967", CST_ORG_MUNICIPALITY);
    fx_org(fx, ORG_LIBRARY, "Läsfrämjandet Hisingen", "802000-0000", CST_ORG_OTHER);
}

size_t ex_vg_centre(fx_t *fx, uint64_t key, const char *name, fc_date_t established)
{
    fx_party(fx, P_BVC, "BVC Backa", CST_OP_BHV, ORG_VGR);
    fx_party(fx, P_BMM, "BMM Backa", CST_OP_MHV, ORG_VGR);
    fx_party(fx, P_OFS, "Öppna förskolan Backa", CST_OP_OFS, ORG_GOTEBORG);
    fx_party(fx, P_SOC, "Familjestöd Backa", CST_OP_SOC, ORG_GOTEBORG);
    size_t c = fx_centre(fx, key, name, CST_RULE_SET_VG, established);
    const uint64_t parties[] = {P_BVC, P_BMM, P_OFS, P_SOC};
    for (size_t i = 0; i < 4; i++)
        fx_join(fx, c, parties[i], established, D(0, 0, 0));
    return c;
}

size_t ex_vg_familjecentral(fx_t *fx)
{
    return ex_vg_centre(fx, C_VG, "Familjecentralen Backa", D(2024, 9, 1));
}

size_t ex_orebro(fx_t *fx)
{
    fx_party(fx, P_OBVC, "BVC Vivalla", CST_OP_BHV, ORG_REGION_OREBRO);
    fx_party(fx, P_OBMM, "BMM Vivalla", CST_OP_MHV, ORG_REGION_OREBRO);
    fx_party(fx, P_OOFS, "Öppna förskolan Vivalla", CST_OP_OFS, ORG_OREBRO);
    fx_party(fx, P_OSOC, "Socialtjänsten Vivalla", CST_OP_SOC, ORG_OREBRO);
    fx_party(fx, P_OELEV, "Elevhälsan Vivalla", CST_OP_OTHER, ORG_OREBRO);
    size_t c = fx_centre(fx, C_OREBRO, "Familjecentralen Vivalla", CST_RULE_SET_OREBRO,
                         D(2019, 1, 1));
    fx_join(fx, c, P_OBVC, D(2019, 1, 1), D(0, 0, 0));
    fx_join(fx, c, P_OBMM, D(2019, 1, 1), D(0, 0, 0));
    fx_join(fx, c, P_OOFS, D(2019, 1, 1), D(0, 0, 0));
    fx_join(fx, c, P_OSOC, D(2019, 1, 1), D(0, 0, 0));
    fx_join(fx, c, P_OELEV, D(2019, 1, 1), D(0, 0, 0));
    return c;
}

/* The most groups the set (bitmask over b) can be cut into, each adding up
 * to zero: try every zero-sum subset that holds the lowest member. An
 * independent method from the engine's dynamic programme. */
static int most_groups(const int64_t *b, unsigned set)
{
    if (set == 0)
        return 0;
    unsigned low = set & -set, rest = set ^ low;
    int best = 0;
    /* every subset of rest, together with low */
    for (unsigned sub = rest;; sub = (sub - 1) & rest) {
        unsigned group = sub | low;
        __int128 sum = 0;
        for (unsigned i = 0; i < 32; i++)
            if (group >> i & 1u)
                sum += b[i];
        if (sum == 0) {
            int g = 1 + most_groups(b, set ^ group);
            if (g > best)
                best = g;
        }
        if (sub == 0)
            break;
    }
    return best;
}

size_t fx_min_transfers(const int64_t *b, size_t n)
{
    unsigned set = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (b[i]) {
            set |= 1u << i;
            k++;
        }
    return k - (size_t)most_groups(b, set);
}

