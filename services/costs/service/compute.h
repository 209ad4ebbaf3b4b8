/* Computing a run centre by centre: each centre's engine run is
 * independent of the others (its items, parties and rules are its own), so
 * centres are computed on worker threads, each packed into its page as it
 * is done, and only the ledgers are merged: party lines summed by
 * operation, organisations netted, transfers planned over the whole run
 * with the engine's planner. The result equals one engine run over all
 * centres (tests/costs/test_service_compute.c proves it). */
#ifndef CST_COMPUTE_H
#define CST_COMPUTE_H

#include "input.h"

/* Receives centre i's page in centre order, on the calling thread (where
 * the LMDB transaction lives). Not called after a failure. */
typedef fc_status_t (*cst__page_sink_fn)(void *arg, size_t centre, const uint8_t *page,
                                         size_t len);

typedef struct {
    /* The run without items and segments: centres, ledger, warnings. */
    cst_run_t *run;
    /* Per party of run->ledger, the centres it takes part in. */
    uint64_t **party_centres;
    size_t *n_party_centres;
    size_t n_items, n_segments;
    int64_t total;  /* öre accrued on the run's days, all items */
} cst__computed_t;

/* threads <= 1: everything on the calling thread. On failure *err says
 * why; the centre at fault is named in its message. */
fc_status_t cst__compute(const cst__input_t *in, int threads, cst__page_sink_fn sink, void *arg,
                         cst__computed_t *out, cst_error_t *err);
void cst__computed_clear(cst__computed_t *c);

#endif
