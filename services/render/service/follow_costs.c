/* Following the costs service: only its finalised figures per centre
 * (CentreSettlement) are kept; cost items, drafts and charts of accounts
 * are not what a document says. A finalised figure never changes, so a
 * record is put once and replaced only by a rebuild bringing it again. */
#include "follow.h"

#include "fcavtal/v1/costs.pb-c.h"

typedef Fcavtal__V1__CostsEvent Event;

static fc_status_t apply(fc_call_t *call, const ProtobufCMessage *event, void *arg)
{
    (void)arg;
    const Event *ev = (const Event *)event;
    if (ev->entity_case != FCAVTAL__V1__COSTS_EVENT__ENTITY_CENTRE_SETTLEMENT)
        return FC_OK;
    return fc_record_put(call, REC_COST_SETTLEMENT, &ev->centre_settlement->base);
}

/* A rebuild (a restored or replaced costs store) starts from nothing. The
 * renderings made from the old figures stay: they are what was signed. */
static fc_status_t reset(fc_call_t *call, void *arg)
{
    (void)arg;
    return rsv_drop_records(call, REC_COST_SETTLEMENT);
}

fc_follower_t *rsv_follow_costs_start(fc_server_t *server, rsv_state_t *state,
                                      const rsv_follow_opts_t *opts, char *err, size_t errlen)
{
    fc_follower_def_t def = {
        .name = "costs",
        .request_endpoint = opts->request_endpoint,
        .publish_endpoint = opts->publish_endpoint,
        .server_key = opts->server_key,
        .client_cert = opts->client_cert,
        .request_desc = &fcavtal__v1__costs_request__descriptor,
        .reply_desc = &fcavtal__v1__costs_reply__descriptor,
        .event_desc = &fcavtal__v1__costs_event__descriptor,
        .reset = reset,
        .apply = apply,
        .arg = state,
        .timeout_ms = 1000,
    };
    return fc_follower_new(server, &def, err, errlen);
}

bool rsv_read_model_live(const rsv_state_t *state)
{
    if (state->follower && !fc_follower_stats(state->follower).live)
        return false;
    return !state->costs_follower || fc_follower_stats(state->costs_follower).live;
}
