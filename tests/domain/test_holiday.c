/* Swedish holidays decide the "safe day to send" for every deadline. */
#include <criterion/criterion.h>
#include <string.h>

#include "fcavtal/holiday.h"

static fc_date_t D(int y, int m, int d)
{
    return (fc_date_t){.year = y, .month = m, .day = d};
}

/* Worked out by hand from the Easter dates and a calendar, and checked
 * against an independent tool: Good Friday = Easter - 2, Easter Monday =
 * Easter + 1, Ascension = Easter + 39, Pentecost = Easter + 49,
 * midsummer eve = Friday 19-25 June, All Saints = Saturday 31 Oct-6 Nov. */
static const struct {
    int year;
    fc_date_t easter, good_friday, easter_monday, ascension, pentecost;
    fc_date_t midsummer_eve, midsummer_day, all_saints;
} years[] = {
    {2024, {2024, 3, 31}, {2024, 3, 29}, {2024, 4, 1}, {2024, 5, 9}, {2024, 5, 19},
     {2024, 6, 21}, {2024, 6, 22}, {2024, 11, 2}},
    {2025, {2025, 4, 20}, {2025, 4, 18}, {2025, 4, 21}, {2025, 5, 29}, {2025, 6, 8},
     {2025, 6, 20}, {2025, 6, 21}, {2025, 11, 1}},
    {2026, {2026, 4, 5}, {2026, 4, 3}, {2026, 4, 6}, {2026, 5, 14}, {2026, 5, 24},
     {2026, 6, 19}, {2026, 6, 20}, {2026, 10, 31}},
    {2027, {2027, 3, 28}, {2027, 3, 26}, {2027, 3, 29}, {2027, 5, 6}, {2027, 5, 16},
     {2027, 6, 25}, {2027, 6, 26}, {2027, 11, 6}},
    {2028, {2028, 4, 16}, {2028, 4, 14}, {2028, 4, 17}, {2028, 5, 25}, {2028, 6, 4},
     {2028, 6, 23}, {2028, 6, 24}, {2028, 11, 4}},
    {2029, {2029, 4, 1}, {2029, 3, 30}, {2029, 4, 2}, {2029, 5, 10}, {2029, 5, 20},
     {2029, 6, 22}, {2029, 6, 23}, {2029, 11, 3}},
    {2030, {2030, 4, 21}, {2030, 4, 19}, {2030, 4, 22}, {2030, 5, 30}, {2030, 6, 9},
     {2030, 6, 21}, {2030, 6, 22}, {2030, 11, 2}},
};
#define NYEARS (sizeof years / sizeof years[0])

static void assert_date(fc_date_t got, fc_date_t want)
{
    char g[FC_DATE_STRLEN], w[FC_DATE_STRLEN];
    cr_assert(fc_date_cmp(got, want) == 0, "got %s, want %s",
              fc_date_format(got, g), fc_date_format(want, w));
}

static void assert_holiday(fc_date_t d, const char *want)
{
    char buf[FC_DATE_STRLEN];
    const char *got = fc_holiday_name(d);
    fc_date_format(d, buf);
    cr_assert_not_null(got, "%s: want \"%s\", got no holiday", buf, want);
    cr_assert_str_eq(got, want, "%s", buf);
    cr_assert_not(fc_is_working_day(d), "%s is %s but counted as working", buf, want);
}

static void assert_ordinary(fc_date_t d)
{
    char buf[FC_DATE_STRLEN];
    const char *got = fc_holiday_name(d);
    cr_assert_null(got, "%s named \"%s\"", fc_date_format(d, buf), got);
}

Test(easter, sundays_2024_to_2030)
{
    for (size_t i = 0; i < NYEARS; i++) {
        fc_date_t e = fc_easter_sunday(years[i].year);
        assert_date(e, years[i].easter);
        cr_assert_eq(fc_date_weekday(e), FC_SUNDAY);
    }
}

Test(easter, historic_extremes)
{
    /* Earliest (22 March) and latest (25 April) possible Easter. */
    assert_date(fc_easter_sunday(1818), D(1818, 3, 22));
    assert_date(fc_easter_sunday(2285), D(2285, 3, 22));
    assert_date(fc_easter_sunday(1943), D(1943, 4, 25));
    assert_date(fc_easter_sunday(2038), D(2038, 4, 25));
}

Test(holidays, easter_related_2024_to_2030)
{
    for (size_t i = 0; i < NYEARS; i++) {
        assert_holiday(years[i].good_friday, "långfredagen");
        assert_holiday(years[i].easter, "påskdagen");
        assert_holiday(years[i].easter_monday, "annandag påsk");
        assert_holiday(years[i].ascension, "Kristi himmelsfärdsdag");
        assert_holiday(years[i].pentecost, "pingstdagen");
        cr_assert_eq(fc_date_weekday(years[i].good_friday), FC_FRIDAY);
        cr_assert_eq(fc_date_weekday(years[i].ascension), FC_THURSDAY);
        /* Maundy Thursday is an ordinary working day. */
        fc_date_t thursday = fc_date_add_days(years[i].good_friday, -1);
        assert_ordinary(thursday);
        cr_assert(fc_is_working_day(thursday));
    }
}

Test(holidays, midsummer_2024_to_2030)
{
    for (size_t i = 0; i < NYEARS; i++) {
        assert_holiday(years[i].midsummer_eve, "midsommarafton");
        assert_holiday(years[i].midsummer_day, "midsommardagen");
        cr_assert_eq(fc_date_weekday(years[i].midsummer_eve), FC_FRIDAY);
        cr_assert(fc_is_working_day(fc_date_add_days(years[i].midsummer_eve, -1)));
        /* Only one Friday and one Saturday of the week are midsummer. */
        for (int day = 13; day <= 30; day++) {
            fc_date_t d = D(years[i].year, 6, day);
            if (fc_date_cmp(d, years[i].midsummer_eve) != 0 &&
                fc_date_cmp(d, years[i].midsummer_day) != 0 && day != 6)
                assert_ordinary(d);
        }
    }
}

Test(holidays, all_saints_2024_to_2030)
{
    for (size_t i = 0; i < NYEARS; i++) {
        assert_holiday(years[i].all_saints, "alla helgons dag");
        cr_assert_eq(fc_date_weekday(years[i].all_saints), FC_SATURDAY);
        for (int k = -7; k <= 7; k++)
            if (k != 0)
                assert_ordinary(fc_date_add_days(years[i].all_saints, k));
    }
}

Test(holidays, fixed_dates_2024_to_2030)
{
    for (int y = 2024; y <= 2030; y++) {
        assert_holiday(D(y, 1, 1), "nyårsdagen");
        assert_holiday(D(y, 1, 6), "trettondedag jul");
        assert_holiday(D(y, 5, 1), "första maj");
        assert_holiday(D(y, 6, 6), "Sveriges nationaldag");
        assert_holiday(D(y, 12, 24), "julafton");
        assert_holiday(D(y, 12, 25), "juldagen");
        assert_holiday(D(y, 12, 26), "annandag jul");
        assert_holiday(D(y, 12, 31), "nyårsafton");
        assert_ordinary(D(y, 1, 5));
        assert_ordinary(D(y, 12, 23));
        assert_ordinary(D(y, 12, 27));
    }
}

/* Nothing beyond the list is named: the 13 named holidays of Lag 1989:253
 * (Sundays aside), three eves and påskafton; none coincide in these years. */
Test(holidays, exactly_seventeen_named_days_each_year)
{
    for (int y = 2024; y <= 2030; y++) {
        int named = 0;
        for (fc_date_t d = D(y, 1, 1); d.year == y; d = fc_date_add_days(d, 1))
            if (fc_holiday_name(d) != NULL)
                named++;
        cr_assert_eq(named, 17, "%d has %d named days", y, named);
    }
}

Test(working_day, weekends_and_ordinary_days)
{
    cr_assert(fc_is_working_day(D(2025, 3, 12)));         /* Wednesday */
    cr_assert_not(fc_is_working_day(D(2025, 3, 15)));     /* Saturday */
    cr_assert_not(fc_is_working_day(D(2025, 3, 16)));     /* Sunday */
    assert_ordinary(D(2025, 3, 15));
    assert_ordinary(D(2025, 3, 16));
}

static void assert_safe_day(fc_date_t deadline, fc_date_t want)
{
    fc_date_t got = fc_last_working_day_on_or_before(deadline);
    assert_date(got, want);
    cr_assert(fc_is_working_day(got));
}

Test(working_day, last_working_day_on_or_before)
{
    assert_safe_day(D(2024, 12, 31), D(2024, 12, 30)); /* nyårsafton */
    assert_safe_day(D(2025, 3, 15), D(2025, 3, 14));   /* Saturday */
    assert_safe_day(D(2025, 3, 16), D(2025, 3, 14));   /* Sunday */
    assert_safe_day(D(2025, 6, 21), D(2025, 6, 19));   /* midsommardagen after afton */
    assert_safe_day(D(2025, 4, 21), D(2025, 4, 17));   /* annandag påsk */
    assert_safe_day(D(2025, 3, 12), D(2025, 3, 12));   /* ordinary Wednesday */
    assert_safe_day(D(2026, 1, 6), D(2026, 1, 5));     /* trettondedag jul */
    assert_safe_day(D(2025, 12, 26), D(2025, 12, 23)); /* julafton to annandag */
    assert_safe_day(D(2026, 1, 1), D(2025, 12, 30));   /* across the year */
    assert_safe_day(D(2025, 5, 29), D(2025, 5, 28));   /* Kristi himmelsfärd */
    assert_safe_day(D(2025, 6, 6), D(2025, 6, 5));     /* nationaldagen, Friday */
}

Test(working_day, never_moves_later)
{
    for (fc_date_t d = D(2024, 1, 1); d.year <= 2030; d = fc_date_add_days(d, 1)) {
        fc_date_t safe = fc_last_working_day_on_or_before(d);
        cr_assert_leq(fc_date_cmp(safe, d), 0);
        cr_assert(fc_is_working_day(safe));
        cr_assert_leq(fc_date_days_between(safe, d), 5);
    }
}

/* Replies and reminders are in English; each named day has its English name
 * too, and only the named days have one. */
Test(holidays, english_names_follow_the_swedish)
{
    cr_assert_str_eq(fc_holiday_name_en(D(2024, 12, 31)), "New Year's Eve");
    cr_assert_str_eq(fc_holiday_name_en(D(2025, 6, 20)), "Midsummer Eve");
    cr_assert_str_eq(fc_holiday_name_en(D(2025, 4, 18)), "Good Friday");
    cr_assert_str_eq(fc_holiday_name_en(D(2025, 11, 1)), "All Saints' Day");
    for (fc_date_t d = D(2024, 1, 1); d.year <= 2030; d = fc_date_add_days(d, 1)) {
        bool sv = fc_holiday_name(d) != NULL, en = fc_holiday_name_en(d) != NULL;
        cr_assert_eq(sv, en);
    }
}
