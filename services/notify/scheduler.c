/* Days processed in order (scheduler.h). */
#include "scheduler.h"

#include <stdlib.h>
#include <string.h>

#include "channels.h"
#include "deadline_store.h"
#include "expire.h"
#include "fcavtal/log.h"
#include "fcavtal/pb.h"
#include "fcavtal/store.h"
#include "recompute.h"
#include "reminder_fire.h"
#include "schedule.h"

#define DS(x) FCAVTAL__V1__DEADLINE_STATE__DEADLINE_STATE_##x
#define RS(x) FCAVTAL__V1__REMINDER_STATE__REMINDER_STATE_##x

/* Bounds on one transaction: days, and plan entries fired. */
#define DAYS_PER_STEP 400
#define WORK_PER_STEP 20000

typedef struct {
    ntf_t *ntf;
    fc_date_t today;
    size_t work;
    bool caught_up;
    fc_date_t done;
} step_t;

/* In a catch-up, a reminder whose later sibling is due by today as well is
 * not worth a message of its own: the later one says the same, sooner. */
static bool superseded(const Deadline *d, size_t slot, fc_date_t today)
{
    for (size_t j = slot + 1; j < d->n_plan; j++) {
        fc_date_t send;
        if (d->plan[j]->state == RS(PLANNED) && fc_date_from_pb(d->plan[j]->send_on, &send) &&
            fc_date_cmp(send, today) <= 0)
            return true;
    }
    return false;
}

static fc_status_t fire_entry(fc_call_t *call, step_t *s, fc_date_t day, ntf_plan_entry_t e)
{
    Deadline *d = NULL;
    fc_status_t st = fc_record_get(call, REC_DEADLINE, e.id, (ProtobufCMessage **)&d);
    if (st == FC_NOT_FOUND)
        return FC_OK;
    if (!st && d->state == DS(ACTIVE)) {
        if (e.slot == NTF_SLOT_EXPIRE) {
            st = ntf_expiry_schedule(call, d);
        } else if (e.slot < d->n_plan && d->plan[e.slot]->state == RS(PLANNED)) {
            Fcavtal__V1__PlannedReminder *p = d->plan[e.slot];
            bool late = fc_date_cmp(day, s->today) < 0;
            if (late && superseded(d, e.slot, s->today)) {
                p->state = RS(SKIPPED);
                st = fc_pb_set_string(&p->note, "a later reminder was due as well when the "
                                                "days were caught up")
                         ? FC_RESOURCE_EXHAUSTED : FC_OK;
                if (!st)
                    st = ntf_deadline_save(call, d, NULL);
            } else {
                /* Not written back: a planned reminder whose day the
                 * scheduler has passed is a fired one (ntf_deadline_reply
                 * says so), which spares a rewrite of the deadline per
                 * reminder. The event shows it fired. */
                p->state = RS(FIRED);
                st = ntf_reminder_fire(call, s->ntf, d, e.slot, day, late);
            }
        }
    }
    if (d)
        fcavtal__v1__deadline__free_unpacked(d, NULL);
    return st;
}

/* Agreements whose deadlines reach less than a year past `day` + horizon
 * - 12 months are computed again up to today + the horizon. */
static fc_status_t extend_horizon(fc_call_t *call, step_t *s, fc_date_t day)
{
    fc_date_t limit = fc_date_add_months(day, s->ntf->policy.horizon_months - 12);
    uint64_t *ids = NULL;
    size_t n = 0;
    fc_status_t st = ntf_horizon_due(call, limit, 10000, &ids, &n);
    for (size_t i = 0; !st && i < n; i++) {
        Agreement *a = NULL;
        st = fc_record_get(call, REC_AGREEMENT, ids[i], (ProtobufCMessage **)&a);
        if (!st)
            st = ntf_extend_horizon(call, s->ntf, a);
        else if (st == FC_NOT_FOUND)
            st = FC_OK;
        if (a)
            fcavtal__v1__agreement__free_unpacked(a, NULL);
    }
    s->work += n;
    free(ids);
    return st;
}

static fc_status_t process_day(fc_call_t *call, step_t *s, fc_date_t day)
{
    fc_status_t st = extend_horizon(call, s, day);
    ntf_plan_entry_t *entries = NULL;
    size_t n = 0;
    if (!st)
        st = ntf_plan_of_day(call, day, &entries, &n);
    for (size_t i = 0; !st && i < n; i++) {
        st = ntf_plan_remove(call, day, entries[i].id, entries[i].slot);
        if (!st)
            st = fire_entry(call, s, day, entries[i]);
    }
    s->work += n;
    free(entries);
    return st;
}

static fc_status_t step_work(fc_call_t *call, void *arg)
{
    step_t *s = arg;
    s->today = fc_call_today(call);
    fc_date_t done;
    fc_status_t st = ntf_schedule_processed(call, &done);
    size_t days = 0;
    while (!st && fc_date_cmp(done, s->today) < 0 && days < DAYS_PER_STEP &&
           s->work < WORK_PER_STEP) {
        fc_date_t day = fc_date_add_days(done, 1);
        st = process_day(call, s, day);
        if (!st)
            done = day, days++;
    }
    if (!st && days)
        st = ntf_schedule_set(call, done);
    s->caught_up = fc_date_cmp(done, s->today) >= 0;
    s->done = done;
    return st;
}

fc_status_t ntf_scheduler_step(fc_server_t *server, ntf_t *ntf, bool *caught_up)
{
    if (ntf->has_processed && fc_date_cmp(ntf->processed, fc_server_today(server)) >= 0) {
        *caught_up = true;
        return FC_OK;
    }
    step_t s = {.ntf = ntf};
    char msg[256];
    fc_status_t st = fc_server_transact(server, "scheduler", step_work, &s, msg, sizeof msg);
    *caught_up = st != FC_OK || s.caught_up;
    if (st == FC_OK) {
        ntf->processed = s.done;
        ntf->has_processed = true;
    }
    return st;
}

int ntf_scheduler_tick(fc_server_t *server, void *arg)
{
    ntf_t *ntf = arg;
    /* A bounded number of steps per tick: requests are served between. */
    bool caught_up = false;
    for (int i = 0; i < 8 && !caught_up; i++)
        if (ntf_scheduler_step(server, ntf, &caught_up))
            break;
    ntf_channels_deliver(server, ntf);
    ntf_expire_run(server, ntf);
    return 0;
}
