/* Swedish public holidays (Lag 1989:253) and the days that are treated as
 * non-working in practice: midsummer eve, Christmas eve and New Year's eve. */
#ifndef FCAVTAL_HOLIDAY_H
#define FCAVTAL_HOLIDAY_H

#include <stdbool.h>
#include "fcavtal/date.h"

/* Easter Sunday of a Gregorian year (anonymous Gregorian algorithm). */
fc_date_t fc_easter_sunday(int year);

/* Swedish name of the public holiday or non-working eve on d
 * ("juldagen", "midsommarafton", ...), or NULL for an ordinary day.
 * Saturdays and Sundays are not named unless they are holidays. */
const char *fc_holiday_name(fc_date_t d);
/* The same day's English name ("New Year's Eve"), or NULL. */
const char *fc_holiday_name_en(fc_date_t d);

/* False on Saturdays, Sundays, public holidays and the non-working eves. */
bool fc_is_working_day(fc_date_t d);

/* d itself when it is a working day, else the nearest working day before
 * it. Contractual deadlines are never moved later. */
fc_date_t fc_last_working_day_on_or_before(fc_date_t d);

#endif
