/* fcavtal org add|update|get|list: organisations (regions, municipalities,
 * companies), simple enough to give by flags. */
#include <stdio.h>
#include <string.h>

#include "registry.h"
#include "records.h"

static const cli_flag_t org_flags[] = {
    {"name", "name", FLAG_STRING, "name, e.g. \"Örebro kommun\""},
    {"org-number", "org_number", FLAG_STRING, "organisation number NNNNNN-NNNN"},
    {"kind", "kind", FLAG_STRING, "region, municipality, company or other"},
    {"region", "region_id", FLAG_ID, "id of the region a municipality or company is in"},
    {"contact", NULL, FLAG_STRING, "\"name;email;phone;role\" (repeatable; replaces all)"},
    {"file", NULL, FLAG_STRING, "read the record from a JSON file ('-': stdin)"},
    {0},
};

static const cli_flag_t list_flags[] = {
    {"kind", "kind", FLAG_STRING, "only this kind"},
    {"region", "region_id", FLAG_ID, "only organisations in this region"},
    {"limit", NULL, FLAG_NUM, "stop after N (default: all, fetched page by page)"},
    {0},
};

/* "Anna Berg;anna.berg@orebro.se;019-21 10 00;samordnare" */
static json_t *parse_contact(const char *text)
{
    static const char *const keys[] = {"name", "email", "phone", "role"};
    json_t *c = json_object();
    const char *p = text;
    for (size_t i = 0; c && i < 4 && p; i++) {
        const char *semi = strchr(p, ';');
        size_t len = semi ? (size_t)(semi - p) : strlen(p);
        if (len > 0 && json_object_set_new(c, keys[i], json_stringn(p, len)) != 0) {
            json_decref(c);
            return NULL;
        }
        p = semi ? semi + 1 : NULL;
    }
    return c;
}

static int add_contacts(const cli_args_t *a, json_t *rec)
{
    if (!cli_arg_has(a, "contact"))
        return 0;
    json_t *list = json_array();
    if (!list || json_object_set_new(rec, "contacts", list) != 0)
        return -1;
    for (size_t i = 0; i < a->n_given; i++) {
        if (strcmp(a->given[i].flag->name, "contact") != 0)
            continue;
        if (json_array_append_new(list, parse_contact(a->given[i].value)) != 0)
            return -1;
    }
    return 0;
}

static json_t *org_input(const cli_args_t *a)
{
    json_t *rec = record_input(a, cli_arg(a, "file"));
    if (rec && add_contacts(a, rec) != 0) {
        fprintf(stderr, "error: out of memory\n");
        json_decref(rec);
        return NULL;
    }
    return rec;
}

static int org_add(cli_t *cli, const cli_args_t *a)
{
    json_t *rec = org_input(a);
    return rec ? record_add(cli, "organisation", rec) : CLI_FAILED;
}

static int org_update(cli_t *cli, const cli_args_t *a)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "ID", &id) != 0)
        return CLI_USAGE;
    json_t *rec = org_input(a);
    return rec ? record_update(cli, "organisation", id, rec) : CLI_FAILED;
}

static int org_get(cli_t *cli, const cli_args_t *a)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "ID", &id) != 0)
        return CLI_USAGE;
    return record_get(cli, "organisation", id);
}

static int org_list(cli_t *cli, const cli_args_t *a)
{
    return record_list(cli, a, "list_organisations", "organisations");
}

static const cli_sub_t org_subs[] = {
    {"add", NULL, 0, "Register an organisation.", org_flags, org_add},
    {"update", "ID", 1, "Change the given fields of an organisation.", org_flags, org_update},
    {"get", "ID", 1, "Show one organisation.", NULL, org_get},
    {"list", NULL, 0, "List organisations.", list_flags, org_list},
    {0},
};

int cmd_org(cli_t *cli, int argc, char **argv)
{
    return cli_dispatch(cli, "org", org_subs, argc, argv);
}
