// ZK_INVARIANT(cond): a protocol check that stays on in every build type (NDEBUG included),
// because an invariant broken in simulation is a found bug. A failed check throws
// InvariantFailure naming the file:line (relative to the source tree) and the condition.
// The world catches it around every input it hands a server, records one
// kInvariantViolated trace event naming the server and stops the run there, as it does for
// a checker's violation; anywhere else it ends the command with that one line. Keep
// conditions cheap and free of side effects: they run in release too, and a benchmark
// build that measures their cost skips them (work whose result is checked goes in
// ZK_INVARIANT_RESULT instead).
#pragma once

#include <exception>

namespace zk {

class InvariantFailure : public std::exception {
 public:
  InvariantFailure(const char* file, int line, const char* condition);
  // "core/leader.cpp:266: invariant violated: leader != nullptr"
  const char* what() const noexcept override { return message_; }
  const char* file() const { return file_; }  // relative to the source tree
  int line() const { return line_; }
  const char* condition() const { return condition_; }

 private:
  const char* file_;
  int line_;
  const char* condition_;
  char message_[512];
};

[[noreturn]] void invariant_failed(const char* file, int line, const char* condition);

// False only in `bench` builds configured with -DZKSIM_CHECKS=OFF, to measure what the
// checks cost: ZK_INVARIANT's condition is then compiled but never evaluated.
#ifdef ZKSIM_CHECKS_OFF_FOR_BENCHMARK
inline constexpr bool kChecksEvaluated = false;
#else
inline constexpr bool kChecksEvaluated = true;
#endif
}  // namespace zk

#define ZK_INVARIANT(cond)                                       \
  do {                                                           \
    if (::zk::kChecksEvaluated && !(cond)) [[unlikely]] {        \
      ::zk::invariant_failed(__FILE__, __LINE__, #cond);         \
    }                                                            \
  } while (false)

// ZK_INVARIANT_RESULT(expr): expr does work (writes a record, inserts an id) and returns
// whether it succeeded; it runs in every build, and its result is checked as an invariant.
#define ZK_INVARIANT_RESULT(expr)                                \
  do {                                                           \
    if (!(expr)) [[unlikely]] {                                  \
      ::zk::invariant_failed(__FILE__, __LINE__, #expr);         \
    }                                                            \
  } while (false)
