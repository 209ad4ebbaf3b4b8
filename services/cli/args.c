/* Flag parsing for one command. Values stay pointers into argv. */
#include "args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/pbjson.h"

static const cli_flag_t *find_flag(const cli_flag_t *flags, const char *name, size_t len)
{
    for (const cli_flag_t *f = flags; f && f->name; f++)
        if (strlen(f->name) == len && strncmp(f->name, name, len) == 0)
            return f;
    return NULL;
}

/* One "--name[=value]" at argv[*i]; advances *i past a separate value. */
static int parse_flag(int argc, char **argv, int *i, const cli_flag_t *flags, cli_args_t *out)
{
    const char *name = argv[*i] + 2;
    const char *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    const cli_flag_t *f = find_flag(flags, name, len);
    if (!f) {
        fprintf(stderr, "error: unknown option --%.*s (see --help)\n", (int)len, name);
        return -1;
    }
    const char *value = NULL;
    if (f->type != FLAG_BOOL) {
        if (eq) {
            value = eq + 1;
        } else if (*i + 1 < argc) {
            value = argv[++*i];
        } else {
            fprintf(stderr, "error: option --%s needs a value\n", f->name);
            return -1;
        }
    } else if (eq) {
        fprintf(stderr, "error: option --%s takes no value\n", f->name);
        return -1;
    }
    if (out->n_given == CLI_MAX_ARGS) {
        fprintf(stderr, "error: too many options\n");
        return -1;
    }
    out->given[out->n_given++] = (cli_given_t){.flag = f, .value = value};
    return 0;
}

int cli_args_parse(int argc, char **argv, const cli_flag_t *flags, cli_args_t *out)
{
    memset(out, 0, sizeof *out);
    bool only_positional = false;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (!only_positional && strcmp(arg, "--") == 0) {
            only_positional = true;
        } else if (!only_positional && (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)) {
            out->help = true;
        } else if (!only_positional && strncmp(arg, "--", 2) == 0) {
            if (parse_flag(argc, argv, &i, flags, out) != 0)
                return -1;
        } else if (out->n_positional < CLI_MAX_ARGS) {
            out->positional[out->n_positional++] = arg;
        } else {
            fprintf(stderr, "error: too many arguments\n");
            return -1;
        }
    }
    return 0;
}

const char *cli_arg(const cli_args_t *a, const char *name)
{
    const char *value = NULL;
    for (size_t i = 0; i < a->n_given; i++)
        if (strcmp(a->given[i].flag->name, name) == 0)
            value = a->given[i].value;
    return value;
}

bool cli_arg_has(const cli_args_t *a, const char *name)
{
    for (size_t i = 0; i < a->n_given; i++)
        if (strcmp(a->given[i].flag->name, name) == 0)
            return true;
    return false;
}

int cli_parse_id(const char *text, unsigned long long *out)
{
    if (!text || *text < '0' || *text > '9')
        return -1;
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || *end)
        return -1;
    *out = v;
    return 0;
}

static json_t *id_list(const char *text)
{
    json_t *arr = json_array();
    char *copy = strdup(text);
    if (!arr || !copy)
        goto fail;
    char *save = NULL;
    for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
        unsigned long long id;
        if (cli_parse_id(tok, &id) != 0 || json_array_append_new(arr, json_integer((json_int_t)id)))
            goto fail;
    }
    free(copy);
    return arr;
fail:
    free(copy);
    json_decref(arr);
    return NULL;
}

static json_t *flag_value(const cli_given_t *g)
{
    unsigned long long id;
    char *end = NULL;
    switch (g->flag->type) {
    case FLAG_STRING:
        return json_string(g->value);
    case FLAG_ID:
    case FLAG_NUM:
        return cli_parse_id(g->value, &id) == 0 ? json_integer((json_int_t)id) : NULL;
    case FLAG_INT: {
        errno = 0;
        long long n = strtoll(g->value, &end, 10);
        return (errno == 0 && *g->value && !*end) ? json_integer(n) : NULL;
    }
    case FLAG_BOOL:
        return json_true();
    case FLAG_LIST:
        return id_list(g->value);
    case FLAG_DATE:
        return json_string(g->value);  /* checked by flag_date_ok */
    }
    return NULL;
}

/* A date flag's value exists as a date, or the reason is printed. */
static bool flag_date_ok(const cli_given_t *g)
{
    char why[256];
    if (g->flag->type != FLAG_DATE || !pbj_date_error(g->value, why, sizeof why))
        return true;
    fprintf(stderr, "error: --%s %s: %s\n", g->flag->name, *g->value ? g->value : "\"\"", why);
    return false;
}

int cli_args_to_json(const cli_args_t *a, json_t *obj)
{
    for (size_t i = 0; i < a->n_given; i++) {
        const cli_given_t *g = &a->given[i];
        if (!g->flag->key)
            continue;
        if (!flag_date_ok(g))
            return -1;
        json_t *v = flag_value(g);
        if (!v) {
            fprintf(stderr, "error: --%s: \"%s\" is not a valid %s\n", g->flag->name, g->value,
                    g->flag->type == FLAG_STRING ? "text" : "number");
            return -1;
        }
        if (json_object_set_new(obj, g->flag->key, v) != 0) {
            fprintf(stderr, "error: out of memory\n");
            return -1;
        }
    }
    return 0;
}

void cli_print_flags(const cli_flag_t *flags)
{
    for (const cli_flag_t *f = flags; f && f->name; f++) {
        char left[64];
        static const char *const metavar[] = {
            [FLAG_STRING] = " TEXT", [FLAG_ID] = " ID", [FLAG_NUM] = " N", [FLAG_INT] = " N",
            [FLAG_BOOL] = "", [FLAG_LIST] = " ID,ID,...", [FLAG_DATE] = " YYYY-MM-DD"};
        snprintf(left, sizeof left, "--%s%s", f->name, metavar[f->type]);
        printf("  %-26s %s\n", left, f->help ? f->help : "");
    }
}
