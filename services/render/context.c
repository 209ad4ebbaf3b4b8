/* The template context tree (render_context.h). */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "fcavtal/render_context.h"

#define KEY_MAX 63

struct rnd_value {
    rnd_kind_t kind;
    char *text;             /* RND_TEXT */
    rnd_value_t **items;    /* RND_LIST items, RND_MAP values */
    char **keys;            /* RND_MAP keys, parallel to items */
    size_t count, cap;
};

static rnd_value_t *value_new(rnd_kind_t kind)
{
    rnd_value_t *v = calloc(1, sizeof *v);
    if (v)
        v->kind = kind;
    return v;
}

rnd_value_t *rnd_map_new(void) { return value_new(RND_MAP); }
rnd_value_t *rnd_list_new(void) { return value_new(RND_LIST); }

rnd_value_t *rnd_text_new(const char *text)
{
    if (!text || !g_utf8_validate(text, -1, NULL))
        return NULL;
    rnd_value_t *v = value_new(RND_TEXT);
    if (!v)
        return NULL;
    v->text = strdup(text);
    if (!v->text) {
        free(v);
        return NULL;
    }
    return v;
}

void rnd_value_destroy(rnd_value_t **value_p)
{
    if (!value_p || !*value_p)
        return;
    rnd_value_t *v = *value_p;
    for (size_t i = 0; i < v->count; i++) {
        rnd_value_destroy(&v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->text);
    free(v);
    *value_p = NULL;
}

rnd_kind_t rnd_value_kind(const rnd_value_t *value) { return value->kind; }

const char *rnd_value_text(const rnd_value_t *value)
{
    return value && value->kind == RND_TEXT ? value->text : NULL;
}

size_t rnd_value_count(const rnd_value_t *value)
{
    return value && value->kind != RND_TEXT ? value->count : 0;
}

const rnd_value_t *rnd_value_at(const rnd_value_t *value, size_t i)
{
    if (!value || value->kind == RND_TEXT || i >= value->count)
        return NULL;
    return value->items[i];
}

const char *rnd_map_key_at(const rnd_value_t *map, size_t i)
{
    if (!map || map->kind != RND_MAP || i >= map->count)
        return NULL;
    return map->keys[i];
}

static bool key_valid(const char *key)
{
    size_t n = key ? strlen(key) : 0;
    if (n == 0 || n > KEY_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = key[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

static long map_index(const rnd_value_t *map, const char *key, size_t key_len)
{
    for (size_t i = 0; i < map->count; i++)
        if (strncmp(map->keys[i], key, key_len) == 0 && map->keys[i][key_len] == '\0')
            return (long)i;
    return -1;
}

const rnd_value_t *rnd_map_get(const rnd_value_t *map, const char *key)
{
    if (!map || map->kind != RND_MAP || !key)
        return NULL;
    long i = map_index(map, key, strlen(key));
    return i < 0 ? NULL : map->items[i];
}

const rnd_value_t *rnd_value_find(const rnd_value_t *root, const char *path)
{
    const rnd_value_t *v = root;
    const char *p = path;
    while (v && p && *p) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        if (v->kind != RND_MAP)
            return NULL;
        long i = map_index(v, p, n);
        if (i < 0)
            return NULL;
        v = v->items[i];
        p = dot ? dot + 1 : NULL;
    }
    return v;
}

static fc_status_t grow(rnd_value_t *v)
{
    if (v->count < v->cap)
        return FC_OK;
    size_t cap = v->cap ? v->cap * 2 : 4;
    rnd_value_t **items = realloc(v->items, cap * sizeof *items);
    if (!items)
        return FC_RESOURCE_EXHAUSTED;
    v->items = items;
    if (v->kind == RND_MAP) {
        char **keys = realloc(v->keys, cap * sizeof *keys);
        if (!keys)
            return FC_RESOURCE_EXHAUSTED;
        v->keys = keys;
    }
    v->cap = cap;
    return FC_OK;
}

fc_status_t rnd_map_set(rnd_value_t *map, const char *key, rnd_value_t **value_p)
{
    if (!map || map->kind != RND_MAP || !key_valid(key) || !value_p || !*value_p)
        return FC_INVALID_ARGUMENT;
    long i = map_index(map, key, strlen(key));
    if (i >= 0) {
        rnd_value_destroy(&map->items[i]);
        map->items[i] = *value_p;
        *value_p = NULL;
        return FC_OK;
    }
    if (grow(map) != FC_OK)
        return FC_RESOURCE_EXHAUSTED;
    char *k = strdup(key);
    if (!k)
        return FC_RESOURCE_EXHAUSTED;
    map->keys[map->count] = k;
    map->items[map->count++] = *value_p;
    *value_p = NULL;
    return FC_OK;
}

fc_status_t rnd_map_set_text(rnd_value_t *map, const char *key, const char *text)
{
    if (!text || !g_utf8_validate(text, -1, NULL))
        return FC_INVALID_ARGUMENT;
    rnd_value_t *v = rnd_text_new(text);
    if (!v)
        return FC_RESOURCE_EXHAUSTED;
    fc_status_t st = rnd_map_set(map, key, &v);
    rnd_value_destroy(&v);
    return st;
}

fc_status_t rnd_list_append(rnd_value_t *list, rnd_value_t **value_p)
{
    if (!list || list->kind != RND_LIST || !value_p || !*value_p)
        return FC_INVALID_ARGUMENT;
    if (grow(list) != FC_OK)
        return FC_RESOURCE_EXHAUSTED;
    list->items[list->count++] = *value_p;
    *value_p = NULL;
    return FC_OK;
}

fc_status_t rnd_list_append_text(rnd_value_t *list, const char *text)
{
    if (!text || !g_utf8_validate(text, -1, NULL))
        return FC_INVALID_ARGUMENT;
    rnd_value_t *v = rnd_text_new(text);
    if (!v)
        return FC_RESOURCE_EXHAUSTED;
    fc_status_t st = rnd_list_append(list, &v);
    rnd_value_destroy(&v);
    return st;
}

static rnd_value_t *map_add(rnd_value_t *map, const char *key, rnd_value_t *child)
{
    rnd_value_t *borrowed = child;
    if (!child || rnd_map_set(map, key, &child) != FC_OK) {
        rnd_value_destroy(&child);
        return NULL;
    }
    return borrowed;
}

rnd_value_t *rnd_map_add_map(rnd_value_t *map, const char *key)
{
    return map_add(map, key, rnd_map_new());
}

rnd_value_t *rnd_map_add_list(rnd_value_t *map, const char *key)
{
    return map_add(map, key, rnd_list_new());
}

rnd_value_t *rnd_list_add_map(rnd_value_t *list)
{
    rnd_value_t *child = rnd_map_new();
    rnd_value_t *borrowed = child;
    if (!child || rnd_list_append(list, &child) != FC_OK) {
        rnd_value_destroy(&child);
        return NULL;
    }
    return borrowed;
}
