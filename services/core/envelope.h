/* Reflection over a service's request and reply envelopes, so one server loop
 * serves every service: the fixed fields (request_id, actor, status, warnings,
 * seq) and the body oneof are located by name once, at start. */
#ifndef FC_CORE_ENVELOPE_H
#define FC_CORE_ENVELOPE_H

#include <stdint.h>
#include <protobuf-c/protobuf-c.h>
#include "fcavtal/v1/common.pb-c.h"

typedef struct {
    const ProtobufCMessageDescriptor *request_desc;
    const ProtobufCMessageDescriptor *reply_desc;
    unsigned req_id_offset;
    unsigned req_actor_offset;
    unsigned req_case_offset;     /* the oneof's case field */
    unsigned rep_id_offset;
    unsigned rep_status_offset;
    unsigned rep_warnings_offset;
    unsigned rep_n_warnings_offset;
    unsigned rep_seq_offset;
} fc_envelope_t;

/* 0, or -1 when the descriptors lack the envelope fields (a build error). */
int fc_envelope_init(fc_envelope_t *env, const ProtobufCMessageDescriptor *request_desc,
                     const ProtobufCMessageDescriptor *reply_desc);

const char *fc_envelope_request_id(const fc_envelope_t *env, const ProtobufCMessage *req);
const char *fc_envelope_actor(const fc_envelope_t *env, const ProtobufCMessage *req);
uint32_t fc_envelope_case(const fc_envelope_t *env, const ProtobufCMessage *req);

/* A new, initialised reply; every part malloc-owned. NULL when out of memory. */
ProtobufCMessage *fc_envelope_reply_new(const fc_envelope_t *env);
/* Setters take ownership of nothing: they copy. 0 or -1 (out of memory). */
int fc_envelope_set_request_id(const fc_envelope_t *env, ProtobufCMessage *rep, const char *id);
void fc_envelope_set_status(const fc_envelope_t *env, ProtobufCMessage *rep,
                            Fcavtal__V1__Status *status);   /* takes ownership */
void fc_envelope_set_warnings(const fc_envelope_t *env, ProtobufCMessage *rep, char **warnings,
                              size_t n);                     /* takes ownership */
void fc_envelope_set_seq(const fc_envelope_t *env, ProtobufCMessage *rep, uint64_t seq);
/* Drops whatever body a failed handler attached: an error reply has none. */
void fc_envelope_clear_body(const fc_envelope_t *env, ProtobufCMessage *rep);

#endif
