/* Who receives a reminder by e-mail: the contacts of the parties that must
 * act (their organisations' contacts and the agreement's own), and for a
 * centre's yearly documents the centre's contacts and coordinator. */
#ifndef FCAVTAL_NOTIFY_RECIPIENTS_H
#define FCAVTAL_NOTIFY_RECIPIENTS_H

#include "notify.h"

#define NTF_MAX_RECIPIENTS 64

typedef struct {
    char *address[NTF_MAX_RECIPIENTS];  /* owned, distinct ignoring case */
    char *name[NTF_MAX_RECIPIENTS];     /* owned; "" when unknown */
    size_t n;
} ntf_recipients_t;

fc_status_t ntf_recipients(fc_call_t *call, const Deadline *d, ntf_recipients_t *out);
void ntf_recipients_clear(ntf_recipients_t *r);

#endif
