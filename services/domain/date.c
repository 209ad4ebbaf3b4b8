/* Calendar dates as plain civil dates: no time of day, no time zone. */
#include "fcavtal/date.h"

#include <time.h>

bool fc_date_is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int fc_date_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && fc_date_is_leap_year(year))
        return 29;
    return days[month - 1];
}

bool fc_date_valid(fc_date_t d)
{
    return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 &&
           d.day >= 1 && d.day <= fc_date_days_in_month(d.year, d.month);
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads n digits without sign or whitespace, unlike strtol/sscanf which
 * would accept " 1" or "+1" and let malformed text through. */
static bool read_digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

int fc_date_parse(const char *text, fc_date_t *out)
{
    fc_date_t d;
    if (text == NULL || out == NULL)
        return -1;
    if (!read_digits(text, 4, &d.year) || text[4] != '-' ||
        !read_digits(text + 5, 2, &d.month) || text[7] != '-' ||
        !read_digits(text + 8, 2, &d.day) || text[10] != '\0')
        return -1;
    if (!fc_date_valid(d))
        return -1;
    *out = d;
    return 0;
}

/* Writes v as exactly n zero-padded digits; by hand because snprintf's
 * possible truncation trips -Wformat-truncation in optimised builds. */
static void put_digits(char *s, int v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        s[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

char *fc_date_format(fc_date_t d, char buf[FC_DATE_STRLEN])
{
    /* Out-of-range fields would not fit the fixed width; keep the output
     * recognisably wrong rather than truncated into something plausible. */
    if (!fc_date_valid(d))
        d = (fc_date_t){0, 0, 0};
    put_digits(buf, d.year, 4);
    buf[4] = '-';
    put_digits(buf + 5, d.month, 2);
    buf[7] = '-';
    put_digits(buf + 8, d.day, 2);
    buf[10] = '\0';
    return buf;
}

/* Howard Hinnant's days_from_civil: eras of 400 years make the Gregorian
 * cycle exact, and starting the year in March puts the leap day last. */
int64_t fc_date_to_days(fc_date_t d)
{
    int64_t y = (int64_t)d.year - (d.month <= 2 ? 1 : 0);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = (d.month + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

fc_date_t fc_date_from_days(int64_t days)
{
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t day = doy - (153 * mp + 2) / 5 + 1;
    int64_t month = mp < 10 ? mp + 3 : mp - 9;
    int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    return (fc_date_t){.year = (int)year, .month = (int)month, .day = (int)day};
}

fc_date_t fc_date_add_months(fc_date_t d, int months)
{
    /* Count in months since year 0 so that year boundaries need no cases;
     * 64 bits because months may be anywhere in int's range. */
    int64_t total = (int64_t)d.year * 12 + (d.month - 1) + months;
    int64_t year = total >= 0 ? total / 12 : (total - 11) / 12;
    fc_date_t r = {.year = (int)year, .month = (int)(total - year * 12) + 1, .day = d.day};
    int last = fc_date_days_in_month(r.year, r.month);
    if (r.day > last)
        r.day = last;
    return r;
}

fc_date_t fc_date_add_days(fc_date_t d, int64_t days)
{
    return fc_date_from_days(fc_date_to_days(d) + days);
}

int64_t fc_date_days_between(fc_date_t a, fc_date_t b)
{
    return fc_date_to_days(b) - fc_date_to_days(a);
}

int fc_date_cmp(fc_date_t a, fc_date_t b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

fc_weekday_t fc_date_weekday(fc_date_t d)
{
    /* 1970-01-01 was a Thursday, index 3 counting Monday as 0. */
    int64_t idx = (fc_date_to_days(d) + 3) % 7;
    if (idx < 0)
        idx += 7;
    return (fc_weekday_t)(idx + 1);
}

const char *fc_weekday_name(fc_weekday_t wd)
{
    static const char *const names[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};
    return wd >= FC_MONDAY && wd <= FC_SUNDAY ? names[wd - 1] : "?";
}

fc_date_t fc_date_end_of_month(fc_date_t d)
{
    d.day = fc_date_days_in_month(d.year, d.month);
    return d;
}

fc_date_t fc_date_today(void)
{
    return fc_date_today_at(time(NULL));
}

fc_date_t fc_date_today_at(time_t now)
{
    struct tm tm;
    if (localtime_r(&now, &tm) == NULL)
        return fc_date_from_days(now / 86400);
    return (fc_date_t){.year = tm.tm_year + 1900, .month = tm.tm_mon + 1, .day = tm.tm_mday};
}
