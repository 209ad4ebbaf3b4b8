/* Enum values as short lowercase names: the value name without the prefix
 * every value of the enum shares (ORG_KIND_REGION -> "region"). */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The prefix every value name shares, cut after its last '_'
 * ("ORG_KIND_"); empty when the values share none ("OK", "CANCELLED"). */
static size_t enum_prefix_len(const ProtobufCEnumDescriptor *desc)
{
    if (desc->n_values < 2)
        return 0;
    const char *first = desc->values[0].name;
    size_t len = strlen(first);
    for (unsigned i = 1; i < desc->n_values; i++) {
        const char *name = desc->values[i].name;
        size_t k = 0;
        while (k < len && first[k] == name[k])
            k++;
        len = k;
    }
    while (len > 0 && first[len - 1] != '_')
        len--;
    return len;
}

const char *pbj_enum_name(const ProtobufCEnumDescriptor *desc, int value, char *buf, size_t n)
{
    const ProtobufCEnumValue *v = protobuf_c_enum_descriptor_get_value(desc, value);
    if (!v) {
        snprintf(buf, n, "%d", value);
        return buf;
    }
    const char *s = v->name + enum_prefix_len(desc);
    size_t i = 0;
    for (; s[i] && i + 1 < n; i++)
        buf[i] = (char)tolower((unsigned char)s[i]);
    if (n > 0)
        buf[i] = '\0';
    return buf;
}

/* Uppercase with '-' and ' ' as '_', so "out-for-signature" matches. */
static void enum_normalise(const char *text, char *out, size_t n)
{
    size_t i = 0;
    for (; text[i] && i + 1 < n; i++) {
        char ch = text[i];
        out[i] = (ch == '-' || ch == ' ') ? '_' : (char)toupper((unsigned char)ch);
    }
    out[i] = '\0';
}

static int parse_int(const char *text, long long *out)
{
    char *end = NULL;
    if (!*text)
        return -1;
    long long v = strtoll(text, &end, 10);
    if (*end)
        return -1;
    *out = v;
    return 0;
}

int pbj_enum_parse(const ProtobufCEnumDescriptor *desc, const char *text, int *value)
{
    char norm[128];
    if (strlen(text) >= sizeof norm)
        return -1;  /* longer than any value name: cut, it could match one */
    enum_normalise(text, norm, sizeof norm);
    size_t prefix = enum_prefix_len(desc);
    for (unsigned i = 0; i < desc->n_values; i++) {
        const char *name = desc->values[i].name;
        if (strcmp(name, norm) == 0 || strcmp(name + prefix, norm) == 0) {
            *value = desc->values[i].value;
            return 0;
        }
    }
    long long num;
    if (parse_int(text, &num) == 0 && num >= INT_MIN && num <= INT_MAX &&
        protobuf_c_enum_descriptor_get_value(desc, (int)num)) {
        *value = (int)num;
        return 0;
    }
    return -1;
}

const char *pbj_enum_choices(const ProtobufCEnumDescriptor *desc, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (unsigned i = 0; i < desc->n_values && used < n; i++) {
        if (desc->values[i].value == 0)
            continue;  /* "unspecified" is never a useful choice */
        char name[64];
        pbj_enum_name(desc, desc->values[i].value, name, sizeof name);
        int w = snprintf(buf + used, n - used, "%s%s", used ? ", " : "", name);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    return buf;
}
