/* Deadline records from the engine's deadlines, and their reminder plans
 * (deadline_build.h). */
#include "deadline_build.h"

#include <stdio.h>
#include <string.h>

#include "policy.h"

#define RS(x) FCAVTAL__V1__REMINDER_STATE__REMINDER_STATE_##x

void ntf_pb_date(Fcavtal__V1__Date *out, fc_date_t d)
{
    fcavtal__v1__date__init(out);
    out->year = d.year, out->month = d.month, out->day = d.day;
}

static void add_parties(ntf_deadline_build_t *b, const Agreement *a)
{
    for (size_t i = 0; a && i < a->n_parties && b->d.n_parties < NTF_MAX_PARTIES; i++) {
        const Fcavtal__V1__Party *p = a->parties[i];
        bool seen = false;
        for (size_t j = 0; j < b->d.n_parties && !seen; j++)
            seen = b->party[j].organisation_id == p->organisation_id &&
                   b->party[j].operation_id == p->operation_id;
        if (seen)
            continue;
        Fcavtal__V1__DeadlineParty *dp = &b->party[b->d.n_parties];
        fcavtal__v1__deadline_party__init(dp);
        dp->organisation_id = p->organisation_id;
        dp->operation_id = p->operation_id;
        b->party_ptr[b->d.n_parties++] = dp;
    }
}

void ntf_deadline_build(ntf_deadline_build_t *b, const fc_deadline_t *src, const Agreement *a,
                        fc_date_t today)
{
    memset(b, 0, sizeof *b);
    Deadline *d = &b->d;
    fcavtal__v1__deadline__init(d);
    snprintf(b->kind, sizeof b->kind, "%s", fc_deadline_kind_name(src->kind));
    snprintf(b->actors, sizeof b->actors, "%s", fc_actors_name(src->actors));
    d->key = (char *)src->key;
    d->kind = b->kind;
    d->agreement_id = src->agreement_id;
    d->centre_id = src->centre_id;
    ntf_pb_date(&b->date, src->date);
    ntf_pb_date(&b->safe, src->safe_day);
    ntf_pb_date(&b->created, today);
    d->date = &b->date;
    d->safe_day = &b->safe;
    d->created_on = &b->created;
    d->moved = (char *)src->moved;
    fcavtal__v1__reason__init(&b->rule);
    b->rule.rule = (char *)src->rule.rule;
    b->rule.source = (char *)src->rule.source;
    b->rule.text = (char *)src->rule.text;
    d->rule = &b->rule;
    d->actors = b->actors;
    d->cycle = src->cycle;
    d->parties = b->party_ptr;
    add_parties(b, a);
    d->state = FCAVTAL__V1__DEADLINE_STATE__DEADLINE_STATE_ACTIVE;
    d->plan = b->plan_ptr;
    b->fire_slot = -1;
}

void ntf_plan_leads(ntf_deadline_build_t *b, const ntf_leads_t *leads, fc_date_t today,
                    fc_date_t processed)
{
    fc_date_t safe = {b->safe.year, b->safe.month, b->safe.day};
    fc_date_t date = {b->date.year, b->date.month, b->date.day};
    bool past = fc_date_cmp(date, today) < 0;
    b->d.n_plan = 0;
    b->fire_slot = -1;
    for (size_t i = 0; i < leads->n; i++) {
        Fcavtal__V1__PlannedReminder *p = &b->plan[i];
        fcavtal__v1__planned_reminder__init(p);
        p->lead_months = leads->items[i].months;
        p->lead_days = leads->items[i].days;
        fc_date_t send = ntf_lead_send_day(safe, leads->items[i]);
        ntf_pb_date(&b->send[i], send);
        p->send_on = &b->send[i];
        if (past) {
            p->state = RS(SKIPPED);
            p->note = "the deadline had passed when it became known";
        } else if (fc_date_cmp(send, processed) > 0) {
            p->state = RS(PLANNED);
        } else {
            /* Leads are longest first, so send days only grow: the last one
             * the scheduler has passed is the one that goes out. */
            if (b->fire_slot >= 0) {
                b->plan[b->fire_slot].state = RS(SKIPPED);
                b->plan[b->fire_slot].note = "its day had passed when the deadline became "
                                             "known; a later reminder went out instead";
            }
            p->state = RS(PLANNED);
            b->fire_slot = (int)i;
        }
        b->plan_ptr[b->d.n_plan++] = p;
    }
}
