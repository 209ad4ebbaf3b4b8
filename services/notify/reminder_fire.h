/* A reminder going out: one lead time of one deadline becomes an outbox
 * entry per channel and recipient (persisted in the caller's transaction,
 * sent after the commit) and a "deadline.<kind>.reminder" event on notify's
 * PUB socket. */
#ifndef FCAVTAL_NOTIFY_REMINDER_FIRE_H
#define FCAVTAL_NOTIFY_REMINDER_FIRE_H

#include "notify.h"

/* d must be stored (has its id); slot indexes d->plan. The caller records
 * the plan entry's new state. `late`: after its planned day. */
fc_status_t ntf_reminder_fire(fc_call_t *call, ntf_t *ntf, Deadline *d, size_t slot,
                              fc_date_t planned, bool late);

#endif
