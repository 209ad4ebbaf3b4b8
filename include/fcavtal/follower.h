/* A follower keeps a service's own read model of another service's data
 * (the ZeroMQ Guide's Clone pattern), in the follower's own LMDB.
 *
 * It subscribes to the leader's events and asks the leader's request socket
 * for what it missed. On the first start it rebuilds from the leader's
 * snapshot, page by page (no long read transaction on the leader); then it
 * reads the leader's audit trail from the first page's sequence number on,
 * which brings the pages to one consistent state, and follows live events.
 * A gap in the sequence (an event or a heartbeat past the position) is
 * filled from the audit trail when it is small, and by a new rebuild when
 * it is large, the trail cannot fill it, or the leader's sequence went
 * backwards (a restored or replaced store).
 *
 * Every event is applied through fc_server_transact in the same write
 * transaction that records the position reached, so after a crash or a
 * restart the follower resumes exactly: no event applied twice, none
 * skipped. A rebuild interrupted by a crash resumes at its last page. */
#ifndef FCAVTAL_FOLLOWER_H
#define FCAVTAL_FOLLOWER_H

#include <stdbool.h>
#include <stdint.h>
#include <protobuf-c/protobuf-c.h>
#include "fcavtal/server.h"

typedef struct fc_follower_t fc_follower_t;

typedef struct {
    const char *name;                 /* the leader's service name: "registry" */
    const char *request_endpoint;     /* the leader's ROUTER */
    const char *publish_endpoint;     /* the leader's PUB */
    const char *server_key;           /* CURVE: the leader's public key (Z85); NULL: plain */
    const char *client_cert;          /* CURVE: this service's secret certificate */
    /* The leader's request, reply and event messages (fc_service_def_t
     * conventions, checked at start). */
    const ProtobufCMessageDescriptor *request_desc, *reply_desc, *event_desc;
    /* All three run inside the follower's write transaction; an error
     * aborts it (nothing is applied, the position does not move) and the
     * follower tries again later. */
    fc_status_t (*reset)(fc_call_t *call, void *arg);    /* drop the model: a rebuild starts */
    /* One event, or one record of a snapshot page (action "<type>.snapshot",
     * seq 0). Records are whole: apply puts them, it never merges. */
    fc_status_t (*apply)(fc_call_t *call, const ProtobufCMessage *event, void *arg);
    fc_status_t (*synced)(fc_call_t *call, void *arg);   /* optional: a rebuild completed */
    void *arg;
    uint32_t page_records;            /* snapshot page size; 0: 1000 */
    uint64_t gap_fill_max;            /* larger gaps rebuild; 0: 10000 */
    int timeout_ms;                   /* per request to the leader; 0: 3000 */
} fc_follower_def_t;

typedef struct {
    uint64_t position;                /* last leader event applied */
    uint64_t leader_seq;              /* latest the leader announced */
    bool live;                        /* caught up and following events */
    unsigned rebuilds, gaps_filled;   /* since start */
} fc_follower_stats_t;

/* Adds the follower's sockets and timers to the server's loop and starts
 * (resumes) following. NULL with the reason in err. */
fc_follower_t *fc_follower_new(fc_server_t *server, const fc_follower_def_t *def, char *err,
                               size_t errlen);
void fc_follower_destroy(fc_follower_t **self_p);
fc_follower_stats_t fc_follower_stats(const fc_follower_t *self);

#endif
