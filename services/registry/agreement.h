#ifndef FC_REGISTRY_AGREEMENT_H
#define FC_REGISTRY_AGREEMENT_H

#include "registry.h"

typedef Fcavtal__V1__Agreement Agreement;

/* Checks everything a stored agreement must satisfy (kind, parties, term,
 * centre covered by the framework, ...), adding violations under `path` and
 * warnings. FC_OK or the error. */
fc_status_t reg_agreement_check(fc_call_t *call, Agreement *a, const char *path);

/* Stores `a` as its current state and as version a->version in the history,
 * then publishes "agreement.<verb>". */
fc_status_t reg_agreement_commit(fc_call_t *call, Agreement *a, const char *verb);

/* Sets a->current_end: the end in force on the service's today after
 * automatic renewals (computed on read, never stored). */
void reg_agreement_fill_current_end(fc_call_t *call, Agreement *a);

/* Loads the current agreement `id` for a change, attaching it to the reply. */
fc_status_t reg_agreement_for_change(fc_call_t *call, Rep *rep, uint64_t id, Agreement **out);

/* For agreements loaded as history (import): checks the recorded signatures
 * and notice against the parties and term and sets the status they imply:
 * draft (no signatures), out for signature (some), active (all), under notice
 * (all, plus a notice received). */
fc_status_t reg_agreement_derive_status(fc_call_t *call, Agreement *a, const char *path);
#endif
