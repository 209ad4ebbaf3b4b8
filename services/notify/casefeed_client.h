/* The sending side of the case feed: one DEALER connected to a receiver's
 * ROUTER. It sends and collects acknowledgements; which notifications are
 * still unacknowledged, and when to send them again, is the caller's
 * (retry_schedule.h). */
#ifndef FCAVTAL_NOTIFY_CASEFEED_CLIENT_H
#define FCAVTAL_NOTIFY_CASEFEED_CLIENT_H

#include <stddef.h>
#include <stdint.h>
#include <czmq.h>

#include "fcavtal/status.h"
#include "fcavtal/v1/casefeed.pb-c.h"

typedef struct ntf_casefeed_client_t ntf_casefeed_client_t;

/* Connects (ZeroMQ connects in the background: a receiver that is down is
 * no error; up to `queue` sends wait in ZeroMQ until it is up, and past
 * that a send says FC_RESOURCE_EXHAUSTED). NULL with a message in err. */
ntf_casefeed_client_t *ntf_casefeed_client_new(const char *endpoint, int queue, char *err,
                                               size_t errlen);
/* Unsent notifications are dropped (linger 0): the caller's outbox, not the
 * socket, is what survives a restart. */
void ntf_casefeed_client_destroy(ntf_casefeed_client_t **self_p);

/* Queues [empty][payload] without blocking. FC_RESOURCE_EXHAUSTED when the
 * queue is full (the receiver has been away long). */
fc_status_t ntf_casefeed_client_send(ntf_casefeed_client_t *self, const uint8_t *payload, size_t len);

/* Waits up to timeout_ms for the next acknowledgement. FC_OK with *ack
 * (owned; fcavtal__v1__case_ack__free_unpacked(ack, NULL)),
 * FC_DEADLINE_EXCEEDED when none came, FC_DATA_LOSS for a reply that is
 * not a CaseAck, FC_CANCELLED when interrupted by a signal. */
fc_status_t ntf_casefeed_client_receive_ack(ntf_casefeed_client_t *self, int timeout_ms,
                                            Fcavtal__V1__CaseAck **ack);

/* The DEALER socket, for a reader in the service's loop (acknowledgements
 * are then taken with timeout 0). */
zsock_t *ntf_casefeed_client_socket(ntf_casefeed_client_t *self);

#endif
