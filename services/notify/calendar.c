/* The iCalendar feed (placeholder until the channel library is wired in). */
#include "handlers.h"

fc_status_t ntf_calendar(fc_call_t *call, const Fcavtal__V1__CalendarRequest *body, Rep *rep)
{
    (void)body, (void)rep;
    return fc_call_fail(call, FC_UNIMPLEMENTED, "calendar export is not built in");
}
