// `zksim run`: headless scenario runner.
#include "app/commands.h"

namespace zk::app {

int cmd_run(const Args& args) {
  (void)args;
  return usage_error("'zksim run' is not available yet: the scenario runner has not landed");
}

}  // namespace zk::app
