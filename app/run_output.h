// Output formats of `zksim run` besides the console: the trace as JSON Lines (one object
// per TraceEvent, with the rendered sentence and the structured fields), the expectations
// as a JUnit XML report, and the trace in Chrome's Trace Event Format (one track per
// server with its LOOKING/FOLLOWING/LEADING/DOWN spans). Strings are escaped properly.
// The trace formats are written event by event as the run records them (zksim run keeps
// only a window of the trace), so a long run's outputs cost no memory.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "sim/scenario/scenario_runner.h"

namespace zk::app {

std::string json_escape(const std::string& text);
std::string xml_escape(const std::string& text);

// The JSON Lines line of one trace event, ending in '\n'.
std::string trace_jsonl_line(const TraceEvent& event);
// One scenario file's <testsuite> element and its counts, built as soon as the file has
// run, so that `zksim run` keeps no report (trace included) once it is printed.
struct JunitSuite {
  std::string xml;
  int tests = 0, failures = 0, errors = 0;
};
JunitSuite junit_suite(const sim::RunReport& report);
// The whole <testsuites> document around the suites, with the totals.
std::string junit_document(const std::vector<JunitSuite>& suites);
// A Trace Event Format JSON document (pid 1, tid = server id), written as the trace is
// recorded: add() each event (it writes the instant events and the state spans an event
// ends), then finish() once with the run's messages and end time.
class ChromeTraceWriter {
 public:
  explicit ChromeTraceWriter(std::ostream& out) : out_(out) {}
  void add(const TraceEvent& event);
  void finish(const std::vector<sim::MessageRecord>& messages, int64_t end_time_us);

 private:
  struct Span {
    std::string state = "DOWN";
    int64_t since_us = 0;
  };
  void emit(const std::string& event);
  void close_span(ServerId id, int64_t now_us, const std::string& next);
  std::ostream& out_;
  bool started_ = false;
  std::map<ServerId, Span> spans_;
};

}  // namespace zk::app
