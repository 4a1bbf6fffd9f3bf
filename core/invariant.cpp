// InvariantFailure: the one-line report of a failed ZK_INVARIANT, with the file named
// relative to the source tree so that a trace that carries it is the same on every machine.
#include "core/invariant.h"

#include <cstdio>
#include <cstring>

namespace zk {
namespace {

// __FILE__ is the path the compiler was given: absolute in a CMake build (which passes the
// source tree's path as ZKSIM_SOURCE_TREE for this file alone), or relative to the build
// folder when ccache rewrites paths under its base_dir ("../../core/leader.cpp").
const char* relative_to_source_tree(const char* file) {
#ifdef ZKSIM_SOURCE_TREE
  const size_t root_length = std::strlen(ZKSIM_SOURCE_TREE);
  if (std::strncmp(file, ZKSIM_SOURCE_TREE, root_length) == 0 && file[root_length] == '/') return file + root_length + 1;
#endif
  for (;;) {
    if (std::strncmp(file, "../", 3) == 0) {
      file += 3;
    } else if (std::strncmp(file, "./", 2) == 0) {
      file += 2;
    } else {
      return file;
    }
  }
}

}  // namespace

InvariantFailure::InvariantFailure(const char* file, int line, const char* condition)
    : file_(relative_to_source_tree(file)), line_(line), condition_(condition) {
  std::snprintf(message_, sizeof message_, "%s:%d: invariant violated: %s", file_, line_, condition_);
}

void invariant_failed(const char* file, int line, const char* condition) {
  throw InvariantFailure(file, line, condition);
}

}  // namespace zk
