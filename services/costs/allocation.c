/* An item's days are cut where a party joins or leaves or a rule changes;
 * each stretch of days with the same rule and the same parties becomes one
 * segment. Its accrual (prorata.h) is split once by the rule: rounding once
 * per stretch, not per day, keeps the tie-break from handing one party an
 * extra öre every day of the year. */
#include "allocation.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/costs/money.h"
#include "fcavtal/costs/prorata.h"
#include "fcavtal/costs/split.h"
#include "keys.h"
#include "rules.h"

typedef struct {
    uint64_t party;     /* first: members sort with cst__cmp_u64 */
    uint64_t weight;    /* 1 under the equal rules */
    uint64_t principal; /* EQUAL_PRINCIPALS: the principal's key */
} member_in_t;
_Static_assert(offsetof(member_in_t, party) == 0, "party first");

/* Days over which one rule shares the item among the same parties. */
typedef struct {
    fc_date_t from, to;
    cst__rule_choice_t choice;
    member_in_t *members; /* sharing, by party key */
    size_t n;
    uint64_t *idle;       /* taking part but not sharing under this rule, by key */
    size_t n_idle;
} span_t;

static void span_clear(span_t *s)
{
    free(s->members);
    free(s->idle);
    *s = (span_t){0};
}

static bool is_base(cst_op_kind_t k)
{
    return k == CST_OP_BHV || k == CST_OP_MHV || k == CST_OP_OFS || k == CST_OP_SOC;
}

/* The party's weight under the rule (0: it does not share). */
static uint64_t weight_under(const cst__directory_t *d, const cst__rule_choice_t *ch,
                             const cst_party_t *p, uint64_t *principal)
{
    const cst_organisation_t *pr;
    *principal = 0;
    switch (ch->kind) {
    case CST_RULE_EQUAL_BASE:
        return is_base(p->kind) ? 1 : 0;
    case CST_RULE_EQUAL_PARTIES:
        return 1;
    case CST_RULE_EQUAL_PRINCIPALS:
        /* Only a region or a municipality is a principal (huvudman); a
         * civil-society party without one takes no share. */
        pr = cst__directory_principal(d, p);
        if (pr == NULL || !cst__is_principal(pr))
            return 0;
        *principal = pr->key;
        return 1;
    case CST_RULE_FIXED_SHARES:
    case CST_RULE_PREMISES_AREA:
        for (size_t i = 0; i < ch->local->n_weights; i++)
            if (ch->local->weights[i].party == p->key)
                return (uint64_t)ch->local->weights[i].weight;
        return 0;
    }
    return 0;
}

static bool listed(const member_in_t *m, size_t n, const uint64_t *idle, size_t n_idle,
                   uint64_t key)
{
    for (size_t i = 0; i < n; i++)
        if (m[i].party == key)
            return true;
    for (size_t i = 0; i < n_idle; i++)
        if (idle[i] == key)
            return true;
    return false;
}

/* Who takes part on `day` and how much each weighs under the rule. */
static fc_status_t gather(const cst__directory_t *d, const cst_centre_t *c, fc_date_t day,
                          span_t *sp, cst_error_t *err)
{
    size_t cap = c->n_participations;
    sp->members = malloc(cap * sizeof *sp->members);
    sp->idle = malloc(cap * sizeof *sp->idle);
    if (sp->members == NULL || sp->idle == NULL)
        return cst_error_oom(err);
    for (size_t i = 0; i < c->n_participations; i++) {
        const cst_participation_t *pt = &c->participations[i];
        if (!cst_participates(pt, day) ||
            listed(sp->members, sp->n, sp->idle, sp->n_idle, pt->party))
            continue;
        const cst_party_t *p = cst__directory_party(d, pt->party);
        uint64_t principal;
        uint64_t w = weight_under(d, &sp->choice, p, &principal);
        if (w > 0)
            sp->members[sp->n++] = (member_in_t){p->key, w, principal};
        else
            sp->idle[sp->n_idle++] = p->key;
    }
    if (!cst__sorted_by_key(sp->members, sp->n, sizeof *sp->members))
        qsort(sp->members, sp->n, sizeof *sp->members, cst__cmp_u64); /* party first */
    if (!cst__sorted_by_key(sp->idle, sp->n_idle, sizeof *sp->idle))
        qsort(sp->idle, sp->n_idle, sizeof *sp->idle, cst__cmp_u64);
    return FC_OK;
}

static bool same_sharing(const span_t *a, const span_t *b)
{
    if (a->choice.kind != b->choice.kind || a->choice.local != b->choice.local ||
        a->choice.basis != b->choice.basis || a->n != b->n || a->n_idle != b->n_idle)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (a->members[i].party != b->members[i].party ||
            a->members[i].weight != b->members[i].weight ||
            a->members[i].principal != b->members[i].principal)
            return false;
    return a->n_idle == 0 || memcmp(a->idle, b->idle, a->n_idle * sizeof *a->idle) == 0;
}

/* --------------------------------------------------------------- splitting */

static uint64_t *ones(size_t n)
{
    uint64_t *w = malloc((n ? n : 1) * sizeof *w);
    for (size_t i = 0; w && i < n; i++)
        w[i] = 1;
    return w;
}

/* Sorted distinct principals of the members; *np their count. */
static uint64_t *principals_of(const member_in_t *m, size_t n, size_t *np)
{
    uint64_t *pk = malloc(n * sizeof *pk);
    if (pk == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        pk[i] = m[i].principal;
    *np = cst__keys_unique(pk, n);
    return pk;
}

/* Örebro: equal between principals first, then equal within each; both
 * levels by largest remainder, ties to the lower key. */
static fc_status_t split_by_principal(int64_t amount, const member_in_t *m, size_t n,
                                      int64_t *parts, cst_error_t *err)
{
    size_t np = 0;
    uint64_t *pk = principals_of(m, n, &np);
    uint64_t *w = ones(n);
    int64_t *pp = malloc(n * sizeof *pp);
    uint64_t *keys = malloc(n * sizeof *keys);
    size_t *idx = malloc(n * sizeof *idx);
    int64_t *sub = malloc(n * sizeof *sub);
    fc_status_t rc = FC_OK;
    if (!pk || !w || !pp || !keys || !idx || !sub)
        rc = cst_error_oom(err);
    if (rc == FC_OK)
        rc = cst_split(amount, w, pk, np, pp, err);
    for (size_t j = 0; rc == FC_OK && j < np; j++) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (m[i].principal == pk[j]) {
                idx[k] = i;
                keys[k++] = m[i].party;
            }
        rc = cst_split(pp[j], w, keys, k, sub, err);
        for (size_t i = 0; rc == FC_OK && i < k; i++)
            parts[idx[i]] = sub[i];
    }
    free(pk);
    free(w);
    free(pp);
    free(keys);
    free(idx);
    free(sub);
    return rc;
}

static fc_status_t split_span(int64_t amount, const span_t *sp, int64_t *parts, cst_error_t *err)
{
    if (sp->choice.kind == CST_RULE_EQUAL_PRINCIPALS)
        return split_by_principal(amount, sp->members, sp->n, parts, err);
    uint64_t *w = malloc(sp->n * sizeof *w);
    uint64_t *keys = malloc(sp->n * sizeof *keys);
    fc_status_t rc = FC_OK;
    if (w == NULL || keys == NULL)
        rc = cst_error_oom(err);
    for (size_t i = 0; rc == FC_OK && i < sp->n; i++) {
        w[i] = sp->members[i].weight;
        keys[i] = sp->members[i].party;
    }
    if (rc == FC_OK)
        rc = cst_split(amount, w, keys, sp->n, parts, err);
    free(w);
    free(keys);
    return rc;
}

/* ---------------------------------------------------------------- segments */

void cst__segments_clear(cst__segments_t *s)
{
    free(s->v);
    *s = (cst__segments_t){0};
}

static fc_status_t push(cst__segments_t *out, cst_segment_t *seg, cst_error_t *err)
{
    if (out->n == out->cap) {
        size_t cap = out->cap ? 2 * out->cap : 16;
        cst_segment_t *v = realloc(out->v, cap * sizeof *v);
        if (v == NULL)
            return cst_error_oom(err);
        out->v = v;
        out->cap = cap;
    }
    out->v[out->n++] = *seg;
    return FC_OK;
}

static fc_status_t fill_members(cst__segments_t *out, cst_segment_t *seg, const span_t *sp,
                                const int64_t *parts, cst_error_t *err)
{
    seg->members = cst_pool_calloc(out->pool, (sp->n ? sp->n : 1) * sizeof *seg->members);
    seg->idle = cst_pool_calloc(out->pool, (sp->n_idle ? sp->n_idle : 1) * sizeof *seg->idle);
    if (seg->members == NULL || seg->idle == NULL)
        return cst_error_oom(err);
    seg->n_members = sp->n;
    for (size_t i = 0; i < sp->n; i++)
        seg->members[i] = (cst_member_t){sp->members[i].party, parts[i], sp->members[i].weight,
                                         sp->members[i].principal};
    seg->n_idle = sp->n_idle;
    for (size_t i = 0; i < sp->n_idle; i++)
        seg->idle[i] = sp->idle[i];
    return FC_OK;
}

static fc_status_t emit(const cst_item_t *item, const span_t *sp, cst__segments_t *out,
                        cst_error_t *err)
{
    bool weighted = sp->choice.kind == CST_RULE_FIXED_SHARES ||
                    sp->choice.kind == CST_RULE_PREMISES_AREA;
    cst_segment_t seg = {.item = item->id, .centre = item->centre, .from = sp->from,
                         .to = sp->to, .rule = sp->choice.kind, .basis = sp->choice.basis,
                         .unit = weighted ? sp->choice.local->unit : 0};
    seg.days = fc_date_days_between(sp->from, sp->to) + 1;
    fc_status_t rc = cst_accrued(item->amount, item->from, item->to, sp->from, sp->to,
                                 &seg.amount, err);
    if (rc != FC_OK)
        return rc;
    int64_t *parts = malloc((sp->n ? sp->n : 1) * sizeof *parts);
    if (parts == NULL)
        rc = cst_error_oom(err);
    if (rc == FC_OK)
        rc = split_span(seg.amount, sp, parts, err);
    if (rc == FC_OK)
        rc = fill_members(out, &seg, sp, parts, err);
    if (rc == FC_OK && (seg.source = cst_pool_strdup(out->pool, sp->choice.source)) == NULL)
        rc = cst_error_oom(err);
    if (rc == FC_OK)
        rc = push(out, &seg, err);   /* on failure its parts stay in the pool, freed with it */
    free(parts);
    return rc;
}

static fc_status_t nobody(const cst__directory_t *d, const cst_item_t *item, const span_t *sp,
                          const char *field, cst_error_t *err)
{
    char f[FC_DATE_STRLEN], t[FC_DATE_STRLEN];
    const cst_centre_t *c = cst__directory_centre(d, item->centre);
    return cst_error_set(err, FC_FAILED_PRECONDITION, field,
                         "item %llu: nobody in centre %s can share the %s cost on %s..%s under "
                         "%s (%s)",
                         (unsigned long long)item->id, c->name, cst_category_name(item->category),
                         fc_date_format(sp->from, f), fc_date_format(sp->to, t),
                         sp->choice.source, cst_rule_kind_name(sp->choice.kind));
}

/* The spans between breaks, merged where the sharing does not change. */
static fc_status_t allocate_spans(const cst__directory_t *d, const cst_centre_t *c,
                                  const cst_item_t *item, const cst_breaks_t *b, fc_date_t first,
                                  fc_date_t last, const char *field, cst__segments_t *out,
                                  cst_error_t *err)
{
    span_t pending = {0}, next = {0};
    bool have = false;
    fc_status_t rc = FC_OK;
    for (size_t k = 0; rc == FC_OK && k <= b->n; k++) {
        next = (span_t){0};
        next.from = k == 0 ? first : fc_date_from_days(b->days[k - 1]);
        next.to = k == b->n ? last : fc_date_from_days(b->days[k] - 1);
        rc = cst__rule_choose(c, item->category, next.from, &next.choice, err);
        if (rc != FC_OK) {
            if (err)
                snprintf(err->field, sizeof err->field, "%s.category", field);
            break;
        }
        rc = gather(d, c, next.from, &next, err);
        if (rc == FC_OK && next.n == 0)
            rc = nobody(d, item, &next, field, err);
        if (rc != FC_OK)
            break;
        if (have && same_sharing(&pending, &next)) {
            pending.to = next.to;
            span_clear(&next);
            continue;
        }
        if (have)
            rc = emit(item, &pending, out, err);
        span_clear(&pending);
        pending = next;
        next = (span_t){0};
        have = true;
    }
    if (rc == FC_OK && have)
        rc = emit(item, &pending, out, err);
    span_clear(&pending);
    span_clear(&next);
    return rc;
}

fc_status_t cst__allocate_item(const cst__directory_t *d, const cst_item_t *item, fc_date_t first,
                              fc_date_t last, const char *field, cst__segments_t *out,
                              cst_error_t *err)
{
    const cst_centre_t *c = cst__directory_centre(d, item->centre);
    cst_breaks_t b = {0};
    size_t before = out->n;
    fc_status_t rc = FC_OK;
    if (cst_breaks_add_participations(&b, c->participations, c->n_participations, first, last) !=
            FC_OK ||
        cst__rule_breaks(c, item->category, &b, first, last) != FC_OK)
        rc = cst_error_oom(err);
    if (rc == FC_OK) {
        cst_breaks_finish(&b);
        rc = allocate_spans(d, c, item, &b, first, last, field, out, err);
    }
    cst_breaks_clear(&b);
    if (rc != FC_OK)
        out->n = before;   /* their members stay in the pool until the run goes */
    return rc;
}
