/* Following the registry (the core follower, docs/render.md "Service"):
 * each organisation, operation, centre and agreement event becomes this
 * service's own record, every agreement version is kept, and a version
 * that reaches out-for-signature or active is queued to be rendered
 * automatically (autorender.c). */
#ifndef RSV_FOLLOW_H
#define RSV_FOLLOW_H

#include "service.h"

typedef struct {
    const char *request_endpoint;   /* the leader's ROUTER */
    const char *publish_endpoint;   /* the leader's PUB */
    const char *server_key;         /* CURVE: the leader's public key; NULL: plain */
    const char *client_cert;
} rsv_follow_opts_t;

/* Starts following; NULL with the reason in err. */
fc_follower_t *rsv_follow_start(fc_server_t *server, rsv_state_t *state,
                                const rsv_follow_opts_t *opts, char *err, size_t errlen);

/* Following the costs service (follow_costs.c): each centre_settlement
 * it publishes when a run is finalised becomes a record of this service,
 * which the financing section reads (costs.h). opts name the costs
 * service's endpoints. */
fc_follower_t *rsv_follow_costs_start(fc_server_t *server, rsv_state_t *state,
                                      const rsv_follow_opts_t *opts, char *err, size_t errlen);

/* Deletes every record of a read-model type (a follower's reset). */
fc_status_t rsv_drop_records(fc_call_t *call, int type);

/* True when every followed service's read model is caught up. */
bool rsv_read_model_live(const rsv_state_t *state);

/* The follower's callbacks (exposed for tests of the read model). */
fc_status_t rsv_follow_reset(fc_call_t *call, void *arg);
fc_status_t rsv_follow_apply(fc_call_t *call, const ProtobufCMessage *event, void *arg);

#endif
