/* The e-mail as a mail client reads it: Swedish subject and names decoded,
 * the body exactly as written, every line within the RFC 5322 limits. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "email.h"
#include "notify_fixture.h"
#include "reminder_text.h"

static const ntf_mailbox_t recipients[] = {
    {"Åsa Öberg", "asa.oberg@vgregion.se"},
    {"Andersson, Anna", "anna.andersson@goteborg.se"},
    {NULL, "diarium@goteborg.se"},
};

/* 2024-09-30 06:00 UTC, 08:00 in Sweden (CEST). */
#define SENT_AT 1727676000

static ntf_email_t sample_mail(const char *subject, const char *body)
{
    return (ntf_email_t){
        .from = {"fcavtal påminnelser", "noreply@fcavtal.example.se"},
        .to = recipients,
        .n_to = 3,
        .subject = subject,
        .body = body,
        .notification_id = "agreement-1.notice.2024-12-31.P3M",
        .date_unix = SENT_AT,
        .utc_offset_minutes = 120,
    };
}

static char *build(const ntf_email_t *m, size_t *len)
{
    char *msg, err[256] = "";
    cr_assert_eq(ntf_email_build(m, &msg, len, err, sizeof err), FC_OK, "%s", err);
    cr_assert_eq(strlen(msg), *len);
    return msg;
}

/* Runs read_mail.py over the message; the JSON a mail client would see. */
static json_t *read_as_client(const char *msg, size_t len)
{
    const char *python = ntf_test_python();
    if (!python)
        cr_skip_test("/usr/bin/python3 missing");
    char path[] = "/tmp/fcavtal-mail-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, msg, len), (ssize_t)len);
    close(fd);
    const char *argv[] = {python, FC_NOTIFY_TEST_DIR "/read_mail.py", path, NULL};
    char *out;
    int status = ntf_test_run(argv, &out);
    unlink(path);
    cr_assert_eq(status, 0, "read_mail.py failed: %s", out);
    json_error_t jerr;
    json_t *j = json_loads(out, 0, &jerr);
    cr_assert_not_null(j, "%s: %s", jerr.text, out);
    free(out);
    return j;
}

static const char *jstr(json_t *j, const char *key)
{
    json_t *v = json_object_get(j, key);
    cr_assert(json_is_string(v), "%s missing", key);
    return json_string_value(v);
}

static void assert_lines_within(const char *msg, size_t limit)
{
    for (const char *p = msg; *p;) {
        const char *eol = strstr(p, "\r\n");
        cr_assert_not_null(eol, "line without CRLF: %s", p);
        cr_assert_leq((size_t)(eol - p), limit, "line too long: %.*s", (int)(eol - p), p);
        cr_assert_null(memchr(p, '\n', (size_t)(eol - p)), "bare LF");
        p = eol + 2;
    }
}

Test(email_message, reminder_reads_back_as_written)
{
    ntf_reminder_t r = {.id = "agreement-1.notice.2024-12-31.P3M",
                        .deadline = &ntf_test_framework_deadline,
                        .lead = {3, 0},
                        .sent_on = {2024, 9, 30}};
    ntf_reminder_text_t text;
    char err[256];
    cr_assert_eq(ntf_reminder_text(&r, &text, err, sizeof err), FC_OK, "%s", err);
    ntf_email_t m = sample_mail(text.subject, text.body);
    size_t len;
    char *msg = build(&m, &len);
    assert_lines_within(msg, 78);
    cr_assert(strstr(msg, "Date: Mon, 30 Sep 2024 08:00:00 +0200\r\n"), "%s", msg);
    cr_assert(strstr(msg, "\r\nMessage-ID: <agreement-1.notice.2024-12-31.P3M@fcavtal.example.se>\r\n"));
    cr_assert(strstr(msg, "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                          "Content-Transfer-Encoding: quoted-printable\r\n"));
    cr_assert(strstr(msg, "\r\nSubject: =?UTF-8?B?"), "non-ASCII subject is encoded");

    json_t *j = read_as_client(msg, len);
    cr_assert_str_eq(jstr(j, "subject"), text.subject);
    cr_assert_str_eq(jstr(j, "body"), text.body);
    cr_assert(strstr(jstr(j, "body"), "Sista dag för uppsägning är om 3 månader, måndag 2024-12-30."));
    cr_assert(strstr(jstr(j, "body"), "2024-12-31 är nyårsafton"));
    cr_assert_str_eq(jstr(j, "content_type"), "text/plain");
    cr_assert_str_eq(jstr(j, "charset"), "utf-8");
    cr_assert_str_eq(jstr(j, "transfer_encoding"), "quoted-printable");
    cr_assert_eq(json_array_size(json_object_get(j, "defects")), 0, "the parser found defects");
    json_t *to = json_object_get(j, "to"), *names = json_object_get(j, "to_names");
    cr_assert_eq(json_array_size(to), 3);
    for (size_t i = 0; i < 3; i++) {
        cr_assert_str_eq(json_string_value(json_array_get(to, i)), recipients[i].address);
        cr_assert_str_eq(json_string_value(json_array_get(names, i)),
                         recipients[i].name ? recipients[i].name : "");
    }
    cr_assert_str_eq(json_string_value(json_array_get(json_object_get(j, "from_names"), 0)),
                     "fcavtal påminnelser");
    json_decref(j);
    free(msg);
    ntf_reminder_text_clear(&text);
}

Test(email_message, quoted_printable_keeps_every_byte_and_the_line_limit)
{
    /* '=', trailing blanks, a leading dot, "From ", a long line of å. */
    char body[2048] = "a = b  \n.\n..två\nFrom here\n\ttab\n";
    size_t n = strlen(body);
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(body + n, sizeof body - n, "å");
    snprintf(body + n, sizeof body - n, "\nslut utan radbrytning");
    ntf_email_t m = sample_mail("Plain ASCII subject", body);
    size_t len;
    char *msg = build(&m, &len);
    assert_lines_within(msg, 76 + 2);
    const char *b = strstr(msg, "\r\n\r\n") + 4;
    assert_lines_within(b, 76);
    cr_assert(strncmp(b, "a =3D b =20\r\n=2E\r\n=2E.tv=C3=A5\r\n=46rom here\r\n\ttab\r\n", 50) == 0, "%s", b);
    cr_assert(strstr(msg, "\r\nSubject: Plain ASCII subject\r\n"), "ASCII subject as it is");
    cr_assert_null(strstr(b, "=C3=\r\n"), "a UTF-8 character split over two lines");
    json_t *j = read_as_client(msg, len);
    /* A missing final newline is added: text/plain lines end with CRLF. */
    char want[2100];
    snprintf(want, sizeof want, "%s\n", body);
    cr_assert_str_eq(jstr(j, "body"), want);
    json_decref(j);
    free(msg);
}

Test(email_message, long_subjects_fold_and_decode)
{
    const char *ascii = "A very long plain subject that certainly needs folding because it goes "
                        "on and on past the seventy-eight column limit of RFC 5322";
    const char *swedish = "Påminnelse: sista dag för uppsägning 2024-12-30 – Samverkansavtal "
                          "familjecentraler och familjecentralsliknande verksamheter i Västra "
                          "Götaland (ÅÄÖ åäö é ü)";
    char unbroken[1200];
    memset(unbroken, 'x', sizeof unbroken - 1);
    unbroken[sizeof unbroken - 1] = '\0';
    const char *subjects[] = {ascii, swedish, "Looks =?encoded?= but is not", unbroken};
    for (size_t i = 0; i < 4; i++) {
        ntf_email_t m = sample_mail(subjects[i], "Hej\n");
        size_t len;
        char *msg = build(&m, &len);
        assert_lines_within(msg, 78);
        json_t *j = read_as_client(msg, len);
        cr_assert_str_eq(jstr(j, "subject"), subjects[i]);
        cr_assert_eq(json_integer_value(json_object_get(j, "max_line")) <= 78, 1);
        json_decref(j);
        free(msg);
    }
}

Test(email_message, message_id_is_stable_and_date_deterministic)
{
    ntf_email_t m = sample_mail("Ämne", "Text\n");
    size_t l1, l2;
    char *a = build(&m, &l1), *b = build(&m, &l2);
    cr_assert_eq(l1, l2);
    cr_assert_eq(memcmp(a, b, l1), 0, "same input, same bytes");
    free(a);
    free(b);
    m.message_id_domain = "notify.vgregion.se";
    m.utc_offset_minutes = 0;
    a = build(&m, &l1);
    cr_assert(strstr(a, "Message-ID: <agreement-1.notice.2024-12-31.P3M@notify.vgregion.se>\r\n"));
    cr_assert(strstr(a, "Date: Mon, 30 Sep 2024 06:00:00 +0000\r\n"));
    free(a);
}

Test(email_message, refuses_injection_and_bad_addresses)
{
    char *msg, err[256];
    size_t len;
    ntf_email_t m = sample_mail("Ämne\r\nBcc: evil@example.com", "Text\n");
    cr_assert_eq(ntf_email_build(&m, &msg, &len, err, sizeof err), FC_INVALID_ARGUMENT);
    cr_assert_null(msg);
    cr_assert(strstr(err, "subject"), "%s", err);

    const char *bad[] = {"no-at-sign", "two@@example.se", "a b@example.se", "<a@example.se>",
                         "a@example.se\r\nRCPT TO:<b@x.se>", ".a@example.se", "a@-example.se",
                         "å@example.se", "a@example..se", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ntf_mailbox_t to = {"X", bad[i]};
        m = sample_mail("Ämne", "Text\n");
        m.to = &to;
        m.n_to = 1;
        cr_assert_eq(ntf_email_build(&m, &msg, &len, err, sizeof err), FC_INVALID_ARGUMENT,
                     "'%s' accepted", bad[i]);
        cr_assert(strstr(err, "is not a valid e-mail address"), "%s", err);
    }
    m = sample_mail("Ämne", "Text\n");
    m.n_to = 0;
    cr_assert_eq(ntf_email_build(&m, &msg, &len, err, sizeof err), FC_INVALID_ARGUMENT);
    m = sample_mail("Ämne", "ogiltig \xff UTF-8\n");
    cr_assert_eq(ntf_email_build(&m, &msg, &len, err, sizeof err), FC_INVALID_ARGUMENT);
    m = sample_mail("Ämne", "Text\n");
    m.notification_id = "id with spaces";
    cr_assert_eq(ntf_email_build(&m, &msg, &len, err, sizeof err), FC_INVALID_ARGUMENT);
    ntf_mailbox_t named = {"Namn\nmed radbrytning", "a@example.se"};
    m = sample_mail("Ämne", "Text\n");
    m.to = &named;
    m.n_to = 1;
    cr_assert_eq(ntf_email_build(&m, &msg, &len, err, sizeof err), FC_INVALID_ARGUMENT);
}
