/* The delivery pass (channels.h): due notifications are prepared in one
 * read transaction, sent outside any transaction, and their outcome is
 * recorded in one write transaction. Case-feed messages are sent and
 * recorded in the same pass; e-mail goes to a worker thread
 * (mail_worker.h) and its outcome is recorded by the first pass after the
 * worker is done, on the records as they are then. A notification was
 * committed as pending before this pass could see it, so a crash at any
 * point loses nothing: what was sent but not recorded is sent again, and
 * the receiver knows it by its id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel_ops.h"
#include "channels.h"
#include "deadline_build.h"
#include "fcavtal/log.h"
#include "fcavtal/pb.h"
#include "mail_worker.h"

/* Per pass: case-feed sends are cheap; each e-mail is one SMTP session. */
#define MAX_JOBS 2000
#define MAX_MAILS 20

typedef struct {
    ntf_channels_t *ch;
    ntf_job_t *jobs;     /* grown as due notifications are found: most ticks find none */
    size_t n, cap, mails;
    size_t cases, case_room;   /* case-feed jobs taken; what the queue can take */
    int64_t now;
} pass_t;

static bool due(const pass_t *p, const Notification *n)
{
    if (n->state == NS(PENDING))
        return n->next_attempt_ms <= p->now;
    return n->state == NS(SENT) && (p->ch->restarted || n->next_attempt_ms <= p->now);
}

/* Takes n into a job (*taken) when it is to be sent now. */
static fc_status_t prepare(fc_call_t *call, pass_t *p, Notification *n, bool *taken)
{
    *taken = false;
    bool mail = n->channel == FCAVTAL__V1__CHANNEL__CHANNEL_EMAIL;
    if (mail && (p->mails >= MAX_MAILS || p->ch->mail_worker))
        return FC_OK;   /* e-mail in flight: these wait for the next pass */
    if (!mail && p->cases >= p->case_room)
        return FC_OK;   /* the queue to the receiver is full: they wait for room */
    if (!ntf_channel_enabled(p->ch->ntf, n->channel))
        return FC_OK;   /* switched off since it was queued: it waits */
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        ntf_job_t *grown = realloc(p->jobs, cap * sizeof *grown);
        if (!grown)
            return FC_RESOURCE_EXHAUSTED;
        p->jobs = grown;
        p->cap = cap;
    }
    ntf_job_t *job = &p->jobs[p->n];
    memset(job, 0, sizeof *job);
    job->id = n->id;
    job->channel = n->channel;
    job->attempts = n->attempts;
    snprintf(job->nid, sizeof job->nid, "%s", n->notification_id);
    fc_status_t st = mail ? ntf_mail_prepare(call, p->ch, n, job)
                          : ntf_case_prepare(call, p->ch, n, job);
    if (st == FC_RESOURCE_EXHAUSTED || st == FC_INTERNAL || st == FC_DATA_LOSS) {
        free(job->payload);
        ntf_mail_job_free(job);
        return st;
    }
    if (st) {
        /* The data cannot make a valid message: retrying will not help. */
        job->st = st;
        job->permanent = true;
    }
    job->rec = n;
    *taken = true;
    p->n++;
    p->mails += mail;
    p->cases += !mail;
    return FC_OK;
}

static fc_status_t scan_state(fc_call_t *call, pass_t *p, int state)
{
    fc_index_key_t k;
    fc_index_key_u32(&k, (uint32_t)state);
    uint64_t after = 0;
    for (;;) {
        uint64_t *ids = NULL;
        size_t n = 0;
        fc_status_t st = fc_record_index_ids(call, REC_NOTIFICATION, IX_NOTIFICATION_STATE, &k,
                                             after, 1000, &ids, &n);
        for (size_t i = 0; !st && i < n && p->n < MAX_JOBS; i++) {
            Notification *no = NULL;
            bool taken = false;
            st = fc_record_get(call, REC_NOTIFICATION, ids[i], (ProtobufCMessage **)&no);
            if (!st && due(p, no))
                st = prepare(call, p, no, &taken);
            if (no && !taken)
                fcavtal__v1__notification__free_unpacked(no, NULL);
            after = ids[i];
        }
        free(ids);
        if (st || n < 1000 || p->n >= MAX_JOBS)
            return st;
    }
}

/* What waits for an acknowledgement is looked at only every so often (the
 * first retry delay, at most a second): the reminders a busy day fires
 * should not wait behind a scan of everything in flight. */
static int64_t sent_scan_ms(const ntf_channels_t *ch)
{
    int64_t ms = 1000;
    if (ch->case_endpoint && ch->case_retry.steps_ms[0] < ms)
        ms = ch->case_retry.steps_ms[0];
    if (ch->smtp_url && ch->mail_retry.steps_ms[0] < ms)
        ms = ch->mail_retry.steps_ms[0];
    return ms;
}

/* Nothing could be taken: e-mail is in flight or off, and the case feed's
 * queue is full or off. A burst of reminders fills the queue for a while;
 * the pass then reads nothing instead of every record waiting for room. */
static bool no_room(const pass_t *p)
{
    const ntf_channels_t *ch = p->ch;
    bool mail_room = ch->smtp_url && !ch->mail_worker;
    return !mail_room && p->case_room == 0;
}

static fc_status_t collect(fc_call_t *call, void *arg)
{
    pass_t *p = arg;
    if (no_room(p))
        return FC_OK;
    fc_status_t st = scan_state(call, p, NS(PENDING));
    if (!st && (p->ch->restarted || p->now >= p->ch->next_sent_scan_ms)) {
        p->ch->next_sent_scan_ms = p->now + sent_scan_ms(p->ch);
        st = scan_state(call, p, NS(SENT));
    }
    return st;
}

/* The job's outcome on n, the stored record, as of now (ms). */
static fc_status_t record_outcome(fc_call_t *call, const ntf_channels_t *ch,
                                  const ntf_job_t *job, Notification *n, int64_t now)
{
    fc_status_t st = FC_OK;
    /* Flow control, not a failed attempt: it goes when the queue has room. */
    if (job->deferred)
        return FC_OK;
    /* Final states are never left (the pass only takes pending and sent). */
    if (n->state == NS(ACKNOWLEDGED) || n->state == NS(FAILED) || n->state == NS(CANCELLED))
        return FC_OK;
    bool mail = job->channel == FCAVTAL__V1__CHANNEL__CHANNEL_EMAIL;
    const ntf_retry_t *retry = mail ? &ch->mail_retry : &ch->case_retry;
    n->attempts++;
    if (!n->sent_on && !(n->sent_on = fc_pb_date_new(fc_call_today(call))))
        st = FC_RESOURCE_EXHAUSTED;
    if (job->st == FC_OK) {
        n->sent_at_ms = now;
        n->state = job->acked ? NS(ACKNOWLEDGED) : NS(SENT);
        if (job->acked)
            n->acknowledged_at_ms = now;
    } else {
        n->state = job->permanent ? NS(FAILED) : NS(PENDING);
    }
    n->next_attempt_ms = now + ntf_retry_delay_ms(retry, n->attempts);
    if (!st && fc_pb_set_string(&n->error, job->st == FC_OK ? "" : job->error))
        st = FC_RESOURCE_EXHAUSTED;
    if (!st)
        st = ntf_outbox_save(call, n);
    return st;
}

/* The jobs this pass sent itself (e-mail handed to the worker has left
 * p->jobs). */
static fc_status_t record(fc_call_t *call, void *arg)
{
    const pass_t *p = arg;
    fc_status_t st = FC_OK;
    for (size_t i = 0; !st && i < p->n; i++)
        st = record_outcome(call, p->ch, &p->jobs[i], p->jobs[i].rec, p->now);
    return st;
}

typedef struct {
    const ntf_channels_t *ch;
    ntf_job_t *jobs;
    size_t n;
    int64_t now;
} mailed_t;

/* The worker's outcomes, each on the record as stored now: since the pass
 * that read it, a notice may have cancelled it. */
static fc_status_t record_mailed(fc_call_t *call, void *arg)
{
    const mailed_t *m = arg;
    fc_status_t st = FC_OK;
    for (size_t i = 0; !st && i < m->n; i++) {
        Notification *now = NULL;
        st = fc_record_get(call, REC_NOTIFICATION, m->jobs[i].id, (ProtobufCMessage **)&now);
        if (st == FC_NOT_FOUND) {
            st = FC_OK;   /* removed meanwhile: nothing to record */
            continue;
        }
        if (!st)
            st = record_outcome(call, m->ch, &m->jobs[i], now, m->now);
        if (now)
            fcavtal__v1__notification__free_unpacked(now, NULL);
    }
    return st;
}

void ntf_jobs_free(ntf_job_t *jobs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(jobs[i].payload);
        ntf_mail_job_free(&jobs[i]);
        if (jobs[i].rec)
            fcavtal__v1__notification__free_unpacked(jobs[i].rec, NULL);
    }
    free(jobs);
}

/* Once the worker is done: its outcomes recorded, the worker gone. On a
 * failed transaction the e-mails stay pending and go again. */
static void collect_mailed(fc_server_t *server, ntf_channels_t *ch)
{
    if (!ch->mail_worker || !ntf_mail_worker_done(ch->mail_worker))
        return;
    mailed_t m = {.ch = ch};
    m.jobs = ntf_mail_worker_jobs(ch->mail_worker, &m.n, &m.now);
    char msg[256];
    if (fc_server_transact(server, "deliver-mail", record_mailed, &m, msg, sizeof msg))
        fc_warn("notify: cannot record e-mail deliveries (they will be sent again): %s", msg);
    ntf_mail_worker_destroy(&ch->mail_worker);
}

/* An e-mail job to send (one prepare refused already has its outcome). */
static bool to_mail(const ntf_job_t *job)
{
    return job->channel == FCAVTAL__V1__CHANNEL__CHANNEL_EMAIL && !job->st;
}

/* Moves the pass's e-mail jobs that are to be sent into an array of their
 * own for the worker; with no worker to be had they are sent here. */
static void hand_over_mail(pass_t *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n; i++)
        n += to_mail(&p->jobs[i]);
    if (!n)
        return;
    ntf_job_t *mail = malloc(n * sizeof *mail);
    for (size_t i = 0, k = 0; mail && i < p->n; i++)
        if (to_mail(&p->jobs[i]))
            mail[k++] = p->jobs[i];
    if (mail && (p->ch->mail_worker = ntf_mail_worker_start(p->ch, mail, n))) {
        size_t kept = 0;   /* the worker owns them now */
        for (size_t i = 0; i < p->n; i++)
            if (!to_mail(&p->jobs[i]))
                p->jobs[kept++] = p->jobs[i];
        p->n = kept;
        return;
    }
    /* No memory or thread: sent here, in the pass, as a last resort. */
    free(mail);
    for (size_t i = 0; i < p->n; i++)
        if (to_mail(&p->jobs[i]))
            ntf_mail_send(p->ch, &p->jobs[i], NULL);
}

void ntf_channels_deliver(fc_server_t *server, ntf_t *ntf)
{
    if (!ntf->channels || (!ntf->channels->case_endpoint && !ntf->channels->smtp_url))
        return;
    collect_mailed(server, ntf->channels);
    pass_t p = {.ch = ntf->channels, .now = ntf_now_ms(),
                .case_room = ntf_case_room(ntf->channels)};
    char msg[256];
    fc_status_t st = fc_server_read(server, collect, &p, msg, sizeof msg);
    if (st)
        fc_warn("notify: cannot read the outbox: %s", msg);
    ntf->channels->restarted = false;
    ntf->wake = false;
    if (!st)
        hand_over_mail(&p);
    bool full = false;
    for (size_t i = 0; !st && i < p.n; i++) {
        ntf_job_t *job = &p.jobs[i];
        if (job->st || job->channel == FCAVTAL__V1__CHANNEL__CHANNEL_EMAIL)
            continue;
        if (!full)
            ntf_case_send(p.ch, job);
        /* Past the high-water mark the rest wait, as they are, for room. */
        full = full || job->st == FC_RESOURCE_EXHAUSTED;
        job->deferred = full;
    }
    if (!st && p.n && fc_server_transact(server, "deliver", record, &p, msg, sizeof msg))
        fc_warn("notify: cannot record deliveries (they will be sent again): %s", msg);
    ntf_jobs_free(p.jobs, p.n);
}

/* ------------------------------------------------------------ acks */

typedef struct {
    const ntf_ack_t *acks;
    size_t n;
} acks_t;

static fc_status_t ack_one(fc_call_t *call, const ntf_ack_t *a, int64_t now)
{
    Notification *n = NULL;
    fc_status_t st = ntf_outbox_find(call, a->nid, &n);
    if (st == FC_NOT_FOUND) {
        fc_warn("notify: acknowledgement for unknown notification %s", a->nid);
        return FC_OK;
    }
    if (st)
        return st;
    if (n->state == NS(SENT) || n->state == NS(PENDING)) {
        if (a->code == FC_OK) {
            n->state = NS(ACKNOWLEDGED);
            n->acknowledged_at_ms = now;
            st = fc_pb_set_string(&n->error, "") ? FC_RESOURCE_EXHAUSTED : FC_OK;
        } else {
            /* INVALID_ARGUMENT: the receiver will never take it. Anything
             * else: not stored this time; sent again by the schedule. */
            if (a->code == FC_INVALID_ARGUMENT || a->code == FC_FAILED_PRECONDITION)
                n->state = NS(FAILED);
            char why[400];
            snprintf(why, sizeof why, "the receiver refused (%s): %s", fc_status_name(a->code),
                     a->why);
            st = fc_pb_set_string(&n->error, why) ? FC_RESOURCE_EXHAUSTED : FC_OK;
        }
        if (!st)
            st = ntf_outbox_save(call, n);
    }
    fcavtal__v1__notification__free_unpacked(n, NULL);
    return st;
}

static fc_status_t acks_work(fc_call_t *call, void *arg)
{
    const acks_t *a = arg;
    int64_t now = ntf_now_ms();
    fc_status_t st = FC_OK;
    for (size_t i = 0; !st && i < a->n; i++)
        st = ack_one(call, &a->acks[i], now);
    return st;
}

fc_status_t ntf_record_acks(fc_server_t *server, const ntf_ack_t *acks, size_t n)
{
    acks_t a = {acks, n};
    char msg[256];
    return fc_server_transact(server, "acknowledge", acks_work, &a, msg, sizeof msg);
}
