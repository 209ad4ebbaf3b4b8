#include "notify_harness.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int nh_start(nh_t *h, const char *today, const char *const *notify_args)
{
    return nh_start_in(h, NULL, today, notify_args);
}

static int folder_in(const char *parent, char *dir, size_t len)
{
    snprintf(dir, len, "%s/fcavtal-test-XXXXXX", parent);
    return mkdtemp(dir) ? 0 : -1;
}

int nh_start_in(nh_t *h, const char *parent, const char *today, const char *const *notify_args)
{
    memset(h, 0, sizeof *h);
    if (parent && (folder_in(parent, h->reg.h.dir, sizeof h->reg.h.dir) ||
                   folder_in(parent, h->ntf.h.dir, sizeof h->ntf.h.dir)))
        return -1;
    snprintf(h->today, sizeof h->today, "%s", today);
    const char *reg_args[] = {"--simulate", "--today", today, NULL};
    if (rc_start(&h->reg, reg_args))
        return -1;
    snprintf(h->reg_request, sizeof h->reg_request, "%s", h->reg.h.endpoint);
    snprintf(h->reg_publish, sizeof h->reg_publish, "%s", h->reg.h.pub_endpoint);
    size_t n = 0;
    const char *fixed[] = {"--simulate", "--today", h->today, "--registry-request",
                           h->reg_request, "--registry-publish", h->reg_publish, "--tick-ms", "20"};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        h->extra[n++] = fixed[i];
    for (size_t i = 0; notify_args && notify_args[i] && n < 23; i++) {
        snprintf(h->extra_buf[n], sizeof h->extra_buf[n], "%s", notify_args[i]);
        h->extra[n] = h->extra_buf[n];
        n++;
    }
    h->extra[n] = NULL;
    h->ntf.binary = FC_NOTIFY_BIN;
    h->ntf.request_desc = &fcavtal__v1__notify_request__descriptor;
    h->ntf.reply_desc = &fcavtal__v1__notify_reply__descriptor;
    h->ntf.h.keep_ports = true;
    return tc_start(&h->ntf, h->extra);
}

int nh_restart_notify(nh_t *h, int sig)
{
    return tc_restart(&h->ntf, sig, h->extra);
}

void nh_cleanup(nh_t *h)
{
    tc_cleanup(&h->ntf);
    rc_cleanup(&h->reg);
}

nh_rep_t *nh_call(nh_t *h, const char *member, const ProtobufCMessage *body)
{
    return (nh_rep_t *)tc_call(&h->ntf, member, body, NULL);
}

void nh_free(nh_rep_t *rep)
{
    tc_free(rep ? &rep->base : NULL);
}

bool nh_date_is(const Fcavtal__V1__Date *d, const char *text)
{
    char buf[16];
    if (!d)
        return false;
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->year, d->month, d->day);
    return strcmp(buf, text) == 0;
}

nh_rep_t *nh_status(nh_t *h)
{
    Fcavtal__V1__NotifyStatusRequest q = FCAVTAL__V1__NOTIFY_STATUS_REQUEST__INIT;
    return nh_call(h, "status", &q.base);
}

static uint64_t registry_seq(nh_t *h)
{
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    Fcavtal__V1__TodayRequest t = FCAVTAL__V1__TODAY_REQUEST__INIT;
    req.body_case = RC_BODY(TODAY);
    req.today = &t;
    rc_rep_t *rep = rc_call(&h->reg, &req);
    uint64_t seq = rep ? rep->seq : UINT64_MAX;
    rc_free(rep);
    return seq;
}

static bool settled(void *arg)
{
    nh_t *h = arg;
    uint64_t seq = registry_seq(h);
    nh_rep_t *rep = nh_status(h);
    const Fcavtal__V1__NotifyStatus *s = rep ? rep->status_report : NULL;
    bool ok = s && s->live && s->follower_position == seq && s->today && s->processed_through &&
              s->today->year == s->processed_through->year &&
              s->today->month == s->processed_through->month &&
              s->today->day == s->processed_through->day;
    nh_free(rep);
    return ok;
}

bool nh_settled(nh_t *h, int timeout_ms)
{
    return fc_harness_wait(settled, h, timeout_ms);
}

int nh_set_notify_today(nh_t *h, const char *date)
{
    Fcavtal__V1__Date d = rc_date(date);
    Fcavtal__V1__SetTodayRequest q = FCAVTAL__V1__SET_TODAY_REQUEST__INIT;
    q.today = &d;
    nh_rep_t *rep = nh_call(h, "set_today", &q.base);
    int code = tc_code(rep ? &rep->base : NULL);
    nh_free(rep);
    return code == 0 && nh_settled(h, 20000) ? 0 : -1;
}

int nh_set_today(nh_t *h, const char *date)
{
    Fcavtal__V1__Date d = rc_date(date);
    Fcavtal__V1__SetTodayRequest q = FCAVTAL__V1__SET_TODAY_REQUEST__INIT;
    q.today = &d;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(SET_TODAY);
    req.set_today = &q;
    rc_rep_t *rep = rc_call(&h->reg, &req);
    int code = rc_code(rep);
    rc_free(rep);
    return code == 0 ? nh_set_notify_today(h, date) : -1;
}

int nh_activate(nh_t *h, uint64_t agreement_id, const char *date)
{
    rc_rep_t *rep = rc_send_for_signature(&h->reg, agreement_id);
    int rc = rc_code(rep) == 0 ? 0 : -1;
    rc_free(rep);
    rep = rc_get(&h->reg, RC_BODY(GET_AGREEMENT), agreement_id);
    if (rc || rc_code(rep) || !rep->agreement) {
        rc_free(rep);
        return -1;
    }
    for (size_t i = 0; !rc && i < rep->agreement->n_parties; i++) {
        const Fcavtal__V1__Party *p = rep->agreement->parties[i];
        rc_rep_t *s = rc_sign(&h->reg, agreement_id, p->organisation_id, p->operation_id, date);
        rc = rc_code(s) == 0 ? 0 : -1;
        rc_free(s);
    }
    rc_free(rep);
    return rc;
}

nh_rep_t *nh_deadlines(nh_t *h, const char *from, const char *to, const char *kind,
                       uint64_t agreement_id, uint64_t organisation_id, uint64_t centre_id,
                       bool include_cancelled)
{
    Fcavtal__V1__Date f = rc_date(from), t = rc_date(to);
    Fcavtal__V1__ListDeadlines q = FCAVTAL__V1__LIST_DEADLINES__INIT;
    q.from = &f;
    q.to = &t;
    q.kind = (char *)(kind ? kind : "");
    q.agreement_id = agreement_id;
    q.organisation_id = organisation_id;
    q.centre_id = centre_id;
    q.include_cancelled = include_cancelled;
    return nh_call(h, "list_deadlines", &q.base);
}

const Fcavtal__V1__Deadline *nh_find(const nh_rep_t *rep, const char *kind, const char *date)
{
    if (!rep || !rep->deadlines)
        return NULL;
    for (size_t i = 0; i < rep->deadlines->n_items; i++) {
        const Fcavtal__V1__Deadline *d = rep->deadlines->items[i];
        if (strcmp(d->kind, kind) == 0 && nh_date_is(d->date, date))
            return d;
    }
    return NULL;
}

nh_rep_t *nh_notifications(nh_t *h, uint64_t agreement_id, Fcavtal__V1__NotificationState state)
{
    Fcavtal__V1__ListNotifications q = FCAVTAL__V1__LIST_NOTIFICATIONS__INIT;
    q.agreement_id = agreement_id;
    q.state = state;
    q.limit = 10000;
    return nh_call(h, "list_notifications", &q.base);
}
