/* fcavtal-case-receiver: the reference receiver of the case feed
 * (docs/casefeed.md). A ROUTER takes [empty][CaseNotification]; every
 * notification is stored once in the folder (case_store.h) before
 * [empty][CaseAck] goes back; a redelivery is acknowledged again without
 * writing; anything unreadable gets an error ack and one log line. */
#ifndef FCAVTAL_NOTIFY_RECEIVER_H
#define FCAVTAL_NOTIFY_RECEIVER_H

#include <stddef.h>
#include <stdint.h>

typedef struct ntf_receiver_t ntf_receiver_t;

/* Opens the folder and binds. NULL with a message in err. */
ntf_receiver_t *ntf_receiver_new(const char *bind, const char *dir, char *err, size_t errlen);
void ntf_receiver_destroy(ntf_receiver_t **self_p);
/* The bound endpoint, with the real port for "tcp://127.0.0.1:*". */
const char *ntf_receiver_endpoint(ntf_receiver_t *self);

/* One payload in, the packed CaseAck out (owned; free). NULL only when out
 * of memory. This is the whole intake logic, without sockets. */
uint8_t *ntf_receiver_accept(ntf_receiver_t *self, const uint8_t *payload, size_t len,
                             size_t *ack_len);

/* Serves until SIGINT or SIGTERM. 0 on a clean stop. */
int ntf_receiver_run(ntf_receiver_t *self);

#endif
