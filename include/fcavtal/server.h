/* The request/reply and event runtime every fcavtal service runs on.
 *
 * A ROUTER socket takes requests; a dispatch table indexed by the request's
 * oneof case (protobuf-c makes the case equal to the field number) names a
 * handler and whether it writes. For every request the loop checks size,
 * unpacks, routes, opens the transaction, calls the handler, commits and sends
 * exactly one reply that echoes the request id. Handlers hold only business
 * logic: they fill the reply body and return a status.
 *
 * Writes that arrive together are applied in one LMDB write transaction, each
 * in a nested transaction of its own (one bad request aborts only itself), and
 * committed with one fsync before any of their replies is sent: "done" means
 * durable, and many requests in flight share the cost of a sync.
 *
 * Mutations are idempotent by request id: the first successful reply is kept
 * and sent again for a retry, and nothing changes twice.
 *
 * Every change publishes an event carrying the next gapless sequence number,
 * kept in the "events" database (the audit trail) and sent on a PUB socket
 * after the commit. */
#ifndef FCAVTAL_SERVER_H
#define FCAVTAL_SERVER_H

#include <stddef.h>
#include <stdint.h>
#include <lmdb.h>
#include <protobuf-c/protobuf-c.h>
#include "fcavtal/config.h"
#include "fcavtal/date.h"
#include "fcavtal/status.h"
#include "fcavtal/store.h"

/* Databases a service may declare (the server adds "events" and "requests"). */
#define FC_SERVER_MAX_DBIS 24

typedef struct fc_server_t fc_server_t;
typedef struct fc_call_t fc_call_t;

typedef enum { FC_READ = 0, FC_WRITE = 1 } fc_access_t;

/* Fills `reply` (already initialised; every part it attaches must be
 * malloc-owned, as protobuf_c_message_unpack produces) and returns FC_OK or
 * an error status (usually through fc_call_fail). */
typedef fc_status_t (*fc_handler_fn)(fc_call_t *call, const ProtobufCMessage *request,
                                     ProtobufCMessage *reply);

typedef struct {
    fc_handler_fn handler;  /* NULL: no such method */
    fc_access_t access;
    const char *name;       /* for logs, e.g. "put_centre" */
} fc_route_t;

typedef struct {
    const char *name;                               /* "registry" */
    /* Request: string request_id = 1; string actor = 2; oneof body.
     * Reply: string request_id = 1; Status status = 2;
     *        repeated string warnings = 3; uint64 seq = 4; oneof body. */
    const ProtobufCMessageDescriptor *request_desc;
    const ProtobufCMessageDescriptor *reply_desc;
    const fc_route_t *routes;                       /* indexed by oneof case */
    size_t n_routes;
    const char *const *dbi_names;                   /* the service's own databases */
    size_t n_dbis;
    uint32_t schema_version;
} fc_service_def_t;

/* Opens the store and binds the sockets. NULL with a message in err. */
fc_server_t *fc_server_new(const fc_service_def_t *def, const fc_config_t *cfg, void *state,
                           char *err, size_t errlen);
/* Serves until SIGINT/SIGTERM. 0 on a clean stop. */
int fc_server_run(fc_server_t *self);
void fc_server_destroy(fc_server_t **self_p);
fc_store_t *fc_server_store(fc_server_t *self);

/* ---- what a handler may use ---- */
void *fc_call_state(fc_call_t *call);
fc_store_t *fc_call_store(fc_call_t *call);
MDB_txn *fc_call_txn(fc_call_t *call);
/* "curve:<z85 key>" when authenticated, else "local:<stated actor>". */
const char *fc_call_actor(fc_call_t *call);
const char *fc_call_request_id(fc_call_t *call);
/* The service's today: --today when configured (simulation), else the clock. */
fc_date_t fc_call_today(fc_call_t *call);
/* The events database (audit trail), keyed by big-endian sequence number. */
MDB_dbi fc_call_events_dbi(fc_call_t *call);

/* Sets the reply's status message and returns `status`. */
fc_status_t fc_call_fail(fc_call_t *call, fc_status_t status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Adds a field violation to the reply status (the handler still returns the
 * error code). */
void fc_call_violation(fc_call_t *call, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void fc_call_warning(fc_call_t *call, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Current and next event sequence number (inside this transaction). */
fc_status_t fc_call_seq(fc_call_t *call, uint64_t *seq);
fc_status_t fc_call_next_seq(fc_call_t *call, uint64_t *seq);
/* Records `event` (which carries `seq`) in the events database and queues it
 * for the PUB socket as [topic][payload] once the transaction commits. */
fc_status_t fc_call_publish(fc_call_t *call, const char *topic, uint64_t seq,
                            const ProtobufCMessage *event);

#endif
