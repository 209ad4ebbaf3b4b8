/* The centre: name, municipality, visiting address, other actors and its
 * classification with the reason in Swedish, naming the rule's source
 * (VG §8.2 familjecentral, §8.3 familjecentralsliknande, §8.4
 * samlokalisering, footnote 21; Bilaga 3 for the midwife clinic). */
#include <stdio.h>
#include <string.h>

#include "context.h"
#include "domain_view.h"
#include "words.h"

#define OPK(x) FCAVTAL__V1__OPERATION_KIND__OPERATION_KIND_##x
#define CLS(x) FCAVTAL__V1__CLASSIFICATION_KIND__CLASSIFICATION_##x

/* Taking part on the version's date. */
static bool active_on(const Fcavtal__V1__Participation *p, fc_date_t day)
{
    fc_date_t joined, left;
    if (fc_date_from_pb(p->joined, &joined) && fc_date_cmp(joined, day) > 0)
        return false;
    return !fc_date_from_pb(p->left, &left) || fc_date_cmp(left, day) >= 0;
}

typedef struct {
    unsigned part, coloc;   /* bit per base operation kind, 1 << kind */
} tally_t;

static tally_t tally(rsv_world_t *w)
{
    tally_t t = { 0, 0 };
    for (size_t i = 0; w->centre && i < w->centre->n_participations; i++) {
        const Fcavtal__V1__Participation *p = w->centre->participations[i];
        const DocOperation *op = active_on(p, w->date) ? rsv_world_op(w, p->operation_id) : NULL;
        if (!op || !rsv_is_base_operation(op->kind))
            continue;
        t.part |= 1u << op->kind;
        if (p->co_located)
            t.coloc |= 1u << op->kind;
    }
    return t;
}

/* "barnhälsovård, öppen förskola och förebyggande socialtjänst" */
static void kinds_text(unsigned bits, char *buf, size_t size)
{
    static const Fcavtal__V1__OperationKind ORDER[] = { OPK(BHV), OPK(MHV), OPK(OFS), OPK(SOC) };
    size_t n = 0, total = 0, len = 0;
    for (size_t i = 0; i < 4; i++)
        total += (bits >> ORDER[i]) & 1u;
    buf[0] = '\0';
    for (size_t i = 0; i < 4 && len < size; i++) {
        if (!((bits >> ORDER[i]) & 1u))
            continue;
        const char *sep = n == 0 ? "" : n + 1 == total ? " och " : ", ";
        len += (size_t)snprintf(buf + len, size - len, "%s%s", sep,
                                rsv_operation_kind_name(ORDER[i], NULL));
        n++;
    }
}

static const char *source(rnd_rule_set_t rules, const char *vg_section)
{
    return rules == RND_RULES_VG ? vg_section
           : rules == RND_RULES_OREBRO ? "Region Örebro läns överenskommelse om familjecentraler"
                                       : "de nationella riktlinjerna för familjecentraler";
}

static void reason(rsv_world_t *w, char *buf, size_t size)
{
    const unsigned all = (1u << OPK(BHV)) | (1u << OPK(MHV)) | (1u << OPK(OFS)) | (1u << OPK(SOC));
    tally_t t = tally(w);
    char part[160], apart[160];
    kinds_text(t.part, part, sizeof part);
    kinds_text(t.part & ~t.coloc, apart, sizeof apart);
    switch (w->centre->classification) {
    case CLS(FAMILJECENTRAL):
        snprintf(buf, size, "Alla fyra basverksamheter ingår och finns i samma lokaler (%s).",
                 source(w->rules, "VG §8.2"));
        break;
    case CLS(FAMILJECENTRALSLIKNANDE):
        snprintf(buf, size, "I verksamheten ingår %s%s%s%s (%s).%s", part,
                 (t.part & ~t.coloc) ? "; " : "", apart,
                 (t.part & ~t.coloc) ? " finns inte i samma lokaler"
                                     : ", men inte alla fyra basverksamheter",
                 source(w->rules, "VG §8.3 och §8.4"),
                 (t.part & ~t.coloc & (1u << OPK(MHV))) && !w->centre->prioritised_area
                     ? " Utanför socioekonomiskt prioriterade områden samverkar "
                       "mödrahälsovården utan att finnas i samma lokaler (Bilaga 3)."
                     : "");
        break;
    case CLS(NOT_COVERED):
        snprintf(buf, size, "I verksamheten ingår %s, vilket inte uppfyller villkoren för en "
                 "familjecentral eller en familjecentralsliknande verksamhet (%s).",
                 (t.part & all) ? part : "ingen basverksamhet",
                 source(w->rules, "VG avsnitt 8, fotnot 21"));
        break;
    default:
        buf[0] = '\0';
    }
}

static void other_actors(rsv_build_t *b, rsv_world_t *w, rnd_value_t *centre)
{
    rnd_value_t *list = rsv_list(b, centre, "other_actors");
    for (size_t i = 0; w->centre && i < w->centre->n_participations; i++) {
        const Fcavtal__V1__Participation *p = w->centre->participations[i];
        const DocOperation *op = active_on(p, w->date) ? rsv_world_op(w, p->operation_id) : NULL;
        if (!op || op->kind != OPK(OTHER))
            continue;
        char text[320];
        if (op->other_kind && *op->other_kind)
            snprintf(text, sizeof text, "%s (%s)", op->name, op->other_kind);
        else
            snprintf(text, sizeof text, "%s", op->name);
        rsv_append(b, list, text);
    }
}

void rsv_ctx_centre(rsv_build_t *b, rsv_world_t *w, rnd_value_t *ctx)
{
    const DocCentre *c = w->centre;
    rnd_value_t *m = rsv_map(b, ctx, "centre");
    rsv_set(b, m, "name", c ? c->name : "");
    const DocOrganisation *muni = c && c->municipality_id ? rsv_world_org(w, c->municipality_id)
                                                         : NULL;
    rsv_set(b, m, "municipality", muni ? muni->name : "");
    rsv_set(b, m, "classification", c ? rsv_classification_name(c->classification) : "");
    char why[640] = "";
    if (c)
        reason(w, why, sizeof why);
    rsv_set(b, m, "classification_reason", why);
    rsv_set(b, m, "target_group", c ? c->target_group : "");
    /* Not in the registry (Bilaga 1 §6): the template falls back to the
     * business plan. */
    rsv_set(b, m, "meeting_hours", "");
    rnd_value_t *addr = rsv_map(b, m, "address");
    const Fcavtal__V1__Address *a = c ? c->address : NULL;
    rsv_set(b, addr, "street", a ? a->street : "");
    rsv_set(b, addr, "postal_code", a ? a->postal_code : "");
    rsv_set(b, addr, "city", a ? a->city : "");
    other_actors(b, w, m);
    rsv_list(b, m, "local_goals");
}
