// `zksim run FILE... [--seed S] [--trace OUT.jsonl] [--junit OUT.xml] [--chrome-trace OUT.json]
// [--quiet] [--inject-bug NAME] [--save-disks OUT]`: parses and runs each scenario headless, prints its trace interleaved with one
// line per expectation ("FILE:LINE: expect ...: ok" or "...: FAILED: ..."), and last the
// plain line "N passed, M failed" over all files. Exit status 0 all passed, 1 an
// expectation failed, 2 a file could not be read, parsed or run (or bad usage).
#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "app/cli_numbers.h"
#include "app/commands.h"
#include "app/run_output.h"
#include "sim/scenario/scenario_parser.h"
#include "sim/datadir/data_dir_writer.h"
#include "sim/scenario/scenario_runner.h"
#include "sim/text/text_file.h"
#include "sim/text/text_words.h"
#include "sim/world/world.h"

namespace zk::app {
namespace {

struct RunArgs {
  std::vector<std::string> files;
  std::optional<uint64_t> seed;
  std::string trace_path, junit_path, chrome_path;
  std::string save_disks_dir;  // --save-disks OUT: OUT/server<ID>/ as ZooKeeper dataDirs
  bool quiet = false;
  InjectedBug bug = InjectedBug::kNone;
};

// Returns an error message, or empty.
std::string parse_args(const Args& args, RunArgs& out) {
  bool chrome_given = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& into) -> bool {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    // An output file option: a value is required and must not be empty.
    auto file_value = [&](std::string& into) -> std::string {
      if (!value(into)) return a + " needs a file name";
      if (into.empty()) return a + " needs a file name, saw ''";
      return {};
    };
    if (a == "--quiet" || a == "-q") {
      out.quiet = true;
    } else if (a == "--seed") {
      std::string s;
      if (!value(s)) return "--seed needs a value";
      uint64_t v = 0;
      if (auto e = parse_number_option(a, s, 0, UINT64_MAX, v); !e.empty()) return e;
      out.seed = v;
    } else if (a == "--inject-bug") {
      std::string name;
      if (!value(name)) return "--inject-bug needs a bug name";
      const auto bug = parse_injected_bug(name);
      if (!bug) return fmt::format("unknown bug '{}' for --inject-bug", sim::word_for_message(name));
      out.bug = *bug;
    } else if (a == "--trace") {
      if (auto e = file_value(out.trace_path); !e.empty()) return e;
    } else if (a == "--junit") {
      if (auto e = file_value(out.junit_path); !e.empty()) return e;
    } else if (a == "--chrome-trace") {
      if (auto e = file_value(out.chrome_path); !e.empty()) return e;
      chrome_given = true;
    } else if (a == "--save-disks") {
      if (!value(out.save_disks_dir) || out.save_disks_dir.empty()) return "--save-disks needs a directory";
    } else if (a.size() > 1 && a[0] == '-') {
      return fmt::format("unknown option '{}' for 'zksim run'", sim::word_for_message(a));
    } else {
      out.files.push_back(a);
    }
  }
  if (out.files.empty()) return "'zksim run' needs at least one scenario file";
  if (!out.save_disks_dir.empty() && out.files.size() > 1) return "--save-disks takes one scenario file";
  if (chrome_given && out.files.size() > 1) {
    return fmt::format("--chrome-trace takes a single scenario file, saw {} files", out.files.size());
  }
  return {};
}

// An output file, created (emptied) before anything runs so that a path that cannot be
// written is reported at once, with exit status 2.
struct OutputFile {
  std::string option, path;
  std::ofstream stream;

  std::string open() {
    if (path.empty()) return {};
    errno = 0;
    stream.open(path, std::ios::binary | std::ios::trunc);
    if (stream) return {};
    return fmt::format("{}: cannot write '{}': {}", option, sim::word_for_message(path),
                       errno ? std::strerror(errno) : "cannot open the file");
  }
  bool wanted() const { return !path.empty(); }
  // Reports a failed write once; false when the file is now bad.
  bool check() {
    if (!wanted() || stream) return true;
    fmt::print(stderr, "zksim: {}: writing '{}' failed\n", option, path);
    path.clear();
    return false;
  }
};

std::string expectation_line(const std::string& file, const sim::ExpectationResult& e) {
  if (e.passed) return fmt::format("{}:{}: {}: ok", file, e.line, e.text);
  return fmt::format("{}:{}: {}: FAILED: {}", file, e.line, e.text, e.detail);
}

void print_trace_line(const TraceEvent& event) {
  fmt::print("{} {}\n", sim::format_time_us(event.time_us), sim::escape_for_message(describe(event)));
}

void print_expectation_line(const std::string& file, const sim::ExpectationResult& e, bool quiet) {
  if (!quiet || !e.passed) fmt::print("{}\n", sim::escape_for_message(expectation_line(file, e)));
}

}  // namespace

int cmd_run(const Args& args) {
  RunArgs opts;
  if (std::string err = parse_args(args, opts); !err.empty()) return usage_error(err);
  OutputFile trace_out{"--trace", opts.trace_path, {}};
  OutputFile junit_out{"--junit", opts.junit_path, {}};
  OutputFile chrome_out{"--chrome-trace", opts.chrome_path, {}};
  for (OutputFile* out : {&trace_out, &junit_out, &chrome_out}) {
    if (auto e = out->open(); !e.empty()) return usage_error(e);
  }
  const sim::FileReader reader = [](const std::string& path) { return sim::read_text_file(path); };

  int status = 0;
  int passed = 0, failed = 0;
  std::vector<JunitSuite> junit_suites;  // small: one line per expectation
  for (const std::string& file : opts.files) {
    const sim::FileText text = sim::read_text_file(file);
    if (!text.ok()) {
      std::fflush(stdout);
      fmt::print(stderr, "{}\n", sim::escape_for_message(fmt::format("{}: {}", file, text.error)));
      status = 2;
      continue;
    }
    sim::ParseResult parsed = sim::parse_scenario(text.text, file, reader);
    std::fflush(stdout);
    for (const std::string& warning : parsed.warnings) fmt::print(stderr, "{}\n", sim::escape_for_message(warning));
    if (!parsed.ok()) {
      fmt::print(stderr, "{}\n", sim::escape_for_message(parsed.error));
      status = 2;
      continue;
    }
    if (opts.files.size() > 1 && !opts.quiet) fmt::print("== {}\n", sim::escape_for_message(file));
    sim::RunOptions run_options;
    run_options.record_messages = chrome_out.wanted();
    // Trace lines, expectation lines and the trace files are written as the run goes, in
    // time order (an expectation after the events recorded before it was checked); the
    // world keeps only a window of the trace.
    std::optional<ChromeTraceWriter> chrome;
    if (chrome_out.wanted()) chrome.emplace(chrome_out.stream);
    run_options.keep_trace = false;
    run_options.trace_window = sim::World::kHeadlessTraceWindow;
    run_options.history_fold_ops = sim::World::kHeadlessHistoryFoldOps;
    run_options.on_trace = [&](const TraceEvent& event) {
      if (!opts.quiet) print_trace_line(event);
      if (trace_out.wanted()) trace_out.stream << trace_jsonl_line(event);
      if (chrome) chrome->add(event);
    };
    run_options.on_expectation = [&](const sim::ExpectationResult& e) {
      print_expectation_line(parsed.scenario.file_name, e, opts.quiet);
    };
    run_options.injected_bug = opts.bug;
    std::string save_error;
    if (!opts.save_disks_dir.empty()) {
      // Each server's durable disk at the end (what survives if every process stops now).
      run_options.inspect_world = [&](const sim::World& world) {
        for (int id = 1; id <= world.server_count() && save_error.empty(); ++id) {
          const std::string dir = fmt::format("{}/server{}", opts.save_disks_dir, id);
          if (auto e = sim::datadir::write_server_dir(dir, id, world.slot(id).disk.durable())) save_error = e->line();
        }
      };
    }
    const sim::RunReport report = sim::run_scenario(parsed.scenario, opts.seed, run_options);
    if (!report.ok()) {
      std::fflush(stdout);
      fmt::print(stderr, "{}\n", sim::escape_for_message(report.error));
    }
    passed += report.passed();
    failed += report.failed();
    if (!report.ok()) status = 2;
    else if (report.failed() > 0 && status == 0) status = 1;
    // Each file's report is dropped once its outputs are written.
    if (chrome) chrome->finish(report.messages, report.end_time_us);
    if (junit_out.wanted()) junit_suites.push_back(junit_suite(report));
    if (!trace_out.check() || !chrome_out.check()) status = 2;
    if (!save_error.empty()) {
      fmt::print(stderr, "--save-disks: {}\n", sim::escape_for_message(save_error));
      status = 2;
    }
  }
  if (junit_out.wanted()) junit_out.stream << junit_document(junit_suites);
  for (OutputFile* out : {&trace_out, &junit_out, &chrome_out}) {
    if (out->wanted()) out->stream.flush();
    if (!out->check()) status = 2;
  }
  std::fflush(stderr);
  fmt::print("{} passed, {} failed\n", passed, failed);
  return status;
}

}  // namespace zk::app
