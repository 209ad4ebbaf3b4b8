/* Keeping the stored deadlines equal to what the engine says: whenever an
 * agreement's registry record changes (the follower's apply) or the horizon
 * moves on (the scheduler), the agreement's deadlines are computed again from
 * its term start to today + the horizon and compared by key with the stored
 * ones, in the caller's transaction: new ones are added with their reminder
 * plan, moot ones still ahead are cancelled (a recorded notice cancels the
 * later renewal deadlines and brings the end and the hand-over), changed
 * ones are updated. Past deadlines are history and stay as they were.
 * A centre's yearly documents are shared by its local agreements and are
 * compared over all of them together. */
#ifndef FCAVTAL_NOTIFY_RECOMPUTE_H
#define FCAVTAL_NOTIFY_RECOMPUTE_H

#include "notify.h"

/* `a` is the agreement as now stored; old_centre the centre it had before
 * (0: none or the same), whose yearly documents are compared again too. */
fc_status_t ntf_recompute_agreement(fc_call_t *call, ntf_t *ntf, const Agreement *a,
                                    uint64_t old_centre);
/* The same for the horizon moving on (the scheduler): only the window from a
 * year before today is computed. */
fc_status_t ntf_extend_horizon(fc_call_t *call, ntf_t *ntf, const Agreement *a);
fc_status_t ntf_recompute_centre(fc_call_t *call, ntf_t *ntf, uint64_t centre_id);

/* Agreements whose deadlines are computed only up to before `day` (the
 * horizon index), at most max: *ids owned. */
fc_status_t ntf_horizon_due(fc_call_t *call, fc_date_t day, size_t max, uint64_t **ids,
                            size_t *n);

#endif
