/* The scheduler: on a core timer it processes every day from the one after
 * its stored position up to the service's today (the core's simulated today
 * under --simulate), in order, so a downtime or a set_today jump of years is
 * caught up day by day. Processing a day: extend the horizon of agreements
 * whose deadlines are computed less than a year beyond the horizon's reach,
 * fire the reminders planned for that day (a reminder of a day before today
 * is marked late; of two due in one catch-up only the later goes out), and
 * queue the registry's expire for ends that have passed. Several days go in
 * one transaction, bounded; after each commit the outbox is delivered and
 * expiries are sent to the registry. */
#ifndef FCAVTAL_NOTIFY_SCHEDULER_H
#define FCAVTAL_NOTIFY_SCHEDULER_H

#include "notify.h"

/* The core timer's callback: 0 (never stops the server). */
int ntf_scheduler_tick(fc_server_t *server, void *arg);

/* Processes days up to today in one bounded transaction; *caught_up tells
 * whether today was reached. For the timer and in-process benchmarks. */
fc_status_t ntf_scheduler_step(fc_server_t *server, ntf_t *ntf, bool *caught_up);

#endif
