/* Text output of family centres: composition, classification with every
 * rule check, coordinator, steering group and staff. */
#include <inttypes.h>
#include <stdio.h>

#include "names.h"
#include "print.h"
#include "table.h"

static const char *class_name(const Fcavtal__V1__Classification *c, char *buf, size_t n)
{
    if (!c)
        return "(not classified)";
    return fmt_enum(&fcavtal__v1__classification_kind__descriptor, c->kind, buf, n);
}

static void print_classification(const Fcavtal__V1__Classification *c)
{
    char kind[64], rules[32], date[16];
    if (!c) {
        print_kv("classification", "(not classified)");
        return;
    }
    print_kv("classification", "%s (rule set %s, as of %s)", class_name(c, kind, sizeof kind),
             fmt_enum(&fcavtal__v1__rule_set__descriptor, c->rule_set, rules, sizeof rules),
             fmt_date(c->as_of, date, sizeof date));
    if (*c->summary)
        printf("    %s\n", c->summary);
    for (size_t i = 0; i < c->n_checks; i++) {
        const Fcavtal__V1__RuleCheck *rc = c->checks[i];
        printf("    %s %s: %s\n", rc->passed ? "✓" : "✗", rc->rule, rc->reason);
    }
}

static void print_participations(const pb_centre_t *c)
{
    if (c->n_participations == 0)
        return;
    printf("  participations:\n");
    for (size_t i = 0; i < c->n_participations; i++) {
        const Fcavtal__V1__Participation *p = c->participations[i];
        char joined[16], left[16], op[256];
        printf("    - %s, %s, joined %s", names_op(p->operation_id, op, sizeof op),
               p->co_located ? "co-located" : "not co-located",
               fmt_date(p->joined, joined, sizeof joined));
        if (p->left)
            printf(", left %s", fmt_date(p->left, left, sizeof left));
        putchar('\n');
    }
}

static void print_people(const pb_centre_t *c)
{
    char fte[16], op[256];
    const Fcavtal__V1__Coordinator *co = c->coordinator;
    if (co)
        print_kv("coordinator", "%s%s%s%s, %s FTE, employed by %s", co->name,
                 *co->email ? " <" : "", co->email, *co->email ? ">" : "",
                 fmt_fte(co->fte_permille, fte, sizeof fte),
                 names_op(co->employing_operation_id, op, sizeof op));
    if (c->n_steering_group > 0)
        printf("  steering group:\n");
    for (size_t i = 0; i < c->n_steering_group; i++) {
        const Fcavtal__V1__SteeringMember *m = c->steering_group[i];
        printf("    - %s, %s, %s\n", m->name, m->title, names_op(m->operation_id, op, sizeof op));
    }
    if (c->n_staff > 0)
        printf("  staff:\n");
    for (size_t i = 0; i < c->n_staff; i++) {
        const Fcavtal__V1__StaffRole *s = c->staff[i];
        printf("    - %s, %s FTE, %s\n", s->role, fmt_fte(s->fte_permille, fte, sizeof fte),
               names_op(s->operation_id, op, sizeof op));
    }
}

int print_centre(const pb_centre_t *c)
{
    char date[16], id[24], org[256];
    printf("centre %" PRIu64 ": %s\n", c->id, c->name);
    if (c->address)
        print_kv("address", "%s, %s %s", c->address->street, c->address->postal_code,
                 c->address->city);
    print_kv("municipality", "%s", names_org(c->municipality_id, org, sizeof org));
    print_kv("framework", "%s", fmt_id(c->framework_id, id, sizeof id));
    if (c->established)
        print_kv("established", "%s", fmt_date(c->established, date, sizeof date));
    print_kv("prioritised area", "%s", c->prioritised_area ? "yes" : "no");
    if (*c->target_group)
        print_kv("target group", "%s", c->target_group);
    print_classification(c->classification);
    print_participations(c);
    print_people(c);
    print_contacts(c->contacts, c->n_contacts);
    return 0;
}

int print_centres(pb_centre_t *const *items, size_t n)
{
    static const char *const headers[] = {"ID", "CLASSIFICATION", "MUNICIPALITY", "FRAMEWORK",
                                          "OPERATIONS", "NAME"};
    cli_table_t *t = table_new(headers, 6);
    for (size_t i = 0; i < n && t; i++) {
        const pb_centre_t *c = items[i];
        char kind[64], muni[256], fw[24];
        table_cellf(t, "%" PRIu64, c->id);
        table_cellf(t, "%s", class_name(c->classification, kind, sizeof kind));
        table_cellf(t, "%s", names_org_short(c->municipality_id, muni, sizeof muni));
        table_cellf(t, "%s", fmt_id(c->framework_id, fw, sizeof fw));
        table_cellf(t, "%zu", c->n_participations);
        table_cellf(t, "%s", c->name);
    }
    int rc = table_print(t, stdout);
    table_destroy(&t);
    return rc;
}

int print_composition(const Fcavtal__V1__CentreComposition *comp)
{
    char date[16];
    printf("as of %s\n", fmt_date(comp->date, date, sizeof date));
    if (comp->centre && print_centre(comp->centre) != 0)
        return -1;
    printf("\noperations taking part:\n");
    if (print_operations(comp->operations, comp->n_operations) != 0)
        return -1;
    printf("\ntheir organisations:\n");
    return print_organisations(comp->organisations, comp->n_organisations);
}
