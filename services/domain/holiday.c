/* Swedish public holidays (Lag 1989:253) and the eves that are non-working
 * in practice. Deadlines are moved earlier, never later, off these days. */
#include "fcavtal/holiday.h"

#include <stddef.h>

fc_date_t fc_easter_sunday(int year)
{
    /* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return (fc_date_t){.year = year, .month = month, .day = day};
}

/* Swedish and English names, the Swedish one first (it is the one the law
 * and the parties use). */
typedef struct {
    const char *sv, *en;
} names_t;

static const names_t *fixed_holiday(int month, int day)
{
    static const struct {
        int month, day;
        names_t names;
    } fixed[] = {
        {1, 1, {"nyårsdagen", "New Year's Day"}},
        {1, 6, {"trettondedag jul", "Epiphany"}},
        {5, 1, {"första maj", "May Day"}},
        {6, 6, {"Sveriges nationaldag", "National Day of Sweden"}},
        {12, 24, {"julafton", "Christmas Eve"}},
        {12, 25, {"juldagen", "Christmas Day"}},
        {12, 26, {"annandag jul", "Boxing Day"}},
        {12, 31, {"nyårsafton", "New Year's Eve"}},
    };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        if (fixed[i].month == month && fixed[i].day == day)
            return &fixed[i].names;
    return NULL;
}

static const names_t *easter_holiday(fc_date_t d)
{
    static const struct {
        int offset;
        names_t names;
    } moving[] = {
        {-2, {"långfredagen", "Good Friday"}},
        {-1, {"påskafton", "Easter Eve"}},
        {0, {"påskdagen", "Easter Sunday"}},
        {1, {"annandag påsk", "Easter Monday"}},
        {39, {"Kristi himmelsfärdsdag", "Ascension Day"}},
        {49, {"pingstdagen", "Whit Sunday"}},
    };
    int64_t offset = fc_date_days_between(fc_easter_sunday(d.year), d);
    for (size_t i = 0; i < sizeof moving / sizeof moving[0]; i++)
        if (moving[i].offset == offset)
            return &moving[i].names;
    return NULL;
}

/* Midsummer and All Saints' fall on the Saturday of a fixed week, which
 * is the only day of that week with the Saturday weekday. */
static const names_t *weekday_holiday(fc_date_t d)
{
    static const names_t midsummer_eve = {"midsommarafton", "Midsummer Eve"};
    static const names_t midsummer = {"midsommardagen", "Midsummer Day"};
    static const names_t all_saints = {"alla helgons dag", "All Saints' Day"};
    fc_weekday_t wd = fc_date_weekday(d);
    if (d.month == 6 && wd == FC_FRIDAY && d.day >= 19 && d.day <= 25)
        return &midsummer_eve;
    if (d.month == 6 && wd == FC_SATURDAY && d.day >= 20 && d.day <= 26)
        return &midsummer;
    if (wd == FC_SATURDAY &&
        ((d.month == 10 && d.day == 31) || (d.month == 11 && d.day <= 6)))
        return &all_saints;
    return NULL;
}

static const names_t *holiday(fc_date_t d)
{
    const names_t *names = fixed_holiday(d.month, d.day);
    if (names == NULL)
        names = easter_holiday(d);
    if (names == NULL)
        names = weekday_holiday(d);
    return names;
}

const char *fc_holiday_name(fc_date_t d)
{
    const names_t *names = holiday(d);
    return names ? names->sv : NULL;
}

const char *fc_holiday_name_en(fc_date_t d)
{
    const names_t *names = holiday(d);
    return names ? names->en : NULL;
}

bool fc_is_working_day(fc_date_t d)
{
    fc_weekday_t wd = fc_date_weekday(d);
    return wd != FC_SATURDAY && wd != FC_SUNDAY && fc_holiday_name(d) == NULL;
}

fc_date_t fc_last_working_day_on_or_before(fc_date_t d)
{
    /* Terminates within days: no run of non-working days exceeds four
     * (Good Friday to Easter Monday). */
    while (!fc_is_working_day(d))
        d = fc_date_add_days(d, -1);
    return d;
}
