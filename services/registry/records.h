/* The registry's records inside the call's transaction: thin helpers over
 * the core's record tables that phrase failures for the reply. */
#ifndef FC_REGISTRY_RECORDS_H
#define FC_REGISTRY_RECORDS_H

#include "registry.h"

/* Loads record `id` of `type` (owned by the caller); a missing record is a
 * violation of `field` (INVALID_ARGUMENT "unknown organisation 7"). */
fc_status_t reg_ref(fc_call_t *call, int type, uint64_t id, const char *field,
                    ProtobufCMessage **out);
/* FC_OK when record `id` exists; a violation of `field` when it does not. */
fc_status_t reg_require(fc_call_t *call, int type, uint64_t id, const char *field);

/* Appends an owned pointer to a protobuf repeated field (n, items). */
int reg_append(size_t *n, void *items_field, void *item);

/* A refusal for a repeated field past its limit. */
fc_status_t reg_too_many(fc_call_t *call, const char *field, size_t n, size_t max);
/* FC_OK when `path.name` holds at most `max` items, else reg_too_many. */
fc_status_t reg_check_count(fc_call_t *call, const char *path, const char *name, size_t n,
                            size_t max);

#define REG_FAIL_OOM(call) fc_call_oom(call)

#endif
