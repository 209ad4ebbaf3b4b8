/* Text output of an import's result. */
#include <stdio.h>

#include "print.h"

int print_imported(const Fcavtal__V1__ImportResult *r)
{
    printf("imported: %u organisations created, %u reused; %u operations; %u centres; "
           "%u agreements\n", (unsigned)r->organisations_created,
           (unsigned)r->organisations_reused, (unsigned)r->operations, (unsigned)r->centres,
           (unsigned)r->agreements);
    return 0;
}
