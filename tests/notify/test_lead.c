/* Lead times and ids: when each reminder is due, how it is said, and the
 * ids every channel derives from a deadline. */
#include <criterion/criterion.h>
#include <string.h>

#include "retry_schedule.h"
#include "reminder.h"

static void assert_date(fc_date_t got, int y, int m, int d)
{
    cr_assert(got.year == y && got.month == m && got.day == d, "got %04d-%02d-%02d, want %04d-%02d-%02d",
              got.year, got.month, got.day, y, m, d);
}

Test(lead, months_are_exact_for_the_date)
{
    fc_date_t safe = {2024, 12, 30};
    assert_date(ntf_lead_date(safe, (ntf_lead_t){12, 0}), 2023, 12, 30);
    cr_assert_eq(ntf_lead_days(safe, (ntf_lead_t){12, 0}), 366, "2024 is a leap year");
    cr_assert_eq(ntf_lead_days((fc_date_t){2026, 2, 27}, (ntf_lead_t){12, 0}), 365);
    cr_assert_eq(ntf_lead_days(safe, (ntf_lead_t){3, 0}), 91);
    /* Clamped to the month's end: 1 month before 2025-03-31 is 2025-02-28. */
    assert_date(ntf_lead_date((fc_date_t){2025, 3, 31}, (ntf_lead_t){1, 0}), 2025, 2, 28);
    assert_date(ntf_lead_date(safe, (ntf_lead_t){0, 90}), 2024, 10, 1);
    cr_assert_eq(ntf_lead_days(safe, (ntf_lead_t){0, 0}), 0);
}

Test(lead, swedish_text_and_code)
{
    char buf[64];
    cr_assert_str_eq(ntf_lead_text((ntf_lead_t){12, 0}, buf, sizeof buf), "om 12 månader");
    cr_assert_str_eq(ntf_lead_text((ntf_lead_t){1, 0}, buf, sizeof buf), "om 1 månad");
    cr_assert_str_eq(ntf_lead_text((ntf_lead_t){0, 30}, buf, sizeof buf), "om 30 dagar");
    cr_assert_str_eq(ntf_lead_text((ntf_lead_t){0, 1}, buf, sizeof buf), "i morgon");
    cr_assert_str_eq(ntf_lead_text((ntf_lead_t){0, 0}, buf, sizeof buf), "i dag");
    cr_assert_str_eq(ntf_lead_code((ntf_lead_t){12, 0}, buf, sizeof buf), "P12M");
    cr_assert_str_eq(ntf_lead_code((ntf_lead_t){0, 7}, buf, sizeof buf), "P7D");
    cr_assert_str_eq(ntf_lead_code((ntf_lead_t){0, 0}, buf, sizeof buf), "P0D");
    cr_assert_not(ntf_lead_valid((ntf_lead_t){1, 1}));
    cr_assert_not(ntf_lead_valid((ntf_lead_t){-1, 0}));
}

Test(ids, notification_id_from_key_and_lead)
{
    char id[NTF_ID_MAX + 1];
    cr_assert_eq(ntf_notification_id("agreement-17.notice.2024-12-31", (ntf_lead_t){12, 0}, id, sizeof id), 0);
    cr_assert_str_eq(id, "agreement-17.notice.2024-12-31.P12M");
    cr_assert_eq(ntf_notification_id("a/b", (ntf_lead_t){0, 0}, id, sizeof id), -1);
    cr_assert_eq(ntf_notification_id("a", (ntf_lead_t){0, 0}, id, 3), -1, "buffer too small");
}

Test(ids, only_names_safe_everywhere)
{
    cr_assert(ntf_id_valid("agreement-1.notice_x-2", NTF_ID_MAX));
    const char *bad[] = {"", ".hidden", "trailing.", "a..b", "a/b", "..", "a b", "å", "a\nb", "a@b"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_not(ntf_id_valid(bad[i], NTF_ID_MAX), "'%s' accepted", bad[i]);
    char longest[NTF_ID_MAX + 2];
    memset(longest, 'a', sizeof longest);
    longest[NTF_ID_MAX] = '\0';
    cr_assert(ntf_id_valid(longest, NTF_ID_MAX));
    longest[NTF_ID_MAX] = 'a';
    longest[NTF_ID_MAX + 1] = '\0';
    cr_assert_not(ntf_id_valid(longest, NTF_ID_MAX));
}

Test(retry_schedule, email_schedule)
{
    ntf_retry_t r;
    cr_assert_eq(ntf_retry_parse(NTF_RETRY_EMAIL, &r), 0);
    const int64_t want[] = {60, 300, 1800, 7200, 21600, 21600, 21600};
    for (unsigned i = 0; i < sizeof want / sizeof want[0]; i++)
        cr_assert_eq(ntf_retry_delay_ms(&r, i + 1), want[i] * 1000, "after %u attempts", i + 1);
    cr_assert_eq(ntf_retry_delay_ms(&r, 100000), 21600 * 1000);
}

Test(retry_schedule, casefeed_schedule_is_faster_and_bounded)
{
    ntf_retry_t r;
    cr_assert_eq(ntf_retry_parse(NTF_RETRY_CASE_FEED, &r), 0);
    const int64_t want[] = {5, 30, 120, 600, 1800, 1800};
    for (unsigned i = 0; i < sizeof want / sizeof want[0]; i++)
        cr_assert_eq(ntf_retry_delay_ms(&r, i + 1), want[i] * 1000, "after %u attempts", i + 1);
    cr_assert_eq(ntf_retry_parse("250", &r), 0);
    cr_assert_eq(ntf_retry_delay_ms(&r, 9), 250);
}

Test(retry_schedule, refuses_what_is_no_schedule)
{
    ntf_retry_t r;
    cr_assert_eq(ntf_retry_parse("", &r), -1);
    cr_assert_eq(ntf_retry_parse("100,x", &r), -1);
    cr_assert_eq(ntf_retry_parse("100,-5", &r), -1);
    cr_assert_eq(ntf_retry_parse("0", &r), -1);
    cr_assert_eq(ntf_retry_parse("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17", &r), -1);
}
