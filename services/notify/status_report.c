/* How notify stands: its today and the scheduler's position, how far it
 * follows the registry, and what the outbox holds (handlers.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channels.h"
#include "deadline_build.h"
#include "expire.h"
#include "fcavtal/pb.h"
#include "fcavtal/store.h"
#include "handlers.h"
#include "outbox.h"
#include "schedule.h"

static uint64_t count(fc_call_t *call, int type, size_t index, uint32_t state)
{
    fc_index_key_t k;
    fc_index_key_u32(&k, state);
    size_t n = 0;
    return fc_record_index_count(call, type, index, &k, &n) ? 0 : n;
}

fc_status_t ntf_status(fc_call_t *call, const Fcavtal__V1__NotifyStatusRequest *body, Rep *rep)
{
    (void)body;
    ntf_t *ntf = fc_call_state(call);
    Fcavtal__V1__NotifyStatus *s = calloc(1, sizeof *s);
    if (!s)
        return fc_call_oom(call);
    fcavtal__v1__notify_status__init(s);
    rep->body_case = FCAVTAL__V1__NOTIFY_REPLY__BODY_STATUS_REPORT;
    rep->status_report = s;
    fc_date_t processed;
    fc_status_t st = ntf_schedule_processed(call, &processed);
    if (st)
        return fc_call_fail(call, st, "cannot read the scheduler's position");
    s->today = fc_pb_date_new(fc_call_today(call));
    s->processed_through = fc_pb_date_new(processed);
    if (!s->today || !s->processed_through)
        return fc_call_oom(call);
    if (ntf->follower) {
        fc_follower_stats_t f = fc_follower_stats(ntf->follower);
        s->follower_position = f.position;
        s->registry_seq = f.leader_seq;
        s->live = f.live;
    }
    s->pending = count(call, REC_NOTIFICATION, IX_NOTIFICATION_STATE, NS(PENDING));
    s->sent = count(call, REC_NOTIFICATION, IX_NOTIFICATION_STATE, NS(SENT));
    s->acknowledged = count(call, REC_NOTIFICATION, IX_NOTIFICATION_STATE, NS(ACKNOWLEDGED));
    s->failed = count(call, REC_NOTIFICATION, IX_NOTIFICATION_STATE, NS(FAILED));
    s->expiries_pending = count(call, REC_EXPIRY, IX_EXPIRY_STATE, XS(PENDING));
    MDB_stat ms;
    if (!mdb_stat(fc_call_txn(call), fc_store_dbi(fc_call_store(call), DB_DEADLINES_BY_DAY), &ms))
        s->deadlines = ms.ms_entries;
    char lines[4][200];
    size_t n = ntf_channels_describe(ntf, lines, 4);
    s->channels = calloc(n ? n : 1, sizeof *s->channels);
    if (!s->channels)
        return fc_call_oom(call);
    for (size_t i = 0; i < n; i++)
        if (!(s->channels[s->n_channels++] = strdup(lines[i])))
            return fc_call_oom(call);
    return FC_OK;
}
