/* The runtime's private state, shared by the files that make up the server:
 * setup.c (creating, destroying), server.c (internal work, today), loop.c
 * (requests, readers and timers in one thread), batch.c (taking
 * and processing requests), reply.c (building and sending replies),
 * idempotency.c (request records), events.c (emission, publishing,
 * heartbeat), record.c (record tables), builtin.c (audit, snapshot, today). */
#ifndef FC_CORE_RUNTIME_H
#define FC_CORE_RUNTIME_H

#include <czmq.h>
#include <stdbool.h>
#include <stddef.h>

#include "envelope.h"
#include "fcavtal/call.h"
#include "fcavtal/server.h"
#include "fcavtal/v1/common.pb-c.h"

/* Longest request id (an LMDB key is at most 511 bytes; ids are UUIDs). */
#define FC_REQUEST_ID_MAX 128
#define FC_DIGEST_SIZE 20
#define FC_CALL_ARENA 4096
#define FC_REPLY_ARENA 4096

/* Core databases after the service's own. */
enum { CORE_EVENTS, CORE_EVENTS_BY_RECORD, CORE_REQUESTS, CORE_REQUESTS_BY_TIME, CORE_DB_COUNT };

typedef struct {
    MDB_dbi primary;
    MDB_dbi *indexes;          /* n_indexes */
    const ProtobufCFieldDescriptor *id_field;
    const ProtobufCFieldDescriptor *event_member;   /* the event's oneof member */
} fc_record_rt_t;

/* Whether p lies in the n bytes at base (one of a call's arenas). */
static inline bool fc__within(const void *base, size_t n, const void *p)
{
    return (const char *)p >= (const char *)base && (const char *)p < (const char *)base + n;
}

struct fc_call_t {
    fc_server_t *server;
    MDB_txn *txn;
    fc_date_t today;
    bool internal;
    /* The frames as libzmq gave them: a zframe_t each would cost a calloc
     * and a free per frame, three times per request. */
    zmq_msg_t identity;         /* ROUTER routing id, when has_identity */
    bool has_identity;
    bool delimited;             /* request came as [empty][payload] */
    bool replayed;              /* answered from the idempotency record */
    bool replay_uncommitted;    /* ... written earlier in this same batch */
    bool remembered;            /* its reply was recorded in this batch */
    bool emergency;             /* no reply could be built: send the fallback */
    bool lost_detail;           /* a violation or warning was lost (memory) */
    zmq_msg_t payload;          /* when has_payload */
    bool has_payload;
    ProtobufCMessage *request;  /* unpacked with the allocator below, owned */
    const void *body;           /* the oneof member the route handles */
    const fc_route_t *route;
    /* Requests are small: unpacking them into a per-call bump arena spares a
     * malloc/free pair per field. Larger parts fall back to malloc, within
     * the --request-memory-mb budget. */
    ProtobufCAllocator allocator;
    size_t arena_used;
    size_t heap_used;
    size_t heap_budget;
#ifndef NDEBUG
    /* Heap parts of the request, so a reply that points into the request's
     * memory is caught before it is packed (ownership.c). */
    void **heap_parts;
    size_t n_heap_parts, cap_heap_parts;
    bool freeing_request;
#endif
    char request_id[FC_REQUEST_ID_MAX + 1];
    char actor[128];
    char message[512];
    Fcavtal__V1__Status *status;   /* violations collect here */
    char **warnings;
    size_t n_warnings;
    zlist_t *events;            /* zmsg_t [topic][payload], sent after commit */
    zframe_t *reply;            /* packed reply */
    /* fc_record_reply: the body as stored, in the transaction's pages. */
    const void *stored_body;
    size_t stored_size;
    uint32_t stored_case;
    /* The reply being built takes its parts from a second bump arena, then
     * from the heap; it is freed with this allocator, which gives arena
     * parts back at reset and heap parts (a handler's malloc) to free(). A
     * small get then builds and frees its reply without the heap. */
    ProtobufCAllocator reply_allocator;
    size_t reply_used;
    /* Last, so that clearing the call is one memset up to here. */
    max_align_t arena[FC_CALL_ARENA / sizeof(max_align_t)];
    max_align_t reply_arena[FC_REPLY_ARENA / sizeof(max_align_t)];
};

struct fc_server_t {
    const fc_service_def_t *def;
    const fc_config_t *cfg;
    void *state;
    fc_envelope_t env;
    fc_store_t *store;
    MDB_dbi core_dbi[CORE_DB_COUNT];
    fc_record_rt_t *records;    /* def->n_records */
    const fc_route_t **by_case; /* routes indexed by request body case */
    size_t n_cases;
    fc_route_t builtin[4];
    MDB_txn *read_txn;          /* reset between batches, renewed on use */
    uint64_t seq;               /* event sequence as last committed */
    bool in_batch;
    unsigned probe_skips;       /* batch.c: reads taken alone before looking again */
    bool has_sim_today;
    fc_date_t sim_today;        /* set_today under --simulate, persisted */
    time_t clock_second;        /* fc_server_today's cache of the clock's date */
    fc_date_t clock_today;
    zsock_t *router;
    void *router_handle;        /* its libzmq socket, for frame sends */
    zsock_t *pub;
    zactor_t *auth;
    zlist_t *readers, *timers;  /* loop.c */
    int last_timer;
    fc_call_t *calls;           /* one per request of a batch */
    size_t n_calls;
    fc_call_t internal;         /* work started by fc_server_transact */
    zlist_t *outbox;            /* events to publish after the commit */
    int64_t last_publish_ms;
    uint64_t replies_dropped;   /* client not reading: its reply queue was full */
    /* A reply built without the heap, for when memory runs out. */
    ProtobufCMessage *fallback;
    Fcavtal__V1__Status fallback_status;
    uint8_t fallback_buf[FC_REQUEST_ID_MAX + 512];
};

/* ---- loop.c ---- */
/* Serves requests, readers and timers until interrupted; -1 when a reader
 * or timer asked to stop. */
int fc__loop(fc_server_t *self);
void fc__loop_free(fc_server_t *self);

/* ---- call.c ---- */
void fc__call_init(fc_call_t *call, fc_server_t *server);
void fc__call_reset(fc_call_t *call);
void fc__call_free(fc_call_t *call);

/* ---- batch.c ---- */
/* Waits up to wait_ms (-1: for ever, 0: not at all) for a request, takes
 * every request waiting (within the batch bounds), processes them and
 * replies. 0, or -1 when the loop should stop. */
int fc__serve_batch(fc_server_t *self, int wait_ms);
/* Checks and unpacks call->payload and routes it; on failure leaves an
 * error reply in the call. */
void fc__intake(fc_server_t *self, fc_call_t *call);
/* Processes calls[0..n) as one batch (one transaction when any writes). */
void fc__process(fc_server_t *self, fc_call_t *calls, size_t n);
MDB_txn *fc__read_txn(fc_server_t *self);

/* ---- reply.c ---- */
/* Packs `reply` (status from the call) into call->reply and frees it; on
 * failure marks the call for the fallback reply. 0 or -1. */
int fc__pack_reply(fc_call_t *call, ProtobufCMessage *reply, fc_status_t code, uint64_t seq);
/* A reply carrying only a status, for requests that never reached a handler
 * or whose change could not be saved. */
void fc__error_reply(fc_call_t *call, fc_status_t code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void fc__send_reply(fc_server_t *self, fc_call_t *call);
int fc__fallback_init(fc_server_t *self);

/* ---- ownership.c ---- */
/* The first field of reply that points into the request's memory, or NULL
 * (debug builds; release builds always NULL). */
const char *fc__reply_borrows(const fc_call_t *call, const ProtobufCMessage *reply);
/* Cuts every such pointer out of reply, so that freeing it frees only what
 * the reply owns (debug builds). */
void fc__reply_sever(const fc_call_t *call, ProtobufCMessage *reply);

/* ---- idempotency.c ---- */
/* 1 answered from the record, 0 new, -1 error (reply set). */
int fc__replay(fc_server_t *self, fc_call_t *call, MDB_txn *txn,
               const uint8_t hash[FC_DIGEST_SIZE]);
fc_status_t fc__remember(fc_server_t *self, fc_call_t *call, MDB_txn *txn,
                         const uint8_t hash[FC_DIGEST_SIZE]);
void fc__digest(const void *data, size_t size, uint8_t out[FC_DIGEST_SIZE]);
/* Removes records older than the retention, at most `max` of them. */
fc_status_t fc__purge_requests(fc_call_t *call, int64_t now_ms, size_t max, size_t *removed);
int64_t fc__now_ms(void);

/* ---- events.c ---- */
void fc__publish_outbox(fc_server_t *self);
void fc__discard_events(zlist_t *events);
int fc__heartbeat(fc_server_t *self);

/* ---- record.c ---- */
int fc__records_bind(fc_server_t *self, size_t first_dbi, char *err, size_t errlen);
void fc__records_free(fc_server_t *self);
/* Databases the records need, appended to dbs from *n (capacity cap). */
int fc__records_dbs(const fc_service_def_t *def, fc_store_db_t *dbs, size_t *n, size_t cap);

/* ---- builtin.c ---- */
int fc__builtin_routes(fc_server_t *self, char *err, size_t errlen);

#endif
