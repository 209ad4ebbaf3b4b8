/* E-mail through a real SMTP server (aiosmtpd, started by the test): the
 * right people get the message, a refusal or a silent server ends in a clear
 * verdict within the configured bound. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <jansson.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "email.h"
#include "notify_fixture.h"
#include "reminder_text.h"
#include "smtp.h"

static ntf_smtp_sink_t sink;

static void start_sink(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (!ntf_test_python())
        cr_skip_test("/usr/bin/python3 missing");
    cr_assert_eq(ntf_smtp_sink_start(&sink), 0, "aiosmtpd did not start");
}

static void stop_sink(void)
{
    ntf_smtp_sink_stop(&sink);
    curl_global_cleanup();
}

typedef struct {
    ntf_reminder_text_t text;
    ntf_email_t mail;
    char *message;
    size_t len;
} outgoing_t;

static void prepare(outgoing_t *o, const ntf_mailbox_t *to, size_t n_to)
{
    static ntf_reminder_t r = {.id = "agreement-17.notice.2026-02-28.P30D",
                               .deadline = &ntf_test_local_deadline,
                               .lead = {0, 30},
                               .sent_on = {2026, 1, 28}};
    char err[256] = "";
    cr_assert_eq(ntf_reminder_text(&r, &o->text, err, sizeof err), FC_OK, "%s", err);
    o->mail = (ntf_email_t){.from = {"fcavtal", "noreply@fcavtal.example.se"},
                            .to = to, .n_to = n_to,
                            .subject = o->text.subject, .body = o->text.body,
                            .notification_id = r.id, .date_unix = 1769587200,
                            .utc_offset_minutes = 60};
    cr_assert_eq(ntf_email_build(&o->mail, &o->message, &o->len, err, sizeof err), FC_OK, "%s", err);
}

static void release(outgoing_t *o)
{
    free(o->message);
    ntf_reminder_text_clear(&o->text);
}

static ntf_smtp_config_t config(const char *url)
{
    return (ntf_smtp_config_t){.url = url, .connect_timeout_ms = 2000, .timeout_ms = 5000};
}

static json_t *load_json(const char *path)
{
    json_error_t err;
    json_t *j = json_load_file(path, 0, &err);
    cr_assert_not_null(j, "%s: %s", path, err.text);
    return j;
}

static json_t *read_received(const char *eml)
{
    const char *argv[] = {ntf_test_python(), FC_NOTIFY_TEST_DIR "/read_mail.py", eml, NULL};
    char *out;
    cr_assert_eq(ntf_test_run(argv, &out), 0, "%s", out);
    json_error_t err;
    json_t *j = json_loads(out, 0, &err);
    cr_assert_not_null(j, "%s", err.text);
    free(out);
    return j;
}

static void assert_rcpts(const char *envelope, const char *const *want, size_t n)
{
    json_t *env = load_json(envelope);
    json_t *rcpts = json_object_get(env, "rcpt_tos");
    cr_assert_eq(json_array_size(rcpts), n);
    for (size_t i = 0; i < n; i++)
        cr_assert_str_eq(json_string_value(json_array_get(rcpts, i)), want[i]);
    cr_assert_str_eq(json_string_value(json_object_get(env, "mail_from")), "noreply@fcavtal.example.se");
    json_decref(env);
}

Test(smtp, delivers_the_reminder_to_every_party_contact, .init = start_sink, .fini = stop_sink)
{
    const ntf_mailbox_t to[] = {{"Åsa Öberg, samordnare", "asa.oberg@vgregion.se"},
                                {"Örjan Ärlig", "orjan.arlig@goteborg.se"},
                                {NULL, "diarium@goteborg.se"}};
    outgoing_t o;
    prepare(&o, to, 3);
    ntf_smtp_config_t cfg = config(sink.url);
    ntf_smtp_result_t res;
    cr_assert_eq(ntf_smtp_send(&cfg, &o.mail, o.message, o.len, &res), FC_OK, "%s", res.message);
    cr_assert_eq(res.n_accepted, 3);
    cr_assert_eq(res.n_refused, 0);
    cr_assert(strstr(res.message, "delivered to 3 recipients: 250 2.0.0 Ok"), "%s", res.message);

    char path[512];
    const char *want[] = {"asa.oberg@vgregion.se", "orjan.arlig@goteborg.se", "diarium@goteborg.se"};
    snprintf(path, sizeof path, "%s/0001.json", sink.dir);
    assert_rcpts(path, want, 3);
    snprintf(path, sizeof path, "%s/0001.eml", sink.dir);
    json_t *mail = read_received(path);
    cr_assert_str_eq(json_string_value(json_object_get(mail, "subject")),
                     "Påminnelse: sista dag för uppsägning 2026-02-27 – Samverkansavtal avseende "
                     "Bergsjöns familjecentral i Göteborgs kommun");
    const char *body = json_string_value(json_object_get(mail, "body"));
    cr_assert_str_eq(body, o.text.body, "the body arrives byte for byte");
    cr_assert(strstr(body, "Sista dag för uppsägning är om 30 dagar, fredag 2026-02-27."));
    cr_assert(strstr(body, "Skicka senast: fredag 2026-02-27, närmaste arbetsdag före, eftersom "
                           "2026-02-28 är en lördag."));
    cr_assert(strstr(body, "Familjecentral: Familjecentralen Bergsjön"));
    cr_assert_str_eq(json_string_value(json_object_get(mail, "message_id")),
                     "<agreement-17.notice.2026-02-28.P30D@fcavtal.example.se>");
    json_t *names = json_object_get(mail, "to_names");
    cr_assert_str_eq(json_string_value(json_array_get(names, 0)), "Åsa Öberg, samordnare");
    cr_assert_str_eq(json_string_value(json_array_get(names, 1)), "Örjan Ärlig");
    json_decref(mail);
    release(&o);
}

Test(smtp, refused_recipient_is_named_with_the_server_reply, .init = start_sink, .fini = stop_sink)
{
    const ntf_mailbox_t to[] = {{"Fel Adress", "refuse.me@example.se"}};
    outgoing_t o;
    prepare(&o, to, 1);
    ntf_smtp_config_t cfg = config(sink.url);
    ntf_smtp_result_t res;
    cr_assert_eq(ntf_smtp_send(&cfg, &o.mail, o.message, o.len, &res), FC_FAILED_PRECONDITION, "%s",
                 res.message);
    cr_assert(res.permanent, "550 is final");
    cr_assert_eq(res.smtp_code, 550);
    cr_assert(strstr(res.message, "SMTP server refused recipient refuse.me@example.se: 550 5.1.1 "
                                  "<refuse.me@example.se>: Recipient address rejected"), "%s", res.message);
    cr_assert_eq(ntf_test_count_files(sink.dir, ".eml"), 0, "nothing was delivered");
    release(&o);
}

Test(smtp, one_wrong_address_does_not_stop_the_others, .init = start_sink, .fini = stop_sink)
{
    const ntf_mailbox_t to[] = {{NULL, "refuse.old@example.se"},
                                {NULL, "anna@goteborg.se"},
                                {NULL, "busy.bo@example.se"}};
    outgoing_t o;
    prepare(&o, to, 3);
    ntf_smtp_config_t cfg = config(sink.url);
    ntf_smtp_result_t res;
    cr_assert_eq(ntf_smtp_send(&cfg, &o.mail, o.message, o.len, &res), FC_OK, "%s", res.message);
    cr_assert_eq(res.n_accepted, 1);
    cr_assert_eq(res.n_refused, 2);
    cr_assert_eq(res.refused[0], to[0].address, "borrowed from the mail");
    cr_assert_eq(res.refused[1], to[2].address);
    cr_assert(strstr(res.message, "delivered to 1 of 3 recipients; SMTP server refused recipient "
                                  "refuse.old@example.se: 550 5.1.1"), "%s", res.message);
    cr_assert(strstr(res.message, "busy.bo@example.se: 450 4.2.1"), "%s", res.message);
    char path[512];
    const char *want[] = {"anna@goteborg.se"};
    snprintf(path, sizeof path, "%s/0001.json", sink.dir);
    assert_rcpts(path, want, 1);
    release(&o);
}

Test(smtp, temporary_refusal_is_worth_another_try, .init = start_sink, .fini = stop_sink)
{
    const ntf_mailbox_t to[] = {{NULL, "busy.one@example.se"}, {NULL, "busy.two@example.se"}};
    outgoing_t o;
    prepare(&o, to, 2);
    ntf_smtp_config_t cfg = config(sink.url);
    ntf_smtp_result_t res;
    cr_assert_eq(ntf_smtp_send(&cfg, &o.mail, o.message, o.len, &res), FC_UNAVAILABLE, "%s", res.message);
    cr_assert_not(res.permanent);
    cr_assert(strstr(res.message, "SMTP server refused recipient busy.one@example.se: 450 4.2.1"),
              "%s", res.message);
    release(&o);
}

Test(smtp, starttls_required_but_not_offered, .init = start_sink, .fini = stop_sink)
{
    const ntf_mailbox_t to[] = {{NULL, "anna@goteborg.se"}};
    outgoing_t o;
    prepare(&o, to, 1);
    ntf_smtp_config_t cfg = config(sink.url);
    cfg.tls = NTF_TLS_REQUIRED;
    ntf_smtp_result_t res;
    cr_assert_eq(ntf_smtp_send(&cfg, &o.mail, o.message, o.len, &res), FC_FAILED_PRECONDITION, "%s",
                 res.message);
    cr_assert(strstr(res.message, "does not offer STARTTLS"), "%s", res.message);
    cr_assert_eq(ntf_test_count_files(sink.dir, ".eml"), 0, "nothing sent in the clear");
    release(&o);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A server that takes the connection and never says a word: the kernel
 * completes the handshake from the listen backlog. */
static int silent_server(int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof a;
    cr_assert(fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 && listen(fd, 8) == 0
              && getsockname(fd, (struct sockaddr *)&a, &alen) == 0);
    *port = ntohs(a.sin_port);
    return fd;
}

Test(smtp, silent_server_times_out_within_the_bound)
{
    int port, fd = silent_server(&port);
    char url[64];
    snprintf(url, sizeof url, "smtp://127.0.0.1:%d", port);
    const ntf_mailbox_t to[] = {{NULL, "anna@goteborg.se"}};
    outgoing_t o;
    prepare(&o, to, 1);
    ntf_smtp_config_t cfg = {.url = url, .connect_timeout_ms = 1000, .timeout_ms = 2000};
    ntf_smtp_result_t res;
    double t0 = now_s();
    cr_assert_eq(ntf_smtp_send(&cfg, &o.mail, o.message, o.len, &res), FC_DEADLINE_EXCEEDED, "%s",
                 res.message);
    double took = now_s() - t0;
    cr_assert(took >= 0.9 && took < 2.8, "took %.2f s", took);
    char want[128];
    snprintf(want, sizeof want, "SMTP server %s did not answer: timed out after", url);
    cr_assert(strstr(res.message, want), "%s", res.message);
    cr_assert_not(res.permanent);
    close(fd);
    release(&o);
}

Test(smtp, nobody_listening_and_bad_urls)
{
    char url[64];
    snprintf(url, sizeof url, "smtp://127.0.0.1:%d", ntf_test_free_port());
    const ntf_mailbox_t to[] = {{NULL, "anna@goteborg.se"}};
    outgoing_t o;
    prepare(&o, to, 1);
    ntf_smtp_config_t cfg = config(url);
    ntf_smtp_result_t res;
    cr_assert_eq(ntf_smtp_send(&cfg, &o.mail, o.message, o.len, &res), FC_UNAVAILABLE, "%s", res.message);
    cr_assert(strstr(res.message, "cannot connect to SMTP server smtp://127.0.0.1:"), "%s", res.message);
    cfg.url = "http://127.0.0.1:1/";
    cr_assert_eq(ntf_smtp_send(&cfg, &o.mail, o.message, o.len, &res), FC_INVALID_ARGUMENT, "%s",
                 res.message);
    cr_assert(res.permanent);
    cfg.url = NULL;
    cr_assert_eq(ntf_smtp_send(&cfg, &o.mail, o.message, o.len, &res), FC_INVALID_ARGUMENT);
    release(&o);
}
