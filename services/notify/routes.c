/* fcavtal-notify's definition: dispatch table, record types with their
 * indexes, and plain databases. */
#include <string.h>

#include "handlers.h"
#include "notify.h"
#include "outbox.h"

#define BODY(name) FCAVTAL__V1__NOTIFY_REQUEST__BODY_##name
#define ROUTE(CASE, FN, ACCESS, T, DESC) FC_ROUTE(BODY(CASE), FN, ACCESS, T, DESC, Rep)

static const fc_route_t ROUTES[] = {
    ROUTE(LIST_DEADLINES, ntf_list_deadlines, FC_READ, Fcavtal__V1__ListDeadlines,
          fcavtal__v1__list_deadlines__descriptor),
    ROUTE(GET_DEADLINE, ntf_get_deadline, FC_READ, Fcavtal__V1__GetById,
          fcavtal__v1__get_by_id__descriptor),
    ROUTE(LIST_NOTIFICATIONS, ntf_list_notifications, FC_READ, Fcavtal__V1__ListNotifications,
          fcavtal__v1__list_notifications__descriptor),
    ROUTE(CALENDAR, ntf_calendar, FC_READ, Fcavtal__V1__CalendarRequest,
          fcavtal__v1__calendar_request__descriptor),
    ROUTE(STATUS, ntf_status, FC_READ, Fcavtal__V1__NotifyStatusRequest,
          fcavtal__v1__notify_status_request__descriptor),
    ROUTE(LIST_EXPIRIES, ntf_list_expiries, FC_READ, Fcavtal__V1__ListExpiries,
          fcavtal__v1__list_expiries__descriptor),
    ROUTE(RETRY, ntf_retry_notification, FC_WRITE, Fcavtal__V1__RetryNotification,
          fcavtal__v1__retry_notification__descriptor),
};

/* ------------------------------------------------------------ index keys */

static size_t deadline_key_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    fc_index_key_text(k, ((const Deadline *)r)->key);
    return max ? 1 : 0;
}

/* Only an agreement's own deadlines: a centre's yearly ones belong to the
 * centre, whichever agreement produced them. */
static size_t deadline_agreement_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    const Deadline *d = (const Deadline *)r;
    if (!max || strncmp(d->key, "agreement/", 10) != 0)
        return 0;
    fc_index_key_u64(k, d->agreement_id);
    return 1;
}

static size_t deadline_centre_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    const Deadline *d = (const Deadline *)r;
    if (!max || !d->centre_id)
        return 0;
    fc_index_key_u64(k, d->centre_id);
    return 1;
}

static size_t deadline_org_keys(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    const Deadline *d = (const Deadline *)r;
    size_t n = 0;
    for (size_t i = 0; i < d->n_parties && n < max; i++) {
        uint64_t org = d->parties[i]->organisation_id;
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = d->parties[j]->organisation_id == org;
        if (!seen)
            fc_index_key_u64(&k[n++], org);
    }
    return n;
}

static size_t notification_nid_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    fc_index_key_u64(k, ntf_hash64(((const Notification *)r)->notification_id));
    return max ? 1 : 0;
}

static size_t notification_state_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    fc_index_key_u32(k, (uint32_t)((const Notification *)r)->state);
    return max ? 1 : 0;
}

static size_t notification_deadline_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    fc_index_key_u64(k, ((const Notification *)r)->deadline_id);
    return max ? 1 : 0;
}

static size_t notification_agreement_key(const ProtobufCMessage *r, fc_index_key_t *k,
                                         size_t max)
{
    fc_index_key_u64(k, ((const Notification *)r)->agreement_id);
    return max ? 1 : 0;
}

static size_t expiry_state_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    fc_index_key_u32(k, (uint32_t)((const Expiry *)r)->state);
    return max ? 1 : 0;
}

static size_t agreement_centre_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    const Agreement *a = (const Agreement *)r;
    if (!max || !a->centre_id)
        return 0;
    fc_index_key_u64(k, a->centre_id);
    return 1;
}

static const fc_index_def_t DEADLINE_INDEXES[] = {
    [IX_DEADLINE_KEY] = {"deadlines_by_key", deadline_key_key, 1},
    [IX_DEADLINE_AGREEMENT] = {"deadlines_by_agreement", deadline_agreement_key, 1},
    [IX_DEADLINE_CENTRE] = {"deadlines_by_centre", deadline_centre_key, 1},
    [IX_DEADLINE_ORG] = {"deadlines_by_organisation", deadline_org_keys, 64},
};
static const fc_index_def_t NOTIFICATION_INDEXES[] = {
    [IX_NOTIFICATION_NID] = {"notifications_by_nid", notification_nid_key, 1},
    [IX_NOTIFICATION_STATE] = {"notifications_by_state", notification_state_key, 1},
    [IX_NOTIFICATION_DEADLINE] = {"notifications_by_deadline", notification_deadline_key, 1},
    [IX_NOTIFICATION_AGREEMENT] = {"notifications_by_agreement", notification_agreement_key, 1},
};
static const fc_index_def_t EXPIRY_INDEXES[] = {
    [IX_EXPIRY_STATE] = {"expiries_by_state", expiry_state_key, 1},
};
static const fc_index_def_t AGREEMENT_INDEXES[] = {
    [IX_AGREEMENT_CENTRE] = {"agreements_by_centre", agreement_centre_key, 1},
};

#define N(a) (sizeof a / sizeof a[0])

static void present_deadline(fc_call_t *call, ProtobufCMessage *record)
{
    ntf_deadline_reply(call, (Deadline *)record);
}

static const fc_record_def_t RECORDS[REC_COUNT] = {
    [REC_DEADLINE] = {"deadline", &fcavtal__v1__deadline__descriptor, "deadlines",
                      DEADLINE_INDEXES, N(DEADLINE_INDEXES), present_deadline},
    [REC_NOTIFICATION] = {"notification", &fcavtal__v1__notification__descriptor,
                          "notifications", NOTIFICATION_INDEXES, N(NOTIFICATION_INDEXES), NULL},
    [REC_EXPIRY] = {"expiry", &fcavtal__v1__expiry__descriptor, "expiries", EXPIRY_INDEXES,
                    N(EXPIRY_INDEXES), NULL},
    [REC_SCHEDULE] = {"schedule", &fcavtal__v1__schedule__descriptor, "schedule", NULL, 0, NULL},
    [REC_ORGANISATION] = {"organisation", &fcavtal__v1__organisation__descriptor,
                          "organisations", NULL, 0, NULL},
    [REC_OPERATION] = {"operation", &fcavtal__v1__operation__descriptor, "operations", NULL, 0,
                       NULL},
    [REC_CENTRE] = {"centre", &fcavtal__v1__centre__descriptor, "centres", NULL, 0, NULL},
    [REC_AGREEMENT] = {"agreement", &fcavtal__v1__agreement__descriptor, "agreements",
                       AGREEMENT_INDEXES, N(AGREEMENT_INDEXES), NULL},
};

static const char *const DBI_NAMES[DB_COUNT] = {
    [DB_DEADLINES_BY_DAY] = "deadlines_by_safe_day",
    [DB_PLAN] = "reminder_plan",
    [DB_HORIZON] = "horizon_by_day",
    [DB_AGREEMENT_HORIZON] = "horizon_of_agreement",
};

const fc_service_def_t ntf_service = {
    .name = "notify",
    .request_desc = &fcavtal__v1__notify_request__descriptor,
    .reply_desc = &fcavtal__v1__notify_reply__descriptor,
    .event_desc = &fcavtal__v1__notify_event__descriptor,
    .routes = ROUTES,
    .n_routes = N(ROUTES),
    .records = RECORDS,
    .n_records = REC_COUNT,
    .dbi_names = DBI_NAMES,
    .n_dbis = DB_COUNT,
    .schema_version = NOTIFY_SCHEMA_VERSION,
};
