/* A client of any fcavtal service: one DEALER socket, frames [empty][payload]
 * both ways, optional CURVE encryption (docs/protocol.md). */
#include "fcavtal/client.h"

#include <czmq.h>
#include <stdlib.h>
#include <string.h>

#define FC_CLIENT_DEFAULT_TIMEOUT_MS 5000
#define FC_Z85_KEY_LEN 40

struct fc_client_t {
    zsock_t *sock;
    zcert_t *cert;   /* kept for the socket's lifetime when CURVE is on */
    /* What fc_client_call_retry needs to open the socket again. */
    char *endpoint, *server_key, *client_cert;
    int timeout_ms;
};

/* A certificate loaded from a public-only file has an all-zero secret, which
 * would make every handshake fail silently: refuse it up front. */
static bool cert_has_secret(zcert_t *cert)
{
    const byte *secret = zcert_secret_key(cert);
    for (int i = 0; i < 32; i++)
        if (secret[i] != 0)
            return true;
    return false;
}

static zcert_t *client_cert(const fc_client_opts_t *opts)
{
    if (!opts->client_cert)
        return zcert_new();
    zcert_t *cert = zcert_load(opts->client_cert);
    if (cert && !cert_has_secret(cert))
        zcert_destroy(&cert);
    return cert;
}

/* CURVE options must be set before connecting. */
static int apply_curve(fc_client_t *self, const fc_client_opts_t *opts)
{
    if (!opts->server_public_key)
        return opts->client_cert ? -1 : 0;  /* a cert without a server key is a mistake */
    if (strlen(opts->server_public_key) != FC_Z85_KEY_LEN)
        return -1;
    self->cert = client_cert(opts);
    if (!self->cert)
        return -1;
    zcert_apply(self->cert, self->sock);
    zsock_set_curve_serverkey(self->sock, opts->server_public_key);
    return 0;
}

static char *dup_or_null(const char *s, bool *failed)
{
    char *copy = s ? strdup(s) : NULL;
    *failed |= s && !copy;
    return copy;
}

static int open_socket(fc_client_t *self, const fc_client_opts_t *opts);

fc_client_t *fc_client_new(const fc_client_opts_t *opts)
{
    if (!opts || !opts->endpoint || !*opts->endpoint)
        return NULL;
    fc_client_t *self = calloc(1, sizeof *self);
    if (!self)
        return NULL;
    bool failed = false;
    self->endpoint = dup_or_null(opts->endpoint, &failed);
    self->server_key = dup_or_null(opts->server_public_key, &failed);
    self->client_cert = dup_or_null(opts->client_cert, &failed);
    self->timeout_ms = opts->timeout_ms;
    if (failed || open_socket(self, opts)) {
        fc_client_destroy(&self);
        return NULL;
    }
    return self;
}

static int open_socket(fc_client_t *self, const fc_client_opts_t *opts)
{
    self->sock = zsock_new(ZMQ_DEALER);
    if (!self->sock)
        return -1;
    /* A CLI must be able to exit at once when the service is down. */
    zsock_set_linger(self->sock, 0);
    zsock_set_rcvtimeo(self->sock, opts->timeout_ms > 0 ? opts->timeout_ms
                                                         : FC_CLIENT_DEFAULT_TIMEOUT_MS);
    zsock_set_sndtimeo(self->sock, opts->timeout_ms > 0 ? opts->timeout_ms
                                                         : FC_CLIENT_DEFAULT_TIMEOUT_MS);
    if (apply_curve(self, opts) != 0)
        return -1;
    return zsock_connect(self->sock, "%s", opts->endpoint) != 0 ? -1 : 0;
}

static int reopen(fc_client_t *self)
{
    zsock_destroy(&self->sock);
    zcert_destroy(&self->cert);
    fc_client_opts_t opts = { self->endpoint, self->server_key, self->client_cert,
                              self->timeout_ms };
    return open_socket(self, &opts);
}

void fc_client_destroy(fc_client_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    fc_client_t *self = *self_p;
    zsock_destroy(&self->sock);
    zcert_destroy(&self->cert);
    free(self->endpoint);
    free(self->server_key);
    free(self->client_cert);
    free(self);
    *self_p = NULL;
}

int fc_client_send(fc_client_t *self, const void *data, size_t size)
{
    if (!self || (!data && size > 0))
        return -1;
    zmsg_t *msg = zmsg_new();
    if (!msg)
        return -1;
    if (zmsg_addmem(msg, NULL, 0) != 0 || zmsg_addmem(msg, data, size) != 0) {
        zmsg_destroy(&msg);
        return -1;
    }
    /* zmsg_send frees the message only when it succeeds. */
    if (zmsg_send(&msg, self->sock) != 0) {
        zmsg_destroy(&msg);
        return -1;
    }
    return 0;
}

/* A reply is exactly [empty][payload]; anything else is dropped as
 * malformed rather than trusted. */
static int take_payload(zmsg_t *msg, uint8_t **data, size_t *size)
{
    if (zmsg_size(msg) != 2)
        return -1;
    zframe_t *delimiter = zmsg_first(msg);
    zframe_t *payload = zmsg_next(msg);
    if (zframe_size(delimiter) != 0)
        return -1;
    size_t n = zframe_size(payload);
    uint8_t *copy = malloc(n > 0 ? n : 1);
    if (!copy)
        return -1;
    if (n > 0)
        memcpy(copy, zframe_data(payload), n);
    *data = copy;
    *size = n;
    return 0;
}

int fc_client_recv(fc_client_t *self, uint8_t **data, size_t *size)
{
    if (!self || !data || !size)
        return -1;
    zmsg_t *msg = zmsg_recv(self->sock);  /* NULL on timeout or interrupt */
    if (!msg)
        return -1;
    int rc = take_payload(msg, data, size);
    zmsg_destroy(&msg);
    return rc;
}

static int pack_and_send(fc_client_t *self, const ProtobufCMessage *request)
{
    size_t size = protobuf_c_message_get_packed_size(request);
    uint8_t *buf = malloc(size > 0 ? size : 1);
    if (!buf)
        return -1;
    protobuf_c_message_pack(request, buf);
    int rc = fc_client_send(self, buf, size);
    free(buf);
    return rc;
}

ProtobufCMessage *fc_client_call(fc_client_t *self, const ProtobufCMessage *request,
                                 const ProtobufCMessageDescriptor *reply_desc)
{
    if (!self || !request || !reply_desc)
        return NULL;
    if (pack_and_send(self, request) != 0)
        return NULL;
    uint8_t *data = NULL;
    size_t size = 0;
    if (fc_client_recv(self, &data, &size) != 0)
        return NULL;
    ProtobufCMessage *reply = protobuf_c_message_unpack(reply_desc, NULL, size, data);
    free(data);
    return reply;
}

/* The reply's request_id, found by name: any service's reply has one. */
static const char *reply_id(const ProtobufCMessage *reply)
{
    const ProtobufCFieldDescriptor *f =
        protobuf_c_message_descriptor_get_field_by_name(reply->descriptor, "request_id");
    return f && f->type == PROTOBUF_C_TYPE_STRING
               ? *(const char *const *)((const char *)reply + f->offset) : "";
}

static ProtobufCMessage *await_reply(fc_client_t *self, const ProtobufCMessageDescriptor *desc,
                                     const char *id)
{
    uint8_t *data = NULL;
    size_t size = 0;
    while (fc_client_recv(self, &data, &size) == 0) {
        ProtobufCMessage *reply = protobuf_c_message_unpack(desc, NULL, size, data);
        free(data);
        if (reply && strcmp(reply_id(reply), id) == 0)
            return reply;
        if (reply)
            protobuf_c_message_free_unpacked(reply, NULL);
    }
    return NULL;
}

ProtobufCMessage *fc_client_call_retry(fc_client_t *self, const ProtobufCMessage *request,
                                       const ProtobufCMessageDescriptor *reply_desc,
                                       int attempts)
{
    if (!self || !request || !reply_desc)
        return NULL;
    const char *id = reply_id(request);   /* requests carry request_id too */
    size_t size = protobuf_c_message_get_packed_size(request);
    uint8_t *buf = malloc(size ? size : 1);
    if (!buf)
        return NULL;
    protobuf_c_message_pack(request, buf);
    ProtobufCMessage *reply = NULL;
    for (int i = 0; i < (attempts > 0 ? attempts : 1) && !reply; i++) {
        if (i > 0 && reopen(self) != 0)
            break;
        if (fc_client_send(self, buf, size) == 0)
            reply = await_reply(self, reply_desc, id);
    }
    free(buf);
    return reply;
}

void *fc_client_socket(fc_client_t *self)
{
    return self ? self->sock : NULL;
}
