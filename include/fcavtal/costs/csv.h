/* CSV for Swedish spreadsheets (docs/costs.md, "CSV"): UTF-8 with a BOM,
 * ';' between fields, CRLF line ends, RFC 4180 quoting where a field needs
 * it, amounts with a decimal comma and no thousands separator ("-1234,56"),
 * dates as YYYY-MM-DD. A text field that a spreadsheet would take for a
 * formula (starting with = + - @ or a tab) is prefixed with an apostrophe. */
#ifndef FCAVTAL_COSTS_CSV_H
#define FCAVTAL_COSTS_CSV_H

#include <stddef.h>

#include "fcavtal/costs/correction.h"
#include "fcavtal/costs/settlement.h"

typedef enum {
    CST_CSV_SHARES = 1,    /* one row per item and party: share, paid, net, rule */
    CST_CSV_BALANCES = 2,  /* one row per party: share, paid, balance */
    CST_CSV_TRANSFERS = 3  /* one row per transfer: payer, payee, amount */
} cst_csv_table_t;

/* *out (owned, free()) holds *len bytes; NULL and 0 on failure. */
fc_status_t cst_csv_run(const cst_run_t *run, cst_csv_table_t table, char **out, size_t *len,
                        cst_error_t *err);

typedef enum {
    CST_CSV_DIFFERENCES = 1,          /* one row per party: before, after, difference */
    CST_CSV_CORRECTION_TRANSFERS = 2  /* the transfers that settle the differences */
} cst_csv_correction_table_t;

fc_status_t cst_csv_correction(const cst_correction_t *corr, cst_csv_correction_table_t table,
                               char **out, size_t *len, cst_error_t *err);

#endif
