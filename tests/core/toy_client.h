/* Shared by the core's integration tests: a test client for the toy. */
#ifndef FC_TEST_TOY_CLIENT_H
#define FC_TEST_TOY_CLIENT_H

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/v1/toy.pb-c.h"
#include "test_client.h"

typedef Fcavtal__V1__ToyReply toy_rep_t;

static inline void toy_init(tc_t *t)
{
    memset(t, 0, sizeof *t);
    t->binary = FC_TOY_BIN;
    t->request_desc = &fcavtal__v1__toy_request__descriptor;
    t->reply_desc = &fcavtal__v1__toy_reply__descriptor;
}

static inline toy_rep_t *toy_call(tc_t *t, const char *member, const ProtobufCMessage *body)
{
    return (toy_rep_t *)tc_call(t, member, body, NULL);
}

/* Creates an item; its id, or 0. */
static inline uint64_t toy_put(tc_t *t, const char *name)
{
    Fcavtal__V1__ToyItem item = FCAVTAL__V1__TOY_ITEM__INIT;
    Fcavtal__V1__ToyPutItem put = FCAVTAL__V1__TOY_PUT_ITEM__INIT;
    item.name = (char *)name;
    put.item = &item;
    toy_rep_t *rep = toy_call(t, "put_item", &put.base);
    uint64_t id = tc_code(&rep->base) == 0 && rep->item ? rep->item->id : 0;
    tc_free(&rep->base);
    return id;
}

/* Creates `count` items of `payload` bytes in one request; OK or not. */
static inline bool toy_put_many(tc_t *t, uint32_t count, uint32_t payload, const char *prefix)
{
    Fcavtal__V1__ToyPutMany q = FCAVTAL__V1__TOY_PUT_MANY__INIT;
    q.count = count;
    q.payload_bytes = payload;
    q.prefix = (char *)prefix;
    toy_rep_t *rep = toy_call(t, "put_many", &q.base);
    bool ok = tc_code(&rep->base) == 0;
    tc_free(&rep->base);
    return ok;
}

static inline Fcavtal__V1__ToyFollowState toy_follow_state(tc_t *t)
{
    Fcavtal__V1__ToyFollowStatus q = FCAVTAL__V1__TOY_FOLLOW_STATUS__INIT;
    Fcavtal__V1__ToyFollowState s = FCAVTAL__V1__TOY_FOLLOW_STATE__INIT;
    toy_rep_t *rep = toy_call(t, "follow_status", &q.base);
    if (rep && rep->follow)
        s = *rep->follow;
    tc_free(&rep->base);
    return s;
}

#endif
