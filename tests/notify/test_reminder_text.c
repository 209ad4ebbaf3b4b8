/* The Swedish text a coordinator reads: it must say what is due, the day to
 * send by and why it is earlier, the rule and its section, and who must act. */
#include <criterion/criterion.h>
#include <string.h>

#include "notify_fixture.h"
#include "reminder_text.h"
#include "swedish_date.h"

static ntf_reminder_text_t render(const ntf_reminder_t *r)
{
    ntf_reminder_text_t t;
    char err[256] = "";
    fc_status_t st = ntf_reminder_text(r, &t, err, sizeof err);
    cr_assert_eq(st, FC_OK, "%s", err);
    return t;
}

static void assert_has(const char *text, const char *want)
{
    cr_assert(strstr(text, want), "missing \"%s\" in:\n%s", want, text);
}

Test(reminder_text, framework_notice_three_months_ahead)
{
    ntf_reminder_t r = {.id = "agreement-1.notice.2024-12-31.P3M",
                        .deadline = &ntf_test_framework_deadline,
                        .lead = {3, 0},
                        .sent_on = {2024, 9, 30}};
    ntf_reminder_text_t t = render(&r);
    cr_assert_str_eq(t.subject, "Påminnelse: sista dag för uppsägning 2024-12-30 – Samverkansavtal "
                                "familjecentraler och familjecentralsliknande verksamheter i "
                                "Västra Götaland");
    assert_has(t.body, "Sista dag för uppsägning är om 3 månader, måndag 2024-12-30.\n");
    assert_has(t.body, "Sista dag för uppsägning enligt avtalet: tisdag 2024-12-31\n");
    assert_has(t.body, "Skicka senast: måndag 2024-12-30, närmaste arbetsdag före, eftersom "
                       "2024-12-31 är nyårsafton.");
    assert_has(t.body, "Regel (VG §4): Avtalet förlängs automatiskt med två år");
    assert_has(t.body, "Diarienummer: RS 2019-0829\n");
    assert_has(t.body, "- Västra Götalandsregionen (232100-0131)\n- Göteborgs kommun (212000-1355)\n");
    assert_has(t.body, "Påminnelsens id: agreement-1.notice.2024-12-31.P3M");
    cr_assert_null(strstr(t.body, "Familjecentral:"), "a framework agreement has no centre");
    cr_assert_null(strstr(t.body, "sent"), "not a late reminder");
    ntf_reminder_text_clear(&t);
}

Test(reminder_text, on_the_day_and_weekend_reason)
{
    ntf_reminder_t r = {.id = "agreement-17.notice.2026-02-28.P0D",
                        .deadline = &ntf_test_local_deadline,
                        .lead = {0, 0},
                        .sent_on = {2026, 2, 27}};
    ntf_reminder_text_t t = render(&r);
    cr_assert(strncmp(t.subject, "Påminnelse: sista dag för uppsägning 2026-02-27 – ", 52) == 0,
              "%s", t.subject);
    assert_has(t.body, "Sista dag för uppsägning är i dag, fredag 2026-02-27.\n");
    assert_has(t.body, "eftersom 2026-02-28 är en lördag.");
    assert_has(t.body, "Familjecentral: Familjecentralen Bergsjön\n");
    assert_has(t.body, "Regel (Bilaga 1 §2): Uppsägning eller omförhandling");
    ntf_reminder_text_clear(&t);
}

Test(reminder_text, late_reminder_counts_from_the_day_it_is_sent)
{
    ntf_reminder_t r = {.id = "agreement-1.notice.2024-12-31.P90D",
                        .deadline = &ntf_test_framework_deadline,
                        .lead = {0, 90},
                        .sent_on = {2024, 12, 20},
                        .late = true};
    ntf_reminder_text_t t = render(&r);
    cr_assert(strncmp(t.subject, "Påminnelse (skickas sent): sista dag för uppsägning 2024-12-30",
                      strlen("Påminnelse (skickas sent): sista dag för uppsägning 2024-12-30")) == 0,
              "%s", t.subject);
    assert_has(t.body, "Sista dag för uppsägning är om 10 dagar, måndag 2024-12-30.\n");
    /* 90 days before 2024-12-30 is Tuesday 2024-10-01. */
    assert_has(t.body, "Observera: påminnelsen skickas sent. Den skulle ha skickats tisdag "
                       "2024-10-01 (90 dagar före), men skickas först fredag 2024-12-20.");
    ntf_reminder_text_clear(&t);
}

Test(reminder_text, late_after_the_safe_day_says_to_send_today)
{
    ntf_reminder_t r = {.id = "x.P7D", .deadline = &ntf_test_framework_deadline, .lead = {0, 7},
                        .sent_on = {2024, 12, 31}, .late = true};
    ntf_reminder_text_t t = render(&r);
    assert_has(t.body, "Sista dag för uppsägning enligt avtalet är i dag, tisdag 2024-12-31. "
                       "Den sista arbetsdagen före har redan passerat: skicka i dag.");
    ntf_reminder_text_clear(&t);
    r.sent_on = (fc_date_t){2025, 1, 2};
    t = render(&r);
    assert_has(t.body, "Sista dag för uppsägning var tisdag 2024-12-31 och har passerat.");
    ntf_reminder_text_clear(&t);
}

Test(reminder_text, given_reason_and_kind_text_are_used)
{
    ntf_deadline_t d = ntf_test_framework_deadline;
    d.kind = NTF_KIND_ANNUAL_REVIEW;
    d.kind_text = "årlig översyn enligt avtalet";
    d.moved_reason = "nyårsafton räknas inte som arbetsdag";
    ntf_reminder_t r = {.id = "x.P1M", .deadline = &d, .lead = {1, 0}, .sent_on = {2024, 11, 30}};
    ntf_reminder_text_t t = render(&r);
    assert_has(t.subject, "Påminnelse: årlig översyn enligt avtalet 2024-12-30");
    /* The first letter is capitalised even when it is å. */
    assert_has(t.body, "Årlig översyn enligt avtalet är om 1 månad, måndag 2024-12-30.");
    assert_has(t.body, "eftersom nyårsafton räknas inte som arbetsdag.");
    ntf_reminder_text_clear(&t);
}

Test(reminder_text, refuses_what_it_cannot_word)
{
    char err[256];
    ntf_reminder_text_t t;
    ntf_deadline_t d = ntf_test_framework_deadline;
    d.safe_day = (fc_date_t){2025, 1, 2};   /* later than nominal: never */
    ntf_reminder_t r = {.id = "x", .deadline = &d, .lead = {0, 7}, .sent_on = {2024, 12, 1}};
    cr_assert_eq(ntf_reminder_text(&r, &t, err, sizeof err), FC_INVALID_ARGUMENT);
    cr_assert(strstr(err, "never moved later"), "%s", err);
    cr_assert_null(t.subject);

    d = ntf_test_framework_deadline;
    d.agreement_title = "Avtal med\nradbrytning";
    cr_assert_eq(ntf_reminder_text(&r, &t, err, sizeof err), FC_INVALID_ARGUMENT);
    d = ntf_test_framework_deadline;
    d.agreement_title = "ogiltig \xc3\x28 UTF-8";
    cr_assert_eq(ntf_reminder_text(&r, &t, err, sizeof err), FC_INVALID_ARGUMENT);
    d = ntf_test_framework_deadline;
    d.key = "../etc";
    cr_assert_eq(ntf_reminder_text(&r, &t, err, sizeof err), FC_INVALID_ARGUMENT);
    r.deadline = &ntf_test_framework_deadline;
    r.lead = (ntf_lead_t){1, 7};
    cr_assert_eq(ntf_reminder_text(&r, &t, err, sizeof err), FC_INVALID_ARGUMENT);
}

Test(swedish_date, weekday_names_and_reasons)
{
    char buf[64];
    cr_assert_str_eq(ntf_date_text((fc_date_t){2024, 12, 30}, buf, sizeof buf), "måndag 2024-12-30");
    cr_assert_str_eq(ntf_date_text((fc_date_t){2025, 1, 1}, buf, sizeof buf), "onsdag 2025-01-01");
    cr_assert_str_eq(ntf_date_text((fc_date_t){2025, 6, 21}, buf, sizeof buf), "lördag 2025-06-21");
    cr_assert_str_eq(ntf_date_text((fc_date_t){2025, 6, 22}, buf, sizeof buf), "söndag 2025-06-22");
    cr_assert_str_eq(ntf_date_text((fc_date_t){2025, 6, 19}, buf, sizeof buf), "torsdag 2025-06-19");
    /* Midsummer day is always a Saturday: its name says more. */
    cr_assert_str_eq(ntf_moved_reason((fc_date_t){2025, 6, 21}, (fc_date_t){2025, 6, 19}, buf, sizeof buf),
                     "2025-06-21 är midsommardagen");
    cr_assert_str_eq(ntf_moved_reason((fc_date_t){2025, 4, 18}, (fc_date_t){2025, 4, 17}, buf, sizeof buf),
                     "2025-04-18 är långfredagen");
    cr_assert_str_eq(ntf_moved_reason((fc_date_t){2024, 12, 30}, (fc_date_t){2024, 12, 30}, buf, sizeof buf),
                     "");
}
