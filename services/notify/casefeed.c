#include "casefeed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline_facts.h"
#include "fcavtal/pb.h"
#include "swedish_date.h"
#include "text_check.h"

static Fcavtal__V1__Date pb_date(fc_date_t d)
{
    Fcavtal__V1__Date out = FCAVTAL__V1__DATE__INIT;
    out.year = d.year;
    out.month = d.month;
    out.day = d.day;
    return out;
}

/* protobuf-c packs NULL strings as absent only for optional fields: every
 * string of a proto3 message must point somewhere. */
static char *text(const char *s)
{
    return (char *)(s ? s : "");
}

static void pack_parties(const ntf_deadline_t *d, Fcavtal__V1__CaseNotification *n,
                         Fcavtal__V1__CaseParty *parties, Fcavtal__V1__CaseParty **ptrs,
                         Fcavtal__V1__OrgNumber *orgs)
{
    for (size_t i = 0; i < d->n_parties; i++) {
        fcavtal__v1__case_party__init(&parties[i]);
        fcavtal__v1__org_number__init(&orgs[i]);
        parties[i].name = text(d->parties[i].name);
        if (d->parties[i].org_number && d->parties[i].org_number[0]) {
            orgs[i].value = (char *)d->parties[i].org_number;
            parties[i].org_number = &orgs[i];
        }
        ptrs[i] = &parties[i];
    }
    n->n_parties = d->n_parties;
    n->parties = ptrs;
}

fc_status_t ntf_casefeed_pack(const ntf_reminder_t *r, uint8_t **payload, size_t *len, char *err,
                              size_t errlen)
{
    *payload = NULL;
    *len = 0;
    fc_status_t st = ntf_deadline_check(r ? r->deadline : NULL, err, errlen);
    if (st)
        return st;
    if (!ntf_id_valid(r->id, NTF_ID_MAX) || !ntf_lead_valid(r->lead) || !fc_date_valid(r->sent_on)) {
        snprintf(err, errlen, "reminder needs a valid notification id, lead time and sending date");
        return FC_INVALID_ARGUMENT;
    }
    const ntf_deadline_t *d = r->deadline;
    Fcavtal__V1__CaseParty *parties = calloc(d->n_parties + 1, sizeof *parties);
    Fcavtal__V1__CaseParty **ptrs = calloc(d->n_parties + 1, sizeof *ptrs);
    Fcavtal__V1__OrgNumber *orgs = calloc(d->n_parties + 1, sizeof *orgs);
    char lead_text[64], moved[160];
    Fcavtal__V1__CaseNotification n = FCAVTAL__V1__CASE_NOTIFICATION__INIT;
    Fcavtal__V1__LeadTime lead = FCAVTAL__V1__LEAD_TIME__INIT;
    Fcavtal__V1__Date nominal = pb_date(d->nominal), safe = pb_date(d->safe_day),
                      sent = pb_date(r->sent_on);
    if (parties && ptrs && orgs) {
        n.notification_id = (char *)r->id;
        n.contract_version = NTF_CASEFEED_VERSION;
        n.deadline_key = (char *)d->key;
        n.kind = (Fcavtal__V1__DeadlineKind)d->kind;
        n.kind_text = (char *)ntf_deadline_text(d);
        n.agreement_id = d->agreement_id;
        n.agreement_title = text(d->agreement_title);
        n.case_number = text(d->case_number);
        n.centre_name = text(d->centre_name);
        pack_parties(d, &n, parties, ptrs, orgs);
        n.nominal_date = &nominal;
        n.safe_day = &safe;
        n.moved_reason = d->moved_reason && d->moved_reason[0]
            ? (char *)d->moved_reason : ntf_moved_reason(d->nominal, d->safe_day, moved, sizeof moved);
        n.rule_text = text(d->rule_text);
        n.rule_source = text(d->rule_source);
        lead.months = (uint32_t)r->lead.months;
        lead.days = (uint32_t)r->lead.days;
        lead.text = ntf_lead_text(r->lead, lead_text, sizeof lead_text);
        n.lead = &lead;
        n.late = r->late;
        n.sent_on = &sent;
        *len = fcavtal__v1__case_notification__get_packed_size(&n);
        *payload = malloc(*len ? *len : 1);
        if (*payload)
            fcavtal__v1__case_notification__pack(&n, *payload);
    }
    free(parties);
    free(ptrs);
    free(orgs);
    if (!*payload) {
        *len = 0;
        snprintf(err, errlen, "out of memory");
        return FC_RESOURCE_EXHAUSTED;
    }
    return FC_OK;
}

static bool date_valid(const Fcavtal__V1__Date *d, fc_date_t *out)
{
    if (!d)
        return false;
    *out = (fc_date_t){d->year, d->month, d->day};
    return fc_date_valid(*out);
}

static bool clean(const char *s, bool multiline)
{
    return !s || ntf_utf8_clean(s, multiline);
}

/* The first text field that is not clean UTF-8, or NULL. Checked one by
 * one: every field is shown to a person or written to a file. */
static const char *unclean_field(const Fcavtal__V1__CaseNotification *n)
{
    const struct {
        const char *name, *text;
        bool multiline;
    } fields[] = {
        {"notification_id", n->notification_id, false}, {"deadline_key", n->deadline_key, false},
        {"kind_text", n->kind_text, false}, {"agreement_title", n->agreement_title, false},
        {"case_number", n->case_number, false}, {"centre_name", n->centre_name, false},
        {"moved_reason", n->moved_reason, false}, {"rule_text", n->rule_text, true},
        {"rule_source", n->rule_source, false}, {"lead.text", n->lead ? n->lead->text : NULL, false},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (!clean(fields[i].text, fields[i].multiline))
            return fields[i].name;
    for (size_t i = 0; i < n->n_parties; i++) {
        const Fcavtal__V1__CaseParty *p = n->parties[i];
        if (!clean(p->name, false) || (p->org_number && !clean(p->org_number->value, false)))
            return "parties";
    }
    return NULL;
}

fc_status_t ntf_casefeed_check(const Fcavtal__V1__CaseNotification *n, char *err, size_t errlen)
{
    const char *field = NULL;
    fc_date_t nominal, safe, sent;
    const char *why = NULL;
    if (!ntf_id_valid(n->notification_id, NTF_ID_MAX))
        why = "notification_id must be 1-128 characters from A-Z a-z 0-9 . _ - "
              "with no leading, trailing or double dot";
    else if (n->contract_version == FCAVTAL__V1__CASE_FEED_VERSION__CASE_FEED_VERSION_UNSPECIFIED)
        why = "contract_version is missing";
    else if ((field = unclean_field(n)))
        why = "a text field has control characters or invalid UTF-8";
    else if (!date_valid(n->nominal_date, &nominal) || !date_valid(n->safe_day, &safe))
        why = "nominal_date and safe_day must be valid dates";
    else if (fc_date_cmp(safe, nominal) > 0)
        why = "safe_day is after nominal_date";
    else if (n->sent_on && !date_valid(n->sent_on, &sent))
        why = "sent_on is not a valid date";
    if (why) {
        snprintf(err, errlen, "%s%s%s", why, field ? ": " : "", field ? field : "");
        return FC_INVALID_ARGUMENT;
    }
    if (n->contract_version != NTF_CASEFEED_VERSION) {
        snprintf(err, errlen, "contract_version %d is not supported (this receiver implements 1)",
                 (int)n->contract_version);
        return FC_FAILED_PRECONDITION;
    }
    return FC_OK;
}

uint8_t *ntf_casefeed_ack_pack(const char *id, fc_status_t code, const char *message, bool duplicate,
                               size_t *len)
{
    Fcavtal__V1__CaseAck ack = FCAVTAL__V1__CASE_ACK__INIT;
    Fcavtal__V1__Status status = FCAVTAL__V1__STATUS__INIT;
    char msg[512];
    /* The message may quote received bytes: keep it valid UTF-8. */
    snprintf(msg, sizeof msg, "%s", message ? message : "");
    fc_utf8_trim(msg);
    status.code = (Fcavtal__V1__Code)code;
    status.message = msg;
    ack.notification_id = text(id);
    ack.contract_version = NTF_CASEFEED_VERSION;
    ack.status = &status;
    ack.duplicate = duplicate;
    *len = fcavtal__v1__case_ack__get_packed_size(&ack);
    uint8_t *buf = malloc(*len ? *len : 1);
    if (buf)
        fcavtal__v1__case_ack__pack(&ack, buf);
    return buf;
}
