/* fcavtal op add|update|get|list: operations (BVC, BMM, öppen förskola,
 * förebyggande socialtjänst and other actors) run by an organisation. */
#include "registry.h"
#include "records.h"

static const cli_flag_t op_flags[] = {
    {"organisation", "organisation_id", FLAG_ID, "id of the principal running it"},
    {"kind", "kind", FLAG_STRING, "bhv, mhv, ofs, soc or other"},
    {"name", "name", FLAG_STRING, "name, e.g. \"BVC Vivalla\""},
    {"other-kind", "other_kind", FLAG_STRING, "for kind other: \"tandvård\", \"bibliotek\", ..."},
    {"file", NULL, FLAG_STRING, "read the record from a JSON file ('-': stdin)"},
    {0},
};

static const cli_flag_t list_flags[] = {
    {"organisation", "organisation_id", FLAG_ID, "only operations of this organisation"},
    {"kind", "kind", FLAG_STRING, "only this kind"},
    {"limit", NULL, FLAG_NUM, "stop after N (default: all, fetched page by page)"},
    {0},
};

static int op_add(cli_t *cli, const cli_args_t *a)
{
    json_t *rec = record_input(a, cli_arg(a, "file"));
    return rec ? record_add(cli, "operation", rec) : CLI_FAILED;
}

static int op_update(cli_t *cli, const cli_args_t *a)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "ID", &id) != 0)
        return CLI_USAGE;
    json_t *rec = record_input(a, cli_arg(a, "file"));
    return rec ? record_update(cli, "operation", id, rec) : CLI_FAILED;
}

static int op_get(cli_t *cli, const cli_args_t *a)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "ID", &id) != 0)
        return CLI_USAGE;
    return record_get(cli, "operation", id);
}

static int op_list(cli_t *cli, const cli_args_t *a)
{
    return record_list(cli, a, "list_operations", "operations");
}

static const cli_sub_t op_subs[] = {
    {"add", NULL, 0, "Register an operation.", op_flags, op_add},
    {"update", "ID", 1, "Change the given fields of an operation.", op_flags, op_update},
    {"get", "ID", 1, "Show one operation.", NULL, op_get},
    {"list", NULL, 0, "List operations.", list_flags, op_list},
    {0},
};

int cmd_op(cli_t *cli, int argc, char **argv)
{
    return cli_dispatch(cli, "op", op_subs, argc, argv);
}
