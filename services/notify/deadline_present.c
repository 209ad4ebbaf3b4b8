/* Deadlines as replies show them (handlers.h): names from the read model. */
#include <stdlib.h>

#include "fcavtal/pb.h"
#include "handlers.h"
#include "schedule.h"

static void org_names(fc_call_t *call, Fcavtal__V1__DeadlineParty *p)
{
    Organisation *o = NULL;
    if (fc_record_get(call, REC_ORGANISATION, p->organisation_id, (ProtobufCMessage **)&o))
        return;
    (void)fc_pb_set_string(&p->name, o->name);
    if (o->org_number && !p->org_number) {
        p->org_number = o->org_number;   /* moved over: o no longer owns it */
        o->org_number = NULL;
    }
    fcavtal__v1__organisation__free_unpacked(o, NULL);
}

/* The scheduler does not write a fired reminder back (scheduler.c): a
 * planned one whose day it has processed went out then; for a cancelled
 * deadline, only if that was before the day it was cancelled. */
static void show_fired(fc_call_t *call, Deadline *d)
{
    fc_date_t through, send, cancelled;
    if (ntf_schedule_processed(call, &through))
        return;
    if (fc_date_from_pb(d->cancelled_on, &cancelled) && fc_date_cmp(cancelled, through) <= 0)
        through = fc_date_add_days(cancelled, -1);
    for (size_t i = 0; i < d->n_plan; i++)
        if (d->plan[i]->state == FCAVTAL__V1__REMINDER_STATE__REMINDER_STATE_PLANNED &&
            fc_date_from_pb(d->plan[i]->send_on, &send) && fc_date_cmp(send, through) <= 0)
            d->plan[i]->state = FCAVTAL__V1__REMINDER_STATE__REMINDER_STATE_FIRED;
}

void ntf_deadline_present(fc_call_t *call, Deadline *d)
{
    Agreement *a = NULL;
    if (!fc_record_get(call, REC_AGREEMENT, d->agreement_id, (ProtobufCMessage **)&a)) {
        (void)fc_pb_set_string(&d->agreement_title, a->title);
        (void)fc_pb_set_string(&d->case_number, a->case_number);
        fcavtal__v1__agreement__free_unpacked(a, NULL);
    }
    Centre *c = NULL;
    if (d->centre_id &&
        !fc_record_get(call, REC_CENTRE, d->centre_id, (ProtobufCMessage **)&c)) {
        (void)fc_pb_set_string(&d->centre_name, c->name);
        fcavtal__v1__centre__free_unpacked(c, NULL);
    }
    for (size_t i = 0; i < d->n_parties; i++)
        org_names(call, d->parties[i]);
}

void ntf_deadline_reply(fc_call_t *call, Deadline *d)
{
    ntf_deadline_present(call, d);
    show_fired(call, d);
}

fc_status_t ntf_require_known(fc_call_t *call, int type, uint64_t id, const char *field)
{
    if (!id)
        return FC_OK;
    bool exists = false;
    fc_status_t st = fc_record_exists(call, type, id, &exists);
    if (st)
        return fc_call_fail(call, st, "cannot read %s: %s", field, fc_status_name(st));
    if (exists)
        return FC_OK;
    static const char *const NAMES[REC_COUNT] = {
        [REC_DEADLINE] = "deadline", [REC_NOTIFICATION] = "notification",
        [REC_EXPIRY] = "expiry", [REC_SCHEDULE] = "schedule",
        [REC_ORGANISATION] = "organisation", [REC_OPERATION] = "operation",
        [REC_CENTRE] = "centre", [REC_AGREEMENT] = "agreement"};
    fc_call_violation(call, field, "unknown %s %llu", NAMES[type], (unsigned long long)id);
    return fc_call_fail(call, FC_NOT_FOUND, "%s: no %s %llu in the registry's data as notify "
                        "knows it", field, NAMES[type], (unsigned long long)id);
}
