/* E-mail as a channel (channel_ops.h, docs/notify-channels.md): one message
 * per recipient in Swedish (reminder_text.c, email.c), sent through SMTP
 * with libcurl (smtp.c). The server's acceptance is the acknowledgement; a
 * permanent refusal (5xx, a bad address) fails with the server's words; a
 * temporary one is tried again by the retry schedule. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "channel_ops.h"
#include "mail_worker.h"
#include "email.h"
#include "reminder_facts.h"
#include "reminder_text.h"
#include "smtp.h"

typedef struct {
    char from[256], to[256], to_name[160];
    ntf_mailbox_t from_box, to_box;
    ntf_email_t mail;
} envelope_t;

fc_status_t ntf_mail_open(ntf_channels_t *ch, char *err, size_t errlen)
{
    if (strncmp(ch->smtp_url, "smtp://", 7) != 0 && strncmp(ch->smtp_url, "smtps://", 8) != 0) {
        snprintf(err, errlen, "--smtp-url must start with smtp:// or smtps:// (got %s)",
                 ch->smtp_url);
        return FC_INVALID_ARGUMENT;
    }
    if (!ntf_email_address_valid(ch->smtp_from)) {
        snprintf(err, errlen, "--smtp-from is no plain address: %s", ch->smtp_from);
        return FC_INVALID_ARGUMENT;
    }
    return FC_OK;
}

/* E-mail still being sent is stopped; what it sent is not recorded and
 * goes again after the restart. */
void ntf_mail_close(ntf_channels_t *ch)
{
    ntf_mail_worker_destroy(&ch->mail_worker);
}

/* Central European time for the Date header: +01:00 in winter, +02:00 from
 * the last Sunday of March to the last Sunday of October (EU rule). The
 * header is only informative; business rules never use a time of day. */
static int cet_offset_minutes(time_t now)
{
    struct tm tm;
    gmtime_r(&now, &tm);
    fc_date_t d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    fc_date_t march = {d.year, 3, 31}, october = {d.year, 10, 31};
    march = fc_date_add_days(march, -(int64_t)(fc_date_weekday(march) % 7));
    october = fc_date_add_days(october, -(int64_t)(fc_date_weekday(october) % 7));
    bool summer = fc_date_cmp(d, march) >= 0 && fc_date_cmp(d, october) < 0;
    return summer ? 120 : 60;
}

fc_status_t ntf_mail_prepare(fc_call_t *call, ntf_channels_t *ch, const Notification *n,
                             ntf_job_t *job)
{
    ntf_facts_t *f = malloc(sizeof *f);
    envelope_t *e = calloc(1, sizeof *e);
    if (!f || !e) {
        free(f);
        free(e);
        return FC_RESOURCE_EXHAUSTED;
    }
    job->extra = e;
    ntf_reminder_text_t text = {NULL, NULL};
    fc_status_t st = ntf_facts_of_notification(call, n, f);
    if (st == FC_NOT_FOUND) {
        snprintf(job->error, sizeof job->error, "its deadline %llu is gone",
                 (unsigned long long)n->deadline_id);
        st = FC_FAILED_PRECONDITION;
    } else if (!st) {
        st = ntf_reminder_text(&f->reminder, &text, job->error, sizeof job->error);
    }
    if (!st) {
        snprintf(e->from, sizeof e->from, "%s", ch->smtp_from);
        snprintf(e->to, sizeof e->to, "%s", n->recipient);
        e->from_box = (ntf_mailbox_t){"fcavtal tidsfrister", e->from};
        e->to_box = (ntf_mailbox_t){NULL, e->to};
        time_t now = time(NULL);
        e->mail = (ntf_email_t){.from = e->from_box, .to = &e->to_box, .n_to = 1,
                                .subject = text.subject, .body = text.body,
                                .notification_id = n->notification_id, .date_unix = now,
                                .utc_offset_minutes = cet_offset_minutes(now)};
        char *message = NULL;
        st = ntf_email_build(&e->mail, &message, &job->len, job->error, sizeof job->error);
        job->payload = (uint8_t *)message;
        /* The built message holds everything; the envelope keeps only the
         * addresses for MAIL FROM and RCPT TO. */
        e->mail.subject = NULL;
        e->mail.body = NULL;
        e->mail.notification_id = NULL;
    }
    ntf_reminder_text_clear(&text);
    free(f);
    return st;
}

void ntf_mail_send(const ntf_channels_t *ch, ntf_job_t *job, const atomic_bool *abort)
{
    envelope_t *e = job->extra;
    ntf_smtp_config_t cfg = {.url = ch->smtp_url, .tls = NTF_TLS_TRY,
                             .connect_timeout_ms = ch->smtp_timeout_ms,
                             .timeout_ms = ch->smtp_timeout_ms, .abort = abort};
    ntf_smtp_result_t r;
    job->st = ntf_smtp_send(&cfg, &e->mail, (const char *)job->payload, job->len, &r);
    job->acked = job->st == FC_OK && r.n_refused == 0;
    if (job->st == FC_OK && r.n_refused) {
        job->st = FC_FAILED_PRECONDITION;
        job->permanent = true;
    } else {
        job->permanent = r.permanent || job->st == FC_INVALID_ARGUMENT ||
                         job->st == FC_UNAUTHENTICATED;
    }
    if (job->st)
        snprintf(job->error, sizeof job->error, "%s", r.message);
}

void ntf_mail_job_free(ntf_job_t *job)
{
    if (job->channel == FCAVTAL__V1__CHANNEL__CHANNEL_EMAIL)
        free(job->extra);
    job->extra = NULL;
}
