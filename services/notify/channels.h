/* The delivery channels notify sends its outbox through, and the delivery
 * pass that runs after every scheduler commit:
 *  - events on notify's PUB socket ("notify.deadline.<kind>.reminder"),
 *    written with the reminder in the same transaction (reminder_fire.c);
 *  - the case feed to the case-management system over ZeroMQ
 *    (docs/casefeed.md): sent, then acknowledged by id; not acknowledged in
 *    time, sent again by the retry schedule;
 *  - e-mail through SMTP (libcurl): the server's acceptance is the
 *    acknowledgement; a temporary refusal is tried again, a permanent one
 *    fails with the server's words.
 * A channel without configuration is off: no outbox entries are made for it. */
#ifndef FCAVTAL_NOTIFY_CHANNELS_H
#define FCAVTAL_NOTIFY_CHANNELS_H

#include "notify.h"
#include "retry_schedule.h"

/* Options (fc_config_add) the channels read; declared by main. */
int ntf_channels_options(fc_config_t *cfg);

ntf_channels_t *ntf_channels_new(fc_server_t *server, ntf_t *ntf, const fc_config_t *cfg,
                                 char *err, size_t errlen);
void ntf_channels_destroy(ntf_channels_t **self_p);

bool ntf_channel_enabled(const ntf_t *ntf, Fcavtal__V1__Channel channel);
/* One line per channel for the status reply: "case-feed tcp://..." */
size_t ntf_channels_describe(const ntf_t *ntf, char lines[][200], size_t max);

/* Sends what is due in the outbox (bounded per call) and records the
 * outcome. Outside any transaction. */
void ntf_channels_deliver(fc_server_t *server, ntf_t *ntf);

#endif
