/* Agreement lifecycle: draft -> out for signature -> active ->
 * under notice / terminated -> expired. Anything else is refused. */
#ifndef FC_REGISTRY_LIFECYCLE_H
#define FC_REGISTRY_LIFECYCLE_H

#include <stdbool.h>
#include "fcavtal/v1/registry.pb-c.h"

/* True when an agreement may move from `from` to `to`. The legal moves:
 *   DRAFT -> OUT_FOR_SIGNATURE          (sent for signature)
 *   OUT_FOR_SIGNATURE -> DRAFT          (withdrawn for changes)
 *   OUT_FOR_SIGNATURE -> ACTIVE         (every party has signed)
 *   ACTIVE -> UNDER_NOTICE              (notice of termination received)
 *   ACTIVE -> TERMINATED                (terminated by agreement, effective date)
 *   UNDER_NOTICE -> TERMINATED
 *   ACTIVE, UNDER_NOTICE, TERMINATED -> EXPIRED   (end date passed)
 * Nothing leaves EXPIRED; UNSPECIFIED is never a legal source or target. */
bool fc_lifecycle_allowed(Fcavtal__V1__AgreementStatus from, Fcavtal__V1__AgreementStatus to);

/* "draft", "out for signature", "active", "under notice", "terminated",
 * "expired", "unspecified". */
const char *fc_lifecycle_name(Fcavtal__V1__AgreementStatus status);

#endif
