/* Dates as the reminders write them: ISO 8601 with the Swedish weekday. */
#ifndef FCAVTAL_NOTIFY_SWEDISH_DATE_H
#define FCAVTAL_NOTIFY_SWEDISH_DATE_H

#include <stddef.h>
#include "fcavtal/date.h"

/* Longest ntf_date_text, NUL included ("torsdag 2024-12-31"). */
#define NTF_DATE_TEXT_LEN 24

/* "måndag" ... "söndag". */
const char *ntf_weekday_name(fc_weekday_t weekday);
/* "tisdag 2024-12-31". */
char *ntf_date_text(fc_date_t d, char *buf, size_t len);
/* Why a deadline on `nominal` must be acted on earlier, on `safe_day`:
 * "2024-12-31 är nyårsafton", "2025-05-31 är en lördag". Empty when the
 * two are the same day. */
char *ntf_moved_reason(fc_date_t nominal, fc_date_t safe_day, char *buf, size_t len);

#endif
