// Output formats of `zksim run` besides the console: the trace as JSON Lines (one object
// per TraceEvent, with the rendered sentence and the structured fields), the expectations
// as a JUnit XML report, and the trace in Chrome's Trace Event Format (one track per
// server with its LOOKING/FOLLOWING/LEADING/DOWN spans). Strings are escaped properly.
#pragma once

#include <string>
#include <vector>

#include "sim/scenario_runner.h"

namespace zk::app {

std::string json_escape(const std::string& text);
std::string xml_escape(const std::string& text);

// One line per trace event, each ending in '\n'.
std::string trace_jsonl(const sim::RunReport& report);
// A whole <testsuites> document for all reports.
std::string junit_xml(const std::vector<sim::RunReport>& reports);
// A Trace Event Format JSON document (pid 1, tid = server id).
std::string chrome_trace(const sim::RunReport& report);

}  // namespace zk::app
