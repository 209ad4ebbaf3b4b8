/* A Deadline record from one of the engine's deadlines: the wire message in
 * caller storage (every pointer points into the builder or the engine's
 * struct, so it lives as long as both), with the reminder plan of its lead
 * times. */
#ifndef FCAVTAL_NOTIFY_DEADLINE_BUILD_H
#define FCAVTAL_NOTIFY_DEADLINE_BUILD_H

#include "notify.h"

#define NTF_MAX_PARTIES 64

typedef struct {
    Deadline d;
    Fcavtal__V1__Date date, safe, created;
    Fcavtal__V1__Reason rule;
    Fcavtal__V1__DeadlineParty party[NTF_MAX_PARTIES];
    Fcavtal__V1__DeadlineParty *party_ptr[NTF_MAX_PARTIES];
    Fcavtal__V1__PlannedReminder plan[NTF_MAX_LEADS];
    Fcavtal__V1__PlannedReminder *plan_ptr[NTF_MAX_LEADS];
    Fcavtal__V1__Date send[NTF_MAX_LEADS];
    char kind[32], actors[32];
    int fire_slot;   /* the reminder to send at once (-1: none), see ntf_plan_leads */
} ntf_deadline_build_t;

void ntf_pb_date(Fcavtal__V1__Date *out, fc_date_t d);

/* Fills b from the engine's deadline and the producing agreement's parties
 * (one per organisation and operation). */
void ntf_deadline_build(ntf_deadline_build_t *b, const fc_deadline_t *src, const Agreement *a,
                        fc_date_t today);

/* The reminder plan for the leads, as known on `today` with the scheduler
 * through `processed`: days still ahead of the scheduler are planned; of
 * those it has passed only the latest goes out, at once (b->fire_slot), so
 * that a deadline learnt late is still announced once while ahead (domain
 * §9.3); the rest are skipped with the reason. A deadline already past has
 * no reminders. `n_plan` counts into the builder's plan arrays from
 * `plan_out`, which may be b's own. */
void ntf_plan_leads(ntf_deadline_build_t *b, const ntf_leads_t *leads, fc_date_t today,
                    fc_date_t processed);

#endif
