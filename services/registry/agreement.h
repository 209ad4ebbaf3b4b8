#ifndef FC_REGISTRY_AGREEMENT_H
#define FC_REGISTRY_AGREEMENT_H

#include "fcavtal/deadline.h"
#include "registry.h"

typedef Fcavtal__V1__Agreement Agreement;

/* Checks everything a stored agreement must satisfy (kind, parties, term,
 * centre covered by the framework, ...), adding violations under `path` and
 * warnings. FC_OK or the error. */
fc_status_t reg_agreement_check(fc_call_t *call, Agreement *a, const char *path);

/* Stores `a` as its current state and as version a->version in the history,
 * then publishes "agreement.<verb>". */
fc_status_t reg_agreement_commit(fc_call_t *call, Agreement *a, const char *verb);

/* Sets a->current_end and a->current_end_reason: the last day the agreement
 * runs as of the service's today, by its status (renewals, notice,
 * termination; fc_agreement_end_in_force), and why. Computed for every
 * reply, never stored. Also gives a stored notice its effective_reason when
 * it has none. */
void reg_agreement_fill_current_end(fc_call_t *call, Agreement *a);
/* Frees and clears current_end and current_end_reason. */
void reg_agreement_drop_current_end(Agreement *a);

/* The domain's view of a stored agreement (strings borrowed from `a`; no
 * parties: the registry's date rules do not need them). */
/* The end in force of a stored agreement on `today`, by the domain's rules:
 * an effective_end is trusted only where terminate sets it. */
fc_status_t reg_agreement_end(const Agreement *a, fc_date_t today, bool *has_end, fc_date_t *end,
                              fc_reason_t *why);

/* The day a notice received on `received` takes effect under a's term, and
 * why (fc_term_notice_effective). */
fc_status_t reg_agreement_notice_effective(const Agreement *a, fc_date_t received,
                                           fc_date_t *effective, fc_reason_t *why);

/* What the registry itself sets on the record a put or amend stores. */
typedef struct {
    bool amending;
    Fcavtal__V1__AgreementStatus status;
    uint32_t version;
} reg_computed_t;

/* Takes a client's agreement for put (current: the stored draft, or NULL
 * on create) or amend (current: the version amended): refuses changed
 * signatures or notice (and in an amendment a changed id or kind), warns
 * about each computed field whose value differs from the registry's
 * (status, version, effective_end, approved_by, current_end,
 * current_end_reason), then resets those fields to current's. */
fc_status_t reg_agreement_take_input(fc_call_t *call, Agreement *given, const Agreement *current,
                                     const char *path, const reg_computed_t *result);
/* reg_agreement_take_input for an amendment of `cur` (paths amend.agreement.…). */
fc_status_t reg_agreement_take_amendment(fc_call_t *call, Agreement *next, const Agreement *cur);

/* Loads the current agreement `id` for a change, attaching it to the reply. */
fc_status_t reg_agreement_for_change(fc_call_t *call, Rep *rep, uint64_t id, Agreement **out);

/* For agreements loaded as history (import): checks the recorded signatures
 * and notice against the parties and term and sets the status they imply:
 * draft (no signatures), out for signature (some), active (all), under notice
 * (all, plus a notice received). */
fc_status_t reg_agreement_derive_status(fc_call_t *call, Agreement *a, const char *path);
#endif
