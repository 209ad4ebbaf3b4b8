/* StatusRequest: how far the read model has followed the registry, and
 * what it holds. */
#include <stdlib.h>

#include "costs_service.h"

static fc_status_t count(fc_call_t *call, ProtobufCMessage *record, void *arg, bool *stop)
{
    (void)call, (void)stop;
    protobuf_c_message_free_unpacked(record, NULL);
    (*(uint32_t *)arg)++;
    return FC_OK;
}

CST_HANDLER(cst__status, Fcavtal__V1__StatusRequest)
{
    (void)body;
    Fcavtal__V1__CostsStatus *s = malloc(sizeof *s);
    if (s == NULL)
        return fc_call_oom(call);
    fcavtal__v1__costs_status__init(s);
    rep->body_case = FCAVTAL__V1__COSTS_REPLY__BODY_SERVICE_STATUS;
    rep->service_status = s;
    cst_state_t *state = fc_call_state(call);
    if (state && state->follower) {
        fc_follower_stats_t f = fc_follower_stats(state->follower);
        s->registry_position = f.position;
        s->registry_seq = f.leader_seq;
        s->live = f.live;
        s->rebuilds = f.rebuilds;
    }
    fc_status_t st = fc_record_scan(call, CST_REC_ORG, 0, count, &s->organisations);
    if (!st)
        st = fc_record_scan(call, CST_REC_OP, 0, count, &s->operations);
    if (!st)
        st = fc_record_scan(call, CST_REC_CENTRE, 0, count, &s->centres);
    if (!st)
        st = fc_record_scan(call, CST_REC_AGREEMENT, 0, count, &s->agreements);
    return st;
}
