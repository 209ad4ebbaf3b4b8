/* How long to wait before the next delivery attempt. Pure and without
 * jitter, so a schedule can be tested and explained; the service spreads
 * load by when deadlines fall, not by randomness. */
#ifndef FCAVTAL_NOTIFY_BACKOFF_H
#define FCAVTAL_NOTIFY_BACKOFF_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const int64_t *steps_s;  /* delay after the 1st, 2nd, ... failure */
    size_t n_steps;          /* the last step repeats for ever */
} ntf_backoff_t;

/* E-mail: 1 min, 5 min, 30 min, 2 h, then every 6 h. */
extern const ntf_backoff_t ntf_backoff_email;
/* Case feed: the receiver is a machine on the regional network, usually
 * back quickly: 5 s, 30 s, 2 min, 10 min, then every 30 min. */
extern const ntf_backoff_t ntf_backoff_casefeed;

/* Seconds to wait after `failures` failed attempts (failures >= 1; 0 gives
 * 0: the first attempt is immediate). */
int64_t ntf_backoff_delay_s(const ntf_backoff_t *schedule, unsigned failures);

/* When the next attempt is due: last_attempt_s + the delay. */
int64_t ntf_backoff_next_s(const ntf_backoff_t *schedule, unsigned failures, int64_t last_attempt_s);

#endif
