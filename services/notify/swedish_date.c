#include "swedish_date.h"

#include <stdio.h>

#include "fcavtal/holiday.h"

const char *ntf_weekday_name(fc_weekday_t weekday)
{
    static const char *const names[] = {"måndag", "tisdag", "onsdag", "torsdag",
                                        "fredag", "lördag", "söndag"};
    if (weekday < FC_MONDAY || weekday > FC_SUNDAY)
        return "";
    return names[weekday - FC_MONDAY];
}

char *ntf_date_text(fc_date_t d, char *buf, size_t len)
{
    char iso[FC_DATE_STRLEN];
    snprintf(buf, len, "%s %s", ntf_weekday_name(fc_date_weekday(d)), fc_date_format(d, iso));
    return buf;
}

/* Lag 1989:253 and the eves treated as non-working (domain "Deadlines"):
 * the holiday's name says more than its weekday. */
char *ntf_moved_reason(fc_date_t nominal, fc_date_t safe_day, char *buf, size_t len)
{
    char iso[FC_DATE_STRLEN];
    const char *holiday = fc_holiday_name(nominal);
    if (fc_date_cmp(nominal, safe_day) == 0)
        snprintf(buf, len, "%s", "");
    else if (holiday)
        snprintf(buf, len, "%s är %s", fc_date_format(nominal, iso), holiday);
    else
        snprintf(buf, len, "%s är en %s", fc_date_format(nominal, iso),
                 ntf_weekday_name(fc_date_weekday(nominal)));
    return buf;
}
