// Output formats of `zksim run` besides the console: the trace as JSON Lines (one object
// per TraceEvent, with the rendered sentence and the structured fields), the expectations
// as a JUnit XML report, and the trace in Chrome's Trace Event Format (one track per
// server with its LOOKING/FOLLOWING/LEADING/DOWN spans). Strings are escaped properly.
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/scenario_runner.h"

namespace zk::app {

std::string json_escape(const std::string& text);
std::string xml_escape(const std::string& text);

// One line per trace event, each ending in '\n'.
std::string trace_jsonl(const sim::RunReport& report);
// One scenario file's <testsuite> element and its counts, built as soon as the file has
// run, so that `zksim run` keeps no report (trace included) once it is printed.
struct JunitSuite {
  std::string xml;
  int tests = 0, failures = 0, errors = 0;
};
JunitSuite junit_suite(const sim::RunReport& report);
// The whole <testsuites> document around the suites, with the totals.
std::string junit_document(const std::vector<JunitSuite>& suites);
// A Trace Event Format JSON document (pid 1, tid = server id).
std::string chrome_trace(const sim::RunReport& report);

}  // namespace zk::app
