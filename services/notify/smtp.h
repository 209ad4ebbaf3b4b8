/* Sending a built message through an SMTP server with libcurl: one attempt,
 * bounded in time, with a verdict a person can read. Whether and when to try
 * again is the caller's (see retry_schedule.h). */
#ifndef FCAVTAL_NOTIFY_SMTP_H
#define FCAVTAL_NOTIFY_SMTP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include "fcavtal/status.h"
#include "email.h"

typedef enum {
    NTF_TLS_NONE = 0,       /* plain smtp:// (a relay on the same host or network) */
    NTF_TLS_TRY = 1,        /* STARTTLS when the server offers it */
    NTF_TLS_REQUIRED = 2,   /* STARTTLS or fail; implied by smtps:// */
} ntf_tls_t;

typedef struct {
    const char *url;         /* "smtp://mail.example.se:587", "smtps://...:465" */
    ntf_tls_t tls;
    const char *username;    /* optional: SMTP AUTH */
    const char *password;
    const char *ca_file;     /* optional CA bundle for the server certificate */
    long connect_timeout_ms; /* until the server has greeted; 0: 10 000 */
    long timeout_ms;         /* the whole attempt; 0: 60 000 */
    /* Optional: set by another thread to end the attempt within about a
     * second (FC_CANCELLED), so a service stopping does not wait out a
     * hanging server. */
    const atomic_bool *abort;
} ntf_smtp_config_t;

#define NTF_SMTP_MAX_REFUSED 16

typedef struct {
    fc_status_t status;
    /* The server said no with a 5xx reply (or the set-up is wrong): the
     * same attempt will fail again, so a person must fix something. */
    bool permanent;
    int smtp_code;            /* the last reply code that decided, 0 if none */
    size_t n_accepted;        /* recipients the server accepted */
    size_t n_refused;         /* recipients it refused (the rest got the message) */
    const char *refused[NTF_SMTP_MAX_REFUSED];  /* borrowed from the mail */
    char message[768];        /* "SMTP server refused recipient x@y: 550 5.1.1 ..." */
} ntf_smtp_result_t;

/* Sends `message` (from ntf_email_build) with MAIL FROM mail->from and one
 * RCPT TO per mail->to. Returns result->status:
 *   FC_OK                  accepted for every recipient, or for some when
 *                          n_refused > 0 (message names the refused ones);
 *   FC_FAILED_PRECONDITION the server refused every recipient or the
 *                          message (5xx, permanent);
 *   FC_UNAUTHENTICATED     login refused;
 *   FC_UNAVAILABLE         cannot connect, TLS failed, or a 4xx reply
 *                          (temporary);
 *   FC_DEADLINE_EXCEEDED   no answer within the configured bound;
 *   FC_INVALID_ARGUMENT    bad configuration (URL);
 *   FC_CANCELLED           cfg->abort was set.
 * Call curl_global_init once at program start before using this from
 * several threads. */
fc_status_t ntf_smtp_send(const ntf_smtp_config_t *cfg, const ntf_email_t *mail,
                          const char *message, size_t len, ntf_smtp_result_t *result);

#endif
