/* The registry benchmark (fcavtal-bench): shared declarations. */
#ifndef FC_BENCH_H
#define FC_BENCH_H

/* The raw ZeroMQ baseline, run as `fcavtal-bench --echo-server --bind EP
 * --ready-file PATH ...` (the arguments the service harness passes): a
 * ROUTER that sends every message straight back, until SIGTERM/SIGINT.
 * Returns the process exit code. */
int bench_echo_main(int argc, char **argv);

#endif
