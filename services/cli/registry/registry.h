/* The registry's commands: organisations, operations, centres, agreements
 * and import, and the text output of its replies. */
#ifndef FC_CLI_REGISTRY_H
#define FC_CLI_REGISTRY_H

#include "cli.h"
#include "fcavtal/v1/registry.pb-c.h"

typedef Fcavtal__V1__RegistryReply reg_reply_t;
typedef Fcavtal__V1__RegistryRequest reg_request_t;

int cmd_org(cli_t *cli, int argc, char **argv);
int cmd_op(cli_t *cli, int argc, char **argv);
int cmd_centre(cli_t *cli, int argc, char **argv);
int cmd_agreement(cli_t *cli, int argc, char **argv);
int cmd_import(cli_t *cli, int argc, char **argv);

/* The service table's text output and cache of names (cli_service_def_t). */
int cli_registry_print(cli_t *cli, const ProtobufCMessage *reply);
void cli_registry_clear(void);

#endif
