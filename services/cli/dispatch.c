/* Subcommand dispatch shared by every command group: one table per group,
 * one pre-check path (flags, positionals, help) before any handler. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void sub_usage(const char *group, const cli_sub_t *s, FILE *out)
{
    fprintf(out, "usage: fcavtal %s %s%s%s%s\n", group, s->name, s->args ? " " : "",
            s->args ? s->args : "", s->flags && s->flags->name ? " [options]" : "");
    fprintf(out, "\n%s\n", s->summary);
    if (s->flags && s->flags->name) {
        fprintf(out, "\noptions:\n");
        fflush(out);
        cli_print_flags(s->flags);
    }
}

void cli_group_usage(const char *group, const cli_sub_t *subs, FILE *out)
{
    fprintf(out, "usage: fcavtal %s COMMAND [arguments] [options]\n\ncommands:\n", group);
    for (const cli_sub_t *s = subs; s->name; s++) {
        char left[64];
        snprintf(left, sizeof left, "%s%s%s", s->name, s->args ? " " : "",
                 s->args ? s->args : "");
        fprintf(out, "  %-28s %s\n", left, s->summary);
    }
    fprintf(out, "\n'fcavtal %s COMMAND --help' shows a command's options.\n", group);
}

static const cli_sub_t *find_sub(const cli_sub_t *subs, const char *name)
{
    for (const cli_sub_t *s = subs; s->name; s++)
        if (strcmp(s->name, name) == 0)
            return s;
    return NULL;
}

int cli_dispatch(cli_t *cli, const char *group, const cli_sub_t *subs, int argc, char **argv)
{
    if (argc < 1 || strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0 ||
        strcmp(argv[0], "help") == 0) {
        cli_group_usage(group, subs, argc < 1 ? stderr : stdout);
        return argc < 1 ? CLI_USAGE : CLI_OK;
    }
    const cli_sub_t *s = find_sub(subs, argv[0]);
    if (!s) {
        fprintf(stderr, "error: unknown command '%s %s'\n\n", group, argv[0]);
        cli_group_usage(group, subs, stderr);
        return CLI_USAGE;
    }
    cli_args_t args;
    if (cli_args_parse(argc - 1, argv + 1, s->flags, &args) != 0)
        return CLI_USAGE;
    if (args.help) {
        sub_usage(group, s, stdout);
        return CLI_OK;
    }
    if (args.n_positional != s->n_args) {
        fprintf(stderr, "error: '%s %s' takes %zu argument%s%s%s\n", group, s->name, s->n_args,
                s->n_args == 1 ? "" : "s", s->n_args ? ": " : "", s->args ? s->args : "");
        return CLI_USAGE;
    }
    return s->run(cli, &args);
}
