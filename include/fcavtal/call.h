/* What a handler (or work run by fc_server_transact) may use: the service's
 * state, the transaction, who is acting, today, and the reply's status,
 * violations and warnings. Handlers never touch sockets, commits or
 * idempotency: the runtime does. */
#ifndef FCAVTAL_CALL_H
#define FCAVTAL_CALL_H

#include <stdbool.h>
#include <stdint.h>
#include <lmdb.h>
#include <protobuf-c/protobuf-c.h>
#include "fcavtal/date.h"
#include "fcavtal/server.h"
#include "fcavtal/status.h"

void *fc_call_state(fc_call_t *call);
fc_server_t *fc_call_server(fc_call_t *call);
fc_store_t *fc_call_store(fc_call_t *call);
MDB_txn *fc_call_txn(fc_call_t *call);
/* "curve:<z85 key>" when authenticated, "local:<stated actor>" in plain
 * mode, "service:<name>" for work no request started. */
const char *fc_call_actor(fc_call_t *call);
const char *fc_call_request_id(fc_call_t *call);
/* The service's today, taken once per batch. */
fc_date_t fc_call_today(fc_call_t *call);
/* True for work started by fc_server_transact (no client is waiting). */
bool fc_call_is_internal(const fc_call_t *call);

/* Sets the reply's status message and returns `status`. */
fc_status_t fc_call_fail(fc_call_t *call, fc_status_t status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* FC_RESOURCE_EXHAUSTED "out of memory". */
fc_status_t fc_call_oom(fc_call_t *call);
/* Adds a field violation to the reply status (the handler still returns the
 * error code). When memory runs out the detail is lost, and the reply's
 * message says that some were. */
void fc_call_violation(fc_call_t *call, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void fc_call_warning(fc_call_t *call, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The event sequence number as of this transaction. */
fc_status_t fc_call_seq(fc_call_t *call, uint64_t *seq);

/* Publishes a change of record `record` (of the service's record type
 * `type`): the event "<type name>.<verb>" gets the next sequence number, is
 * kept in the audit trail in this transaction, and is sent on the PUB socket
 * as "<service>.<type name>.<verb>" once the transaction commits. */
fc_status_t fc_call_emit(fc_call_t *call, int type, const char *verb,
                         const ProtobufCMessage *record);

#endif
