/* fcavtal centre add|update|get|list|as-of: family centres, given as JSON
 * records (participations, coordinator, steering group and staff do not fit
 * flags). */
#include <stdio.h>

#include "registry.h"
#include "fcavtal/pbjson.h"
#include "records.h"

static const cli_flag_t list_flags[] = {
    {"municipality", "municipality_id", FLAG_ID, "only centres in this municipality"},
    {"region", "region_id", FLAG_ID, "only centres in this region"},
    {"classification", "classification", FLAG_STRING,
     "familjecentral, familjecentralsliknande or not-covered"},
    {"limit", NULL, FLAG_NUM, "stop after N (default: all, fetched page by page)"},
    {0},
};

static int centre_add(cli_t *cli, const cli_args_t *a)
{
    json_t *rec = record_input(a, a->positional[0]);
    return rec ? record_add(cli, "centre", rec) : CLI_FAILED;
}

static int centre_update(cli_t *cli, const cli_args_t *a)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "ID", &id) != 0)
        return CLI_USAGE;
    json_t *rec = record_input(a, a->positional[1]);
    return rec ? record_update(cli, "centre", id, rec) : CLI_FAILED;
}

static int centre_get(cli_t *cli, const cli_args_t *a)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "ID", &id) != 0)
        return CLI_USAGE;
    return record_get(cli, "centre", id);
}

static int centre_list(cli_t *cli, const cli_args_t *a)
{
    return record_list(cli, a, "list_centres", "centres");
}

static int centre_as_of(cli_t *cli, const cli_args_t *a)
{
    json_int_t id;
    if (cli_id_arg(a->positional[0], "ID", &id) != 0)
        return CLI_USAGE;
    char why[256];
    if (pbj_date_error(a->positional[1], why, sizeof why)) {
        fprintf(stderr, "error: DATE: %s\n", why);
        return CLI_USAGE;
    }
    return cli_run(cli, "centre_as_of",
                   json_pack("{sIss}", "centre_id", id, "date", a->positional[1]));
}

static const cli_sub_t centre_subs[] = {
    {"add", "FILE", 1, "Register a centre from a JSON record (FILE '-': stdin).", NULL,
     centre_add},
    {"update", "ID FILE", 2,
     "Change a centre: the record's top-level fields replace the current ones.", NULL,
     centre_update},
    {"get", "ID", 1, "Show a centre with its classification and every rule check.", NULL,
     centre_get},
    {"list", NULL, 0, "List centres with their classification.", list_flags, centre_list},
    {"as-of", "ID DATE", 2, "The centre as it stood on DATE (YYYY-MM-DD).", NULL, centre_as_of},
    {0},
};

int cmd_centre(cli_t *cli, int argc, char **argv)
{
    return cli_dispatch(cli, "centre", centre_subs, argc, argv);
}
