// The zksim subcommands. Each takes the arguments after its own name and returns the
// process exit status (0 ok, 1 a check failed, 2 bad usage or input). main() dispatches.
#pragma once

#include <string>
#include <vector>

namespace zk::app {

using Args = std::vector<std::string>;

int cmd_gui(const Args& args);
int cmd_run(const Args& args);
int cmd_bench(const Args& args);
int cmd_fuzz(const Args& args);
int cmd_fuzz_merge(const Args& args);  // `zksim fuzz merge FILE|DIR...`
int cmd_serve(const Args& args);  // live mode: real clients over the wire protocol
int cmd_inspect(const Args& args);
int run_bench_cluster(const Args& args);
int run_bench_timetravel(const Args& args);  // GUI builds only

// Prints "zksim: <message>" and a hint to stderr; returns 2 for convenience.
int usage_error(const std::string& message);

}  // namespace zk::app
