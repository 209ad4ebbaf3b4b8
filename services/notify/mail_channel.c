/* E-mail (placeholder until the channel library is wired in). */
#include <stdio.h>

#include "channel_ops.h"

fc_status_t ntf_mail_open(ntf_channels_t *ch, char *err, size_t errlen)
{
    (void)ch;
    snprintf(err, errlen, "e-mail is not built into this binary");
    return FC_UNIMPLEMENTED;
}

void ntf_mail_close(ntf_channels_t *ch)
{
    (void)ch;
}

fc_status_t ntf_mail_prepare(fc_call_t *call, ntf_channels_t *ch, const Notification *n,
                             ntf_job_t *job)
{
    (void)call, (void)ch, (void)n;
    snprintf(job->error, sizeof job->error, "no e-mail");
    return FC_UNIMPLEMENTED;
}

void ntf_mail_send(ntf_channels_t *ch, ntf_job_t *job)
{
    (void)ch;
    job->st = FC_UNIMPLEMENTED;
}

void ntf_mail_job_free(ntf_job_t *job)
{
    (void)job;
}
