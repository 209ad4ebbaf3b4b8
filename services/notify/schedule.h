/* The scheduler's position: the last day whose reminders and expiries have
 * been processed. Kept in the store, so a restart goes on from it and
 * catches up every day it missed, in order. */
#ifndef FCAVTAL_NOTIFY_SCHEDULE_H
#define FCAVTAL_NOTIFY_SCHEDULE_H

#include "notify.h"

/* The stored day; before the first tick the day before today (nothing
 * processed yet). */
fc_status_t ntf_schedule_processed(fc_call_t *call, fc_date_t *day);
fc_status_t ntf_schedule_set(fc_call_t *call, fc_date_t day);

#endif
