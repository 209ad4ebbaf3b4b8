/* A client for any fcavtal service in tests, driven by the service's
 * request and reply descriptors: start the real binary through the
 * harness, send a body by its oneof member name, read replies and bodies by
 * name, and fetch a whole snapshot page by page. */
#ifndef FC_TEST_CLIENT_H
#define FC_TEST_CLIENT_H

#include <stddef.h>
#include <stdint.h>
#include <protobuf-c/protobuf-c.h>

#include "fcavtal/client.h"
#include "service_harness.h"

typedef struct {
    fc_harness_t h;
    fc_client_t *client;
    const char *binary;
    const ProtobufCMessageDescriptor *request_desc, *reply_desc;
    const char *actor;     /* default "tester" */
    unsigned counter;
    char last_id[64];
    int timeout_ms;        /* default 5000 */
} tc_t;

/* Starts t->binary (extra_args NULL-terminated, may be NULL) and connects. */
int tc_start(tc_t *t, const char *const *extra_args);
int tc_connect(tc_t *t);
/* Stops with `sig` (keeping the data folder), starts again, reconnects. */
int tc_restart(tc_t *t, int sig, const char *const *extra_args);
void tc_cleanup(tc_t *t);

/* Sends a request whose body is `body` in oneof member `member`, with
 * request_id `id` (NULL: a fresh "req-<n>"). The reply is owned by the
 * caller (tc_free), NULL when none came in time. */
ProtobufCMessage *tc_call(tc_t *t, const char *member, const ProtobufCMessage *body,
                          const char *id);
void tc_free(ProtobufCMessage *reply);
/* The reply's status code, or -1 for no reply. */
int tc_code(const ProtobufCMessage *reply);
const char *tc_message(const ProtobufCMessage *reply);
uint64_t tc_seq(const ProtobufCMessage *reply);
/* The reply's body in oneof member `member`, or NULL when another is set. */
const void *tc_body(const ProtobufCMessage *reply, const char *member);

/* Every record of every snapshot page (pages of page_size), as the
 * service's event messages: an owned array of owned messages (tc_free_all).
 * *first_seq is the first page's seq, *pages how many pages it took.
 * Returns the count, or (size_t)-1 on a failed page. */
size_t tc_snapshot(tc_t *t, uint32_t page_size, ProtobufCMessage ***records, uint64_t *first_seq,
                   size_t *pages);
/* Every event after after_seq, in order (audit pages of 1000). */
size_t tc_audit(tc_t *t, uint64_t after_seq, ProtobufCMessage ***events);
void tc_free_all(ProtobufCMessage **msgs, size_t n);

#endif
