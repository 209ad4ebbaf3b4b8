/* Fields of any service's messages, found by name: every service follows
 * the same conventions (docs/protocol.md: request_id, actor, status,
 * warnings, one oneof body; events with seq, actor, action and one oneof
 * entity), so the commands every service has need no code per service. */
#ifndef FC_CLI_REFLECT_H
#define FC_CLI_REFLECT_H

#include <protobuf-c/protobuf-c.h>
#include <stdint.h>

#include "fcavtal/v1/common.pb-c.h"

/* The field called name, or NULL. */
const ProtobufCFieldDescriptor *cli_field(const ProtobufCMessageDescriptor *d, const char *name);

/* The member set in msg's oneof (its body or entity), or NULL. */
const ProtobufCFieldDescriptor *cli_oneof_set(const ProtobufCMessage *msg);

/* The message in field `name` when it is set (for a oneof member: when it
 * is the one set), else NULL. */
const ProtobufCMessage *cli_get_msg(const ProtobufCMessage *msg, const char *name);
/* Scalars of field `name`; 0 or "" when the message has no such field. */
uint64_t cli_get_u64(const ProtobufCMessage *msg, const char *name);
int64_t cli_get_i64(const ProtobufCMessage *msg, const char *name);
uint32_t cli_get_u32(const ProtobufCMessage *msg, const char *name);
const char *cli_get_str(const ProtobufCMessage *msg, const char *name);
/* A repeated field: its count, and in *items its array (NULL when none). */
size_t cli_get_repeated(const ProtobufCMessage *msg, const char *name, void **items);

/* Sets uint64 field `name`; 0, or -1 when there is no such field. */
int cli_set_u64(ProtobufCMessage *msg, const char *name, uint64_t value);

/* A new request of type `desc` whose oneof member `member` holds body
 * (owned by the request from then on, also when NULL is returned: it is
 * freed). NULL when out of memory or desc has no such member of body's type. */
ProtobufCMessage *cli_request_with(const ProtobufCMessageDescriptor *desc, const char *member,
                                   ProtobufCMessage *body);

/* A reply's status (NULL when absent: success). */
const Fcavtal__V1__Status *cli_reply_status(const ProtobufCMessage *reply);

#endif
