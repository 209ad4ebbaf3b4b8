/* fcavtal-notify's insides: the service definition, its record types and
 * databases, and the state its handlers, timers and followers share.
 * One concept per file; this header only names them. */
#ifndef FCAVTAL_NOTIFY_H
#define FCAVTAL_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fcavtal/agreement_wire.h"
#include "fcavtal/call.h"
#include "fcavtal/client.h"
#include "fcavtal/date.h"
#include "fcavtal/deadline.h"
#include "fcavtal/follower.h"
#include "fcavtal/record.h"
#include "fcavtal/server.h"
#include "fcavtal/v1/notify.pb-c.h"
#include "policy.h"

#define NOTIFY_SCHEMA_VERSION 1

typedef Fcavtal__V1__NotifyReply Rep;
typedef Fcavtal__V1__Deadline Deadline;
typedef Fcavtal__V1__Notification Notification;
typedef Fcavtal__V1__Expiry Expiry;
typedef Fcavtal__V1__Agreement Agreement;
typedef Fcavtal__V1__Organisation Organisation;
typedef Fcavtal__V1__Centre Centre;

/* Record types, by index into the definition's table. */
enum {
    REC_DEADLINE,
    REC_NOTIFICATION,
    REC_EXPIRY,
    REC_SCHEDULE,
    /* The read model: the registry's own messages, trimmed to what the
     * deadlines need (read_model.c). */
    REC_ORGANISATION,
    REC_OPERATION,
    REC_CENTRE,
    REC_AGREEMENT,
    REC_COUNT
};

enum { IX_DEADLINE_KEY, IX_DEADLINE_AGREEMENT, IX_DEADLINE_CENTRE, IX_DEADLINE_ORG };
enum { IX_NOTIFICATION_NID, IX_NOTIFICATION_STATE, IX_NOTIFICATION_DEADLINE,
       IX_NOTIFICATION_AGREEMENT };
enum { IX_EXPIRY_STATE };
enum { IX_AGREEMENT_CENTRE };

/* Plain databases (big-endian keys, empty values unless said). */
enum {
    DB_DEADLINES_BY_DAY,  /* safe day (4) | deadline id (8): "due between A and B" */
    DB_PLAN,              /* send day (4) | deadline id (8) | slot (1): what the scheduler fires */
    DB_HORIZON,           /* computed-until day (4) | agreement id (8): what to extend */
    DB_AGREEMENT_HORIZON, /* agreement id (8) -> computed-until day (4) */
    DB_COUNT
};

/* The plan's slot for the registry's expire (leads use 0..NTF_MAX_LEADS-1). */
#define NTF_SLOT_EXPIRE 255

extern const fc_service_def_t ntf_service;

/* What the channels need at run time (channels.c). */
typedef struct ntf_channels_t ntf_channels_t;

typedef struct {
    ntf_policy_t policy;
    fc_follower_t *follower;
    fc_client_t *registry;      /* for expire; NULL: expiries wait */
    ntf_channels_t *channels;
    int expire_attempts;
    bool wake;                  /* work was queued: deliver on the next tick */
    /* The scheduler's position as last committed (has_processed false:
     * not read yet), so an idle tick opens no transaction. */
    bool has_processed;
    fc_date_t processed;
} ntf_t;

/* ---------------------------------------------------------- shared helpers */

/* Big-endian day number: memcmp order is date order for every valid date. */
uint32_t ntf_day_code(fc_date_t d);
fc_date_t ntf_day_decode(uint32_t code);
/* Milliseconds since 1970 on the wall clock (backoff, sent_at). */
int64_t ntf_now_ms(void);
/* Appends item to a protobuf-c repeated field (n, items); 0 or -1. */
int ntf_append(size_t *n, void *items_field, void *item);

/* The wire agreement as the domain's plain struct (borrowing its strings). */

#endif
