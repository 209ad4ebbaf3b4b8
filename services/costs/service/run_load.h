/* A stored run read back into the engine's types, so that exports,
 * explanations and corrections work on exactly the figures stored, never on
 * a recomputation. */
#ifndef CST_RUN_LOAD_H
#define CST_RUN_LOAD_H

#include "costs_service.h"
#include "fcavtal/costs/correction.h"
#include "fcavtal/costs/settlement.h"

/* The header record; "no run with id N" when absent. */
fc_status_t cst__run_header(fc_call_t *call, uint64_t id, cst__run_pb_t **out);
bool cst__run_has_contents(const cst__run_pb_t *h);

typedef struct {
    bool contents;            /* items and segments too (else the ledger only) */
    const uint64_t *centres;  /* contents of these centres only; NULL: all */
    size_t n_centres;
    uint64_t item_id;         /* contents of this item only; 0: all */
} cst__load_t;

/* The run as an engine run: a settlement as it is; a correction as its
 * revised run, with the organisations' differences and the transfers that
 * settle them. */
fc_status_t cst__run_load(fc_call_t *call, const cst__run_pb_t *h, const cst__load_t *what,
                          cst_run_t **out);
/* A correction run as the engine's correction (differences and lines). */
fc_status_t cst__run_load_correction(fc_call_t *call, const cst__run_pb_t *h,
                                     cst_correction_t **out);
/* Index of the centre in the header's (sorted) centre ids, or -1. */
ptrdiff_t cst__run_centre_index(const cst__run_pb_t *h, uint64_t centre);

#endif
