/* A ledger nets each organisation's operations before any transfer, so no
 * money moves between two operations of one organisation. */
#include "ledger.h"

#include <stddef.h>
#include <stdlib.h>

#include "fcavtal/costs/transfers.h"
#include "keys.h"

fc_status_t cst__add_checked(int64_t *acc, int64_t v, const char *what, cst_error_t *err)
{
    int64_t r;
    if (__builtin_add_overflow(*acc, v, &r))
        return cst_error_set(err, FC_OUT_OF_RANGE, what,
                             "the %s do not fit in 64-bit öre (more than 92 233 720 368 547 "
                             "758,07 kr)",
                             what);
    *acc = r;
    return FC_OK;
}

static fc_status_t party_balances(cst_ledger_t *l, cst_error_t *err)
{
    for (size_t i = 0; i < l->n_parties; i++) {
        cst_party_line_t *p = &l->parties[i];
        if (__builtin_sub_overflow(p->paid, p->share, &p->balance))
            return cst_error_set(err, FC_OUT_OF_RANGE, "balances",
                                 "the balance of %s does not fit in 64-bit öre", p->name);
        cst_org_line_t *o = &l->organisations[p->organisation];
        fc_status_t rc = cst__add_checked(&o->share, p->share, "shares", err);
        if (rc == FC_OK)
            rc = cst__add_checked(&o->paid, p->paid, "payments", err);
        if (rc == FC_OK)
            rc = cst__add_checked(&o->balance, p->balance, "balances", err);
        if (rc != FC_OK)
            return rc;
    }
    return FC_OK;
}

fc_status_t cst__ledger_settle(cst_ledger_t *l, cst_error_t *err)
{
    for (size_t j = 0; j < l->n_organisations; j++)
        l->organisations[j].share = l->organisations[j].paid = l->organisations[j].balance = 0;
    fc_status_t rc = party_balances(l, err);
    if (rc != FC_OK)
        return rc;
    size_t n = l->n_organisations;
    int64_t *b = malloc((n ? n : 1) * sizeof *b);
    uint64_t *k = malloc((n ? n : 1) * sizeof *k);
    if (b == NULL || k == NULL) {
        free(b);
        free(k);
        return cst_error_oom(err);
    }
    for (size_t j = 0; j < n; j++) {
        b[j] = l->organisations[j].balance;
        k[j] = l->organisations[j].key;
    }
    free(l->transfers);
    l->transfers = NULL;
    l->n_transfers = 0;
    /* Balances that do not add up to zero would be a defect in the engine:
     * every öre shared was accrued and paid by someone. */
    rc = cst_transfers_plan(b, k, n, &l->transfers, &l->n_transfers, &l->transfers_exact, err);
    if (rc == FC_INVALID_ARGUMENT)
        rc = cst_error_set(err, FC_INTERNAL, "balances", "balances do not add up to zero");
    free(b);
    free(k);
    return rc;
}

void cst__ledger_clear(cst_ledger_t *l)
{
    for (size_t i = 0; i < l->n_parties; i++)
        free(l->parties[i].name);
    free(l->parties);
    for (size_t j = 0; j < l->n_organisations; j++) {
        free(l->organisations[j].name);
        free(l->organisations[j].org_number);
    }
    free(l->organisations);
    free(l->transfers);
    *l = (cst_ledger_t){0};
}

/* Both line types start with their key (checked below), so libc's bsearch
 * serves both with one comparison. */
_Static_assert(offsetof(cst_party_line_t, key) == 0, "key first");
_Static_assert(offsetof(cst_org_line_t, key) == 0, "key first");

static ptrdiff_t index_of(const void *base, size_t n, size_t size, uint64_t key)
{
    const char *hit = n ? bsearch(&key, base, n, size, cst__cmp_u64) : NULL;
    return hit ? (hit - (const char *)base) / (ptrdiff_t)size : -1;
}

ptrdiff_t cst_ledger_party(const cst_ledger_t *l, uint64_t key)
{
    return index_of(l->parties, l->n_parties, sizeof *l->parties, key);
}

ptrdiff_t cst_ledger_organisation(const cst_ledger_t *l, uint64_t key)
{
    return index_of(l->organisations, l->n_organisations, sizeof *l->organisations, key);
}
