/* The case-feed contract on both sides: what a reminder becomes on the
 * wire, what a receiver must refuse, and the acknowledgement. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "casefeed.h"
#include "notify_fixture.h"

static ntf_reminder_t sample(void)
{
    return (ntf_reminder_t){.id = "agreement-1.notice.2024-12-31.P12M",
                            .deadline = &ntf_test_framework_deadline,
                            .lead = {12, 0},
                            .sent_on = {2023, 12, 30}};
}

static Fcavtal__V1__CaseNotification *packed(const ntf_reminder_t *r, uint8_t **buf, size_t *len)
{
    char err[256] = "";
    cr_assert_eq(ntf_casefeed_pack(r, buf, len, err, sizeof err), FC_OK, "%s", err);
    Fcavtal__V1__CaseNotification *n = fcavtal__v1__case_notification__unpack(NULL, *len, *buf);
    cr_assert_not_null(n);
    return n;
}

static void assert_date(const Fcavtal__V1__Date *d, int y, int m, int day)
{
    cr_assert_not_null(d);
    cr_assert(d->year == y && d->month == m && d->day == day, "got %d-%d-%d", d->year, d->month, d->day);
}

Test(casefeed, reminder_becomes_a_complete_notification)
{
    ntf_reminder_t r = sample();
    uint8_t *buf;
    size_t len;
    Fcavtal__V1__CaseNotification *n = packed(&r, &buf, &len);
    cr_assert_str_eq(n->notification_id, "agreement-1.notice.2024-12-31.P12M");
    cr_assert_eq(n->contract_version, FCAVTAL__V1__CASE_FEED_VERSION__CASE_FEED_VERSION_1);
    cr_assert_str_eq(n->deadline_key, "agreement-1.notice.2024-12-31");
    cr_assert_eq(n->kind, FCAVTAL__V1__DEADLINE_KIND__DEADLINE_KIND_NOTICE);
    cr_assert_str_eq(n->kind_text, "sista dag för uppsägning");
    cr_assert_eq(n->agreement_id, 1);
    cr_assert_str_eq(n->case_number, "RS 2019-0829");
    cr_assert_str_eq(n->centre_name, "");
    cr_assert_eq(n->n_parties, 2);
    cr_assert_str_eq(n->parties[1]->name, "Göteborgs kommun");
    cr_assert_str_eq(n->parties[1]->org_number->value, "212000-1355");
    assert_date(n->nominal_date, 2024, 12, 31);
    assert_date(n->safe_day, 2024, 12, 30);
    cr_assert_str_eq(n->moved_reason, "2024-12-31 är nyårsafton", "worded when not given");
    cr_assert_str_eq(n->rule_source, "VG §4");
    cr_assert(strstr(n->rule_text, "tolv månader före avtalstidens utgång"));
    cr_assert_eq(n->lead->months, 12);
    cr_assert_eq(n->lead->days, 0);
    cr_assert_str_eq(n->lead->text, "om 12 månader");
    cr_assert_not(n->late);
    assert_date(n->sent_on, 2023, 12, 30);
    char err[256];
    cr_assert_eq(ntf_casefeed_check(n, err, sizeof err), FC_OK, "%s", err);
    fcavtal__v1__case_notification__free_unpacked(n, NULL);

    uint8_t *again;
    size_t len2;
    n = packed(&r, &again, &len2);
    cr_assert(len == len2 && memcmp(buf, again, len) == 0, "a redelivery is byte-identical");
    fcavtal__v1__case_notification__free_unpacked(n, NULL);
    free(buf);
    free(again);
}

Test(casefeed, party_without_org_number_and_late_flag)
{
    ntf_party_t parties[] = {{"Civilsamhällets förening", NULL}};
    ntf_deadline_t d = ntf_test_local_deadline;
    d.parties = parties;
    d.n_parties = 1;
    ntf_reminder_t r = {.id = "a.P0D", .deadline = &d, .lead = {0, 0}, .sent_on = {2026, 2, 27}, .late = true};
    uint8_t *buf;
    size_t len;
    Fcavtal__V1__CaseNotification *n = packed(&r, &buf, &len);
    cr_assert_null(n->parties[0]->org_number);
    cr_assert(n->late);
    cr_assert_str_eq(n->centre_name, "Familjecentralen Bergsjön");
    cr_assert_str_eq(n->lead->text, "i dag");
    fcavtal__v1__case_notification__free_unpacked(n, NULL);
    free(buf);
}

Test(casefeed, pack_refuses_what_a_receiver_would)
{
    uint8_t *buf;
    size_t len;
    char err[256];
    ntf_reminder_t r = sample();
    r.id = "../../etc/passwd";
    cr_assert_eq(ntf_casefeed_pack(&r, &buf, &len, err, sizeof err), FC_INVALID_ARGUMENT);
    cr_assert_null(buf);
    r = sample();
    r.lead = (ntf_lead_t){-1, 0};
    cr_assert_eq(ntf_casefeed_pack(&r, &buf, &len, err, sizeof err), FC_INVALID_ARGUMENT);
}

Test(casefeed, receiver_checks)
{
    ntf_reminder_t r = sample();
    uint8_t *buf;
    size_t len;
    char err[256];
    Fcavtal__V1__CaseNotification *n = packed(&r, &buf, &len);
    char *id = n->notification_id;
    n->notification_id = "a..b";
    cr_assert_eq(ntf_casefeed_check(n, err, sizeof err), FC_INVALID_ARGUMENT);
    cr_assert(strstr(err, "notification_id"), "%s", err);
    n->notification_id = id;

    n->contract_version = 0;
    cr_assert_eq(ntf_casefeed_check(n, err, sizeof err), FC_INVALID_ARGUMENT);
    n->contract_version = 2;
    cr_assert_eq(ntf_casefeed_check(n, err, sizeof err), FC_FAILED_PRECONDITION);
    cr_assert(strstr(err, "contract_version 2 is not supported"), "%s", err);
    n->contract_version = 1;

    n->safe_day->day = 31;
    n->nominal_date->day = 30;
    cr_assert_eq(ntf_casefeed_check(n, err, sizeof err), FC_INVALID_ARGUMENT);
    cr_assert(strstr(err, "safe_day is after nominal_date"), "%s", err);
    n->nominal_date->month = 2;
    cr_assert_eq(ntf_casefeed_check(n, err, sizeof err), FC_INVALID_ARGUMENT, "2024-02-30");
    n->nominal_date->month = 12;
    n->nominal_date->day = 31;
    n->safe_day->day = 30;

    char *title = n->agreement_title;
    n->agreement_title = "\xc3\x28";
    cr_assert_eq(ntf_casefeed_check(n, err, sizeof err), FC_INVALID_ARGUMENT);
    cr_assert(strstr(err, "agreement_title"), "%s", err);
    n->agreement_title = title;
    cr_assert_eq(ntf_casefeed_check(n, err, sizeof err), FC_OK, "%s", err);
    fcavtal__v1__case_notification__free_unpacked(n, NULL);
    free(buf);
}

Test(casefeed, ack_round_trip)
{
    size_t len;
    uint8_t *buf = ntf_casefeed_ack_pack("agreement-1.notice.2024-12-31.P12M", FC_OK, "stored", true, &len);
    cr_assert_not_null(buf);
    Fcavtal__V1__CaseAck *ack = fcavtal__v1__case_ack__unpack(NULL, len, buf);
    cr_assert_str_eq(ack->notification_id, "agreement-1.notice.2024-12-31.P12M");
    cr_assert_eq(ack->status->code, FCAVTAL__V1__CODE__OK);
    cr_assert_str_eq(ack->status->message, "stored");
    cr_assert(ack->duplicate);
    cr_assert_eq(ack->contract_version, 1);
    fcavtal__v1__case_ack__free_unpacked(ack, NULL);
    free(buf);
    buf = ntf_casefeed_ack_pack(NULL, FC_INVALID_ARGUMENT, "bad \xc3", false, &len);
    ack = fcavtal__v1__case_ack__unpack(NULL, len, buf);
    cr_assert_str_eq(ack->notification_id, "");
    cr_assert_str_eq(ack->status->message, "bad ", "cut to valid UTF-8");
    fcavtal__v1__case_ack__free_unpacked(ack, NULL);
    free(buf);
}
