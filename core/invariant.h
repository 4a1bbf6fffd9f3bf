// ZK_INVARIANT(cond): an assertion that stays on in every build type (NDEBUG included),
// because an invariant broken in simulation is a found bug. It aborts without I/O; the
// sanitizer or debugger shows where. Keep conditions cheap: they run in release too.
#pragma once

#include <cstdlib>

#define ZK_INVARIANT(cond)      \
  do {                          \
    if (!(cond)) [[unlikely]] { \
      std::abort();             \
    }                           \
  } while (false)
