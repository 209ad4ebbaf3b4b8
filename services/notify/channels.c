/* Channel configuration (channels.h). */
#include "channels.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel_ops.h"

int ntf_channels_options(fc_config_t *cfg)
{
    return fc_config_add(cfg, "case-feed", "case-management receiver's ROUTER endpoint "
                         "(off when not given)", NULL) ||
           fc_config_add(cfg, "case-retry-ms", "case feed redelivery delays in ms",
                         NTF_RETRY_CASE_FEED) ||
           fc_config_add(cfg, "case-queue", "case feed messages queued for the receiver "
                         "before the rest wait in the outbox (1..100000)", "1000") ||
           fc_config_add(cfg, "smtp-url", "SMTP server, smtp://host:port (e-mail off when "
                         "not given)", NULL) ||
           fc_config_add(cfg, "smtp-from", "sender address of reminder e-mail",
                         "fcavtal-notify@localhost") ||
           fc_config_add(cfg, "smtp-timeout-ms", "bound on one SMTP attempt", "30000") ||
           fc_config_add(cfg, "email-retry-ms", "e-mail retry delays in ms", NTF_RETRY_EMAIL)
               ? -1 : 0;
}

static int dup_opt(const fc_config_t *cfg, const char *name, char **out)
{
    const char *v = fc_config_get(cfg, name);
    *out = v && *v ? strdup(v) : NULL;
    return v && *v && !*out ? -1 : 0;
}

ntf_channels_t *ntf_channels_new(fc_server_t *server, ntf_t *ntf, const fc_config_t *cfg,
                                 char *err, size_t errlen)
{
    ntf_channels_t *ch = calloc(1, sizeof *ch);
    if (!ch)
        return snprintf(err, errlen, "out of memory"), NULL;
    ch->server = server;
    ch->ntf = ntf;
    ch->restarted = true;
    const char *timeout = fc_config_get(cfg, "smtp-timeout-ms");
    ch->smtp_timeout_ms = timeout ? strtol(timeout, NULL, 10) : 30000;
    const char *queue = fc_config_get(cfg, "case-queue");
    ch->case_queue = queue ? strtol(queue, NULL, 10) : 1000;
    if (dup_opt(cfg, "case-feed", &ch->case_endpoint) || dup_opt(cfg, "smtp-url", &ch->smtp_url) ||
        dup_opt(cfg, "smtp-from", &ch->smtp_from)) {
        snprintf(err, errlen, "out of memory");
    } else if (ntf_retry_parse(fc_config_get(cfg, "case-retry-ms"), &ch->case_retry) ||
               ntf_retry_parse(fc_config_get(cfg, "email-retry-ms"), &ch->mail_retry)) {
        snprintf(err, errlen, "--case-retry-ms and --email-retry-ms take 1..16 positive "
                 "delays in ms, comma-separated");
    } else if (ch->smtp_timeout_ms <= 0) {
        snprintf(err, errlen, "--smtp-timeout-ms must be positive");
    } else if (ch->case_queue < 1 || ch->case_queue > 100000) {
        snprintf(err, errlen, "--case-queue must be 1..100000");
    } else if ((!ch->case_endpoint || !ntf_case_open(ch, err, errlen)) &&
               (!ch->smtp_url || !ntf_mail_open(ch, err, errlen))) {
        return ch;
    }
    ntf_channels_destroy(&ch);
    return NULL;
}

void ntf_channels_destroy(ntf_channels_t **self_p)
{
    ntf_channels_t *ch = *self_p;
    if (!ch)
        return;
    ntf_case_close(ch);
    ntf_mail_close(ch);
    free(ch->case_endpoint);
    free(ch->smtp_url);
    free(ch->smtp_from);
    free(ch);
    *self_p = NULL;
}

bool ntf_channel_enabled(const ntf_t *ntf, Fcavtal__V1__Channel channel)
{
    const ntf_channels_t *ch = ntf->channels;
    if (!ch)
        return false;
    if (channel == FCAVTAL__V1__CHANNEL__CHANNEL_CASE_FEED)
        return ch->case_endpoint != NULL;
    if (channel == FCAVTAL__V1__CHANNEL__CHANNEL_EMAIL)
        return ch->smtp_url != NULL;
    return false;
}

size_t ntf_channels_describe(const ntf_t *ntf, char lines[][200], size_t max)
{
    size_t n = 0;
    const ntf_channels_t *ch = ntf->channels;
    if (n < max)
        snprintf(lines[n++], 200, "events on notify's PUB socket (notify.deadline.<kind>.*)");
    if (ch && ch->case_endpoint && n < max)
        snprintf(lines[n++], 200, "case feed %s", ch->case_endpoint);
    if (ch && ch->smtp_url && n < max)
        snprintf(lines[n++], 200, "e-mail via %s from %s", ch->smtp_url,
                 ch->smtp_from ? ch->smtp_from : "");
    return n;
}
