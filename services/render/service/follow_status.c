/* follow_status: how far the read models of the registry and of costs have
 * come, and how many versions wait to be rendered automatically. */
#include <stdlib.h>

#include "autorender.h"

fc_status_t rsv_follow_status(fc_call_t *call, const Fcavtal__V1__FollowStatus *body, Rep *rep)
{
    (void)body;
    rsv_state_t *state = fc_call_state(call);
    if (!state->follower)
        return fc_call_fail(call, FC_FAILED_PRECONDITION, "this service follows no registry");
    Fcavtal__V1__FollowState *s = malloc(sizeof *s);
    if (!s)
        return fc_call_oom(call);
    fcavtal__v1__follow_state__init(s);
    rep->body_case = FCAVTAL__V1__RENDER_REPLY__BODY_FOLLOW;
    rep->follow = s;
    fc_follower_stats_t stats = fc_follower_stats(state->follower);
    s->position = stats.position;
    s->leader_seq = stats.leader_seq;
    s->live = stats.live;
    s->rebuilds = stats.rebuilds;
    s->gaps_filled = stats.gaps_filled;
    if (state->costs_follower) {
        fc_follower_stats_t c = fc_follower_stats(state->costs_follower);
        s->costs_followed = true;
        s->costs_position = c.position;
        s->costs_leader_seq = c.leader_seq;
        s->costs_live = c.live;
        s->costs_rebuilds = c.rebuilds;
    }
    size_t pending = 0;
    fc_status_t st = rsv_auto_pending(call, &pending);
    s->auto_pending = (uint32_t)pending;
    return st ? fc_call_fail(call, st, "cannot read the queue of automatic renderings") : FC_OK;
}
