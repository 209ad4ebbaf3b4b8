/* Typed access to the registry's records inside the call's transaction, and
 * the event every change publishes. */
#ifndef FC_REGISTRY_RECORDS_H
#define FC_REGISTRY_RECORDS_H

#include "registry.h"

/* Loads record `id` (owned by the caller) or answers NOT_FOUND naming it. */
fc_status_t reg_load(fc_call_t *call, int db, uint64_t id, const ProtobufCMessageDescriptor *desc,
                     ProtobufCMessage **out);
/* Like reg_load, but a missing record is a violation of `field`. */
fc_status_t reg_ref(fc_call_t *call, int db, uint64_t id, const ProtobufCMessageDescriptor *desc,
                    const char *field, ProtobufCMessage **out);
/* Record `id` (owned by the caller), or NULL when absent or unreadable; the
 * call is left untouched, for lookups whose absence is not an error. */
ProtobufCMessage *reg_find(fc_call_t *call, int db, uint64_t id,
                           const ProtobufCMessageDescriptor *desc);
/* True when record `id` exists. */
bool reg_exists(fc_call_t *call, int db, uint64_t id);
fc_status_t reg_store(fc_call_t *call, int db, uint64_t id, const ProtobufCMessage *msg);
fc_status_t reg_new_id(fc_call_t *call, int db, uint64_t *id);

/* Publishes "<entity>.<verb>" with the record after the change. */
fc_status_t reg_emit(fc_call_t *call, const char *action, const ProtobufCMessage *record);

/* Walks every record of a database in id order; fn returns non-zero to stop
 * (that value is returned). fn owns each record it is given. */
typedef int (*reg_visit_fn)(fc_call_t *call, ProtobufCMessage *record, void *arg);
int reg_scan(fc_call_t *call, int db, const ProtobufCMessageDescriptor *desc, reg_visit_fn fn,
             void *arg);

/* Collects the records that `keep` accepts into a repeated field (n, items):
 * the common body of every list request. */
typedef bool (*reg_keep_fn)(fc_call_t *call, const ProtobufCMessage *record, const void *filter);
fc_status_t reg_list(fc_call_t *call, int db, const ProtobufCMessageDescriptor *desc,
                     reg_keep_fn keep, const void *filter, size_t *n, void *items_field);

/* Appends an owned pointer to a protobuf repeated field (n, items). */
int reg_append(size_t *n, void *items_field, void *item);

#define REG_FAIL_OOM(call) fc_call_fail((call), FC_RESOURCE_EXHAUSTED, "out of memory")

#endif
