/* fcavtal-case-receiver as a case-management vendor relies on it: every
 * notification stored once before it is acknowledged, redeliveries
 * acknowledged without a second write, garbage answered and survived, and a
 * notification sent while it was down delivered once it is up. */
#include <criterion/criterion.h>
#include <czmq.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "casefeed.h"
#include "casefeed_client.h"
#include "notify_fixture.h"

static ntf_receiver_proc_t rcv;

static void start(void)
{
    memset(&rcv, 0, sizeof rcv);
    cr_assert_eq(ntf_receiver_start(&rcv, "tcp://127.0.0.1:*"), 0, "receiver did not start");
}

static void cleanup(void)
{
    ntf_receiver_cleanup(&rcv);
}

static uint8_t *notification(const char *id, const ntf_deadline_t *d, size_t *len)
{
    ntf_reminder_t r = {.id = id, .deadline = d, .lead = {0, 30}, .sent_on = {2024, 11, 30}};
    uint8_t *buf;
    char err[256] = "";
    cr_assert_eq(ntf_casefeed_pack(&r, &buf, len, err, sizeof err), FC_OK, "%s", err);
    return buf;
}

static ntf_casefeed_client_t *connect_to(const char *endpoint)
{
    char err[256] = "";
    ntf_casefeed_client_t *c = ntf_casefeed_client_new(endpoint, 1000, err, sizeof err);
    cr_assert_not_null(c, "%s", err);
    return c;
}

/* Sends and waits for the acknowledgement (the caller frees it). */
static Fcavtal__V1__CaseAck *deliver(ntf_casefeed_client_t *c, const uint8_t *buf, size_t len)
{
    cr_assert_eq(ntf_casefeed_client_send(c, buf, len), FC_OK);
    Fcavtal__V1__CaseAck *ack;
    cr_assert_eq(ntf_casefeed_client_receive_ack(c, 5000, &ack), FC_OK, "no acknowledgement");
    return ack;
}

static void path_of(char *buf, size_t size, const char *id, const char *ext)
{
    snprintf(buf, size, "%s/%s%s", rcv.dir, id, ext);
}

static void assert_receiver_alive(void)
{
    int status;
    cr_assert_eq(waitpid(rcv.pid, &status, WNOHANG), 0, "the receiver died");
}

Test(case_receiver, stores_once_then_acknowledges_redeliveries, .init = start, .fini = cleanup)
{
    const char *id = "agreement-17.notice.2026-02-28.P30D";
    size_t len;
    uint8_t *buf = notification(id, &ntf_test_local_deadline, &len);
    ntf_casefeed_client_t *c = connect_to(rcv.endpoint);

    Fcavtal__V1__CaseAck *ack = deliver(c, buf, len);
    cr_assert_str_eq(ack->notification_id, id);
    cr_assert_eq(ack->status->code, FCAVTAL__V1__CODE__OK, "%s", ack->status->message);
    cr_assert_not(ack->duplicate);
    fcavtal__v1__case_ack__free_unpacked(ack, NULL);

    /* Acknowledged means on disk: both files, the raw one byte for byte. */
    char json_path[512], pb_path[512];
    path_of(json_path, sizeof json_path, id, ".json");
    path_of(pb_path, sizeof pb_path, id, ".pb");
    struct stat before, after;
    cr_assert_eq(stat(json_path, &before), 0);
    FILE *f = fopen(pb_path, "rb");
    cr_assert_not_null(f);
    uint8_t stored[4096];
    size_t got = fread(stored, 1, sizeof stored, f);
    fclose(f);
    cr_assert(got == len && memcmp(stored, buf, len) == 0);
    json_error_t jerr;
    json_t *j = json_load_file(json_path, 0, &jerr);
    cr_assert_not_null(j, "%s", jerr.text);
    cr_assert_str_eq(json_string_value(json_object_get(j, "notification_id")), id);
    cr_assert_str_eq(json_string_value(json_object_get(j, "kind")), "DEADLINE_KIND_NOTICE");
    cr_assert_str_eq(json_string_value(json_object_get(j, "case_number")), "SLK-2023-00875");
    cr_assert_str_eq(json_string_value(json_object_get(j, "centre_name")), "Familjecentralen Bergsjön");
    cr_assert_str_eq(json_string_value(json_object_get(j, "safe_day")), "2026-02-27");
    cr_assert_str_eq(json_string_value(json_object_get(j, "nominal_date")), "2026-02-28");
    cr_assert_str_eq(json_string_value(json_object_get(j, "moved_reason")), "2026-02-28 är en lördag");
    cr_assert_str_eq(json_string_value(json_object_get(j, "rule_source")), "Bilaga 1 §2");
    cr_assert_str_eq(json_string_value(json_object_get(json_object_get(j, "lead"), "text")), "om 30 dagar");
    json_t *party = json_array_get(json_object_get(j, "parties"), 1);
    cr_assert_str_eq(json_string_value(json_object_get(party, "org_number")), "212000-1355");
    cr_assert(json_is_false(json_object_get(j, "late")));
    json_decref(j);

    for (int i = 0; i < 3; i++) {
        ack = deliver(c, buf, len);
        cr_assert_eq(ack->status->code, FCAVTAL__V1__CODE__OK);
        cr_assert(ack->duplicate, "redelivery %d", i);
        cr_assert_str_eq(ack->notification_id, id);
        fcavtal__v1__case_ack__free_unpacked(ack, NULL);
    }
    cr_assert_eq(stat(json_path, &after), 0);
    cr_assert(before.st_ino == after.st_ino && before.st_mtim.tv_sec == after.st_mtim.tv_sec
                  && before.st_mtim.tv_nsec == after.st_mtim.tv_nsec, "rewritten");
    cr_assert_eq(ntf_test_count_files(rcv.dir, ".json"), 1);
    cr_assert_eq(ntf_test_count_files(rcv.dir, ".tmp"), 0);

    size_t len2;
    uint8_t *other = notification("agreement-1.notice.2024-12-31.P30D", &ntf_test_framework_deadline, &len2);
    ack = deliver(c, other, len2);
    cr_assert_not(ack->duplicate);
    fcavtal__v1__case_ack__free_unpacked(ack, NULL);
    cr_assert_eq(ntf_test_count_files(rcv.dir, ".json"), 2);
    ntf_casefeed_client_destroy(&c);
    free(buf);
    free(other);
}

static int count_lines(const char *path, const char *needle)
{
    FILE *f = fopen(path, "r");
    char line[2048];
    int n = 0;
    while (f && fgets(line, sizeof line, f))
        n += strstr(line, needle) != NULL;
    if (f)
        fclose(f);
    return n;
}

Test(case_receiver, survives_and_answers_malformed_messages, .init = start, .fini = cleanup)
{
    ntf_casefeed_client_t *c = connect_to(rcv.endpoint);
    const uint8_t garbage[] = {0xff, 0xff, 0xff, 0x07, 0x00, 0x13};
    Fcavtal__V1__CaseAck *ack = deliver(c, garbage, sizeof garbage);
    cr_assert_eq(ack->status->code, FCAVTAL__V1__CODE__INVALID_ARGUMENT);
    cr_assert_str_eq(ack->notification_id, "");
    cr_assert(strstr(ack->status->message, "not a CaseNotification"), "%s", ack->status->message);
    fcavtal__v1__case_ack__free_unpacked(ack, NULL);

    /* A valid message whose id would escape the folder. */
    Fcavtal__V1__CaseNotification n = FCAVTAL__V1__CASE_NOTIFICATION__INIT;
    Fcavtal__V1__Date day = FCAVTAL__V1__DATE__INIT;
    day.year = 2024, day.month = 12, day.day = 30;
    n.notification_id = "../escape";
    n.contract_version = FCAVTAL__V1__CASE_FEED_VERSION__CASE_FEED_VERSION_1;
    n.nominal_date = n.safe_day = &day;
    uint8_t buf[512];
    size_t len = fcavtal__v1__case_notification__pack(&n, buf);
    ack = deliver(c, buf, len);
    cr_assert_eq(ack->status->code, FCAVTAL__V1__CODE__INVALID_ARGUMENT);
    cr_assert(strstr(ack->status->message, "notification_id must be"), "%s", ack->status->message);
    fcavtal__v1__case_ack__free_unpacked(ack, NULL);

    /* A NUL inside the id: protobuf-c would cut it to "nul". */
    n.notification_id = "nulXbyte";
    len = fcavtal__v1__case_notification__pack(&n, buf);
    uint8_t *x = memchr(buf, 'X', len);
    cr_assert_not_null(x);
    *x = 0;
    ack = deliver(c, buf, len);
    cr_assert_eq(ack->status->code, FCAVTAL__V1__CODE__INVALID_ARGUMENT);
    cr_assert(strstr(ack->status->message, "NUL"), "%s", ack->status->message);
    fcavtal__v1__case_ack__free_unpacked(ack, NULL);

    /* A version this receiver does not implement: refused, not stored. */
    n.notification_id = "from-the-future";
    n.contract_version = 2;
    len = fcavtal__v1__case_notification__pack(&n, buf);
    ack = deliver(c, buf, len);
    cr_assert_eq(ack->status->code, FCAVTAL__V1__CODE__FAILED_PRECONDITION);
    cr_assert_str_eq(ack->notification_id, "from-the-future");
    fcavtal__v1__case_ack__free_unpacked(ack, NULL);

    /* Three frames after the delimiter. */
    zsock_t *raw = zsock_new_dealer(rcv.endpoint);
    zsock_set_rcvtimeo(raw, 5000);
    zstr_sendm(raw, "");
    zstr_sendm(raw, "one");
    zstr_send(raw, "two");
    zmsg_t *reply = zmsg_recv(raw);
    cr_assert_not_null(reply, "no answer to a wrong frame shape");
    zframe_t *last = zmsg_last(reply);
    ack = fcavtal__v1__case_ack__unpack(NULL, zframe_size(last), zframe_data(last));
    cr_assert_not_null(ack);
    cr_assert_eq(ack->status->code, FCAVTAL__V1__CODE__INVALID_ARGUMENT);
    fcavtal__v1__case_ack__free_unpacked(ack, NULL);
    zmsg_destroy(&reply);
    zsock_destroy(&raw);

    assert_receiver_alive();
    cr_assert_eq(ntf_test_count_files(rcv.dir, ".json"), 0);
    char parent[300];
    snprintf(parent, sizeof parent, "%s/../escape.json", rcv.dir);
    cr_assert_neq(access(parent, F_OK), 0, "wrote outside its folder");
    cr_assert_eq(count_lines(rcv.log, "refused notification"), 5, "one log line per refusal");

    size_t good_len;
    uint8_t *good = notification("after-the-garbage", &ntf_test_framework_deadline, &good_len);
    ack = deliver(c, good, good_len);
    cr_assert_eq(ack->status->code, FCAVTAL__V1__CODE__OK);
    fcavtal__v1__case_ack__free_unpacked(ack, NULL);
    cr_assert_eq(ntf_test_count_files(rcv.dir, ".json"), 1);
    free(good);
    ntf_casefeed_client_destroy(&c);
}

Test(case_receiver, sent_while_down_is_delivered_when_up, .fini = cleanup)
{
    memset(&rcv, 0, sizeof rcv);
    char endpoint[64];
    snprintf(endpoint, sizeof endpoint, "tcp://127.0.0.1:%d", ntf_test_free_port());
    const char *id = "agreement-1.notice.2024-12-31.P7D";
    size_t len;
    uint8_t *buf = notification(id, &ntf_test_framework_deadline, &len);
    ntf_casefeed_client_t *c = connect_to(endpoint);

    /* The sender redelivers until acknowledged, as the service does; the
     * receiver comes up after the third attempt. */
    Fcavtal__V1__CaseAck *ack = NULL;
    int attempts = 0, fresh = 0, duplicates = 0;
    while (!ack && attempts < 40) {
        cr_assert_eq(ntf_casefeed_client_send(c, buf, len), FC_OK);
        attempts++;
        if (attempts == 3)
            cr_assert_eq(ntf_receiver_start(&rcv, endpoint), 0);
        fc_status_t st = ntf_casefeed_client_receive_ack(c, 250, &ack);
        cr_assert(st == FC_OK || st == FC_DEADLINE_EXCEEDED);
        if (attempts < 3)
            cr_assert_eq(st, FC_DEADLINE_EXCEEDED, "acknowledged by nobody");
    }
    cr_assert_not_null(ack, "never acknowledged");
    /* Every queued copy is answered: one write, the rest duplicates. */
    do {
        cr_assert_eq(ack->status->code, FCAVTAL__V1__CODE__OK);
        ack->duplicate ? duplicates++ : fresh++;
        fcavtal__v1__case_ack__free_unpacked(ack, NULL);
    } while (ntf_casefeed_client_receive_ack(c, 500, &ack) == FC_OK);
    cr_assert_eq(fresh, 1, "stored exactly once");
    cr_assert_eq(fresh + duplicates, attempts, "%d attempts, %d acknowledged", attempts,
                 fresh + duplicates);
    cr_assert_eq(ntf_test_count_files(rcv.dir, ".json"), 1);
    ntf_casefeed_client_destroy(&c);
    free(buf);
}

Test(case_receiver, remembers_across_a_crash, .init = start, .fini = cleanup)
{
    const char *id = "agreement-1.notice.2024-12-31.P0D";
    size_t len;
    uint8_t *buf = notification(id, &ntf_test_framework_deadline, &len);
    ntf_casefeed_client_t *c = connect_to(rcv.endpoint);
    Fcavtal__V1__CaseAck *ack = deliver(c, buf, len);
    cr_assert_not(ack->duplicate);
    fcavtal__v1__case_ack__free_unpacked(ack, NULL);
    ntf_casefeed_client_destroy(&c);

    ntf_test_stop(&rcv.pid, SIGKILL);
    /* Same folder, new port: the folder is all it remembers. */
    cr_assert_eq(ntf_receiver_start(&rcv, "tcp://127.0.0.1:*"), 0, "no restart");
    c = connect_to(rcv.endpoint);
    ack = deliver(c, buf, len);
    cr_assert_eq(ack->status->code, FCAVTAL__V1__CODE__OK);
    cr_assert(ack->duplicate, "the folder is the memory");
    fcavtal__v1__case_ack__free_unpacked(ack, NULL);
    ntf_casefeed_client_destroy(&c);
    free(buf);
}

Test(case_receiver, other_content_under_a_known_id_keeps_the_first, .init = start, .fini = cleanup)
{
    const char *id = "agreement-1.notice.2024-12-31.P30D";
    size_t len1, len2;
    uint8_t *first = notification(id, &ntf_test_framework_deadline, &len1);
    uint8_t *changed = notification(id, &ntf_test_local_deadline, &len2);
    ntf_casefeed_client_t *c = connect_to(rcv.endpoint);
    Fcavtal__V1__CaseAck *ack = deliver(c, first, len1);
    fcavtal__v1__case_ack__free_unpacked(ack, NULL);
    ack = deliver(c, changed, len2);
    cr_assert_eq(ack->status->code, FCAVTAL__V1__CODE__OK);
    cr_assert(ack->duplicate);
    fcavtal__v1__case_ack__free_unpacked(ack, NULL);
    char path[512];
    path_of(path, sizeof path, id, ".json");
    json_t *j = json_load_file(path, 0, NULL);
    cr_assert_str_eq(json_string_value(json_object_get(j, "case_number")), "RS 2019-0829", "first copy kept");
    json_decref(j);
    cr_assert_eq(count_lines(rcv.log, "came again with other content"), 1);
    ntf_casefeed_client_destroy(&c);
    free(first);
    free(changed);
}

Test(case_receiver, no_ok_when_it_cannot_store, .init = start, .fini = cleanup)
{
    ntf_test_rmdir(rcv.dir);   /* the folder vanishes under the running receiver */
    size_t len;
    uint8_t *buf = notification("agreement-1.notice.2024-12-31.P7D", &ntf_test_framework_deadline, &len);
    ntf_casefeed_client_t *c = connect_to(rcv.endpoint);
    Fcavtal__V1__CaseAck *ack = deliver(c, buf, len);
    cr_assert_eq(ack->status->code, FCAVTAL__V1__CODE__INTERNAL, "%s", ack->status->message);
    cr_assert(strstr(ack->status->message, "cannot create"), "%s", ack->status->message);
    cr_assert_str_eq(ack->notification_id, "agreement-1.notice.2024-12-31.P7D");
    fcavtal__v1__case_ack__free_unpacked(ack, NULL);
    assert_receiver_alive();
    ntf_casefeed_client_destroy(&c);
    free(buf);
}

Test(case_receiver, stops_cleanly_on_sigterm, .init = start, .fini = cleanup)
{
    cr_assert(strncmp(rcv.endpoint, "tcp://127.0.0.1:", 16) == 0 && rcv.endpoint[16] != '*',
              "ready file names the bound port: %s", rcv.endpoint);
    int status = ntf_receiver_stop(&rcv);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d", status);
    cr_assert_neq(access(rcv.ready, F_OK), 0, "ready file outlived the receiver");
}

static int run_receiver(const char *const *args)
{
    const char *argv[16] = {FC_CASE_RECEIVER_BIN};
    size_t n = 1;
    for (; args[n - 1]; n++)
        argv[n] = args[n - 1];
    argv[n] = NULL;
    char *out;
    int status = ntf_test_run(argv, &out);
    free(out);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Test(case_receiver, command_line)
{
    cr_assert_eq(run_receiver((const char *[]){"--help", NULL}), 0);
    cr_assert_eq(run_receiver((const char *[]){"--bind", "tcp://127.0.0.1:*", NULL}), 2, "--dir is required");
    cr_assert_eq(run_receiver((const char *[]){"--dir", "/tmp", "stray", NULL}), 2);
    cr_assert_eq(run_receiver((const char *[]){"--dir", "/tmp", "--log-level", "loud", NULL}), 2);
    cr_assert_eq(run_receiver((const char *[]){"--dir", "/tmp", "--bind", "nonsense://x", NULL}), 1);
    cr_assert_eq(run_receiver((const char *[]){"--dir", "/proc/no/such/folder", NULL}), 1);
}
