/* Fewest transfers that settle a set of balances (see transfers.h).
 *
 * The exact search: a partition of the k non-zero balances into g groups
 * that each add up to zero can be settled with k - g transfers and no plan
 * does better (a plan's transfers form a forest whose trees each add up to
 * zero). dp[mask] is the most zero-sum groups into which some ordering of
 * the members of mask can be cut as a sequence of prefixes:
 *   dp[mask] = max over i in mask of dp[mask - i] + (sum(mask) == 0),
 * O(2^k k) time; the cut points are recovered by walking back from the full
 * set. Subset sums are 128-bit: balances are int64 and may be large. */
#include "fcavtal/costs/transfers.h"

#include <stdlib.h>
#include <string.h>

typedef __int128 i128;

typedef struct {
    size_t index;
    uint64_t key;
    uint64_t left; /* magnitude still to settle */
} side_t;

typedef struct {
    cst_transfer_t *v;
    size_t n;
    size_t cap;
} plan_t;

static bool plan_add(plan_t *p, size_t from, size_t to, uint64_t amount)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 8;
        cst_transfer_t *v = realloc(p->v, cap * sizeof *v);
        if (v == NULL)
            return false;
        p->v = v;
        p->cap = cap;
    }
    p->v[p->n++] = (cst_transfer_t){from, to, (int64_t)amount};
    return true;
}

/* Larger amount first, then lower key. */
static int by_size(const void *pa, const void *pb)
{
    const side_t *a = pa, *b = pb;
    if (a->left != b->left)
        return a->left > b->left ? -1 : 1;
    return (a->key > b->key) - (a->key < b->key);
}

/* Pays the largest debt to the largest claim until both sides are settled.
 * Each step settles at least one side, so it takes at most n_d + n_c - 1. */
static bool settle_largest_first(side_t *debtors, size_t n_d, side_t *creditors, size_t n_c,
                                 plan_t *p)
{
    qsort(debtors, n_d, sizeof *debtors, by_size);
    qsort(creditors, n_c, sizeof *creditors, by_size);
    size_t i = 0, j = 0;
    while (i < n_d && j < n_c) {
        uint64_t x = debtors[i].left < creditors[j].left ? debtors[i].left : creditors[j].left;
        if (!plan_add(p, debtors[i].index, creditors[j].index, x))
            return false;
        debtors[i].left -= x;
        creditors[j].left -= x;
        if (debtors[i].left == 0)
            i++;
        if (creditors[j].left == 0)
            j++;
    }
    return true;
}

static uint64_t magnitude(int64_t b)
{
    return b < 0 ? (uint64_t)0 - (uint64_t)b : (uint64_t)b;
}

/* Splits members (indices into balances) into debtors and creditors and
 * settles them. */
static bool settle_group(const int64_t *balances, const uint64_t *keys, const size_t *members,
                         size_t n, side_t *scratch, plan_t *p)
{
    size_t n_d = 0, n_c = 0;
    side_t *creditors = scratch + n; /* scratch has room for 2n */
    for (size_t i = 0; i < n; i++) {
        size_t ix = members[i];
        side_t s = {ix, keys[ix], magnitude(balances[ix])};
        if (balances[ix] < 0)
            scratch[n_d++] = s;
        else
            creditors[n_c++] = s;
    }
    return settle_largest_first(scratch, n_d, creditors, n_c, p);
}

/* Orders the k members so that the prefixes cut into the most zero-sum
 * groups; writes group boundaries (exclusive ends) into ends. */
static bool exact_groups(const int64_t *balances, const size_t *nz, size_t k, size_t *order,
                         size_t *ends, size_t *n_groups)
{
    size_t full = ((size_t)1 << k) - 1;
    i128 *sum = malloc((full + 1) * sizeof *sum);
    unsigned char *dp = malloc(full + 1);
    if (sum == NULL || dp == NULL) {
        free(sum);
        free(dp);
        return false;
    }
    sum[0] = 0;
    dp[0] = 0;
    for (size_t mask = 1; mask <= full; mask++) {
        size_t low = (size_t)__builtin_ctzl(mask);
        sum[mask] = sum[mask & (mask - 1)] + balances[nz[low]];
        unsigned char best = 0;
        for (size_t i = 0; i < k; i++)
            if ((mask >> i) & 1u && dp[mask ^ ((size_t)1 << i)] > best)
                best = dp[mask ^ ((size_t)1 << i)];
        dp[mask] = (unsigned char)(best + (sum[mask] == 0));
    }
    /* Walk back: remove, lowest index first, a member that keeps the count. */
    size_t mask = full, pos = k, g = 0;
    while (mask) {
        unsigned char want = (unsigned char)(dp[mask] - (sum[mask] == 0));
        if (sum[mask] == 0)
            ends[g++] = pos;
        for (size_t i = 0; i < k; i++) {
            if ((mask >> i) & 1u && dp[mask ^ ((size_t)1 << i)] == want) {
                order[--pos] = nz[i];
                mask ^= (size_t)1 << i;
                break;
            }
        }
    }
    /* ends were found from the back; restore ascending order. */
    for (size_t a = 0, b = g; a + 1 < b; a++, b--) {
        size_t t = ends[a];
        ends[a] = ends[b - 1];
        ends[b - 1] = t;
    }
    *n_groups = g;
    free(sum);
    free(dp);
    return true;
}

static bool plan_exact(const int64_t *balances, const uint64_t *keys, const size_t *nz, size_t k,
                       side_t *scratch, plan_t *p)
{
    size_t order[CST_TRANSFERS_EXACT_MAX], ends[CST_TRANSFERS_EXACT_MAX], g = 0;
    if (!exact_groups(balances, nz, k, order, ends, &g))
        return false;
    size_t start = 0;
    for (size_t j = 0; j < g; j++) {
        if (!settle_group(balances, keys, order + start, ends[j] - start, scratch, p))
            return false;
        start = ends[j];
    }
    return true;
}

/* Equal and opposite balances first: each such pair is a zero-sum group of
 * two, settled in one transfer, which largest-first alone can miss. */
static bool plan_greedy(const int64_t *balances, const uint64_t *keys, const size_t *nz, size_t k,
                        side_t *scratch, plan_t *p)
{
    side_t *debtors = scratch, *creditors = scratch + k;
    size_t n_d = 0, n_c = 0;
    for (size_t i = 0; i < k; i++) {
        side_t s = {nz[i], keys[nz[i]], magnitude(balances[nz[i]])};
        if (balances[nz[i]] < 0)
            debtors[n_d++] = s;
        else
            creditors[n_c++] = s;
    }
    qsort(debtors, n_d, sizeof *debtors, by_size);
    qsort(creditors, n_c, sizeof *creditors, by_size);
    size_t i = 0, j = 0;
    while (i < n_d && j < n_c) {
        if (debtors[i].left == creditors[j].left) {
            if (!plan_add(p, debtors[i].index, creditors[j].index, debtors[i].left))
                return false;
            debtors[i++].left = 0;
            creditors[j++].left = 0;
        } else if (debtors[i].left > creditors[j].left) {
            i++;
        } else {
            j++;
        }
    }
    /* Compact what is left and settle it largest first. */
    size_t w = 0;
    for (size_t r = 0; r < n_d; r++)
        if (debtors[r].left)
            debtors[w++] = debtors[r];
    n_d = w;
    w = 0;
    for (size_t r = 0; r < n_c; r++)
        if (creditors[r].left)
            creditors[w++] = creditors[r];
    return settle_largest_first(debtors, n_d, creditors, w, p);
}

typedef struct {
    uint64_t payer, payee;
    cst_transfer_t t;
} keyed_t;

static int by_payer_then_payee(const void *pa, const void *pb)
{
    const keyed_t *a = pa, *b = pb;
    if (a->payer != b->payer)
        return a->payer < b->payer ? -1 : 1;
    return (a->payee > b->payee) - (a->payee < b->payee);
}

/* Sorts by the parties' keys, not their indices: output order must not
 * depend on the order of the input. */
static bool sort_plan(plan_t *p, const uint64_t *keys)
{
    if (p->n < 2)
        return true;
    keyed_t *k = malloc(p->n * sizeof *k);
    if (k == NULL)
        return false;
    for (size_t i = 0; i < p->n; i++)
        k[i] = (keyed_t){keys[p->v[i].from], keys[p->v[i].to], p->v[i]};
    qsort(k, p->n, sizeof *k, by_payer_then_payee);
    for (size_t i = 0; i < p->n; i++)
        p->v[i] = k[i].t;
    free(k);
    return true;
}

static fc_status_t check_balances(const int64_t *balances, size_t n, cst_error_t *err)
{
    i128 total = 0;
    for (size_t i = 0; i < n; i++)
        total += balances[i];
    if (total != 0)
        return cst_error_set(err, FC_INVALID_ARGUMENT, "balances",
                             "balances must add up to zero to be settled");
    return FC_OK;
}

fc_status_t cst_transfers_plan(const int64_t *balances, const uint64_t *keys, size_t n,
                               cst_transfer_t **out, size_t *n_out, bool *exact,
                               cst_error_t *err)
{
    *out = NULL;
    *n_out = 0;
    *exact = true;
    fc_status_t rc = check_balances(balances, n, err);
    if (rc != FC_OK)
        return rc;
    size_t *nz = malloc((n ? n : 1) * sizeof *nz);
    side_t *scratch = malloc((n ? 2 * n : 1) * sizeof *scratch);
    if (nz == NULL || scratch == NULL) {
        free(nz);
        free(scratch);
        return cst_error_oom(err);
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (balances[i] != 0)
            nz[k++] = i;
    plan_t p = {0};
    bool ok;
    if (k <= CST_TRANSFERS_EXACT_MAX) {
        ok = k == 0 || plan_exact(balances, keys, nz, k, scratch, &p);
    } else {
        *exact = false;
        ok = plan_greedy(balances, keys, nz, k, scratch, &p);
    }
    free(nz);
    free(scratch);
    if (!ok || !sort_plan(&p, keys)) {
        free(p.v);
        return cst_error_oom(err);
    }
    *out = p.v;
    *n_out = p.n;
    return FC_OK;
}
