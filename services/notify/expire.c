/* Expiring agreements in the registry (expire.h). */
#include "expire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline_build.h"
#include "fcavtal/log.h"
#include "fcavtal/pb.h"

#define AS(x) FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_##x

static bool can_expire(int status)
{
    return status == AS(ACTIVE) || status == AS(UNDER_NOTICE) || status == AS(TERMINATED);
}

fc_status_t ntf_expiry_schedule(fc_call_t *call, const Deadline *d)
{
    Agreement *a = NULL;
    fc_status_t st = fc_record_get(call, REC_AGREEMENT, d->agreement_id, (ProtobufCMessage **)&a);
    if (st)
        return st == FC_NOT_FOUND ? FC_OK : st;
    bool wanted = can_expire(a->status);
    fcavtal__v1__agreement__free_unpacked(a, NULL);
    if (!wanted)
        return FC_OK;
    Expiry *old = NULL;
    st = fc_record_get(call, REC_EXPIRY, d->agreement_id, (ProtobufCMessage **)&old);
    if (st && st != FC_NOT_FOUND)
        return st;
    bool same = old && old->end && old->end->year == d->date->year &&
                old->end->month == d->date->month && old->end->day == d->date->day &&
                old->state != XS(FAILED);
    if (old)
        fcavtal__v1__expiry__free_unpacked(old, NULL);
    if (same)
        return FC_OK;
    char rid[96], end[FC_DATE_STRLEN];
    fc_date_t e = {d->date->year, d->date->month, d->date->day};
    snprintf(rid, sizeof rid, "notify-expire-%llu-%s", (unsigned long long)d->agreement_id,
             fc_date_format(e, end));
    Fcavtal__V1__Date due, *end_pb = d->date;
    ntf_pb_date(&due, fc_call_today(call));
    Expiry x = FCAVTAL__V1__EXPIRY__INIT;
    x.id = d->agreement_id;
    x.end = end_pb;
    x.request_id = rid;
    x.state = XS(PENDING);
    x.due_on = &due;
    st = fc_record_put(call, REC_EXPIRY, &x.base);
    return st ? st : fc_call_emit(call, REC_EXPIRY, "pending", &x.base);
}

static fc_status_t settle(fc_call_t *call, Expiry *x, int state, const char *result)
{
    x->state = state;
    if (fc_pb_set_string(&x->result, result))
        return FC_RESOURCE_EXHAUSTED;
    if (state == XS(DONE)) {
        if (x->done_on)
            fcavtal__v1__date__free_unpacked(x->done_on, NULL);
        if (!(x->done_on = fc_pb_date_new(fc_call_today(call))))
            return FC_RESOURCE_EXHAUSTED;
    }
    fc_status_t st = fc_record_put(call, REC_EXPIRY, &x->base);
    return st || state == XS(PENDING)
               ? st : fc_call_emit(call, REC_EXPIRY, state == XS(DONE) ? "done" : "failed",
                                   &x->base);
}

fc_status_t ntf_expiry_settled(fc_call_t *call, uint64_t agreement_id)
{
    Expiry *x = NULL;
    fc_status_t st = fc_record_get(call, REC_EXPIRY, agreement_id, (ProtobufCMessage **)&x);
    if (st)
        return st == FC_NOT_FOUND ? FC_OK : st;
    if (x->state == XS(PENDING))
        st = settle(call, x, XS(DONE), "the registry reports the agreement expired");
    fcavtal__v1__expiry__free_unpacked(x, NULL);
    return st;
}

/* ------------------------------------------------------------ calling */

typedef struct {
    uint64_t ids[64];
    size_t n;
    int64_t now;
} due_t;

static fc_status_t find_due(fc_call_t *call, void *arg)
{
    due_t *due = arg;
    fc_index_key_t k;
    fc_index_key_u32(&k, XS(PENDING));
    uint64_t *ids = NULL;
    size_t n = 0;
    fc_status_t st = fc_record_index_ids(call, REC_EXPIRY, IX_EXPIRY_STATE, &k, 0, 1000, &ids, &n);
    for (size_t i = 0; !st && i < n && due->n < 64; i++) {
        Expiry *x = NULL;
        st = fc_record_get(call, REC_EXPIRY, ids[i], (ProtobufCMessage **)&x);
        if (!st && x->next_attempt_ms <= due->now)
            due->ids[due->n++] = x->id;
        if (x)
            fcavtal__v1__expiry__free_unpacked(x, NULL);
    }
    free(ids);
    return st;
}

typedef struct {
    uint64_t id;
    Fcavtal__V1__RegistryReply *reply;  /* NULL: no answer */
} answer_t;

static int64_t backoff_ms(uint32_t attempts)
{
    static const int64_t steps[] = {1000, 2000, 5000, 10000, 30000, 60000};
    size_t n = sizeof steps / sizeof steps[0];
    return steps[attempts == 0 ? 0 : attempts - 1 < n ? attempts - 1 : n - 1];
}

static fc_status_t record_answer(fc_call_t *call, void *arg)
{
    answer_t *ans = arg;
    Expiry *x = NULL;
    fc_status_t st = fc_record_get(call, REC_EXPIRY, ans->id, (ProtobufCMessage **)&x);
    if (st)
        return st == FC_NOT_FOUND ? FC_OK : st;
    if (x->state != XS(PENDING)) {
        fcavtal__v1__expiry__free_unpacked(x, NULL);
        return FC_OK;
    }
    x->attempts++;
    x->next_attempt_ms = ntf_now_ms() + backoff_ms(x->attempts);
    const Fcavtal__V1__RegistryReply *r = ans->reply;
    int code = r && r->status ? (int)r->status->code : -1;
    const char *msg = r && r->status && r->status->message ? r->status->message : "";
    char text[600];
    if (!r) {
        st = settle(call, x, XS(PENDING), "no answer from the registry; trying again");
    } else if (code == FC_OK) {
        st = settle(call, x, XS(DONE), "expired by the registry");
    } else if (code == FC_FAILED_PRECONDITION && strstr(msg, "runs until")) {
        /* The registry's today is behind notify's: it will catch up. */
        snprintf(text, sizeof text, "the registry says: %s; trying again", msg);
        st = settle(call, x, XS(PENDING), text);
    } else if (code == FC_UNAVAILABLE || code == FC_RESOURCE_EXHAUSTED || code == FC_INTERNAL) {
        snprintf(text, sizeof text, "the registry could not: %s; trying again", msg);
        st = settle(call, x, XS(PENDING), text);
    } else {
        snprintf(text, sizeof text, "the registry refused (%s): %s",
                 fc_status_name((fc_status_t)code), msg);
        st = settle(call, x, XS(FAILED), text);
    }
    fcavtal__v1__expiry__free_unpacked(x, NULL);
    return st;
}

typedef struct {
    uint64_t id;
    char request_id[96];
    char note[160];
} job_t;

static fc_status_t load_job(fc_call_t *call, void *arg)
{
    job_t *job = arg;
    Expiry *x = NULL;
    fc_status_t st = fc_record_get(call, REC_EXPIRY, job->id, (ProtobufCMessage **)&x);
    if (st)
        return st;
    snprintf(job->request_id, sizeof job->request_id, "%s", x->request_id);
    fc_date_t end = {0, 0, 0};
    char e[FC_DATE_STRLEN] = "?";
    if (fc_date_from_pb(x->end, &end))
        fc_date_format(end, e);
    snprintf(job->note, sizeof job->note,
             "its last day %s has passed (expired by fcavtal-notify)", e);
    fcavtal__v1__expiry__free_unpacked(x, NULL);
    return FC_OK;
}

static Fcavtal__V1__RegistryReply *expire_in_registry(fc_client_t *client, const job_t *job)
{
    Fcavtal__V1__AgreementAction action = FCAVTAL__V1__AGREEMENT_ACTION__INIT;
    action.agreement_id = job->id;
    action.note = (char *)job->note;
    Fcavtal__V1__RegistryRequest req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.request_id = (char *)job->request_id;
    req.actor = "service:notify";
    req.body_case = FCAVTAL__V1__REGISTRY_REQUEST__BODY_EXPIRE;
    req.expire = &action;
    return (Fcavtal__V1__RegistryReply *)fc_client_call_retry(
        client, &req.base, &fcavtal__v1__registry_reply__descriptor, 3);
}

void ntf_expire_run(fc_server_t *server, ntf_t *ntf)
{
    if (!ntf->registry)
        return;
    due_t due = {.n = 0, .now = ntf_now_ms()};
    char msg[256];
    if (fc_server_read(server, find_due, &due, msg, sizeof msg))
        return;
    for (size_t i = 0; i < due.n; i++) {
        job_t job = {.id = due.ids[i]};
        if (fc_server_read(server, load_job, &job, msg, sizeof msg))
            continue;
        answer_t ans = {due.ids[i], expire_in_registry(ntf->registry, &job)};
        if (!ans.reply)
            fc_warn("notify: the registry did not answer expire of agreement %llu",
                    (unsigned long long)job.id);
        fc_server_transact(server, "expire", record_answer, &ans, msg, sizeof msg);
        if (!ans.reply)
            break;   /* the registry is away: the rest wait for their backoff */
        fcavtal__v1__registry_reply__free_unpacked(ans.reply, NULL);
    }
}
