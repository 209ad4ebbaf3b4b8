/* Explaining a date that does not parse. fc_date_parse only says yes or no;
 * the shape is read again here so that the message can name the part that is
 * wrong (the month, or the day for that month and year). */
#include "fcavtal/pbjson.h"

#include <stdbool.h>
#include <stdio.h>

#include "fcavtal/date.h"

static const char *const month_name[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

/* n ASCII digits; false on anything else (no sign, no space). */
static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* Year, month and day when the text has the shape YYYY-MM-DD, whatever the
 * numbers are. */
static bool shaped(const char *t, fc_date_t *d)
{
    /* Each test stops at the first mismatch, so a short text is never read
     * past its terminating NUL. */
    return digits(t, 4, &d->year) && t[4] == '-' && digits(t + 5, 2, &d->month) && t[7] == '-'
           && digits(t + 8, 2, &d->day) && t[10] == '\0';
}

const char *pbj_date_error(const char *text, char *buf, size_t size)
{
    fc_date_t d;
    if (text && fc_date_parse(text, &d) == 0)
        return NULL;
    const char *shown = text ? text : "";
    if (!*shown)
        snprintf(buf, size, "\"\" is not a date: write YYYY-MM-DD");
    else if (!shaped(shown, &d))
        snprintf(buf, size, "%s is not a date: write YYYY-MM-DD", shown);
    else if (d.year < 1)
        snprintf(buf, size, "%s is not a date: there is no year 0", shown);
    else if (d.month < 1 || d.month > 12)
        snprintf(buf, size, "%s is not a date: there is no month %d", shown, d.month);
    else if (d.day < 1)
        snprintf(buf, size, "%s is not a date: there is no day 0", shown);
    else
        snprintf(buf, size, "%s is not a date: %s %d has %d days", shown,
                 month_name[d.month - 1], d.year, fc_date_days_in_month(d.year, d.month));
    return buf;
}
