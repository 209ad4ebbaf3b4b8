/* One request's passage through the server: what the handler sees. */
#ifndef FC_CORE_CALL_H
#define FC_CORE_CALL_H

#include <czmq.h>
#include "fcavtal/server.h"
#include "fcavtal/v1/common.pb-c.h"

#include <stddef.h>

#define FC_CALL_ARENA 4096

struct fc_call_t {
    fc_server_t *server;
    void *state;
    MDB_txn *txn;
    fc_date_t today;
    MDB_dbi events_dbi;
    zframe_t *identity;         /* ROUTER routing id */
    bool delimited;             /* request came as [empty][payload] */
    bool replayed;              /* answered from the idempotency record */
    zframe_t *payload;
    ProtobufCMessage *request;  /* unpacked into the arena below, owned */
    /* Requests are small: unpacking them into a per-call bump arena spares a
     * malloc/free pair per field. Larger parts fall back to malloc. */
    ProtobufCAllocator allocator;
    size_t arena_used;
    max_align_t arena[FC_CALL_ARENA / sizeof(max_align_t)];
    const fc_route_t *route;
    char actor[128];
    char message[512];
    Fcavtal__V1__Status *status;   /* violations collect here */
    char **warnings;
    size_t n_warnings;
    zlist_t *events;            /* zmsg_t [topic][payload], sent after commit */
    zframe_t *reply;            /* packed reply */
};

void fc_call_reset(fc_call_t *call);
/* Sets up call->allocator over the call's arena (once, at start). */
void fc_call_init_allocator(fc_call_t *call);
/* Moves the status, message and warnings into `reply` and sets its code. */
int fc_call_finish_reply(fc_call_t *call, ProtobufCMessage *reply, fc_status_t code);

#endif
