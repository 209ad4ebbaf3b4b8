#include "case_json.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static json_t *date_json(const Fcavtal__V1__Date *d)
{
    if (!d)
        return json_null();
    char buf[32];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->year, d->month, d->day);
    return json_string(buf);
}

static json_t *enum_json(const ProtobufCEnumDescriptor *desc, int value)
{
    const ProtobufCEnumValue *v = protobuf_c_enum_descriptor_get_value(desc, value);
    return v ? json_string(v->name) : json_integer(value);
}

static json_t *parties_json(const Fcavtal__V1__CaseNotification *n)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < n->n_parties; i++) {
        const Fcavtal__V1__CaseParty *p = n->parties[i];
        json_array_append_new(list, json_pack("{s:s, s:s?}", "name", p->name, "org_number",
                                              p->org_number ? p->org_number->value : NULL));
    }
    return list;
}

static json_t *lead_json(const Fcavtal__V1__LeadTime *l)
{
    if (!l)
        return json_null();
    return json_pack("{s:I, s:I, s:s}", "months", (json_int_t)l->months, "days", (json_int_t)l->days,
                     "text", l->text);
}

static json_t *received_json(int64_t ms)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    char buf[40];
    if (!gmtime_r(&t, &tm))
        return json_null();
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    size_t used = strlen(buf);
    snprintf(buf + used, sizeof buf - used, ".%03dZ", (int)(ms % 1000));
    return json_string(buf);
}

char *ntf_case_json(const Fcavtal__V1__CaseNotification *n, int64_t received_unix_ms)
{
    /* "o" steals each value; a NULL from an allocation failure makes
     * json_pack fail as a whole. */
    json_t *obj = json_pack(
        "{s:s, s:o, s:s, s:o, s:s, s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:s, s:s, s:o, s:b, "
        "s:o, s:o}",
        "notification_id", n->notification_id,
        "contract_version", enum_json(&fcavtal__v1__case_feed_version__descriptor, (int)n->contract_version),
        "deadline_key", n->deadline_key,
        "kind", enum_json(&fcavtal__v1__deadline_kind__descriptor, (int)n->kind),
        "kind_text", n->kind_text,
        "agreement_id", (json_int_t)n->agreement_id,
        "agreement_title", n->agreement_title,
        "case_number", n->case_number,
        "centre_name", n->centre_name,
        "parties", parties_json(n),
        "nominal_date", date_json(n->nominal_date),
        "safe_day", date_json(n->safe_day),
        "moved_reason", n->moved_reason,
        "rule_text", n->rule_text,
        "rule_source", n->rule_source,
        "lead", lead_json(n->lead),
        "late", (int)n->late,
        "sent_on", date_json(n->sent_on),
        "received_at", received_json(received_unix_ms));
    if (!obj)
        return NULL;
    char *text = json_dumps(obj, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(obj);
    if (!text)
        return NULL;
    size_t len = strlen(text);
    char *out = realloc(text, len + 2);
    if (!out) {
        free(text);
        return NULL;
    }
    out[len] = '\n';
    out[len + 1] = '\0';
    return out;
}
