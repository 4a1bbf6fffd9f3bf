// What the C-client live tests share: check() prints one "ok: ..." / "FAILED: ..." line per
// expectation and counts the failures (the test's exit status), and wait_for() polls a
// condition every 10 ms for up to `ms` (the C client answers on its own threads).
#pragma once

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

namespace live {

inline int g_failures = 0;

inline void check(bool ok, const std::string& what) {
  std::printf("%s: %s\n", ok ? "ok" : "FAILED", what.c_str());
  if (!ok) ++g_failures;
}

template <typename Pred>
bool wait_for(Pred pred, int ms) {
  for (int i = 0; i < ms / 10; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return pred();
}

}  // namespace live
