/* What the delivery channels are given (reminder.h) about one deadline and
 * one of its notifications, loaded from notify's store: the deadline, the
 * agreement's title and case number, the centre's name, the parties' names
 * and org numbers, and the rule in Swedish. Everything lives in the struct. */
#ifndef FCAVTAL_NOTIFY_REMINDER_FACTS_H
#define FCAVTAL_NOTIFY_REMINDER_FACTS_H

#include "deadline_build.h"
#include "notify.h"
#include "reminder.h"

typedef struct {
    ntf_deadline_t deadline;
    ntf_reminder_t reminder;
    ntf_party_t parties[NTF_MAX_PARTIES];
    char party_name[NTF_MAX_PARTIES][160];
    char party_orgnr[NTF_MAX_PARTIES][16];
    char key[NTF_KEY_MAX + 1];
    char id[NTF_ID_MAX + 1];
    char title[400], case_number[100], centre_name[200];
    char kind_text[80], rule_text[700], rule_source[64];
} ntf_facts_t;

/* The facts of deadline d (no reminder); d gets the read model's names
 * (ntf_deadline_present). FC_INVALID_ARGUMENT when its key cannot be a
 * channel key. */
fc_status_t ntf_facts_of_deadline(fc_call_t *call, Deadline *d, ntf_facts_t *f);
/* The facts of notification n and its deadline, sent on the service's
 * today. FC_NOT_FOUND when the deadline is gone. */
fc_status_t ntf_facts_of_notification(fc_call_t *call, const Notification *n, ntf_facts_t *f);

/* The channel kind of a deadline kind name. */
ntf_deadline_kind_t ntf_channel_kind(const char *kind);

#endif
