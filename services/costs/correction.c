/* A correction settles only what changed since a finalised run: money
 * already transferred stays where it is, and the differences (after minus
 * before) are netted per organisation and planned like any balances. */
#include "fcavtal/costs/correction.h"

#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "ledger.h"
#include "text.h"

static fc_status_t sub_checked(int64_t a, int64_t b, int64_t *out, cst_error_t *err)
{
    if (__builtin_sub_overflow(a, b, out))
        return cst_error_set(err, FC_OUT_OF_RANGE, "difference",
                             "a difference does not fit in 64-bit öre");
    return FC_OK;
}

static bool same_period(cst_period_t a, cst_period_t b)
{
    return a.kind == b.kind && fc_date_cmp(a.from, b.from) == 0 && fc_date_cmp(a.to, b.to) == 0;
}

static const cst_org_line_t *org_of(const cst_ledger_t *l, const cst_party_line_t *p)
{
    return &l->organisations[p->organisation];
}

/* Parties of either run, by key, each with its lines in both (or NULL). */
typedef struct {
    const cst_party_line_t *before, *after;
    const cst_ledger_t *lb, *la;
} pair_t;

static size_t merge_parties(const cst_ledger_t *b, const cst_ledger_t *a, pair_t *out)
{
    size_t i = 0, j = 0, n = 0;
    while (i < b->n_parties || j < a->n_parties) {
        const cst_party_line_t *pb = i < b->n_parties ? &b->parties[i] : NULL;
        const cst_party_line_t *pa = j < a->n_parties ? &a->parties[j] : NULL;
        if (pb && pa && pb->key == pa->key) {
            out[n++] = (pair_t){pb, pa, b, a};
            i++;
            j++;
        } else if (pa == NULL || (pb && pb->key < pa->key)) {
            out[n++] = (pair_t){pb, NULL, b, a};
            i++;
        } else {
            out[n++] = (pair_t){NULL, pa, b, a};
            j++;
        }
    }
    return n;
}

static const cst_org_line_t *pair_org(const pair_t *p)
{
    return p->after ? org_of(p->la, p->after) : org_of(p->lb, p->before);
}

static fc_status_t add_organisations(const pair_t *pairs, size_t n, cst_ledger_t *d,
                                     cst_error_t *err)
{
    uint64_t *keys = malloc((n ? n : 1) * sizeof *keys);
    if (keys == NULL)
        return cst_error_oom(err);
    for (size_t i = 0; i < n; i++)
        keys[i] = pair_org(&pairs[i])->key;
    size_t no = cst__keys_unique(keys, n);
    d->organisations = calloc(no ? no : 1, sizeof *d->organisations);
    fc_status_t rc = d->organisations ? FC_OK : cst_error_oom(err);
    for (size_t j = 0; rc == FC_OK && j < no; j++) {
        const cst_org_line_t *src = NULL;
        for (size_t i = 0; src == NULL && i < n; i++)
            if (pair_org(&pairs[i])->key == keys[j])
                src = pair_org(&pairs[i]);
        cst_org_line_t *o = &d->organisations[j];
        *o = (cst_org_line_t){.key = src->key, .kind = src->kind};
        o->name = cst__strdup(src->name);
        o->org_number = cst__strdup(src->org_number);
        d->n_organisations++;
        if (o->name == NULL || o->org_number == NULL)
            rc = cst_error_oom(err);
    }
    free(keys);
    return rc;
}

static const cst_party_line_t zero_line;

static fc_status_t difference_line(const pair_t *p, cst_ledger_t *d, size_t i,
                                   cst_correction_line_t *line, cst_error_t *err)
{
    const cst_party_line_t *b = p->before ? p->before : &zero_line;
    const cst_party_line_t *a = p->after ? p->after : &zero_line;
    cst_party_line_t *out = &d->parties[i];
    *out = (cst_party_line_t){.key = p->after ? a->key : b->key};
    out->organisation = (size_t)cst_ledger_organisation(d, pair_org(p)->key);
    out->name = cst__strdup(p->after ? a->name : b->name);
    d->n_parties++;
    if (out->name == NULL)
        return cst_error_oom(err);
    *line = (cst_correction_line_t){b->share, a->share, b->paid, a->paid, b->balance, a->balance};
    fc_status_t rc = sub_checked(a->share, b->share, &out->share, err);
    if (rc == FC_OK)
        rc = sub_checked(a->paid, b->paid, &out->paid, err);
    for (int c = 1; rc == FC_OK && c < CST_CATEGORY_SLOTS; c++) {
        rc = sub_checked(a->share_by_category[c], b->share_by_category[c],
                         &out->share_by_category[c], err);
        if (rc == FC_OK)
            rc = sub_checked(a->paid_by_category[c], b->paid_by_category[c],
                             &out->paid_by_category[c], err);
    }
    return rc;
}

static fc_status_t check_runs(const cst_run_t *fin, const cst_run_t *rev, cst_error_t *err)
{
    if (!fin->finalised)
        return cst_error_set(err, FC_FAILED_PRECONDITION, "finalised",
                             "only a finalised run is corrected; a draft is simply run again");
    if (!same_period(fin->period, rev->period))
        return cst_error_set(err, FC_FAILED_PRECONDITION, "period",
                             "a correction runs over the same period as the run it corrects");
    return FC_OK;
}

static fc_status_t check_pairs(const pair_t *pairs, size_t n, cst_error_t *err)
{
    for (size_t i = 0; i < n; i++) {
        const pair_t *p = &pairs[i];
        if (p->before && p->after && org_of(p->lb, p->before)->key != org_of(p->la, p->after)->key)
            return cst_error_set(err, FC_FAILED_PRECONDITION, "parties",
                                 "%s belongs to another organisation than in the finalised "
                                 "run; settle the two organisations by hand",
                                 p->after->name);
    }
    return FC_OK;
}

static fc_status_t compute(const cst_run_t *fin, const cst_run_t *rev, cst_correction_t *c,
                           cst_error_t *err)
{
    size_t cap = fin->ledger.n_parties + rev->ledger.n_parties;
    pair_t *pairs = malloc((cap ? cap : 1) * sizeof *pairs);
    if (pairs == NULL)
        return cst_error_oom(err);
    size_t n = merge_parties(&fin->ledger, &rev->ledger, pairs);
    fc_status_t rc = check_pairs(pairs, n, err);
    if (rc == FC_OK)
        rc = add_organisations(pairs, n, &c->difference, err);
    if (rc == FC_OK) {
        c->difference.parties = calloc(n ? n : 1, sizeof *c->difference.parties);
        c->lines = calloc(n ? n : 1, sizeof *c->lines);
        if (c->difference.parties == NULL || c->lines == NULL)
            rc = cst_error_oom(err);
    }
    for (size_t i = 0; rc == FC_OK && i < n; i++)
        rc = difference_line(&pairs[i], &c->difference, i, &c->lines[i], err);
    free(pairs);
    if (rc == FC_OK)
        rc = cst__ledger_settle(&c->difference, err);
    return rc;
}

fc_status_t cst_correction_new(const cst_run_t *finalised, const cst_run_t *revised,
                               cst_correction_t **out, cst_error_t *err)
{
    if (out == NULL || finalised == NULL || revised == NULL)
        return cst_error_set(err, FC_INVALID_ARGUMENT, NULL, "two runs are needed");
    *out = NULL;
    fc_status_t rc = check_runs(finalised, revised, err);
    if (rc != FC_OK)
        return rc;
    cst_correction_t *c = calloc(1, sizeof *c);
    if (c == NULL)
        return cst_error_oom(err);
    c->period = revised->period;
    rc = compute(finalised, revised, c, err);
    if (rc != FC_OK) {
        cst_correction_destroy(&c);
        return rc;
    }
    *out = c;
    return FC_OK;
}

void cst_correction_destroy(cst_correction_t **corr_p)
{
    if (corr_p == NULL || *corr_p == NULL)
        return;
    cst__ledger_clear(&(*corr_p)->difference);
    free((*corr_p)->lines);
    free(*corr_p);
    *corr_p = NULL;
}
