/* The notification service's commands (fcavtal deadlines, notifications,
 * calendar; docs/notify.md) and the text output of its replies. */
#ifndef FC_CLI_NOTIFY_H
#define FC_CLI_NOTIFY_H

#include "cli.h"
#include "fcavtal/v1/notify.pb-c.h"

int cmd_deadlines(cli_t *cli, int argc, char **argv);
int cmd_notifications(cli_t *cli, int argc, char **argv);
int cmd_calendar(cli_t *cli, int argc, char **argv);

/* The service table's text output of notify's replies. */
int cli_notify_print(cli_t *cli, const ProtobufCMessage *reply);

#endif
