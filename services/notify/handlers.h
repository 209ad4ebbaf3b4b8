/* Request handlers of fcavtal-notify (one file per concept). */
#ifndef FCAVTAL_NOTIFY_HANDLERS_H
#define FCAVTAL_NOTIFY_HANDLERS_H

#include "notify.h"
#include "fcavtal/v1/registry.pb-c.h"

fc_status_t ntf_list_deadlines(fc_call_t *call, const Fcavtal__V1__ListDeadlines *body, Rep *rep);
fc_status_t ntf_get_deadline(fc_call_t *call, const Fcavtal__V1__GetById *body, Rep *rep);
fc_status_t ntf_list_notifications(fc_call_t *call, const Fcavtal__V1__ListNotifications *body,
                                   Rep *rep);
fc_status_t ntf_calendar(fc_call_t *call, const Fcavtal__V1__CalendarRequest *body, Rep *rep);
fc_status_t ntf_status(fc_call_t *call, const Fcavtal__V1__NotifyStatusRequest *body, Rep *rep);
fc_status_t ntf_list_expiries(fc_call_t *call, const Fcavtal__V1__ListExpiries *body, Rep *rep);
fc_status_t ntf_retry_notification(fc_call_t *call, const Fcavtal__V1__RetryNotification *body,
                                   Rep *rep);

/* Fills the fields a reply shows from the read model: the agreement's title
 * and case number, the centre's name, each party's name and org number. */
void ntf_deadline_present(fc_call_t *call, Deadline *d);
/* ntf_deadline_present, and the plan as it stands: reminders the scheduler
 * has passed show as fired. For replies and snapshots. */
void ntf_deadline_reply(fc_call_t *call, Deadline *d);

/* Checks that a filter names a record notify knows: FC_OK, or the reply's
 * error (NOT_FOUND with the field). id 0 is no filter. */
fc_status_t ntf_require_known(fc_call_t *call, int type, uint64_t id, const char *field);

#endif
