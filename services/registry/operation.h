#ifndef FC_REGISTRY_OPERATION_H
#define FC_REGISTRY_OPERATION_H

#include "registry.h"

/* Validates, assigns an id to (when 0) and stores `op`, publishing an event. */
fc_status_t reg_op_save(fc_call_t *call, Fcavtal__V1__Operation *op, const char *path);

#endif
