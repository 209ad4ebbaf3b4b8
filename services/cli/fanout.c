/* One request to several services at once ('fcavtal today' asks every
 * service): all are sent first and the replies taken as they come, so a
 * service that is down costs one timeout, not one each. */
#include <czmq.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "reflect.h"

/* Packs and sends; CLI_OK, or the exit code with the problem printed. */
static int send_one(cli_t *cli, cli_fanout_t *slot, const char *method, const json_t *body)
{
    int rc = cli_connect(cli, slot->svc);
    if (rc != CLI_OK)
        return rc;
    json_t *copy = json_deep_copy(body);
    ProtobufCMessage *req = copy ? cli_build_request(slot->svc, method, copy) : NULL;
    if (!req)
        return CLI_FAILED;
    rc = CLI_FAILED;
    size_t size = 0;
    uint8_t *buf = NULL;
    if (cli_set_envelope(req, cli->request_id, cli->actor) == 0 &&
        (size = protobuf_c_message_get_packed_size(req), buf = malloc(size ? size : 1))) {
        protobuf_c_message_pack(req, buf);
        rc = fc_client_send(slot->svc->client, buf, size) == 0 ? CLI_OK : CLI_NO_REPLY;
    } else {
        fprintf(stderr, "error: out of memory\n");
    }
    free(buf);
    protobuf_c_message_free_unpacked(req, NULL);
    return rc;
}

/* The reply waiting on the slot's socket; a reply to another request (none
 * should come: each service gets one) is dropped and the wait goes on. */
static void take_reply(cli_t *cli, cli_fanout_t *slot)
{
    uint8_t *data = NULL;
    size_t size = 0;
    if (fc_client_recv(slot->svc->client, &data, &size) != 0)
        return;
    ProtobufCMessage *reply = protobuf_c_message_unpack(slot->svc->def->reply, NULL, size, data);
    free(data);
    if (!reply || strcmp(cli_get_str(reply, "request_id"), cli->request_id) != 0) {
        if (reply)
            protobuf_c_message_free_unpacked(reply, NULL);
        return;
    }
    char label[CLI_NAME_MAX + 3];
    snprintf(label, sizeof label, "%s: ", slot->svc->name);
    slot->rc = cli_check_reply(cli, reply, label, NULL, NULL);
    if (slot->rc == CLI_OK)
        slot->reply = reply;
    else
        protobuf_c_message_free_unpacked(reply, NULL);
}

static cli_fanout_t *slot_of(cli_fanout_t *slots, size_t n, void *sock)
{
    for (size_t i = 0; i < n; i++)
        if (slots[i].rc == CLI_NO_REPLY && slots[i].svc->client &&
            fc_client_socket(slots[i].svc->client) == sock)
            return &slots[i];
    return NULL;
}

static void wait_replies(cli_t *cli, cli_fanout_t *slots, size_t n, zpoller_t *poller)
{
    int64_t deadline = zclock_mono() + cli->timeout_ms;
    for (size_t waiting = n; waiting > 0;) {
        int64_t left = deadline - zclock_mono();
        void *sock = left > 0 ? zpoller_wait(poller, (int)left) : NULL;
        if (!sock)
            return;  /* timed out or interrupted */
        cli_fanout_t *slot = slot_of(slots, n, sock);
        if (!slot) {
            zpoller_remove(poller, sock);
            continue;
        }
        take_reply(cli, slot);
        if (slot->rc != CLI_NO_REPLY) {
            zpoller_remove(poller, sock);
            waiting--;
        }
    }
}

int cli_fanout(cli_t *cli, cli_fanout_t *slots, size_t n, const char *method,
               const json_t *body)
{
    zpoller_t *poller = zpoller_new(NULL);
    if (!poller) {
        fprintf(stderr, "error: out of memory\n");
        return CLI_FAILED;
    }
    size_t sent = 0;
    for (size_t i = 0; i < n; i++) {
        slots[i].reply = NULL;
        slots[i].rc = send_one(cli, &slots[i], method, body);
        if (slots[i].rc == CLI_OK &&
            zpoller_add(poller, fc_client_socket(slots[i].svc->client)) == 0) {
            slots[i].rc = CLI_NO_REPLY;  /* until its reply comes */
            sent++;
        } else if (slots[i].rc == CLI_OK) {
            slots[i].rc = CLI_FAILED;
            fprintf(stderr, "error: out of memory\n");
        }
    }
    wait_replies(cli, slots, sent, poller);
    zpoller_destroy(&poller);
    /* A refusal says more than a silence: it decides the exit code. */
    static const int worst_first[] = {CLI_USAGE, CLI_FAILED, CLI_NO_REPLY};
    int rc = CLI_OK;
    for (size_t i = 0; i < n; i++)
        if (slots[i].rc == CLI_NO_REPLY)
            cli_report_no_reply(cli, slots[i].svc);
    for (size_t w = 0; w < 3 && rc == CLI_OK; w++)
        for (size_t i = 0; i < n; i++)
            if (slots[i].rc == worst_first[w])
                rc = worst_first[w];
    return rc;
}

void cli_fanout_clear(cli_fanout_t *slots, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (slots[i].reply)
            protobuf_c_message_free_unpacked(slots[i].reply, NULL);
}
