/* Calendar dates. Business rules in fcavtal never involve a time of day or a
 * time zone: a date is a proleptic Gregorian year, month and day. */
#ifndef FCAVTAL_DATE_H
#define FCAVTAL_DATE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

typedef struct {
    int year;   /* 1..9999 */
    int month;  /* 1..12 */
    int day;    /* 1..days in month */
} fc_date_t;

/* "YYYY-MM-DD" plus the terminating NUL. */
#define FC_DATE_STRLEN 11

/* Monday = 1 ... Sunday = 7 (ISO 8601). */
typedef enum {
    FC_MONDAY = 1, FC_TUESDAY, FC_WEDNESDAY, FC_THURSDAY,
    FC_FRIDAY, FC_SATURDAY, FC_SUNDAY
} fc_weekday_t;

bool fc_date_is_leap_year(int year);
int fc_date_days_in_month(int year, int month);
/* True when the date exists (and year is 1..9999). */
bool fc_date_valid(fc_date_t d);

/* Parses exactly "YYYY-MM-DD". Returns 0 and fills *out, or -1 when the text
 * is malformed or the date does not exist (2025-02-29). */
int fc_date_parse(const char *text, fc_date_t *out);
/* Writes "YYYY-MM-DD" into buf (at least FC_DATE_STRLEN bytes); returns buf. */
char *fc_date_format(fc_date_t d, char buf[FC_DATE_STRLEN]);

/* Days since 1970-01-01 (negative before) and back. */
int64_t fc_date_to_days(fc_date_t d);
fc_date_t fc_date_from_days(int64_t days);

/* Adds (or with n < 0 subtracts) n months, keeping the day of month and
 * clamping it to the target month's last day: 2026-08-31 - 6 months is
 * 2026-02-28. */
fc_date_t fc_date_add_months(fc_date_t d, int months);
fc_date_t fc_date_add_days(fc_date_t d, int64_t days);
/* b - a in days. */
int64_t fc_date_days_between(fc_date_t a, fc_date_t b);
/* <0, 0, >0 like strcmp. */
int fc_date_cmp(fc_date_t a, fc_date_t b);
fc_weekday_t fc_date_weekday(fc_date_t d);
/* "Monday" ... "Sunday"; "?" outside the enum. */
const char *fc_weekday_name(fc_weekday_t wd);
/* Last day of d's month. */
fc_date_t fc_date_end_of_month(fc_date_t d);
/* Today's date on this machine's local calendar. */
fc_date_t fc_date_today(void);
/* The local calendar's date at `now`. */
fc_date_t fc_date_today_at(time_t now);

#endif
