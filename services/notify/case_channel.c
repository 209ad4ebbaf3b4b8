/* The case feed as a channel (channel_ops.h, docs/casefeed.md): a DEALER
 * connected to the case-management system's ROUTER, notifications packed
 * by casefeed.c, acknowledgements read by a core reader in the service's
 * loop and recorded in one transaction per batch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casefeed.h"
#include "casefeed_client.h"
#include "channel_ops.h"
#include "fcavtal/log.h"
#include "reminder_facts.h"

#define ACK_BATCH 512

static ntf_casefeed_client_t *client_of(ntf_channels_t *ch)
{
    return (ntf_casefeed_client_t *)ch->case_client;
}

static int on_acks(fc_server_t *server, zsock_t *sock, void *arg)
{
    (void)sock;
    ntf_channels_t *ch = arg;
    ntf_ack_t *acks = calloc(ACK_BATCH, sizeof *acks);
    if (!acks)
        return 0;
    size_t n = 0;
    Fcavtal__V1__CaseAck *ack = NULL;
    fc_status_t st;
    while (n < ACK_BATCH && (st = ntf_casefeed_client_receive_ack(client_of(ch), 0, &ack)) != FC_DEADLINE_EXCEEDED &&
           st != FC_CANCELLED) {
        if (st == FC_OK && ack->notification_id && *ack->notification_id) {
            ntf_ack_t *a = &acks[n++];
            snprintf(a->nid, sizeof a->nid, "%s", ack->notification_id);
            a->code = ack->status ? (fc_status_t)ack->status->code : FC_UNKNOWN;
            snprintf(a->why, sizeof a->why, "%s",
                     ack->status && ack->status->message ? ack->status->message : "");
        } else {
            fc_warn("notify: the case feed sent an acknowledgement that names no notification: %s",
                    ack && ack->status && ack->status->message ? ack->status->message : "");
        }
        if (ack)
            fcavtal__v1__case_ack__free_unpacked(ack, NULL);
        ack = NULL;
    }
    if (n && ntf_record_acks(server, acks, n))
        fc_warn("notify: %zu acknowledgements could not be recorded; the notifications go again",
                n);
    free(acks);
    return 0;
}

fc_status_t ntf_case_open(ntf_channels_t *ch, char *err, size_t errlen)
{
    ntf_casefeed_client_t *c = ntf_casefeed_client_new(ch->case_endpoint, (int)ch->case_queue,
                                                       err, errlen);
    if (!c)
        return FC_INVALID_ARGUMENT;
    ch->case_client = c;
    if (fc_server_add_reader(ch->server, ntf_casefeed_client_socket(c), on_acks, ch)) {
        snprintf(err, errlen, "cannot watch the case feed socket");
        return FC_INTERNAL;
    }
    return FC_OK;
}

void ntf_case_close(ntf_channels_t *ch)
{
    ntf_casefeed_client_t *c = client_of(ch);
    if (c)
        fc_server_remove_reader(ch->server, ntf_casefeed_client_socket(c));
    ntf_casefeed_client_destroy(&c);
    ch->case_client = NULL;
}

fc_status_t ntf_case_prepare(fc_call_t *call, ntf_channels_t *ch, const Notification *n,
                             ntf_job_t *job)
{
    (void)ch;
    ntf_facts_t *f = malloc(sizeof *f);
    if (!f)
        return FC_RESOURCE_EXHAUSTED;
    fc_status_t st = ntf_facts_of_notification(call, n, f);
    if (st == FC_NOT_FOUND) {
        snprintf(job->error, sizeof job->error, "its deadline %llu is gone",
                 (unsigned long long)n->deadline_id);
        st = FC_FAILED_PRECONDITION;
    } else if (!st) {
        st = ntf_casefeed_pack(&f->reminder, &job->payload, &job->len, job->error,
                               sizeof job->error);
    }
    free(f);
    return st;
}

size_t ntf_case_room(ntf_channels_t *ch)
{
    zsock_t *sock = ch->case_client ? ntf_casefeed_client_socket(client_of(ch)) : NULL;
    if (!sock || !(zsock_events(sock) & ZMQ_POLLOUT))
        return 0;
    int hwm = zsock_sndhwm(sock);
    return hwm > 0 ? (size_t)hwm : SIZE_MAX;   /* 0: ZeroMQ sets no limit */
}

void ntf_case_send(ntf_channels_t *ch, ntf_job_t *job)
{
    job->st = ntf_casefeed_client_send(client_of(ch), job->payload, job->len);
    if (job->st == FC_RESOURCE_EXHAUSTED)
        snprintf(job->error, sizeof job->error, "the case feed's queue is full");
    else if (job->st)
        snprintf(job->error, sizeof job->error, "cannot send on the case feed");
}
