/* Reflection over a service's request, reply and event messages, so one
 * runtime serves every service: the fixed fields (request_id, actor, status,
 * warnings, seq; an event's seq, time, actor, request id and action), the
 * body oneofs and the members the core answers itself (audit, snapshot,
 * today, set_today) are located by name once, at start, and checked. */
#ifndef FC_CORE_ENVELOPE_H
#define FC_CORE_ENVELOPE_H

#include <stddef.h>
#include <stdint.h>
#include <protobuf-c/protobuf-c.h>
#include "fcavtal/v1/common.pb-c.h"

typedef const ProtobufCFieldDescriptor *fc_field_t;

typedef struct {
    const ProtobufCMessageDescriptor *request_desc, *reply_desc, *event_desc;
    unsigned req_id, req_actor, req_case;          /* offsets */
    unsigned rep_id, rep_status, rep_warnings, rep_n_warnings, rep_seq, rep_case;
    unsigned ev_seq, ev_at, ev_actor, ev_request_id, ev_action, ev_case;
    fc_field_t req_audit, req_snapshot, req_today, req_set_today;
    fc_field_t rep_audit, rep_snapshot, rep_today;
    fc_field_t audit_events, audit_next;           /* in the audit reply body */
    fc_field_t snap_seq, snap_records, snap_cursor;/* in the snapshot reply body */
} fc_envelope_t;

/* 0, or -1 with what is missing or wrong in err. */
int fc_envelope_init(fc_envelope_t *env, const ProtobufCMessageDescriptor *request_desc,
                     const ProtobufCMessageDescriptor *reply_desc,
                     const ProtobufCMessageDescriptor *event_desc, char *err, size_t errlen);

const char *fc_envelope_request_id(const fc_envelope_t *env, const ProtobufCMessage *req);
const char *fc_envelope_actor(const fc_envelope_t *env, const ProtobufCMessage *req);
uint32_t fc_envelope_case(const fc_envelope_t *env, const ProtobufCMessage *req);
/* The request's body oneof member for `which`, or NULL when no such case. */
fc_field_t fc_envelope_body_field(const fc_envelope_t *env, uint32_t which);
/* The reply's body member `which` (a message), or NULL when it is none. */
fc_field_t fc_envelope_reply_field(const fc_envelope_t *env, uint32_t which);
/* The message the request's body holds (may be NULL for an empty message). */
const void *fc_envelope_body(const ProtobufCMessage *req, fc_field_t field);
/* The event's entity member that holds messages of type desc, or NULL. */
fc_field_t fc_envelope_event_member(const fc_envelope_t *env,
                                    const ProtobufCMessageDescriptor *desc);

/* A new, initialised message of `desc`; every part malloc-owned. NULL when
 * out of memory. */
ProtobufCMessage *fc_pb_new(const ProtobufCMessageDescriptor *desc);
/* The same from allocator `a` (NULL: the heap). */
ProtobufCMessage *fc_pb_new_in(const ProtobufCMessageDescriptor *desc, ProtobufCAllocator *a);
#define fc_envelope_reply_new(env, a) fc_pb_new_in((env)->reply_desc, (a))
/* A reply's parts come from allocator `a` (NULL: the heap) and go back to it.
 * Setters copy strings; 0 or -1 (out of memory). */
int fc_envelope_set_request_id(const fc_envelope_t *env, ProtobufCMessage *rep, const char *id,
                               ProtobufCAllocator *a);
void fc_envelope_set_status(const fc_envelope_t *env, ProtobufCMessage *rep,
                            Fcavtal__V1__Status *status, ProtobufCAllocator *a);   /* takes ownership */
void fc_envelope_set_warnings(const fc_envelope_t *env, ProtobufCMessage *rep, char **warnings,
                              size_t n);                     /* takes ownership */
void fc_envelope_set_seq(const fc_envelope_t *env, ProtobufCMessage *rep, uint64_t seq);
/* Sets oneof member `field` of msg to `value` (ownership passes to msg). */
void fc_pb_set_oneof(ProtobufCMessage *msg, fc_field_t field, void *value);
/* Drops whatever body a failed handler attached: an error reply has none. */
void fc_envelope_clear_body(const fc_envelope_t *env, ProtobufCMessage *rep, ProtobufCAllocator *a);

/* Fills event's fixed fields; the strings are borrowed, not copied. */
void fc_envelope_event_fill(const fc_envelope_t *env, ProtobufCMessage *event, uint64_t seq,
                            int64_t at_ms, const char *actor, const char *request_id,
                            const char *action);
uint64_t fc_envelope_event_seq(const fc_envelope_t *env, const ProtobufCMessage *event);
const char *fc_envelope_event_action(const fc_envelope_t *env, const ProtobufCMessage *event);
/* The record an event carries (NULL when none) and its member. */
const ProtobufCMessage *fc_envelope_event_record(const fc_envelope_t *env,
                                                 const ProtobufCMessage *event, fc_field_t *member);

/* Appends an owned pointer to a repeated message field of msg. 0 or -1. */
int fc_pb_append(ProtobufCMessage *msg, fc_field_t field, void *item);

#endif
