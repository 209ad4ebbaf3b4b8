#include "receiver.h"

#include <czmq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_json.h"
#include "case_store.h"
#include "casefeed.h"
#include "fcavtal/log.h"
#include "fcavtal/pbscan.h"

struct ntf_receiver_t {
    zsock_t *router;
    ntf_case_store_t *store;
};

ntf_receiver_t *ntf_receiver_new(const char *bind, const char *dir, char *err, size_t errlen)
{
    ntf_receiver_t *self = calloc(1, sizeof *self);
    if (!self) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    self->store = ntf_case_store_open(dir, err, errlen);
    if (self->store) {
        self->router = zsock_new(ZMQ_ROUTER);
        if (!self->router) {
            snprintf(err, errlen, "cannot create a ROUTER socket");
        } else {
            /* Far above NTF_CASEFEED_MAX_PAYLOAD: a payload between the two
             * still gets an error ack instead of a silent disconnect. */
            zsock_set_maxmsgsize(self->router, 4 << 20);
            zsock_set_linger(self->router, 1000);
            if (zsock_bind(self->router, "%s", bind) >= 0)
                return self;
            snprintf(err, errlen, "cannot bind %s: %s", bind, zmq_strerror(zmq_errno()));
        }
    }
    ntf_receiver_destroy(&self);
    return NULL;
}

void ntf_receiver_destroy(ntf_receiver_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    zsock_destroy(&(*self_p)->router);
    ntf_case_store_close(&(*self_p)->store);
    free(*self_p);
    *self_p = NULL;
}

const char *ntf_receiver_endpoint(ntf_receiver_t *self)
{
    return zsock_endpoint(self->router);
}

static uint8_t *refuse(const char *id, fc_status_t code, const char *why, size_t len, size_t *ack_len)
{
    /* One line per refusal, so a vendor's log search finds each. */
    fc_warn("case-receiver: refused notification '%s' (%zu bytes): %s: %s", id ? id : "",
            len, fc_status_name(code), why);
    return ntf_casefeed_ack_pack(id, code, why, false, ack_len);
}

static uint8_t *store(ntf_receiver_t *self, const Fcavtal__V1__CaseNotification *n,
                      const uint8_t *payload, size_t len, size_t *ack_len)
{
    const char *id = n->notification_id;
    if (ntf_case_store_has(self->store, id)) {
        if (!ntf_case_store_same(self->store, id, payload, len))
            fc_warn("case-receiver: notification '%s' came again with other content; the first "
                    "copy is kept", id);
        fc_info("case-receiver: notification '%s' already stored; acknowledged again", id);
        return ntf_casefeed_ack_pack(id, FC_OK, "already stored", true, ack_len);
    }
    char *json = ntf_case_json(n, zclock_time());
    if (!json)
        return refuse(id, FC_RESOURCE_EXHAUSTED, "out of memory", len, ack_len);
    char err[512];
    fc_status_t st = ntf_case_store_put(self->store, id, payload, len, json, err, sizeof err);
    free(json);
    if (st != FC_OK) {
        fc_error("case-receiver: cannot store notification '%s': %s", id, err);
        return ntf_casefeed_ack_pack(id, st, err, false, ack_len);
    }
    fc_info("case-receiver: stored notification '%s' (%s)", id, n->case_number);
    return ntf_casefeed_ack_pack(id, FC_OK, "stored", false, ack_len);
}

uint8_t *ntf_receiver_accept(ntf_receiver_t *self, const uint8_t *payload, size_t len, size_t *ack_len)
{
    if (len > NTF_CASEFEED_MAX_PAYLOAD)
        return refuse(NULL, FC_INVALID_ARGUMENT, "notification larger than 256 KiB", len, ack_len);
    /* The core's wire check first: protobuf-c would cut a string at a NUL
     * byte, and "a\0b" must not be stored as the id "a". */
    fc_pbscan_t scan = {.max_elements = 20000, .max_repeated = 1000};
    if (fc_pbscan(&fcavtal__v1__case_notification__descriptor, payload, len, &scan) != FC_OK) {
        char why[512];
        snprintf(why, sizeof why, "not a CaseNotification: %s%s%s", scan.path, scan.path[0] ? ": " : "",
                 scan.problem);
        return refuse(NULL, FC_INVALID_ARGUMENT, why, len, ack_len);
    }
    Fcavtal__V1__CaseNotification *n = fcavtal__v1__case_notification__unpack(NULL, len, payload);
    if (!n)
        return refuse(NULL, FC_INVALID_ARGUMENT, "not a CaseNotification", len, ack_len);
    char why[256];
    fc_status_t st = ntf_casefeed_check(n, why, sizeof why);
    /* An id that is unfit for a file name is not echoed as if it were one. */
    const char *id = ntf_id_valid(n->notification_id, NTF_ID_MAX) ? n->notification_id : NULL;
    uint8_t *ack = st == FC_OK ? store(self, n, payload, len, ack_len)
                               : refuse(id, st, why, len, ack_len);
    fcavtal__v1__case_notification__free_unpacked(n, NULL);
    return ack;
}

/* [identity][empty][payload] is the contract; [identity][payload] (a raw
 * DEALER or a ROUTER peer) is answered the same way, without delimiter. */
static void serve_one(ntf_receiver_t *self, zmsg_t *msg)
{
    zframe_t *identity = zmsg_pop(msg);
    zframe_t *payload = zmsg_pop(msg);
    bool delimited = payload && zframe_size(payload) == 0 && zmsg_size(msg) > 0;
    if (delimited) {
        zframe_destroy(&payload);
        payload = zmsg_pop(msg);
    }
    size_t ack_len = 0;
    uint8_t *ack;
    if (!identity || !payload || zmsg_size(msg) != 0)
        ack = refuse(NULL, FC_INVALID_ARGUMENT, "expected [empty][CaseNotification]",
                     payload ? zframe_size(payload) : 0, &ack_len);
    else
        ack = ntf_receiver_accept(self, zframe_data(payload), zframe_size(payload), &ack_len);
    if (identity && ack) {
        zmsg_t *reply = zmsg_new();
        zmsg_append(reply, &identity);
        if (delimited)
            zmsg_addmem(reply, NULL, 0);
        zmsg_addmem(reply, ack, ack_len);
        zmsg_send(&reply, self->router);
        zmsg_destroy(&reply);
    }
    free(ack);
    zframe_destroy(&identity);
    zframe_destroy(&payload);
}

int ntf_receiver_run(ntf_receiver_t *self)
{
    fc_info("case-receiver: receiving on %s", ntf_receiver_endpoint(self));
    /* Waking every 200 ms bounds how long a stop signal can wait. */
    zsock_set_rcvtimeo(self->router, 200);
    while (!zsys_interrupted) {
        zmsg_t *msg = zmsg_recv(self->router);
        if (!msg)
            continue;
        serve_one(self, msg);
        zmsg_destroy(&msg);
    }
    fc_info("case-receiver: stopped");
    return 0;
}
