/* Calendar arithmetic that every deadline rests on. */
#include <criterion/criterion.h>
#include <string.h>

#include "fcavtal/date.h"

static fc_date_t D(int y, int m, int d)
{
    return (fc_date_t){.year = y, .month = m, .day = d};
}

static void assert_date(fc_date_t got, fc_date_t want)
{
    char g[FC_DATE_STRLEN], w[FC_DATE_STRLEN];
    cr_assert(fc_date_cmp(got, want) == 0, "got %s, want %s",
              fc_date_format(got, g), fc_date_format(want, w));
}

static void assert_add_months(fc_date_t from, int n, fc_date_t want)
{
    char f[FC_DATE_STRLEN], g[FC_DATE_STRLEN], w[FC_DATE_STRLEN];
    fc_date_t got = fc_date_add_months(from, n);
    cr_assert(fc_date_cmp(got, want) == 0, "%s %+d months: got %s, want %s",
              fc_date_format(from, f), n, fc_date_format(got, g),
              fc_date_format(want, w));
}

Test(months, minus_six_clamps_31st_to_february_end)
{
    assert_add_months(D(2026, 8, 31), -6, D(2026, 2, 28));
}

Test(months, minus_twelve_keeps_new_years_eve)
{
    assert_add_months(D(2025, 12, 31), -12, D(2024, 12, 31));
}

Test(months, minus_one_into_leap_february)
{
    assert_add_months(D(2024, 3, 31), -1, D(2024, 2, 29));
    assert_add_months(D(2023, 3, 31), -1, D(2023, 2, 28));
    assert_add_months(D(2025, 3, 31), -13, D(2024, 2, 29));
}

Test(months, plus_across_year_boundary)
{
    assert_add_months(D(2025, 11, 30), 3, D(2026, 2, 28));
    assert_add_months(D(2025, 12, 15), 1, D(2026, 1, 15));
    assert_add_months(D(2025, 10, 31), 14, D(2026, 12, 31));
    assert_add_months(D(2024, 1, 31), 1, D(2024, 2, 29));
    assert_add_months(D(2025, 1, 31), 1, D(2025, 2, 28));
    assert_add_months(D(2025, 5, 31), 1, D(2025, 6, 30));
}

Test(months, minus_across_year_boundaries)
{
    assert_add_months(D(2025, 1, 15), -1, D(2024, 12, 15));
    assert_add_months(D(2026, 1, 31), -25, D(2023, 12, 31));
    assert_add_months(D(2026, 2, 28), -12, D(2025, 2, 28));
    assert_add_months(D(2025, 6, 30), -6, D(2024, 12, 30));
    assert_add_months(D(2025, 3, 1), -36, D(2022, 3, 1));
}

Test(months, leap_day_plus_years)
{
    assert_add_months(D(2024, 2, 29), 12, D(2025, 2, 28));
    assert_add_months(D(2024, 2, 29), 24, D(2026, 2, 28));
    assert_add_months(D(2024, 2, 29), 48, D(2028, 2, 29));
    assert_add_months(D(2024, 2, 29), -12, D(2023, 2, 28));
}

Test(months, zero_is_identity)
{
    assert_add_months(D(2025, 12, 31), 0, D(2025, 12, 31));
}

/* domain.md: notice on any day in March 2025 ends a use-right on
 * 30 September 2025. */
Test(months, use_right_notice_end)
{
    for (int day = 1; day <= 31; day++) {
        fc_date_t end = fc_date_end_of_month(fc_date_add_months(D(2025, 3, day), 6));
        assert_date(end, D(2025, 9, 30));
    }
}

Test(days, between_counts_leap_years)
{
    cr_assert_eq(fc_date_days_between(D(2024, 1, 1), D(2025, 1, 1)), 366);
    cr_assert_eq(fc_date_days_between(D(2025, 1, 1), D(2026, 1, 1)), 365);
    cr_assert_eq(fc_date_days_between(D(2026, 1, 1), D(2025, 1, 1)), -365);
    cr_assert_eq(fc_date_days_between(D(2025, 6, 1), D(2025, 6, 1)), 0);
    cr_assert_eq(fc_date_days_between(D(1900, 2, 28), D(1900, 3, 1)), 1);
    cr_assert_eq(fc_date_days_between(D(2000, 2, 28), D(2000, 3, 1)), 2);
    cr_assert_eq(fc_date_days_between(D(1969, 12, 31), D(1970, 1, 1)), 1);
}

Test(days, add_days_crosses_month_and_year)
{
    assert_date(fc_date_add_days(D(2024, 2, 28), 1), D(2024, 2, 29));
    assert_date(fc_date_add_days(D(2024, 2, 28), 2), D(2024, 3, 1));
    assert_date(fc_date_add_days(D(2024, 12, 31), 1), D(2025, 1, 1));
    assert_date(fc_date_add_days(D(2025, 1, 1), -1), D(2024, 12, 31));
    assert_date(fc_date_add_days(D(2025, 1, 1), 365), D(2026, 1, 1));
}

Test(days, known_day_numbers)
{
    cr_assert_eq(fc_date_to_days(D(1970, 1, 1)), 0);
    cr_assert_eq(fc_date_to_days(D(1969, 12, 31)), -1);
    cr_assert_eq(fc_date_to_days(D(2000, 3, 1)), 11017);
    cr_assert_eq(fc_date_to_days(D(2026, 11, 23)), 20780);
    cr_assert_eq(fc_date_to_days(D(1, 1, 1)), -719162);
    cr_assert_eq(fc_date_to_days(D(9999, 12, 31)), 2932896);
}

/* Walks every day of years 1..9999, stepping the civil date by hand, so
 * the conversion is checked against counting rather than against itself. */
Test(days, round_trip_whole_range)
{
    fc_date_t d = D(1, 1, 1);
    for (int64_t n = fc_date_to_days(d); n <= 2932896; n++) {
        cr_assert_eq(fc_date_to_days(d), n);
        fc_date_t back = fc_date_from_days(n);
        if (fc_date_cmp(back, d) != 0)
            cr_assert_fail("day %lld: %d-%d-%d", (long long)n, back.year, back.month,
                           back.day);
        if (++d.day > fc_date_days_in_month(d.year, d.month)) {
            d.day = 1;
            if (++d.month > 12) {
                d.month = 1;
                d.year++;
            }
        }
    }
    cr_assert_eq(d.year, 10000);
}

Test(weekday, known_dates)
{
    cr_assert_eq(fc_date_weekday(D(1970, 1, 1)), FC_THURSDAY);
    cr_assert_eq(fc_date_weekday(D(1969, 12, 31)), FC_WEDNESDAY);
    cr_assert_eq(fc_date_weekday(D(2000, 1, 1)), FC_SATURDAY);
    cr_assert_eq(fc_date_weekday(D(2024, 12, 31)), FC_TUESDAY);
    cr_assert_eq(fc_date_weekday(D(2025, 6, 21)), FC_SATURDAY);
    cr_assert_eq(fc_date_weekday(D(2025, 4, 20)), FC_SUNDAY);
    cr_assert_eq(fc_date_weekday(D(2026, 11, 23)), FC_MONDAY);
    cr_assert_eq(fc_date_weekday(D(1, 1, 1)), FC_MONDAY);
}

Test(weekday, english_names)
{
    cr_assert_str_eq(fc_weekday_name(fc_date_weekday(D(2024, 12, 30))), "Monday");
    cr_assert_str_eq(fc_weekday_name(FC_SUNDAY), "Sunday");
    cr_assert_str_eq(fc_weekday_name((fc_weekday_t)0), "?");
    cr_assert_str_eq(fc_weekday_name((fc_weekday_t)8), "?");
}

Test(calendar, leap_years_and_month_lengths)
{
    cr_assert(fc_date_is_leap_year(2024));
    cr_assert(fc_date_is_leap_year(2000));
    cr_assert_not(fc_date_is_leap_year(1900));
    cr_assert_not(fc_date_is_leap_year(2100));
    cr_assert_not(fc_date_is_leap_year(2025));
    cr_assert_eq(fc_date_days_in_month(2024, 2), 29);
    cr_assert_eq(fc_date_days_in_month(2025, 2), 28);
    cr_assert_eq(fc_date_days_in_month(2025, 4), 30);
    cr_assert_eq(fc_date_days_in_month(2025, 12), 31);
}

Test(calendar, validity)
{
    cr_assert(fc_date_valid(D(2024, 2, 29)));
    cr_assert(fc_date_valid(D(1, 1, 1)));
    cr_assert(fc_date_valid(D(9999, 12, 31)));
    cr_assert_not(fc_date_valid(D(2025, 2, 29)));
    cr_assert_not(fc_date_valid(D(2025, 4, 31)));
    cr_assert_not(fc_date_valid(D(2025, 0, 1)));
    cr_assert_not(fc_date_valid(D(2025, 13, 1)));
    cr_assert_not(fc_date_valid(D(2025, 1, 0)));
    cr_assert_not(fc_date_valid(D(0, 1, 1)));
    cr_assert_not(fc_date_valid(D(10000, 1, 1)));
}

Test(calendar, cmp_and_end_of_month)
{
    cr_assert_lt(fc_date_cmp(D(2024, 12, 31), D(2025, 1, 1)), 0);
    cr_assert_gt(fc_date_cmp(D(2025, 2, 1), D(2025, 1, 31)), 0);
    cr_assert_lt(fc_date_cmp(D(2025, 1, 30), D(2025, 1, 31)), 0);
    cr_assert_eq(fc_date_cmp(D(2025, 1, 31), D(2025, 1, 31)), 0);
    assert_date(fc_date_end_of_month(D(2024, 2, 1)), D(2024, 2, 29));
    assert_date(fc_date_end_of_month(D(2100, 2, 10)), D(2100, 2, 28));
    assert_date(fc_date_end_of_month(D(2025, 9, 30)), D(2025, 9, 30));
}

Test(calendar, today_is_a_real_date)
{
    fc_date_t t = fc_date_today();
    cr_assert(fc_date_valid(t));
    cr_assert_geq(t.year, 2024);
}

Test(text, parse_valid)
{
    fc_date_t d;
    cr_assert_eq(fc_date_parse("2024-02-29", &d), 0);
    assert_date(d, D(2024, 2, 29));
    cr_assert_eq(fc_date_parse("0001-01-01", &d), 0);
    assert_date(d, D(1, 1, 1));
    cr_assert_eq(fc_date_parse("9999-12-31", &d), 0);
    assert_date(d, D(9999, 12, 31));
}

Test(text, parse_rejects_malformed_and_nonexistent)
{
    static const char *const bad[] = {
        "2025-02-29", "2025-13-01", "2025-00-10", "2025-01-00", "2025-04-31",
        "0000-01-01", "2025-1-01",  "2025-01-1",  "25-01-01",   "",
        "abcd-ef-gh", "2025-01-01x", "2025-01-01 ", " 2025-01-01", "2025/01/01",
        "+025-01-01", "2025-+1-01", "2025-01-0 ", "20250101",   "2025-01",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fc_date_t d = D(1999, 9, 9);
        cr_assert_eq(fc_date_parse(bad[i], &d), -1, "accepted \"%s\"", bad[i]);
        assert_date(d, D(1999, 9, 9));
    }
    cr_assert_eq(fc_date_parse(NULL, &(fc_date_t){0}), -1);
}

Test(text, format_pads_and_round_trips)
{
    char buf[FC_DATE_STRLEN];
    cr_assert_str_eq(fc_date_format(D(1, 2, 3), buf), "0001-02-03");
    cr_assert_str_eq(fc_date_format(D(2026, 11, 23), buf), "2026-11-23");
    for (int64_t n = -719162; n <= 2932896; n += 997) {
        fc_date_t d = fc_date_from_days(n), back;
        fc_date_format(d, buf);
        cr_assert_eq(strlen(buf), 10);
        cr_assert_eq(fc_date_parse(buf, &back), 0, "%s", buf);
        assert_date(back, d);
    }
}
