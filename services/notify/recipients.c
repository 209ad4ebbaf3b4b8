/* E-mail recipients of a deadline (recipients.h). */
#include "recipients.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int add(ntf_recipients_t *r, const char *address, const char *name)
{
    if (!address || !*address || !strchr(address, '@'))
        return 0;
    for (size_t i = 0; i < r->n; i++)
        if (strcasecmp(r->address[i], address) == 0)
            return 0;
    if (r->n == NTF_MAX_RECIPIENTS)
        return 0;
    char *a = strdup(address), *n = strdup(name ? name : "");
    if (!a || !n) {
        free(a);
        free(n);
        return -1;
    }
    r->address[r->n] = a;
    r->name[r->n++] = n;
    return 0;
}

static int add_contacts(ntf_recipients_t *r, Fcavtal__V1__Contact *const *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (add(r, c[i]->email, c[i]->name))
            return -1;
    return 0;
}

static fc_status_t from_orgs(fc_call_t *call, const Deadline *d, ntf_recipients_t *r)
{
    for (size_t i = 0; i < d->n_parties; i++) {
        Organisation *o = NULL;
        fc_status_t st = fc_record_get(call, REC_ORGANISATION, d->parties[i]->organisation_id,
                                       (ProtobufCMessage **)&o);
        if (st == FC_NOT_FOUND)
            continue;
        if (st)
            return st;
        int rc = add_contacts(r, o->contacts, o->n_contacts);
        fcavtal__v1__organisation__free_unpacked(o, NULL);
        if (rc)
            return FC_RESOURCE_EXHAUSTED;
    }
    return FC_OK;
}

fc_status_t ntf_recipients(fc_call_t *call, const Deadline *d, ntf_recipients_t *out)
{
    memset(out, 0, sizeof *out);
    int rc = 0;
    if (strncmp(d->key, "centre/", 7) == 0 && d->centre_id) {
        Centre *c = NULL;
        fc_status_t st = fc_record_get(call, REC_CENTRE, d->centre_id, (ProtobufCMessage **)&c);
        if (st && st != FC_NOT_FOUND)
            return st;
        if (c) {
            if (c->coordinator)
                rc = add(out, c->coordinator->email, c->coordinator->name);
            if (!rc)
                rc = add_contacts(out, c->contacts, c->n_contacts);
            fcavtal__v1__centre__free_unpacked(c, NULL);
        }
    }
    Agreement *a = NULL;
    fc_status_t st = fc_record_get(call, REC_AGREEMENT, d->agreement_id, (ProtobufCMessage **)&a);
    if (st && st != FC_NOT_FOUND)
        return st;
    if (a) {
        if (!rc)
            rc = add_contacts(out, a->contacts, a->n_contacts);
        fcavtal__v1__agreement__free_unpacked(a, NULL);
    }
    st = rc ? FC_RESOURCE_EXHAUSTED : from_orgs(call, d, out);
    if (st)
        ntf_recipients_clear(out);
    return st;
}

void ntf_recipients_clear(ntf_recipients_t *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->address[i]);
        free(r->name[i]);
    }
    r->n = 0;
}
