/* Fault injection for the failure-path tests, compiled into test builds
 * only (FC_FAULT_INJECTION, set for Debug builds): FCAVTAL_FAULT names
 * points and the hit on which each fails once, e.g. "commit:2,reply-pack:1"
 * makes the second batch commit fail with ENOSPC and the first reply pack
 * fail as if memory ran out. In other builds fc__fault is always false and
 * costs nothing. */
#ifndef FC_CORE_FAULT_H
#define FC_CORE_FAULT_H

#include <stdbool.h>

#ifdef FC_FAULT_INJECTION
bool fc__fault(const char *point);
#else
static inline bool fc__fault(const char *point)
{
    (void)point;
    return false;
}
#endif

#endif
