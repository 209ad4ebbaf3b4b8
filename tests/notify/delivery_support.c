#include "delivery_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ds_renewing_agreements(nh_t *h, const rc_world_t *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char end[16], title[64];
        snprintf(end, sizeof end, "%04zu-%02zu-28", 2025 + i / 12, 1 + i % 12);
        snprintf(title, sizeof title, "Ramavtal %zu", i);
        rc_party_t parties[2] = {{w->region, 0}, {w->muni, 0}};
        rc_agreement_t spec = {.kind = RC_AKIND(FRAMEWORK), .title = title,
                               .case_number = "RS 2023-1", .rule_set = RC_RULES(VG),
                               .parties = parties, .n_parties = 2, .start = "2023-01-01",
                               .end = end, .renewal_months = 24, .notice_months = 12};
        uint64_t id = rc_agreement(&h->reg, &spec);
        if (!id || nh_activate(h, id, "2023-01-01"))
            return -1;
    }
    return 0;
}

size_t ds_notes(nh_t *h, ds_note_t **out)
{
    *out = NULL;
    size_t n = 0;
    uint64_t after = 0;
    for (;;) {
        Fcavtal__V1__ListNotifications q = FCAVTAL__V1__LIST_NOTIFICATIONS__INIT;
        q.limit = 10000;
        q.after_id = after;
        nh_rep_t *rep = nh_call(h, "list_notifications", &q.base);
        if (!rep || !rep->notifications) {
            nh_free(rep);
            return (size_t)-1;
        }
        const Fcavtal__V1__NotificationList *l = rep->notifications;
        ds_note_t *grown = realloc(*out, (n + l->n_items + 1) * sizeof *grown);
        if (!grown) {
            nh_free(rep);
            return (size_t)-1;
        }
        *out = grown;
        for (size_t i = 0; i < l->n_items; i++) {
            snprintf((*out)[n].id, sizeof (*out)[n].id, "%s", l->items[i]->notification_id);
            (*out)[n].attempts = l->items[i]->attempts;
            (*out)[n].state = l->items[i]->state;
            n++;
        }
        after = l->next_after_id;
        nh_free(rep);
        if (!after)
            return n;
    }
}

size_t ds_count(nh_t *h, int state)
{
    ds_note_t *notes = NULL;
    size_t n = ds_notes(h, &notes), c = 0;
    for (size_t i = 0; n != (size_t)-1 && i < n; i++)
        c += state == 0 || notes[i].state == state;
    free(notes);
    return n == (size_t)-1 ? (size_t)-1 : c;
}

int ds_receipts(const char *log_path, ds_receipts_t *out)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(log_path, "r");
    if (!f)
        return -1;
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        const char *p = strstr(line, "notification '");
        if (!p || !strstr(line, "already stored"))
            continue;
        p += strlen("notification '");
        const char *q = strchr(p, '\'');
        if (!q)
            continue;
        char id[200];
        snprintf(id, sizeof id, "%.*s", (int)(q - p), p);
        size_t i = 0;
        while (i < out->n && strcmp(out->ids[i], id) != 0)
            i++;
        if (i == out->n) {
            out->ids = realloc(out->ids, (out->n + 1) * sizeof *out->ids);
            out->again = realloc(out->again, (out->n + 1) * sizeof *out->again);
            out->ids[out->n] = strdup(id);
            out->again[out->n++] = 0;
        }
        out->again[i]++;
    }
    fclose(f);
    return 0;
}

unsigned ds_again(const ds_receipts_t *r, const char *id)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->ids[i], id) == 0)
            return r->again[i];
    return 0;
}

void ds_receipts_free(ds_receipts_t *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->ids[i]);
    free(r->ids);
    free(r->again);
    memset(r, 0, sizeof *r);
}
