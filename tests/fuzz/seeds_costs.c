/* Writes the costs fuzzer's seed corpus: one request per body. */
#include <stdio.h>

#include "fcavtal/v1/costs.pb-c.h"
#include "seeds_common.h"

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    int n = fuzz_write_body_seeds(&fcavtal__v1__costs_request__descriptor, argv[1]);
    printf("%d seeds in %s\n", n, argv[1]);
    return n > 0 ? 0 : 1;
}
