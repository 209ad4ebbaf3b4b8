/* The registry's expire, driven by the deadlines: the day after an
 * agreement's end (on notify's today) an Expiry record is written in the
 * scheduler's transaction; after the commit notify calls the registry's
 * `expire` with fc_client_call_retry and a request id derived from the
 * agreement and the end ("notify-expire-7-2027-12-31"), so a retry, a
 * restart or a second notify can never expire twice; the result is
 * recorded. The registry publishes agreement.expired, which the read model
 * applies. */
#ifndef FCAVTAL_NOTIFY_EXPIRE_H
#define FCAVTAL_NOTIFY_EXPIRE_H

#include "notify.h"

#define XS(x) FCAVTAL__V1__EXPIRY_STATE__EXPIRY_STATE_##x

/* The end deadline d has passed: queue the registry's expire unless the
 * agreement is expired already or cannot expire. */
fc_status_t ntf_expiry_schedule(fc_call_t *call, const Deadline *d);
/* The registry says the agreement is expired: a pending expiry is done. */
fc_status_t ntf_expiry_settled(fc_call_t *call, uint64_t agreement_id);
/* Calls the registry for every pending expiry that is due and records the
 * answers. Runs outside any transaction (a timer). */
void ntf_expire_run(fc_server_t *server, ntf_t *ntf);

#endif
