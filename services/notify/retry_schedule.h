/* How long to wait before the next delivery attempt of a notification:
 * a list of delays in milliseconds, the last repeating for ever, set per
 * channel in the configuration ("5000,30000,120000,600000,1800000"). No
 * jitter: a schedule can be tested and explained. */
#ifndef FCAVTAL_NOTIFY_RETRY_SCHEDULE_H
#define FCAVTAL_NOTIFY_RETRY_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>

#define NTF_RETRY_MAX_STEPS 16

typedef struct {
    int64_t steps_ms[NTF_RETRY_MAX_STEPS];
    size_t n;
} ntf_retry_t;

/* Case feed: the receiver is a machine on the regional network, usually back
 * quickly: 5 s, 30 s, 2 min, 10 min, then every 30 min. */
#define NTF_RETRY_CASE_FEED "5000,30000,120000,600000,1800000"
/* E-mail: 1 min, 5 min, 30 min, 2 h, then every 6 h. */
#define NTF_RETRY_EMAIL "60000,300000,1800000,7200000,21600000"

/* 0, or -1 for text that is not 1..16 positive delays. */
int ntf_retry_parse(const char *text, ntf_retry_t *out);
/* The delay after `attempts` attempts (>= 1). */
int64_t ntf_retry_delay_ms(const ntf_retry_t *r, uint32_t attempts);

#endif
