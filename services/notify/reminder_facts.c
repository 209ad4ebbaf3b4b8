/* Facts for the channels from the store (reminder_facts.h). */
#include "reminder_facts.h"

#include <stdio.h>
#include <string.h>

#include "fcavtal/pb.h"
#include "handlers.h"
#include "rule_text_sv.h"

ntf_deadline_kind_t ntf_channel_kind(const char *kind)
{
    static const struct {
        const char *name;
        ntf_deadline_kind_t kind;
    } MAP[] = {
        {"notice", NTF_KIND_NOTICE}, {"extension_decision", NTF_KIND_EXTENSION_DECISION},
        {"annual_review", NTF_KIND_ANNUAL_REVIEW}, {"end", NTF_KIND_TERM_END},
        {"handover", NTF_KIND_TERM_END}, {"business_plan", NTF_KIND_BUSINESS_PLAN},
        {"annual_report", NTF_KIND_ANNUAL_REPORT},
    };
    for (size_t i = 0; i < sizeof MAP / sizeof MAP[0]; i++)
        if (strcmp(MAP[i].name, kind) == 0)
            return MAP[i].kind;
    return NTF_KIND_UNSPECIFIED;
}

/* The channels' key alphabet has no '/': "agreement/7/notice/2024-12-31"
 * becomes "agreement.7.notice.2024-12-31", as in the notification ids. */
static void channel_key(const char *key, char *out, size_t len)
{
    snprintf(out, len, "%s", key);
    for (char *p = out; *p; p++)
        if (*p == '/')
            *p = '.';
}

fc_status_t ntf_facts_of_deadline(fc_call_t *call, Deadline *d, ntf_facts_t *f)
{
    memset(f, 0, sizeof *f);
    ntf_deadline_present(call, d);
    channel_key(d->key, f->key, sizeof f->key);
    snprintf(f->title, sizeof f->title, "%s", d->agreement_title ? d->agreement_title : "");
    snprintf(f->case_number, sizeof f->case_number, "%s", d->case_number ? d->case_number : "");
    snprintf(f->centre_name, sizeof f->centre_name, "%s", d->centre_name ? d->centre_name : "");
    snprintf(f->rule_source, sizeof f->rule_source, "%s",
             d->rule && d->rule->source ? d->rule->source : "");
    ntf_rule_text_sv(d, f->rule_text, sizeof f->rule_text);
    ntf_deadline_t *dl = &f->deadline;
    dl->key = f->key;
    dl->kind = ntf_channel_kind(d->kind);
    if (strcmp(d->kind, "handover") == 0) {
        snprintf(f->kind_text, sizeof f->kind_text, "sista dag för överlämning av ansvaret");
        dl->kind_text = f->kind_text;
    }
    dl->agreement_id = d->agreement_id;
    dl->agreement_title = f->title;
    dl->case_number = f->case_number;
    dl->centre_name = f->centre_name;
    fc_date_from_pb(d->date, &dl->nominal);
    fc_date_from_pb(d->safe_day, &dl->safe_day);
    dl->moved_reason = NULL;   /* worded in Swedish by the channels */
    dl->rule_text = f->rule_text;
    dl->rule_source = f->rule_source;
    for (size_t i = 0; i < d->n_parties && i < NTF_MAX_PARTIES; i++) {
        const Fcavtal__V1__DeadlineParty *p = d->parties[i];
        snprintf(f->party_name[i], sizeof f->party_name[i], "%s", p->name ? p->name : "");
        snprintf(f->party_orgnr[i], sizeof f->party_orgnr[i], "%s",
                 p->org_number && p->org_number->value ? p->org_number->value : "");
        f->parties[i] = (ntf_party_t){f->party_name[i], f->party_orgnr[i]};
        /* An organisation that is a party through two operations acts once. */
        bool seen = false;
        for (size_t j = 0; j < dl->n_parties && !seen; j++)
            seen = strcmp(f->parties[j].name, f->party_name[i]) == 0;
        if (!seen)
            f->parties[dl->n_parties++] = f->parties[i];
    }
    dl->parties = f->parties;
    return ntf_id_valid(f->key, NTF_KEY_MAX) ? FC_OK : FC_INVALID_ARGUMENT;
}

fc_status_t ntf_facts_of_notification(fc_call_t *call, const Notification *n, ntf_facts_t *f)
{
    Deadline *d = NULL;
    fc_status_t st = fc_record_get(call, REC_DEADLINE, n->deadline_id, (ProtobufCMessage **)&d);
    if (st)
        return st;
    st = ntf_facts_of_deadline(call, d, f);
    fcavtal__v1__deadline__free_unpacked(d, NULL);
    if (st)
        return st;
    snprintf(f->id, sizeof f->id, "%s", n->notification_id);
    f->reminder.id = f->id;
    f->reminder.deadline = &f->deadline;
    f->reminder.lead = (ntf_lead_t){n->lead_months, n->lead_days};
    f->reminder.sent_on = fc_call_today(call);
    f->reminder.late = n->late;
    return FC_OK;
}
