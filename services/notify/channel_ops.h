/* What the delivery pass (dispatch.c) asks of each channel: prepare the
 * bytes of one notification inside a read transaction, send them outside
 * it, and say how it went. Private to the channels. */
#ifndef FCAVTAL_NOTIFY_CHANNEL_OPS_H
#define FCAVTAL_NOTIFY_CHANNEL_OPS_H

#include <czmq.h>
#include <stdatomic.h>

#include "notify.h"
#include "outbox.h"
#include "retry_schedule.h"

typedef struct {
    uint64_t id;                      /* the notification record */
    Fcavtal__V1__Channel channel;
    char nid[NTF_NID_MAX + 64];
    uint32_t attempts;                /* before this one */
    /* The record as the pass read it (owned). A case-feed job's outcome is
     * recorded in the same pass, with nothing else run in between, so it
     * is still the stored version then; an e-mail's is recorded passes
     * later, on the record as it is by then (dispatch.c). */
    Notification *rec;
    uint8_t *payload;                 /* owned: what goes on the wire */
    size_t len;
    void *extra;                      /* owned by the channel (e-mail envelope) */
    /* The outcome. */
    fc_status_t st;                   /* FC_OK: sent (acked says whether that settled it) */
    bool acked;
    bool permanent;                   /* an error that a retry cannot mend */
    bool deferred;                    /* not sent: the case feed's queue was full */
    char error[600];
} ntf_job_t;

struct ntf_channels_t {
    fc_server_t *server;
    ntf_t *ntf;
    /* case feed */
    char *case_endpoint;
    long case_queue;                  /* the DEALER's send high-water mark */
    void *case_client;                /* ntf_casefeed_client_t */
    ntf_retry_t case_retry;
    /* e-mail */
    char *smtp_url;
    char *smtp_from;
    long smtp_timeout_ms;
    ntf_retry_t mail_retry;
    struct ntf_mail_worker_t *mail_worker;   /* e-mail being sent, or NULL (mail_worker.h) */
    /* After a start everything sent but not acknowledged is due at once. */
    bool restarted;
    int64_t next_sent_scan_ms;
};

fc_status_t ntf_case_open(ntf_channels_t *ch, char *err, size_t errlen);
void ntf_case_close(ntf_channels_t *ch);
fc_status_t ntf_case_prepare(fc_call_t *call, ntf_channels_t *ch, const Notification *n,
                             ntf_job_t *job);
void ntf_case_send(ntf_channels_t *ch, ntf_job_t *job);
/* How many case-feed messages a pass may prepare: 0 while the queue to the
 * receiver is full, else its high-water mark. */
size_t ntf_case_room(ntf_channels_t *ch);

fc_status_t ntf_mail_open(ntf_channels_t *ch, char *err, size_t errlen);
void ntf_mail_close(ntf_channels_t *ch);
fc_status_t ntf_mail_prepare(fc_call_t *call, ntf_channels_t *ch, const Notification *n,
                             ntf_job_t *job);
/* One SMTP attempt; `abort` (optional) ends it early (mail_worker.h). */
void ntf_mail_send(const ntf_channels_t *ch, ntf_job_t *job, const atomic_bool *abort);
void ntf_mail_job_free(ntf_job_t *job);
/* Frees the jobs, what each owns, and the array. */
void ntf_jobs_free(ntf_job_t *jobs, size_t n);

/* Records the outcome of acknowledgements that arrived (case feed):
 * ids[i] acknowledged with code[i] (FC_OK, or a refusal with why). */
typedef struct {
    char nid[NTF_NID_MAX + 64];
    fc_status_t code;
    char why[300];
} ntf_ack_t;
fc_status_t ntf_record_acks(fc_server_t *server, const ntf_ack_t *acks, size_t n);

#endif
