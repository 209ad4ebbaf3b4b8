/* The scheduler's position (schedule.h). */
#include "schedule.h"

#include "fcavtal/pb.h"

fc_status_t ntf_schedule_processed(fc_call_t *call, fc_date_t *day)
{
    Fcavtal__V1__Schedule *s = NULL;
    fc_status_t st = fc_record_get(call, REC_SCHEDULE, 1, (ProtobufCMessage **)&s);
    if (st == FC_NOT_FOUND) {
        *day = fc_date_add_days(fc_call_today(call), -1);
        return FC_OK;
    }
    if (!st && !fc_date_from_pb(s->processed_through, day))
        st = FC_DATA_LOSS;
    if (s)
        fcavtal__v1__schedule__free_unpacked(s, NULL);
    return st;
}

fc_status_t ntf_schedule_set(fc_call_t *call, fc_date_t day)
{
    Fcavtal__V1__Date d = FCAVTAL__V1__DATE__INIT;
    d.year = day.year, d.month = day.month, d.day = day.day;
    Fcavtal__V1__Schedule s = FCAVTAL__V1__SCHEDULE__INIT;
    s.id = 1;
    s.processed_through = &d;
    return fc_record_put(call, REC_SCHEDULE, &s.base);
}
