// ZK_INVARIANT(cond): an assertion that stays on in every build type (NDEBUG included),
// because an invariant broken in simulation is a found bug. It prints the file:line and the
// condition on stderr, then aborts; the sanitizer or debugger shows the stack. Keep
// conditions cheap: they run in release too.
#pragma once

#include <cstdio>
#include <cstdlib>

#define ZK_INVARIANT(cond)                                                                          \
  do {                                                                                              \
    if (!(cond)) [[unlikely]] {                                                                     \
      std::fprintf(stderr, "%s:%d: invariant violated: %s\n", __FILE__, __LINE__, #cond);         \
      std::abort();                                                                                 \
    }                                                                                               \
  } while (false)
