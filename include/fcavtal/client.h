/* A client of any fcavtal service: one DEALER socket, one request at a time
 * or many in flight. Frames: [empty][payload] both ways (docs/protocol.md). */
#ifndef FCAVTAL_CLIENT_H
#define FCAVTAL_CLIENT_H

#include <stddef.h>
#include <stdint.h>
#include <protobuf-c/protobuf-c.h>

typedef struct fc_client_t fc_client_t;

typedef struct {
    const char *endpoint;           /* "tcp://127.0.0.1:7101", "ipc:///run/x" */
    const char *server_public_key;  /* Z85; NULL for plain (loopback/ipc only) */
    const char *client_cert;        /* path to this client's secret cert (zcert);
                                       NULL with a server key: an ephemeral one */
    int timeout_ms;                 /* per reply; <= 0 means 5000 */
} fc_client_opts_t;

/* Connects (lazily, as ZeroMQ does). NULL on bad options or out of memory. */
fc_client_t *fc_client_new(const fc_client_opts_t *opts);
void fc_client_destroy(fc_client_t **self_p);

/* Sends one request payload without waiting. 0, or -1 on error. */
int fc_client_send(fc_client_t *self, const void *data, size_t size);
/* Waits up to the timeout for the next reply payload; *data is malloc-owned.
 * 0 on success, -1 on timeout or error. */
int fc_client_recv(fc_client_t *self, uint8_t **data, size_t *size);

/* Packs `request`, sends it, waits for the reply and unpacks it with
 * `reply_desc` (e.g. &fcavtal__v1__registry_reply__descriptor). The reply is
 * owned by the caller: protobuf_c_message_free_unpacked(reply, NULL).
 * NULL on timeout, transport error or an undecodable reply. */
ProtobufCMessage *fc_client_call(fc_client_t *self, const ProtobufCMessage *request,
                                 const ProtobufCMessageDescriptor *reply_desc);

/* The rare synchronous call from one service to another: packs `request`
 * once and sends those same bytes (so the same request id: a mutation is
 * done once however often it is sent) up to `attempts` times, waiting the
 * client's timeout for each; between attempts the socket is closed and
 * opened again (the Guide's "Lazy Pirate"), so a reply to an earlier attempt
 * can never be taken for this one. Replies whose request_id differs are
 * dropped. NULL when every attempt timed out. */
ProtobufCMessage *fc_client_call_retry(fc_client_t *self, const ProtobufCMessage *request,
                                       const ProtobufCMessageDescriptor *reply_desc,
                                       int attempts);

/* The underlying zsock_t, for polling many replies (benchmarks). */
void *fc_client_socket(fc_client_t *self);

#endif
