/* The runtime every fcavtal service runs on.
 *
 * One thread, one loop (loop.c): a ROUTER socket takes requests, a PUB socket
 * publishes events, and a service may add readers (other sockets) and timers
 * that run in the same thread. A dispatch table maps the request's oneof case
 * to a handler; for every request the runtime checks the wire bytes (size,
 * element counts, strings), unpacks, routes, opens the transaction, calls the
 * handler, commits and sends exactly one reply that echoes the request id.
 * Handlers hold only business logic: they fill the reply body and return a
 * status (call.h).
 *
 * Writes that arrive together are applied in one LMDB write transaction, each
 * in a nested transaction of its own (one bad request aborts only itself), and
 * committed with one fsync before any reply is sent: "done" means durable.
 * Mutations are idempotent by request id: the first successful reply is kept
 * (for --retention-days) and sent again for a retry.
 *
 * Work that no request started (a timer, a followed event) goes through the
 * same path with fc_server_transact: one write transaction, events with the
 * next sequence numbers, one commit, events published after it. Its audit
 * entries name the service as the actor ("service:<name>").
 *
 * Every service also answers audit, snapshot (paged), today and set_today
 * from the core, and publishes a heartbeat with its latest sequence number
 * about once a second when idle. */
#ifndef FCAVTAL_SERVER_H
#define FCAVTAL_SERVER_H

#include <czmq.h>
#include <stddef.h>
#include <stdint.h>
#include <lmdb.h>
#include <protobuf-c/protobuf-c.h>
#include "fcavtal/config.h"
#include "fcavtal/date.h"
#include "fcavtal/record.h"
#include "fcavtal/status.h"
#include "fcavtal/store.h"

typedef struct fc_server_t fc_server_t;
typedef struct fc_call_t fc_call_t;

typedef enum { FC_READ = 0, FC_WRITE = 1 } fc_access_t;

/* The runtime calls every handler through this type; FC_ROUTE checks at
 * compile time that the handler really takes the route's body and reply
 * types, so no entry can pair a handler with the wrong body. */
typedef fc_status_t (*fc_handler_fn)(fc_call_t *call, const void *body, void *reply);

typedef struct {
    uint32_t body_case;                         /* the request oneof case (field number) */
    fc_handler_fn handler;
    fc_access_t access;
    const char *name;                           /* for logs: "put_centre" */
    const ProtobufCMessageDescriptor *body_desc;/* checked against the oneof at start */
} fc_route_t;

/* A route entry: FC_ROUTE(CASE, handler, FC_WRITE, BodyType, body_descriptor, ReplyType).
 * The handler must be declared
 *     fc_status_t handler(fc_call_t *call, const BodyType *body, ReplyType *reply);
 * or the entry does not compile. */
#define FC_ROUTE(CASE, FN, ACCESS, BODY_T, BODY_DESC, REPLY_T)                                  \
    {                                                                                           \
        .body_case = (CASE),                                                                    \
        .handler = _Generic((FN), fc_status_t (*)(fc_call_t *, const BODY_T *, REPLY_T *)       \
                                  : (fc_handler_fn)(FN)),                                       \
        .access = (ACCESS), .name = #FN, .body_desc = &(BODY_DESC),                             \
    }

typedef struct {
    const char *name;                               /* "registry": topics, actor, logs */
    /* Request: string request_id = 1; string actor = 2; one oneof body holding
     *   the service's bodies and AuditQuery audit, SnapshotRequest snapshot,
     *   TodayRequest today, SetTodayRequest set_today.
     * Reply: string request_id = 1; Status status = 2; repeated string
     *   warnings = 3; uint64 seq = 4; one oneof body holding the service's
     *   bodies and <S>AuditLog audit, <S>SnapshotPage snapshot, Date today.
     * Event: uint64 seq = 1; int64 at_unix_ms = 2; string actor = 3;
     *   string request_id = 4; string action = 5; oneof entity with one
     *   member per record type.
     * fc_server_new checks all of it and refuses to start otherwise. */
    const ProtobufCMessageDescriptor *request_desc;
    const ProtobufCMessageDescriptor *reply_desc;
    const ProtobufCMessageDescriptor *event_desc;
    const fc_route_t *routes;
    size_t n_routes;
    const fc_record_def_t *records;                 /* record types, by index */
    size_t n_records;
    const char *const *dbi_names;                   /* plain databases, by index */
    size_t n_dbis;
    uint32_t schema_version;
} fc_service_def_t;

/* Opens the store and binds the sockets. NULL with a message in err. */
fc_server_t *fc_server_new(const fc_service_def_t *def, const fc_config_t *cfg, void *state,
                           char *err, size_t errlen);
/* Serves until SIGINT/SIGTERM (or a reader or timer returns -1). 0 on a
 * clean stop. */
int fc_server_run(fc_server_t *self);
void fc_server_destroy(fc_server_t **self_p);

const char *fc_server_name(const fc_server_t *self);
const fc_config_t *fc_server_config(const fc_server_t *self);
fc_store_t *fc_server_store(fc_server_t *self);
void *fc_server_state(fc_server_t *self);
/* The last committed event sequence number. */
uint64_t fc_server_seq(const fc_server_t *self);
/* The service's today: the simulated date (--today, moved by set_today
 * under --simulate), else the machine's local calendar date. */
fc_date_t fc_server_today(fc_server_t *self);

/* ---- more than requests: readers and timers in the same thread ---- */

/* Called when `sock` is readable. Return 0 to go on, -1 to stop the server. */
typedef int (*fc_reader_fn)(fc_server_t *server, zsock_t *sock, void *arg);
int fc_server_add_reader(fc_server_t *self, zsock_t *sock, fc_reader_fn fn, void *arg);
void fc_server_remove_reader(fc_server_t *self, zsock_t *sock);

/* Calls fn every delay_ms, `times` times (0: for ever). Returns a timer id
 * (>= 0) or -1. fn returns 0, or -1 to stop the server. */
typedef int (*fc_timer_fn)(fc_server_t *server, void *arg);
int fc_server_add_timer(fc_server_t *self, size_t delay_ms, size_t times, fc_timer_fn fn,
                        void *arg);
void fc_server_cancel_timer(fc_server_t *self, int timer_id);

/* Runs fn in a write transaction of its own, exactly like a mutation:
 * fc_call_emit gives events the next sequence numbers, the transaction is
 * committed once, and the events are published after the commit. The call's
 * actor is "service:<name>" and its request id is `what` (for the audit
 * trail). fn's status is returned (FC_OK only when committed); the reason of
 * a failure is logged and copied to msg (may be NULL). Must not be called
 * from inside a request handler. */
typedef fc_status_t (*fc_work_fn)(fc_call_t *call, void *arg);
fc_status_t fc_server_transact(fc_server_t *self, const char *what, fc_work_fn fn, void *arg,
                               char *msg, size_t msglen);

/* Runs fn in a read-only transaction (a consistent view of the store). */
fc_status_t fc_server_read(fc_server_t *self, fc_work_fn fn, void *arg, char *msg,
                           size_t msglen);

/* Runs one request payload through the whole request path without sockets
 * (fuzzing, in-process benchmarks): returns the packed reply (malloc-owned in
 * *reply) exactly as a client would receive it. 0, or -1 when no reply could
 * be made (out of memory). */
int fc_server_handle_payload(fc_server_t *self, const void *payload, size_t size,
                             uint8_t **reply, size_t *reply_size);

#endif
