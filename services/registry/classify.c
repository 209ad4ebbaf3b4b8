/* Family-centre classification.
 *
 * VG §8.2: a familjecentral has all four base operations, co-located (§8.4).
 * VG §8.3: a familjecentralsliknande verksamhet has at least three base
 * operations, BHV and OFS among them plus MHV or SOC, and BHV co-located with
 * at least one municipal operation (OFS and/or SOC).
 * VG footnote 21: anything else is not covered by the framework.
 * Bilaga 3: the midwife clinic co-locates fully only in socio-economically
 * prioritised areas, which is why many centres end up familjecentralsliknande.
 * Region Örebro län uses the same definitions. The national guidance calls
 * BHV plus at least one municipal operation family-centre-like. */
#include "classify.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OPK(x) FCAVTAL__V1__OPERATION_KIND__OPERATION_KIND_##x
#define RSET(x) FCAVTAL__V1__RULE_SET__RULE_SET_##x
#define CKIND(x) FCAVTAL__V1__CLASSIFICATION_KIND__CLASSIFICATION_##x

/* Base operations as bits, in the order they are always listed. */
enum { BHV = 1u, MHV = 2u, OFS = 4u, SOC = 8u, ALL_BASE = 15u, MUNICIPAL_KINDS = OFS | SOC };
#define N_BASE 4
static const char *const base_code[N_BASE] = {"BHV", "MHV", "OFS", "SOC"};

/* The most checks any rule set produces: 2 familjecentral + 4 VG. */
#define MAX_CHECKS 6
#define TEXT_MAX 1024

/* What the members add up to; duplicate kinds collapse into one bit. */
typedef struct {
    unsigned part;        /* takes part */
    unsigned coloc;       /* some member of the kind is co-located */
    unsigned muni;        /* some member of the kind is municipal */
    unsigned muni_coloc;  /* some member of the kind is municipal and co-located */
    size_t n_other;       /* OTHER actors: reported, never counted by a rule */
} tally_t;

typedef struct {
    char s[TEXT_MAX];
    size_t len;
} text_t;

typedef struct {
    Fcavtal__V1__Classification *c;
    bool oom;
} builder_t;

static void text_add(text_t *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void text_add(text_t *t, const char *fmt, ...)
{
    if (t->len >= sizeof t->s - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->s + t->len, sizeof t->s - t->len, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    t->len += (size_t)n;
    if (t->len >= sizeof t->s)
        t->len = sizeof t->s - 1; /* truncated: keep what fits */
}

/* "BHV, MHV" or "none". */
static void text_ops(text_t *t, unsigned mask)
{
    bool first = true;
    for (int i = 0; i < N_BASE; i++) {
        if (mask & (1u << i)) {
            text_add(t, "%s%s", first ? "" : ", ", base_code[i]);
            first = false;
        }
    }
    if (first)
        text_add(t, "none");
}

static int popcount4(unsigned mask)
{
    int n = 0;
    for (int i = 0; i < N_BASE; i++)
        n += (mask >> i) & 1u;
    return n;
}

static unsigned kind_bit(Fcavtal__V1__OperationKind kind)
{
    switch (kind) {
    case OPK(BHV): return BHV;
    case OPK(MHV): return MHV;
    case OPK(OFS): return OFS;
    case OPK(SOC): return SOC;
    default: return 0;
    }
}

static tally_t tally_members(const fc_member_t *members, size_t n)
{
    tally_t t = {0};
    for (size_t i = 0; members && i < n; i++) {
        unsigned bit = kind_bit(members[i].kind);
        if (!bit) {
            /* UNSPECIFIED is no operation at all; only OTHER is an actor. */
            t.n_other += members[i].kind == OPK(OTHER);
            continue;
        }
        t.part |= bit;
        if (members[i].co_located)
            t.coloc |= bit;
        if (members[i].municipal)
            t.muni |= bit;
        if (members[i].co_located && members[i].municipal)
            t.muni_coloc |= bit;
    }
    return t;
}

static bool add_check(builder_t *b, const char *rule, bool passed, const text_t *reason)
{
    if (b->oom || b->c->n_checks >= MAX_CHECKS) {
        b->oom = true;
        return passed;
    }
    Fcavtal__V1__RuleCheck *rc = malloc(sizeof *rc);
    if (!rc) {
        b->oom = true;
        return passed;
    }
    fcavtal__v1__rule_check__init(rc);
    rc->passed = passed;
    rc->rule = strdup(rule);
    rc->reason = strdup(reason->s);
    /* Owned by the message from here on, so a failure frees it with the rest. */
    b->c->checks[b->c->n_checks++] = rc;
    if (!rc->rule || !rc->reason) {
        if (!rc->rule)
            rc->rule = (char *)protobuf_c_empty_string;
        if (!rc->reason)
            rc->reason = (char *)protobuf_c_empty_string;
        b->oom = true;
    }
    return passed;
}

/* ------------------------------------------------------- the rules */

static bool check_all_four(builder_t *b, const tally_t *t)
{
    text_t r = {.len = 0};
    unsigned missing = ALL_BASE & ~t->part;
    if (missing) {
        text_add(&r, "missing: ");
        text_ops(&r, missing);
    } else {
        text_add(&r, "BHV, MHV, OFS and SOC all take part");
    }
    return add_check(b, "all_four_base_operations", !missing, &r);
}

/* Bilaga 3 explains the usual reason MHV is not co-located. */
static void text_mhv_note(text_t *r, bool prioritised_area)
{
    if (prioritised_area)
        text_add(r, "; the centre is in a socio-economically prioritised area, where the "
                    "midwife clinic (MHV) is expected to co-locate fully (Bilaga 3)");
    else
        text_add(r, "; outside socio-economically prioritised areas the midwife clinic (MHV) "
                    "collaborates without co-location (Bilaga 3), so the centre can at most "
                    "be familjecentralsliknande");
}

static bool check_all_co_located(builder_t *b, const tally_t *t, bool prioritised_area)
{
    text_t r = {.len = 0};
    unsigned not_coloc = t->part & ~t->coloc;
    unsigned missing = ALL_BASE & ~t->part;
    bool passed = !not_coloc && !missing;
    if (passed)
        text_add(&r, "BHV, MHV, OFS and SOC are all co-located (VG §8.4)");
    if (not_coloc) {
        text_add(&r, "not co-located: ");
        text_ops(&r, not_coloc);
    }
    if (missing) {
        text_add(&r, "%snot taking part: ", not_coloc ? "; " : "");
        text_ops(&r, missing);
    }
    if (not_coloc & MHV)
        text_mhv_note(&r, prioritised_area);
    return add_check(b, "all_base_operations_co_located", passed, &r);
}

static bool check_at_least_three(builder_t *b, const tally_t *t)
{
    text_t r = {.len = 0};
    int n = popcount4(t->part);
    text_add(&r, "%d of 4 base operations take part (", n);
    text_ops(&r, t->part);
    text_add(&r, ")");
    if (n < 3) {
        text_add(&r, "; missing: ");
        text_ops(&r, ALL_BASE & ~t->part);
    }
    return add_check(b, "at_least_three_base_operations", n >= 3, &r);
}

static bool check_bhv_and_ofs(builder_t *b, const tally_t *t)
{
    text_t r = {.len = 0};
    unsigned missing = (BHV | OFS) & ~t->part;
    if (missing) {
        text_add(&r, "missing: ");
        text_ops(&r, missing);
    } else {
        text_add(&r, "BHV and OFS take part");
    }
    return add_check(b, "bhv_and_ofs_take_part", !missing, &r);
}

static bool check_mhv_or_soc(builder_t *b, const tally_t *t)
{
    text_t r = {.len = 0};
    unsigned have = (MHV | SOC) & t->part;
    if (have == (MHV | SOC))
        text_add(&r, "MHV and SOC take part");
    else if (have)
        text_add(&r, "%s takes part", have == MHV ? "MHV" : "SOC");
    else
        text_add(&r, "neither MHV nor SOC takes part");
    return add_check(b, "mhv_or_soc_takes_part", have != 0, &r);
}

/* OFS/SOC present (or co-located) but run by someone other than a
 * municipality: worth naming, or the failure looks inexplicable. */
static void text_not_municipal(text_t *r, unsigned mask)
{
    if (!mask)
        return;
    text_add(r, " (not run by a municipality: ");
    text_ops(r, mask);
    text_add(r, ")");
}

static bool check_bhv_co_located_municipal(builder_t *b, const tally_t *t)
{
    text_t r = {.len = 0};
    bool bhv_coloc = (t->coloc & BHV) != 0;
    unsigned mc = t->muni_coloc & MUNICIPAL_KINDS;
    if (bhv_coloc && mc) {
        text_add(&r, "BHV is co-located with municipal ");
        text_ops(&r, mc);
        return add_check(b, "bhv_co_located_with_municipal_operation", true, &r);
    }
    if (!(t->part & BHV))
        text_add(&r, "BHV does not take part");
    else if (!bhv_coloc)
        text_add(&r, "BHV is not co-located");
    if (!mc) {
        text_add(&r, "%sno municipal OFS or SOC is co-located", r.len ? "; " : "");
        text_not_municipal(&r, t->coloc & MUNICIPAL_KINDS & ~t->muni_coloc);
    }
    return add_check(b, "bhv_co_located_with_municipal_operation", false, &r);
}

static bool check_national(builder_t *b, const tally_t *t)
{
    text_t r = {.len = 0};
    bool bhv = (t->part & BHV) != 0;
    unsigned mp = t->part & t->muni & MUNICIPAL_KINDS;
    if (bhv && mp) {
        text_add(&r, "BHV takes part with municipal ");
        text_ops(&r, mp);
        return add_check(b, "national_bhv_and_municipal_operation", true, &r);
    }
    if (!bhv)
        text_add(&r, "missing: BHV");
    if (!mp) {
        text_add(&r, "%sno municipal OFS or SOC takes part", bhv ? "" : "; ");
        text_not_municipal(&r, t->part & MUNICIPAL_KINDS & ~t->muni);
    }
    return add_check(b, "national_bhv_and_municipal_operation", false, &r);
}

/* ------------------------------------------------------- summaries */

static const char *source_fc(Fcavtal__V1__RuleSet rs)
{
    return rs == RSET(VG) ? "VG §8.2, §8.4" : rs == RSET(OREBRO) ? "Region Örebro län"
                                                                 : "national guidance";
}

static const char *source_like(Fcavtal__V1__RuleSet rs)
{
    return rs == RSET(VG) ? "VG §8.3" : rs == RSET(OREBRO) ? "Region Örebro län"
                                                          : "national guidance";
}

static const char *source_not_covered(Fcavtal__V1__RuleSet rs)
{
    return rs == RSET(VG) ? "by the framework (VG footnote 21)"
           : rs == RSET(OREBRO) ? "by the framework (Region Örebro län)"
                                : "by the national guidance";
}

static void text_failed_reasons(text_t *s, const Fcavtal__V1__Classification *c, size_t from)
{
    bool first = true;
    for (size_t i = from; i < c->n_checks; i++) {
        if (c->checks[i]->passed)
            continue;
        text_add(s, "%s%s", first ? "" : "; ", c->checks[i]->reason);
        first = false;
    }
}

static void summarise(text_t *s, const Fcavtal__V1__Classification *c, const tally_t *t,
                      bool prioritised_area)
{
    Fcavtal__V1__RuleSet rs = c->rule_set;
    if (c->kind == CKIND(FAMILJECENTRAL)) {
        text_add(s, "familjecentral: all four base operations take part and are co-located (%s)",
                 source_fc(rs));
    } else if (c->kind == CKIND(FAMILJECENTRALSLIKNANDE) && rs == RSET(NATIONAL)) {
        text_add(s, "familjecentralsliknande: BHV takes part with municipal ");
        text_ops(s, t->part & t->muni & MUNICIPAL_KINDS);
        text_add(s, " (%s)", source_like(rs));
    } else if (c->kind == CKIND(FAMILJECENTRALSLIKNANDE)) {
        text_add(s, "familjecentralsliknande: ");
        text_ops(s, t->part);
        text_add(s, " take part and BHV is co-located with municipal ");
        text_ops(s, t->muni_coloc & MUNICIPAL_KINDS);
        text_add(s, ", but not all four base operations are co-located (%s)", source_like(rs));
        if ((t->part & ~t->coloc & MHV) && !prioritised_area)
            text_add(s, "; outside socio-economically prioritised areas the midwife clinic "
                        "collaborates without co-location (Bilaga 3)");
    } else {
        text_add(s, "not covered %s: ", source_not_covered(rs));
        /* The familjecentral checks (the first two) failing is implied. */
        text_failed_reasons(s, c, 2);
    }
    if (t->n_other)
        text_add(s, "; %zu other actor%s not counted as base operation%s (VG §8.2)",
                 t->n_other, t->n_other == 1 ? "" : "s", t->n_other == 1 ? "" : "s");
}

/* ------------------------------------------------------- entry point */

static Fcavtal__V1__RuleSet effective_rule_set(Fcavtal__V1__RuleSet rs)
{
    return rs == RSET(VG) || rs == RSET(OREBRO) ? rs : RSET(NATIONAL);
}

static Fcavtal__V1__ClassificationKind evaluate(builder_t *b, const tally_t *t,
                                                bool prioritised_area)
{
    bool all_four = check_all_four(b, t);
    bool all_coloc = check_all_co_located(b, t, prioritised_area);
    if (all_four && all_coloc)
        return CKIND(FAMILJECENTRAL);
    bool like;
    if (b->c->rule_set == RSET(NATIONAL)) {
        like = check_national(b, t);
    } else {
        /* Evaluate every rule, not just up to the first failure: the user
         * needs to see all that is missing. */
        like = check_at_least_three(b, t);
        like = check_bhv_and_ofs(b, t) && like;
        like = check_mhv_or_soc(b, t) && like;
        like = check_bhv_co_located_municipal(b, t) && like;
    }
    return like ? CKIND(FAMILJECENTRALSLIKNANDE) : CKIND(NOT_COVERED);
}

static Fcavtal__V1__Classification *new_classification(Fcavtal__V1__RuleSet rs, fc_date_t as_of)
{
    Fcavtal__V1__Classification *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    fcavtal__v1__classification__init(c);
    c->rule_set = rs;
    c->checks = malloc(MAX_CHECKS * sizeof *c->checks);
    c->as_of = malloc(sizeof *c->as_of);
    if (c->as_of) {
        fcavtal__v1__date__init(c->as_of);
        c->as_of->year = as_of.year;
        c->as_of->month = as_of.month;
        c->as_of->day = as_of.day;
    }
    if (!c->checks || !c->as_of) {
        fcavtal__v1__classification__free_unpacked(c, NULL);
        return NULL;
    }
    return c;
}

Fcavtal__V1__Classification *fc_classify(const fc_member_t *members, size_t n_members,
                                         bool prioritised_area,
                                         Fcavtal__V1__RuleSet rule_set, fc_date_t as_of)
{
    builder_t b = {.c = new_classification(effective_rule_set(rule_set), as_of), .oom = false};
    if (!b.c)
        return NULL;
    tally_t t = tally_members(members, n_members);
    b.c->kind = evaluate(&b, &t, prioritised_area);
    text_t s = {.len = 0};
    summarise(&s, b.c, &t, prioritised_area);
    char *summary = b.oom ? NULL : strdup(s.s);
    if (!summary) {
        fcavtal__v1__classification__free_unpacked(b.c, NULL);
        return NULL;
    }
    b.c->summary = summary;
    return b.c;
}
