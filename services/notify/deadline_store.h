/* Deadlines in notify's LMDB: the record (by id, with indexes by key,
 * agreement, centre and the organisations that must act), the index by safe
 * day that makes "what is due between A and B" a range scan, and the plan
 * index of reminder days the scheduler fires from. Every change keeps the
 * three in step inside the caller's transaction. */
#ifndef FCAVTAL_NOTIFY_DEADLINE_STORE_H
#define FCAVTAL_NOTIFY_DEADLINE_STORE_H

#include "notify.h"

/* FC_NOT_FOUND when no deadline has the key. *out is owned. */
fc_status_t ntf_deadline_by_key(fc_call_t *call, const char *key, Deadline **out);

/* A new deadline: id, record, day index, plan index; event
 * "deadline.<kind>.created". */
fc_status_t ntf_deadline_add(fc_call_t *call, Deadline *d);
/* Stores a changed record (plan states, rule text): the day index is
 * unchanged because a key fixes the date. `verb` NULL: no event. */
fc_status_t ntf_deadline_save(fc_call_t *call, const Deadline *d, const char *verb);
/* Cancels: no reminder of it goes out any more (pending notifications are
 * cancelled; sent ones still reach their receivers); event
 * "deadline.<kind>.cancelled". */
fc_status_t ntf_deadline_cancel(fc_call_t *call, Deadline *d, const char *why);

/* Adds or removes the plan keys of every PLANNED reminder of d (and its
 * expire slot). */
fc_status_t ntf_plan_index(fc_call_t *call, const Deadline *d, bool add);
/* Removes one plan key. */
fc_status_t ntf_plan_remove(fc_call_t *call, fc_date_t day, uint64_t deadline_id, uint8_t slot);

/* The plan entries of one day, in key order: what the scheduler fires
 * that day. *out owned. */
typedef struct {
    uint64_t id;
    uint8_t slot;
} ntf_plan_entry_t;
fc_status_t ntf_plan_of_day(fc_call_t *call, fc_date_t day, ntf_plan_entry_t **out, size_t *n);

/* Visits the deadline ids whose safe day lies in [from, to] in safe-day
 * order, starting after `after` (a 12-byte key from a previous page, or
 * NULL). Stops when fn returns non-zero (1: stop, no error). */
typedef int (*ntf_day_visit_fn)(fc_call_t *call, uint64_t id, const uint8_t key[12], void *arg);
fc_status_t ntf_deadline_day_scan(fc_call_t *call, fc_date_t from, fc_date_t to,
                                  const uint8_t *after, ntf_day_visit_fn fn, void *arg);

/* The expire slot's day: the day after the end. */
fc_date_t ntf_expire_day(const Deadline *d);
bool ntf_deadline_is_end(const Deadline *d);

#endif
