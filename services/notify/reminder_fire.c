/* A reminder into the outbox and onto the PUB socket (reminder.h). */
#include "reminder_fire.h"

#include <stdio.h>
#include <string.h>

#include "channels.h"
#include "deadline_build.h"
#include "outbox.h"
#include "recipients.h"

typedef struct {
    fc_call_t *call;
    const Deadline *d;
    const Fcavtal__V1__PlannedReminder *lead;
    Fcavtal__V1__Date planned, created;
    bool late;
} fire_t;

static fc_status_t enqueue(fire_t *f, Fcavtal__V1__Channel channel, const char *recipient,
                           const char *part)
{
    char nid[NTF_NID_MAX + 64];
    if (ntf_notification_nid(f->d->key, f->lead->lead_months, f->lead->lead_days, part, nid,
                             sizeof nid))
        return FC_INTERNAL;
    Notification n = FCAVTAL__V1__NOTIFICATION__INIT;
    n.notification_id = nid;
    n.deadline_id = f->d->id;
    n.deadline_key = f->d->key;
    n.kind = f->d->kind;
    n.agreement_id = f->d->agreement_id;
    n.centre_id = f->d->centre_id;
    n.safe_day = f->d->safe_day;
    n.channel = channel;
    n.recipient = (char *)recipient;
    n.lead_months = f->lead->lead_months;
    n.lead_days = f->lead->lead_days;
    n.planned_on = &f->planned;
    n.created_on = &f->created;
    n.late = f->late;
    n.state = FCAVTAL__V1__NOTIFICATION_STATE__NOTIFICATION_STATE_PENDING;
    bool added;
    return ntf_outbox_add(f->call, &n, &added);
}

static fc_status_t enqueue_mail(fire_t *f)
{
    ntf_recipients_t r;
    fc_status_t st = ntf_recipients(f->call, f->d, &r);
    for (size_t i = 0; !st && i < r.n; i++) {
        char part[32];
        ntf_mail_part(r.address[i], part, sizeof part);
        st = enqueue(f, FCAVTAL__V1__CHANNEL__CHANNEL_EMAIL, r.address[i], part);
    }
    ntf_recipients_clear(&r);
    return st;
}

static fc_status_t announce(fire_t *f, Deadline *d)
{
    char nid[NTF_NID_MAX + 64];
    if (ntf_notification_nid(d->key, f->lead->lead_months, f->lead->lead_days, "event", nid,
                             sizeof nid))
        return FC_INTERNAL;
    Fcavtal__V1__ReminderInfo info = FCAVTAL__V1__REMINDER_INFO__INIT;
    info.notification_id = nid;
    info.lead_months = f->lead->lead_months;
    info.lead_days = f->lead->lead_days;
    info.planned_on = &f->planned;
    info.late = f->late;
    info.sent_on = &f->created;
    d->reminder = &info;
    char verb[64];
    snprintf(verb, sizeof verb, "%s.reminder", d->kind);
    fc_status_t st = fc_call_emit(f->call, REC_DEADLINE, verb, &d->base);
    d->reminder = NULL;
    return st;
}

fc_status_t ntf_reminder_fire(fc_call_t *call, ntf_t *ntf, Deadline *d, size_t slot,
                              fc_date_t planned, bool late)
{
    if (slot >= d->n_plan)
        return FC_INTERNAL;
    fire_t f = {.call = call, .d = d, .lead = d->plan[slot], .late = late};
    ntf_pb_date(&f.planned, planned);
    ntf_pb_date(&f.created, fc_call_today(call));
    fc_status_t st = FC_OK;
    if (ntf_channel_enabled(ntf, FCAVTAL__V1__CHANNEL__CHANNEL_CASE_FEED))
        st = enqueue(&f, FCAVTAL__V1__CHANNEL__CHANNEL_CASE_FEED, "case-feed", "case");
    if (!st && ntf_channel_enabled(ntf, FCAVTAL__V1__CHANNEL__CHANNEL_EMAIL))
        st = enqueue_mail(&f);
    if (!st)
        ntf->wake = true;
    return st ? st : announce(&f, d);
}
