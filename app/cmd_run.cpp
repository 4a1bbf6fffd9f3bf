// `zksim run FILE... [--seed S] [--trace OUT.jsonl] [--junit OUT.xml] [--chrome-trace OUT.json]
// [--quiet] [--inject-bug NAME]`: parses and runs each scenario headless, prints its trace interleaved with one
// line per expectation ("FILE:LINE: expect ...: ok" or "...: FAILED: ..."), and last the
// plain line "N passed, M failed" over all files. Exit status 0 all passed, 1 an
// expectation failed, 2 a file could not be read, parsed or run (or bad usage).
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/run_output.h"
#include "sim/scenario_parser.h"
#include "sim/scenario_runner.h"
#include "sim/world.h"

namespace zk::app {
namespace {

struct RunArgs {
  std::vector<std::string> files;
  std::optional<uint64_t> seed;
  std::string trace_path, junit_path, chrome_path;
  bool quiet = false;
  InjectedBug bug = InjectedBug::kNone;
};

std::optional<std::string> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.flush();
  if (out) return true;
  fmt::print(stderr, "zksim: cannot write '{}'\n", path);
  return false;
}

// Returns an error message, or empty.
std::string parse_args(const Args& args, RunArgs& out) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& into) -> bool {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    if (a == "--quiet" || a == "-q") {
      out.quiet = true;
    } else if (a == "--seed") {
      std::string s;
      if (!value(s)) return "--seed needs a value";
      uint64_t v = 0;
      if (s.empty() || s.size() > 20) return fmt::format("bad seed '{}'", s);
      for (char c : s) {
        if (c < '0' || c > '9') return fmt::format("bad seed '{}'", s);
        const uint64_t digit = static_cast<uint64_t>(c - '0');
        if (v > (UINT64_MAX - digit) / 10) return fmt::format("bad seed '{}'", s);
        v = v * 10 + digit;
      }
      out.seed = v;
    } else if (a == "--inject-bug") {
      std::string name;
      if (!value(name)) return "--inject-bug needs a bug name";
      const auto bug = parse_injected_bug(name);
      if (!bug) return fmt::format("unknown bug '{}' for --inject-bug", name);
      out.bug = *bug;
    } else if (a == "--trace") {
      if (!value(out.trace_path)) return "--trace needs a file name";
    } else if (a == "--junit") {
      if (!value(out.junit_path)) return "--junit needs a file name";
    } else if (a == "--chrome-trace") {
      if (!value(out.chrome_path)) return "--chrome-trace needs a file name";
    } else if (a.size() > 1 && a[0] == '-') {
      return fmt::format("unknown option '{}' for 'zksim run'", a);
    } else {
      out.files.push_back(a);
    }
  }
  if (out.files.empty()) return "'zksim run' needs at least one scenario file";
  return {};
}

std::string expectation_line(const std::string& file, const sim::ExpectationResult& e) {
  if (e.passed) return fmt::format("{}:{}: {}: ok", file, e.line, e.text);
  return fmt::format("{}:{}: {}: FAILED: {}", file, e.line, e.text, e.detail);
}

// Trace lines and expectation lines in time order (an expectation follows the trace
// events recorded before it was checked).
void print_report(const sim::RunReport& r, bool quiet) {
  size_t next = 0;
  for (const auto& e : r.expectations) {
    for (; next < e.trace_index && next < r.trace.size(); ++next) {
      if (!quiet) fmt::print("{} {}\n", sim::format_time_us(r.trace[next].time_us), describe(r.trace[next]));
    }
    if (!quiet || !e.passed) fmt::print("{}\n", expectation_line(r.file_name, e));
  }
  for (; next < r.trace.size() && !quiet; ++next) {
    fmt::print("{} {}\n", sim::format_time_us(r.trace[next].time_us), describe(r.trace[next]));
  }
  if (!r.ok()) {
    std::fflush(stdout);
    fmt::print(stderr, "{}\n", r.error);
  }
}

}  // namespace

int cmd_run(const Args& args) {
  RunArgs opts;
  if (std::string err = parse_args(args, opts); !err.empty()) return usage_error(err);
  const sim::FileReader reader = [](const std::string& path) { return read_whole_file(path); };

  int status = 0;
  int passed = 0, failed = 0;
  std::vector<sim::RunReport> reports;
  std::string jsonl;
  for (const std::string& file : opts.files) {
    std::optional<std::string> text = read_whole_file(file);
    if (!text) {
      std::fflush(stdout);
      fmt::print(stderr, "{}: cannot read the file\n", file);
      status = 2;
      continue;
    }
    sim::ParseResult parsed = sim::parse_scenario(*text, file, reader);
    if (!parsed.ok()) {
      std::fflush(stdout);
      fmt::print(stderr, "{}\n", parsed.error);
      status = 2;
      continue;
    }
    if (opts.files.size() > 1 && !opts.quiet) fmt::print("== {}\n", file);
    sim::RunOptions run_options;
    run_options.record_messages = !opts.chrome_path.empty();
    run_options.injected_bug = opts.bug;
    sim::RunReport report = sim::run_scenario(parsed.scenario, opts.seed, run_options);
    print_report(report, opts.quiet);
    passed += report.passed();
    failed += report.failed();
    if (!report.ok()) status = 2;
    else if (report.failed() > 0 && status == 0) status = 1;
    jsonl += trace_jsonl(report);
    if (!opts.chrome_path.empty() && opts.files.size() == 1 && !write_file(opts.chrome_path, chrome_trace(report))) {
      status = 2;
    }
    reports.push_back(std::move(report));
  }
  if (!opts.trace_path.empty() && !write_file(opts.trace_path, jsonl)) status = 2;
  if (!opts.junit_path.empty() && !write_file(opts.junit_path, junit_xml(reports))) status = 2;
  std::fflush(stderr);
  fmt::print("{} passed, {} failed\n", passed, failed);
  return status;
}

}  // namespace zk::app
