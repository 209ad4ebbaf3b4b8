/* Computing and storing a run in the request's write transaction: its
 * centre pages while the centres are computed, then its ledger pages, its
 * header and the index of the centres it covers, and the event. Nothing is
 * visible before the transaction commits, and an error aborts it whole. */
#ifndef CST_RUN_SAVE_H
#define CST_RUN_SAVE_H

#include "compute.h"
#include "pages.h"

/* Computes `in` with its centre pages stored under run id `run`. */
fc_status_t cst__run_compute(fc_call_t *call, const cst__input_t *in, uint64_t run,
                             cst__computed_t *out);

/* Stores the ledger pages of `view`, fills the header's counts and stores
 * it with its covers, emits "run.created" and puts a summary in the reply.
 * Takes `hdr` (it ends in the reply). */
fc_status_t cst__run_save(fc_call_t *call, cst__run_pb_t *hdr, const cst__ledger_view_t *view,
                          cst__reply_t *rep);

/* A new header: id, kind, draft, period, centres, counts of the contents,
 * today, the request id, actor-independent fields. Malloc-owned. */
fc_status_t cst__run_header_new(fc_call_t *call, uint64_t id, Fcavtal__V1__RunKind kind,
                                const cst__input_t *in, const cst__computed_t *c,
                                const char *note, cst__run_pb_t **out);

/* Repeats a run's warnings on the reply. */
void cst__run_warn(fc_call_t *call, const cst__run_pb_t *hdr);

#endif
