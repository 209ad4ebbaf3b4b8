/* The registry and fcavtal-notify started side by side for integration
 * tests, both on a simulated today that the test moves with set_today, and
 * the requests the notify tests use in a line each. */
#ifndef FC_TEST_NOTIFY_HARNESS_H
#define FC_TEST_NOTIFY_HARNESS_H

#include <stdbool.h>
#include <stdint.h>

#include "fcavtal/v1/notify.pb-c.h"
#include "registry_client.h"
#include "test_client.h"

typedef Fcavtal__V1__NotifyReply nh_rep_t;

typedef struct {
    rc_t reg;
    tc_t ntf;
    char reg_request[160], reg_publish[160];
    char today[16];
    const char *extra[24];       /* the notify arguments of the last start */
    char extra_buf[24][200];
} nh_t;

/* Starts the registry (--simulate --today) and notify following it with
 * --tick-ms 20 and `notify_args` (NULL-terminated, may be NULL). */
int nh_start(nh_t *h, const char *today, const char *const *notify_args);
/* The same with both data folders under `parent` (e.g. /dev/shm). */
int nh_start_in(nh_t *h, const char *parent, const char *today, const char *const *notify_args);
/* Stops notify with `sig` and starts it again on the same folder and ports
 * with the same arguments. */
int nh_restart_notify(nh_t *h, int sig);
void nh_cleanup(nh_t *h);

nh_rep_t *nh_call(nh_t *h, const char *member, const ProtobufCMessage *body);
void nh_free(nh_rep_t *rep);

/* notify has applied every registry event and processed every day up to
 * its today. */
bool nh_settled(nh_t *h, int timeout_ms);
/* Moves the registry's today, then notify's, and waits until notify has
 * processed it. 0 or -1. */
int nh_set_today(nh_t *h, const char *date);
/* Only notify's. */
int nh_set_notify_today(nh_t *h, const char *date);

/* Sends the agreement for signature and signs it for every party. */
int nh_activate(nh_t *h, uint64_t agreement_id, const char *date);

/* list_deadlines [from, to] with the filters given (0/NULL: none). */
nh_rep_t *nh_deadlines(nh_t *h, const char *from, const char *to, const char *kind,
                       uint64_t agreement_id, uint64_t organisation_id, uint64_t centre_id,
                       bool include_cancelled);
/* The deadline of `kind` on nominal `date` in the list, or NULL. */
const Fcavtal__V1__Deadline *nh_find(const nh_rep_t *rep, const char *kind, const char *date);
nh_rep_t *nh_notifications(nh_t *h, uint64_t agreement_id, Fcavtal__V1__NotificationState state);
nh_rep_t *nh_status(nh_t *h);

bool nh_date_is(const Fcavtal__V1__Date *d, const char *text);

#endif
