/* Moving an agreement through its lifecycle. Every move is checked against
 * the lifecycle table, creates a new version and publishes an event. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agreement.h"
#include "fcavtal/pb.h"
#include "lifecycle.h"
#include "records.h"
#include "term.h"

typedef Fcavtal__V1__AgreementStatus Status;
#define ST(x) FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_##x

static fc_status_t refuse(fc_call_t *call, const Agreement *a, Status to)
{
    return fc_call_fail(call, FC_FAILED_PRECONDITION,
                        "agreement %llu is %s and cannot become %s", (unsigned long long)a->id,
                        fc_lifecycle_name(a->status), fc_lifecycle_name(to));
}

/* Moves to `to` (refusing illegal moves), bumps the version and commits. */
static fc_status_t move(fc_call_t *call, Agreement *a, Status to, const char *action,
                        const char *note)
{
    if (a->status != to && !fc_lifecycle_allowed(a->status, to))
        return refuse(call, a, to);
    a->status = to;
    a->version++;
    if (fc_pb_set_string(&a->change_note, note && *note ? note : action))
        return REG_FAIL_OOM(call);
    return reg_agreement_commit(call, a, action);
}

static bool is_party(const Agreement *a, uint64_t org, uint64_t op)
{
    for (size_t i = 0; i < a->n_parties; i++)
        if (a->parties[i]->organisation_id == org && a->parties[i]->operation_id == op)
            return true;
    return false;
}

static bool is_party_org(const Agreement *a, uint64_t org)
{
    for (size_t i = 0; i < a->n_parties; i++)
        if (a->parties[i]->organisation_id == org)
            return true;
    return false;
}

static bool has_signed(const Agreement *a, uint64_t org, uint64_t op)
{
    for (size_t i = 0; i < a->n_signatures; i++)
        if (a->signatures[i]->organisation_id == org && a->signatures[i]->operation_id == op)
            return true;
    return false;
}

static bool all_signed(const Agreement *a)
{
    for (size_t i = 0; i < a->n_parties; i++)
        if (!has_signed(a, a->parties[i]->organisation_id, a->parties[i]->operation_id))
            return false;
    return true;
}

fc_status_t reg_send_for_signature(fc_call_t *call, const Fcavtal__V1__AgreementAction *body, Rep *rep)
{
    Agreement *a;
    fc_status_t st = reg_agreement_for_change(call, rep, body->agreement_id, &a);
    if (st)
        return st;
    if (a->status != ST(DRAFT))
        return refuse(call, a, ST(OUT_FOR_SIGNATURE));
    if (a->n_parties < 2)
        return fc_call_fail(call, FC_FAILED_PRECONDITION,
                            "an agreement needs at least two parties before it is signed");
    return move(call, a, ST(OUT_FOR_SIGNATURE), "sent_for_signature",
                body->note);
}

fc_status_t reg_withdraw(fc_call_t *call, const Fcavtal__V1__AgreementAction *body, Rep *rep)
{
    Agreement *a;
    fc_status_t st = reg_agreement_for_change(call, rep, body->agreement_id, &a);
    if (st)
        return st;
    if (a->status != ST(OUT_FOR_SIGNATURE))
        return refuse(call, a, ST(DRAFT));
    /* Signatures were given to the text as sent; a changed text needs new ones. */
    for (size_t i = 0; i < a->n_signatures; i++)
        fcavtal__v1__signature__free_unpacked(a->signatures[i], NULL);
    free(a->signatures);
    a->signatures = NULL;
    a->n_signatures = 0;
    return move(call, a, ST(DRAFT), "withdrawn", body->note);
}

static fc_status_t check_signature(fc_call_t *call, const Agreement *a, const Fcavtal__V1__Signature *s)
{
    fc_date_t date;
    const char *missing = !fc_date_from_pb(s->date, &date) ? "date"
                          : !*s->place ? "place" : !*s->name ? "name" : !*s->title ? "title" : NULL;
    if (missing) {
        char f[64];
        snprintf(f, sizeof f, "sign.signature.%s", missing);
        fc_call_violation(call, f, "a signature records date, place, name and title");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "the signature lacks its %s", missing);
    }
    if (!is_party(a, s->organisation_id, s->operation_id)) {
        fc_call_violation(call, "sign.signature.organisation_id", "not a party to the agreement");
        return fc_call_fail(call, FC_INVALID_ARGUMENT,
                            "organisation %llu (operation %llu) is not a party to agreement %llu",
                            (unsigned long long)s->organisation_id,
                            (unsigned long long)s->operation_id, (unsigned long long)a->id);
    }
    if (has_signed(a, s->organisation_id, s->operation_id))
        return fc_call_fail(call, FC_ALREADY_EXISTS, "that party has already signed");
    return FC_OK;
}

fc_status_t reg_sign(fc_call_t *call, const Fcavtal__V1__SignAgreement *body, Rep *rep)
{
    Agreement *a;
    fc_status_t st = reg_agreement_for_change(call, rep, body->agreement_id, &a);
    if (st)
        return st;
    if (a->status != ST(OUT_FOR_SIGNATURE))
        return fc_call_fail(call, FC_FAILED_PRECONDITION,
                            "agreement %llu is %s: only an agreement out for signature is signed",
                            (unsigned long long)a->id, fc_lifecycle_name(a->status));
    if (!body->signature)
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "sign needs a signature");
    if ((st = check_signature(call, a, body->signature)))
        return st;
    ProtobufCMessage *sig = fc_pb_clone(&body->signature->base);
    if (!sig || reg_append(&a->n_signatures, &a->signatures, sig)) {
        if (sig)
            protobuf_c_message_free_unpacked(sig, NULL);
        return REG_FAIL_OOM(call);
    }
    bool complete = all_signed(a);
    return move(call, a, complete ? ST(ACTIVE) : ST(OUT_FOR_SIGNATURE),
                complete ? "activated" : "signed", "signed");
}

static bool approved(const Fcavtal__V1__AmendAgreement *am, uint64_t org)
{
    for (size_t i = 0; i < am->n_approved_by; i++)
        if (am->approved_by[i] == org)
            return true;
    return false;
}

/* Every party must approve an amendment in writing (VG §15, Bilaga 1):
 * those of the agreement as it stands and any the amendment brings in. */
static fc_status_t check_approvals(fc_call_t *call, const Agreement *a,
                                   const Fcavtal__V1__AmendAgreement *am)
{
    for (size_t i = 0; i < a->n_parties; i++)
        if (!approved(am, a->parties[i]->organisation_id)) {
            fc_call_violation(call, "amend.approved_by", "organisation %llu has not approved",
                              (unsigned long long)a->parties[i]->organisation_id);
            return fc_call_fail(call, FC_FAILED_PRECONDITION,
                                "every party must approve an amendment; organisation %llu has not",
                                (unsigned long long)a->parties[i]->organisation_id);
        }
    return FC_OK;
}

/* The new content keeps what only the registry controls. */
static void carry_over(Agreement *next, Agreement *cur, const Fcavtal__V1__AmendAgreement *am)
{
    next->id = cur->id;
    next->kind = cur->kind;
    next->status = cur->status;
    next->version = cur->version;
    Fcavtal__V1__Signature **sigs = next->signatures;
    size_t n_sigs = next->n_signatures;
    next->signatures = cur->signatures;
    next->n_signatures = cur->n_signatures;
    cur->signatures = sigs;
    cur->n_signatures = n_sigs;
    Fcavtal__V1__Notice *notice = next->notice;
    next->notice = cur->notice;
    cur->notice = notice;
    free(next->approved_by);
    next->approved_by = malloc(am->n_approved_by * sizeof *next->approved_by + 1);
    next->n_approved_by = next->approved_by ? am->n_approved_by : 0;
    if (next->approved_by)
        memcpy(next->approved_by, am->approved_by, am->n_approved_by * sizeof *am->approved_by);
}

fc_status_t reg_amend(fc_call_t *call, const Fcavtal__V1__AmendAgreement *body, Rep *rep)
{
    const Fcavtal__V1__AmendAgreement *am = body;
    Agreement *cur = NULL;
    fc_status_t st = fc_record_load(call, REC_AGREEMENT, am->agreement_id, (ProtobufCMessage **)&cur);
    if (st)
        return st;
    Agreement *next = am->agreement ? (Agreement *)fc_pb_clone(&am->agreement->base) : NULL;
    if (!next)
        st = am->agreement ? REG_FAIL_OOM(call)
                           : fc_call_fail(call, FC_INVALID_ARGUMENT, "amend needs the new content");
    else if (cur->status != ST(ACTIVE))
        st = fc_call_fail(call, FC_FAILED_PRECONDITION,
                          "agreement %llu is %s: only an active agreement is amended",
                          (unsigned long long)cur->id, fc_lifecycle_name(cur->status));
    else if (!(st = check_approvals(call, cur, am)) && !(st = check_approvals(call, next, am)) &&
             !(st = reg_agreement_take_amendment(call, next, cur))) {
        carry_over(next, cur, am);
        st = reg_agreement_check(call, next, "amend.agreement");
    }
    fcavtal__v1__agreement__free_unpacked(cur, NULL);
    if (!next)
        return st;
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_AGREEMENT;
    rep->agreement = next;
    return st ? st : move(call, next, ST(ACTIVE), "amended", am->note);
}

fc_status_t reg_record_notice(fc_call_t *call, const Fcavtal__V1__RecordNotice *body, Rep *rep)
{
    const Fcavtal__V1__RecordNotice *rn = body;
    Agreement *a;
    fc_status_t st = reg_agreement_for_change(call, rep, rn->agreement_id, &a);
    if (st)
        return st;
    if (a->status != ST(ACTIVE))
        return refuse(call, a, ST(UNDER_NOTICE));
    fc_date_t received, effective;
    if (!fc_date_from_pb(rn->received, &received)) {
        fc_call_violation(call, "record_notice.received", "a calendar date is required");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "the date the notice was received is required");
    }
    if (!is_party_org(a, rn->from_organisation_id)) {
        fc_call_violation(call, "record_notice.from_organisation_id", "not a party to the agreement");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "notice must come from a party");
    }
    fc_reason_t why;
    if ((st = reg_agreement_notice_effective(a, received, &effective, &why)))
        return fc_call_fail(call, st, "the notice's effective date cannot be computed: %s",
                            why.text);
    Fcavtal__V1__Notice *n = malloc(sizeof *n);
    if (!n)
        return REG_FAIL_OOM(call);
    fcavtal__v1__notice__init(n);
    n->received = fc_pb_date_new(received);
    n->effective = fc_pb_date_new(effective);
    n->effective_reason = reg_reason_new(&why);
    n->from_organisation_id = rn->from_organisation_id;
    if (!n->received || !n->effective || !n->effective_reason ||
        fc_pb_set_string(&n->note, rn->note)) {
        fcavtal__v1__notice__free_unpacked(n, NULL);
        return REG_FAIL_OOM(call);
    }
    if (a->notice)
        fcavtal__v1__notice__free_unpacked(a->notice, NULL);
    a->notice = n;
    if (a->effective_end)
        fcavtal__v1__date__free_unpacked(a->effective_end, NULL);
    a->effective_end = fc_pb_date_new(effective);
    if (!a->effective_end)
        return REG_FAIL_OOM(call);
    char buf[FC_DATE_STRLEN];
    fc_call_warning(call, "notice takes effect %s: %s", fc_date_format(effective, buf), why.text);
    return move(call, a, ST(UNDER_NOTICE), "notice_received", rn->note);
}

fc_status_t reg_terminate(fc_call_t *call, const Fcavtal__V1__Terminate *body, Rep *rep)
{
    Agreement *a;
    fc_status_t st = reg_agreement_for_change(call, rep, body->agreement_id, &a);
    if (st)
        return st;
    fc_date_t effective;
    bool given = fc_date_from_pb(body->effective, &effective);
    /* Without a date, a notice's day; an effective_end stored on an agreement
     * not under notice was never the registry's and does not count. */
    bool has_end = false;
    if (!given && a->status == ST(UNDER_NOTICE))
        given = reg_agreement_end(a, fc_call_today(call), &has_end, &effective, NULL) == FC_OK &&
                has_end;
    if (!given) {
        fc_call_violation(call, "terminate.effective", "the date the termination takes effect");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "terminate needs an effective date");
    }
    if (!fc_lifecycle_allowed(a->status, ST(TERMINATED)))
        return refuse(call, a, ST(TERMINATED));
    if (a->effective_end)
        fcavtal__v1__date__free_unpacked(a->effective_end, NULL);
    a->effective_end = fc_pb_date_new(effective);
    return a->effective_end ? move(call, a, ST(TERMINATED), "terminated", body->note)
                            : REG_FAIL_OOM(call);
}

fc_status_t reg_expire(fc_call_t *call, const Fcavtal__V1__AgreementAction *body, Rep *rep)
{
    Agreement *a;
    fc_status_t st = reg_agreement_for_change(call, rep, body->agreement_id, &a);
    if (st)
        return st;
    if (!fc_lifecycle_allowed(a->status, ST(EXPIRED)))
        return refuse(call, a, ST(EXPIRED));
    /* The end is computed from the term, the notice or the termination, never
     * read from a stored effective_end a client could have set. */
    fc_date_t end, today = fc_call_today(call);
    fc_reason_t why;
    bool has_end = false;
    char buf[FC_DATE_STRLEN];
    if ((st = reg_agreement_end(a, today, &has_end, &end, &why)))
        return fc_call_fail(call, FC_FAILED_PRECONDITION, "agreement %llu has no end: %s",
                            (unsigned long long)a->id, why.text);
    if (!has_end)
        return fc_call_fail(call, FC_FAILED_PRECONDITION,
                            "agreement %llu runs until further notice and has no end",
                            (unsigned long long)a->id);
    if (fc_date_cmp(today, end) <= 0)
        return fc_call_fail(call, FC_FAILED_PRECONDITION, "agreement %llu runs until %s: %s",
                            (unsigned long long)a->id, fc_date_format(end, buf), why.text);
    return move(call, a, ST(EXPIRED), "expired", body->note);
}

static fc_status_t derive_notice(fc_call_t *call, Agreement *a, const char *path)
{
    char f[256];
    fc_date_t received, effective;
    snprintf(f, sizeof f, "%s.notice", path);
    if (!fc_date_from_pb(a->notice->received, &received)
        || !is_party_org(a, a->notice->from_organisation_id)) {
        fc_call_violation(call, f, "a notice records the date received and a party it came from");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: incomplete notice", f);
    }
    if (a->status != ST(ACTIVE)) {
        fc_call_violation(call, f, "only an agreement every party signed can be under notice");
        return fc_call_fail(call, FC_FAILED_PRECONDITION, "%s: the agreement is not active", f);
    }
    fc_reason_t why;
    if (reg_agreement_notice_effective(a, received, &effective, &why))
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: effective date cannot be computed: %s",
                            f, why.text);
    fc_date_t given;
    if (a->notice->effective && fc_date_from_pb(a->notice->effective, &given) &&
        fc_date_cmp(given, effective) != 0)
        fc_call_warning(call, "%s.effective is computed by the registry from the term: the value "
                        "given was ignored", f);
    if (a->notice->effective)
        fcavtal__v1__date__free_unpacked(a->notice->effective, NULL);
    if (a->notice->effective_reason)
        fcavtal__v1__reason__free_unpacked(a->notice->effective_reason, NULL);
    if (a->effective_end)
        fcavtal__v1__date__free_unpacked(a->effective_end, NULL);
    a->notice->effective = fc_pb_date_new(effective);
    a->notice->effective_reason = reg_reason_new(&why);
    a->effective_end = fc_pb_date_new(effective);
    a->status = ST(UNDER_NOTICE);
    return a->notice->effective && a->notice->effective_reason && a->effective_end
               ? FC_OK : REG_FAIL_OOM(call);
}

fc_status_t reg_agreement_derive_status(fc_call_t *call, Agreement *a, const char *path)
{
    char f[256];
    for (size_t i = 0; i < a->n_signatures; i++) {
        const Fcavtal__V1__Signature *s = a->signatures[i];
        fc_date_t date;
        snprintf(f, sizeof f, "%s.signatures[%zu]", path, i);
        if (!is_party(a, s->organisation_id, s->operation_id)) {
            fc_call_violation(call, f, "signed by someone who is not a party");
            return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: not a party", f);
        }
        if (!fc_date_from_pb(s->date, &date) || !*s->name) {
            fc_call_violation(call, f, "a signature records at least date and name");
            return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: incomplete signature", f);
        }
    }
    Status given = a->status;
    a->status = !a->n_signatures ? ST(DRAFT) : all_signed(a) ? ST(ACTIVE) : ST(OUT_FOR_SIGNATURE);
    fc_status_t st = a->notice ? derive_notice(call, a, path) : FC_OK;
    if (given && given != a->status)
        fc_call_warning(call, "%s.status is computed by the registry from the signatures and "
                        "notice: the value given was ignored", path);
    /* Only a notice sets an imported effective end; terminate never runs
     * on an import. */
    if (!a->notice && a->effective_end) {
        fc_call_warning(call, "%s.effective_end is computed by the registry (set by "
                        "record_notice and terminate): the value given was ignored", path);
        fcavtal__v1__date__free_unpacked(a->effective_end, NULL);
        a->effective_end = NULL;
    }
    return st;
}
