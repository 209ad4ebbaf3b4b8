/* Shared by the notify delivery tests: many agreements in the registry at
 * once, the outbox counted by state, and the reference receiver's log read
 * back (how often each notification id reached it). */
#ifndef FC_TEST_NOTIFY_DELIVERY_SUPPORT_H
#define FC_TEST_NOTIFY_DELIVERY_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

#include "notify_harness.h"

#define NS(x) FCAVTAL__V1__NOTIFICATION_STATE__NOTIFICATION_STATE_##x

/* n active framework agreements with automatic renewal (24 months, 12
 * months' notice) between the world's region and municipality, their
 * written ends spread over the months from 2025-01-31 on. 0 or -1. */
int ds_renewing_agreements(nh_t *h, const rc_world_t *w, size_t n);

/* Notifications in `state` (0: all), over every page. */
size_t ds_count(nh_t *h, int state);
/* Every notification (owned reply pages flattened: ids and attempts). */
typedef struct {
    char id[160];
    uint32_t attempts;
    int state;
} ds_note_t;
size_t ds_notes(nh_t *h, ds_note_t **out);

/* How often the receiver's log says it got `id` again (already stored). */
typedef struct {
    char **ids;
    unsigned *again;
    size_t n;
} ds_receipts_t;
int ds_receipts(const char *log_path, ds_receipts_t *out);
unsigned ds_again(const ds_receipts_t *r, const char *id);
void ds_receipts_free(ds_receipts_t *r);

#endif
