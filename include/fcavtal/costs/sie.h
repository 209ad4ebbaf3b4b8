/* SIE 4I (docs/costs.md, "SIE"): one file per organisation with one voucher
 * (#VER) that books its side of a run or a correction, encoded CP437
 * (#FORMAT PC8) through iconv.
 *
 * The voucher debits each cost account with share - paid per category (and
 * per own operation when an operation dimension is configured), debits the
 * receivable account with what the organisation is to receive and credits
 * the payable account with what it is to pay, each transfer row carrying the
 * counterparty as an object. The rows balance to zero because the
 * organisation's transfers settle exactly its balance. */
#ifndef FCAVTAL_COSTS_SIE_H
#define FCAVTAL_COSTS_SIE_H

#include <stddef.h>
#include <stdint.h>

#include "fcavtal/costs/correction.h"
#include "fcavtal/costs/settlement.h"

typedef struct {
    uint64_t key;       /* party key (operations) or organisation key (counterparties) */
    const char *code;   /* object number in the organisation's books */
    const char *name;   /* NULL: the party's or organisation's name */
} cst_sie_object_t;

/* One organisation's chart of accounts for the settlement. The engine
 * hard-codes no account: finance fills this in. */
typedef struct {
    uint32_t cost_account[CST_CATEGORY_SLOTS];   /* per category; 0: none configured */
    const char *cost_account_name[CST_CATEGORY_SLOTS];
    uint32_t receivable_account;                 /* claims on other parties */
    const char *receivable_account_name;
    uint32_t payable_account;                    /* debts to other parties */
    const char *payable_account_name;
    /* The counterparty of each transfer row as an object of this dimension;
     * 0: no objects. SIE reserves 1-19; 20 and above are free. */
    int counterparty_dimension;
    const char *counterparty_dimension_name;     /* "Motpart" */
    /* Object codes for counterparties; an organisation not listed gets its
     * organisation number. */
    const cst_sie_object_t *counterparty_objects;
    size_t n_counterparty_objects;
    /* The own operation of each cost row as an object (e.g. dimension 1,
     * Kostnadsställe); 0: none. Every operation needs an object then. */
    int operation_dimension;
    const char *operation_dimension_name;
    const cst_sie_object_t *operation_objects;
    size_t n_operation_objects;
    const char *voucher_series;  /* "A"; NULL or "": left to the importing system */
    uint32_t voucher_number;     /* 0: left to the importing system */
} cst_sie_accounts_t;

typedef struct {
    const char *program;   /* #PROGRAM name */
    const char *version;   /* #PROGRAM version */
    fc_date_t generated;   /* #GEN: passed in, so the same run gives the same bytes */
    const char *generated_by; /* #GEN signature; may be NULL */
} cst_sie_meta_t;

/* *out (owned, free()) holds *len bytes of CP437. FC_NOT_FOUND when the
 * organisation has no line in the run; FC_INVALID_ARGUMENT for a missing
 * account or object, or text that is not valid UTF-8. Characters CP437
 * lacks are transliterated by iconv ("–" becomes "-"). */
fc_status_t cst_sie_run(const cst_run_t *run, uint64_t organisation, const cst_sie_accounts_t *acc,
                        const cst_sie_meta_t *meta, char **out, size_t *len, cst_error_t *err);
fc_status_t cst_sie_correction(const cst_correction_t *corr, uint64_t organisation,
                               const cst_sie_accounts_t *acc, const cst_sie_meta_t *meta,
                               char **out, size_t *len, cst_error_t *err);

#endif
