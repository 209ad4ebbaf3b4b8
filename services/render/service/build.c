#include "build.h"

#include <stdarg.h>
#include <stdio.h>

#include "domain_view.h"

void rsv_set(rsv_build_t *b, rnd_value_t *map, const char *key, const char *text)
{
    if (!map || rnd_map_set_text(map, key, text ? text : "") != FC_OK)
        b->failed = true;
}

void rsv_setf(rsv_build_t *b, rnd_value_t *map, const char *key, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof buf)
        b->failed = true;   /* never cut a value: the document would say less than the data */
    else
        rsv_set(b, map, key, buf);
}

void rsv_set_date(rsv_build_t *b, rnd_value_t *map, const char *key, const Fcavtal__V1__Date *d)
{
    fc_date_t date;
    char buf[FC_DATE_STRLEN];
    rsv_set(b, map, key, fc_date_from_pb(d, &date) ? rnd_format_date(date, buf, sizeof buf) : "");
}

void rsv_set_money(rsv_build_t *b, rnd_value_t *map, const char *key, int64_t ore)
{
    char buf[64];
    rsv_set(b, map, key, rnd_format_money(ore, buf, sizeof buf));
}

void rsv_set_fte(rsv_build_t *b, rnd_value_t *map, const char *key, int32_t permille)
{
    char buf[32];
    rsv_set(b, map, key, permille > 0 ? rnd_format_permille(permille, buf, sizeof buf) : "");
}

rnd_value_t *rsv_map(rsv_build_t *b, rnd_value_t *parent, const char *key)
{
    rnd_value_t *m = parent ? rnd_map_add_map(parent, key) : NULL;
    if (!m)
        b->failed = true;
    return m;
}

rnd_value_t *rsv_list(rsv_build_t *b, rnd_value_t *parent, const char *key)
{
    rnd_value_t *l = parent ? rnd_map_add_list(parent, key) : NULL;
    if (!l)
        b->failed = true;
    return l;
}

rnd_value_t *rsv_item(rsv_build_t *b, rnd_value_t *list)
{
    rnd_value_t *m = list ? rnd_list_add_map(list) : NULL;
    if (!m)
        b->failed = true;
    return m;
}

void rsv_append(rsv_build_t *b, rnd_value_t *list, const char *text)
{
    if (!list || rnd_list_append_text(list, text) != FC_OK)
        b->failed = true;
}
