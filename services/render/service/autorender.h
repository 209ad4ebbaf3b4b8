/* Automatic renderings: when the follower sees an agreement version reach
 * out-for-signature or active, the version is queued (DB_AUTO_QUEUE) in
 * the same transaction that applies the event, so it is queued exactly
 * once across crashes. A timer renders queued versions one per
 * transaction through fc_server_transact, once the read model is live:
 * the rendering, its event and the removal from the queue commit together.
 * The case-management system so gets "render.rendering.created" without
 * asking; a final document the data cannot fill yet gives
 * "render.refusal.created" with what is missing. */
#ifndef RSV_AUTORENDER_H
#define RSV_AUTORENDER_H

#include "service.h"

/* Queues a version when it is one to render (local or use-right, out for
 * signature or active) and automatic renderings are on. */
fc_status_t rsv_auto_enqueue(fc_call_t *call, const DocAgreement *a);
/* How many versions wait. */
fc_status_t rsv_auto_pending(fc_call_t *call, size_t *n);
/* Adds the timer that works the queue. 0 or -1. */
int rsv_auto_start(fc_server_t *server, rsv_state_t *state);

#endif
