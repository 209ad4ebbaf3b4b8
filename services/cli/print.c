/* Text output: which printer a reply body needs, and the small formatters
 * every printer shares. */
#include "print.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbjson.h"

#define KEY_WIDTH 18

void print_kv(const char *key, const char *fmt, ...)
{
    char label[64];
    snprintf(label, sizeof label, "%s:", key);
    printf("  %-*s ", KEY_WIDTH, label);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

void print_contacts(Fcavtal__V1__Contact *const *contacts, size_t n)
{
    if (n == 0)
        return;
    printf("  contacts:\n");
    for (size_t i = 0; i < n; i++) {
        const Fcavtal__V1__Contact *c = contacts[i];
        printf("    - %s", c->name);
        if (*c->email)
            printf(" <%s>", c->email);
        if (*c->phone)
            printf(", %s", c->phone);
        if (*c->role)
            printf(" (%s)", c->role);
        putchar('\n');
    }
}

const char *fmt_date(const Fcavtal__V1__Date *d, char *buf, size_t n)
{
    if (!d)
        snprintf(buf, n, "%s", "");
    else
        snprintf(buf, n, "%04d-%02d-%02d", (int)d->year, (int)d->month, (int)d->day);
    return buf;
}

const char *fmt_enum(const ProtobufCEnumDescriptor *e, int value, char *buf, size_t n)
{
    pbj_enum_name(e, value, buf, n);
    for (char *p = buf; *p; p++)
        if (*p == '_')
            *p = ' ';
    return buf;
}

/* Swedish style: space-grouped kronor, comma, öre. */
const char *fmt_money(int64_t ore, char *buf, size_t n)
{
    uint64_t abs = ore < 0 ? (uint64_t)0 - (uint64_t)ore : (uint64_t)ore;
    char digits[32];
    snprintf(digits, sizeof digits, "%" PRIu64, abs / 100);
    char grouped[48];
    size_t len = strlen(digits), out = 0;
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            grouped[out++] = ' ';
        grouped[out++] = digits[i];
    }
    grouped[out] = '\0';
    snprintf(buf, n, "%s%s,%02u kr", ore < 0 ? "-" : "", grouped, (unsigned)(abs % 100));
    return buf;
}

const char *fmt_fte(int32_t permille, char *buf, size_t n)
{
    snprintf(buf, n, "%d.%02d", (int)(permille / 1000), (int)((permille % 1000) / 10));
    return buf;
}

const char *fmt_id(uint64_t id, char *buf, size_t n)
{
    if (id == 0)
        snprintf(buf, n, "%s", "");
    else
        snprintf(buf, n, "%" PRIu64, id);
    return buf;
}

static int print_today(const Fcavtal__V1__Date *d)
{
    char date[16];
    printf("%s\n", fmt_date(d, date, sizeof date));
    return 0;
}

int print_reply(const Fcavtal__V1__RegistryReply *r)
{
    int rc = 0;
    switch (r->body_case) {
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_ORGANISATION:
        rc = print_organisation(r->organisation); break;
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_ORGANISATIONS:
        rc = print_organisations(r->organisations->items, r->organisations->n_items); break;
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_OPERATION:
        rc = print_operation(r->operation); break;
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_OPERATIONS:
        rc = print_operations(r->operations->items, r->operations->n_items); break;
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_CENTRE:
        rc = print_centre(r->centre); break;
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_CENTRES:
        rc = print_centres(r->centres->items, r->centres->n_items); break;
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_COMPOSITION:
        rc = print_composition(r->composition); break;
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_AGREEMENT:
        rc = print_agreement(r->agreement); break;
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_AGREEMENTS:
        rc = print_agreements(r->agreements->items, r->agreements->n_items); break;
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_HISTORY:
        rc = print_history(r->history); break;
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_AUDIT:
        rc = print_audit(r->audit); break;
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_SNAPSHOT:
        rc = print_snapshot(r->snapshot); break;
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_IMPORTED:
        rc = print_imported(r->imported); break;
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_TODAY:
        rc = print_today(r->today); break;
    default:
        printf("ok\n");
        break;
    }
    if (rc != 0 || fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "error: cannot write the output\n");
        return -1;
    }
    return 0;
}
