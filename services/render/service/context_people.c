/* The people the centre names: steering group (VG §11.1, Bilaga 1 §8),
 * coordinator (VG §11.2, Bilaga 1 §9) and staff group (Bilaga 1 §10). Only
 * names, titles and e-mail addresses: the system holds organisational data
 * only (VG §13). */
#include "context.h"

static void steering(rsv_build_t *b, rsv_world_t *w, rnd_value_t *ctx)
{
    rnd_value_t *list = rsv_list(b, ctx, "steering_group");
    for (size_t i = 0; w->centre && i < w->centre->n_steering_group; i++) {
        const Fcavtal__V1__SteeringMember *s = w->centre->steering_group[i];
        rnd_value_t *m = rsv_item(b, list);
        rsv_set(b, m, "name", s->name);
        rsv_set(b, m, "title", s->title);
        rsv_set(b, m, "operation", s->operation_id ? rsv_party_name(w, 0, s->operation_id) : "");
    }
    /* Not in the registry: the template says "regelbundet" (VG §11.1). */
    rsv_set(b, rsv_map(b, ctx, "steering"), "meeting_frequency", "");
}

static void coordinator(rsv_build_t *b, rsv_world_t *w, rnd_value_t *ctx)
{
    const Fcavtal__V1__Coordinator *c = w->centre ? w->centre->coordinator : NULL;
    rnd_value_t *m = rsv_map(b, ctx, "coordinator");
    rsv_set(b, m, "name", c ? c->name : "");
    rsv_set(b, m, "email", c ? c->email : "");
    char employer[320] = "";
    if (c && c->employing_operation_id)
        rsv_party_label(w, 0, c->employing_operation_id, employer, sizeof employer);
    rsv_set(b, m, "employer", employer);
    rsv_set_fte(b, m, "fte", c ? c->fte_permille : 0);
    rsv_list(b, m, "tasks");
}

static void staff(rsv_build_t *b, rsv_world_t *w, rnd_value_t *ctx)
{
    rnd_value_t *list = rsv_list(b, ctx, "staff");
    for (size_t i = 0; w->centre && i < w->centre->n_staff; i++) {
        const Fcavtal__V1__StaffRole *s = w->centre->staff[i];
        rnd_value_t *m = rsv_item(b, list);
        rsv_set(b, m, "role", s->role);
        rsv_set(b, m, "operation", s->operation_id ? rsv_party_name(w, 0, s->operation_id) : "");
        rsv_set_fte(b, m, "fte", s->fte_permille);
    }
}

void rsv_ctx_people(rsv_build_t *b, rsv_world_t *w, rnd_value_t *ctx)
{
    steering(b, w, ctx);
    coordinator(b, w, ctx);
    staff(b, w, ctx);
}
