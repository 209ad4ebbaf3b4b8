/* The document service's commands (fcavtal render, render list, render
 * verify) and the text output of its replies. */
#ifndef FC_CLI_RENDER_H
#define FC_CLI_RENDER_H

#include "cli.h"
#include "fcavtal/v1/render.pb-c.h"

typedef Fcavtal__V1__RenderReply render_reply_t;

int cmd_render(cli_t *cli, int argc, char **argv);

/* The service table's text output of render's replies. */
int cli_render_print(cli_t *cli, const ProtobufCMessage *reply);

/* "pdf", "html", "md". */
const char *cli_render_format_name(Fcavtal__V1__RenderFormat format);
/* One line per rendering: id, version, format, final or draft, pages,
 * bytes, date, SHA-256, suggested file name. 0 or -1. */
int cli_render_print_list(Fcavtal__V1__RenderingInfo *const *items, size_t n);

#endif
