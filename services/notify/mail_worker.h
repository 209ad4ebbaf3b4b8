/* E-mail sent off the service's thread. An SMTP session takes as long as
 * the server makes it (up to --smtp-timeout-ms each, up to 20 a pass); in
 * the service's thread a hanging server would hold every request and the
 * scheduler for that long. The delivery pass (dispatch.c) hands a pass's
 * e-mail jobs to a worker and records their outcome in a later pass, once
 * the worker is done; while one runs, no other e-mail is taken, so nothing
 * is sent twice at once. */
#ifndef NTF_MAIL_WORKER_H
#define NTF_MAIL_WORKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "channel_ops.h"

typedef struct ntf_mail_worker_t ntf_mail_worker_t;

/* Takes over jobs[0..n), each one to send (st FC_OK), with the array and
 * what each job owns, and sends them on a thread of its own with ch's SMTP
 * settings, which must outlive the worker. NULL when no thread or memory
 * could be had: the jobs are then still the caller's. */
ntf_mail_worker_t *ntf_mail_worker_start(const ntf_channels_t *ch, ntf_job_t *jobs, size_t n);

/* True once every job has its outcome. */
bool ntf_mail_worker_done(const ntf_mail_worker_t *self);

/* After done: the jobs with their outcomes (still the worker's), and the
 * time the last one ended. */
ntf_job_t *ntf_mail_worker_jobs(ntf_mail_worker_t *self, size_t *n, int64_t *finished_ms);

/* Stops the attempt in progress (within about a second), waits for the
 * thread, and frees the jobs. What was not recorded stays pending in the
 * outbox and is sent again later. */
void ntf_mail_worker_destroy(ntf_mail_worker_t **self_p);

#endif
