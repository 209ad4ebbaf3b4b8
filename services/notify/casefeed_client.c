#include "casefeed_client.h"

#include <czmq.h>
#include <stdio.h>
#include <stdlib.h>

struct ntf_casefeed_client_t {
    zsock_t *dealer;
};

ntf_casefeed_client_t *ntf_casefeed_client_new(const char *endpoint, int queue, char *err,
                                               size_t errlen)
{
    ntf_casefeed_client_t *self = calloc(1, sizeof *self);
    if (!self || !(self->dealer = zsock_new(ZMQ_DEALER))) {
        snprintf(err, errlen, "cannot create a DEALER socket");
        free(self);
        return NULL;
    }
    zsock_set_linger(self->dealer, 0);
    zsock_set_sndhwm(self->dealer, queue);   /* before connect: the pipe takes it then */
    zsock_set_maxmsgsize(self->dealer, 1 << 20);
    if (zsock_connect(self->dealer, "%s", endpoint) < 0) {
        snprintf(err, errlen, "cannot connect to %s: %s", endpoint, zmq_strerror(zmq_errno()));
        ntf_casefeed_client_destroy(&self);
        return NULL;
    }
    return self;
}

void ntf_casefeed_client_destroy(ntf_casefeed_client_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    zsock_destroy(&(*self_p)->dealer);
    free(*self_p);
    *self_p = NULL;
}

fc_status_t ntf_casefeed_client_send(ntf_casefeed_client_t *self, const uint8_t *payload, size_t len)
{
    void *sock = zsock_resolve(self->dealer);
    if (zmq_send(sock, NULL, 0, ZMQ_SNDMORE | ZMQ_DONTWAIT) < 0)
        return zmq_errno() == EAGAIN ? FC_RESOURCE_EXHAUSTED : FC_UNAVAILABLE;
    /* After the first frame ZeroMQ guarantees the rest of the message goes. */
    if (zmq_send(sock, payload, len, 0) < 0)
        return FC_UNAVAILABLE;
    return FC_OK;
}

fc_status_t ntf_casefeed_client_receive_ack(ntf_casefeed_client_t *self, int timeout_ms,
                                            Fcavtal__V1__CaseAck **ack)
{
    *ack = NULL;
    zsock_set_rcvtimeo(self->dealer, timeout_ms);
    zmsg_t *msg = zmsg_recv(self->dealer);
    if (!msg)
        return zmq_errno() == EAGAIN ? FC_DEADLINE_EXCEEDED : FC_CANCELLED;
    zframe_t *first = zmsg_first(msg);
    if (first && zframe_size(first) == 0)
        first = zmsg_next(msg);
    if (first && !zmsg_next(msg))
        *ack = fcavtal__v1__case_ack__unpack(NULL, zframe_size(first), zframe_data(first));
    zmsg_destroy(&msg);
    return *ack ? FC_OK : FC_DATA_LOSS;
}

zsock_t *ntf_casefeed_client_socket(ntf_casefeed_client_t *self)
{
    return self->dealer;
}
