// zksim_interaction FILE...: runs each interaction test file (tests/interaction/testdata)
// against one QuorumPeer and compares every case's output with the expected text. With
// ZKSIM_REWRITE=1 in the environment it writes the actual outputs into the file instead.
// zksim_interaction --mutate FILE...: checks that every case can fail — for each case in
// turn, one expected line is altered and the run must report exactly that case.
// Exit status 0 when every case matched (or the file was rewritten), 1 otherwise.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "tests/interaction/peer_driver.h"
#include "tests/interaction/script.h"

namespace {

using zk::interaction::Case;
using zk::interaction::Script;
using Outputs = std::vector<std::vector<std::string>>;

bool load(const std::string& path, Script* script) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << path << ": cannot read\n";
    return false;
  }
  std::stringstream text;
  text << in.rdbuf();
  std::string error;
  if (!zk::interaction::parse_script(text.str(), script, &error)) {
    std::cerr << path << ":" << error << "\n";
    return false;
  }
  return true;
}

// Every case's commands on one fresh driver, in file order.
Outputs run_cases(const Script& script) {
  zk::interaction::PeerDriver driver;
  Outputs outputs;
  for (const Case& c : script.cases) {
    std::vector<std::string> output;
    for (const std::string& command : c.commands) {
      for (std::string& line : driver.run(command)) output.push_back(std::move(line));
    }
    if (output.empty()) output.push_back(zk::interaction::kNoEffects);
    outputs.push_back(std::move(output));
  }
  return outputs;
}

// The indexes of the cases whose output differs from the expected text.
std::vector<size_t> differing_cases(const Script& script, const Outputs& outputs) {
  std::vector<size_t> differing;
  for (size_t i = 0; i < script.cases.size(); ++i) {
    if (outputs[i] != script.cases[i].expected) differing.push_back(i);
  }
  return differing;
}

// Runs one file; returns false when a case differs or the file is unusable.
bool run_file(const std::string& path, bool rewrite) {
  Script script;
  if (!load(path, &script)) return false;
  const Outputs outputs = run_cases(script);
  if (rewrite) {
    std::ofstream out(path, std::ios::trunc);
    out << zk::interaction::render_script(script, outputs);
    if (!out) {
      std::cerr << path << ": cannot write\n";
      return false;
    }
    std::cout << path << ": rewritten, " << script.cases.size() << " cases\n";
    return true;
  }
  const std::vector<size_t> differing = differing_cases(script, outputs);
  for (size_t i : differing) {
    const Case& c = script.cases[i];
    std::cerr << path << ":" << c.line << ": " << (i == differing.front() ? "first differing case: " : "differs: ")
              << c.commands.front() << (c.commands.size() > 1 ? " ..." : "") << "\n";
    for (const std::string& line : zk::interaction::diff_lines(c.expected, outputs[i])) std::cerr << "    " << line << "\n";
  }
  std::cout << path << ": " << script.cases.size() - differing.size() << " of " << script.cases.size()
            << " cases match\n";
  return differing.empty();
}

// For each case, alters its first expected line; the run must then report that case alone.
bool mutate_file(const std::string& path) {
  Script script;
  if (!load(path, &script)) return false;
  const Outputs outputs = run_cases(script);
  if (!differing_cases(script, outputs).empty()) {
    std::cerr << path << ": the file does not pass as it is; mutation needs a passing file\n";
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < script.cases.size(); ++i) {
    Script mutant = script;
    std::vector<std::string>& expected = mutant.cases[i].expected;
    if (expected.empty()) expected.push_back("");
    expected.front() += " (altered)";
    const std::vector<size_t> differing = differing_cases(mutant, outputs);
    if (differing != std::vector<size_t>{i}) {
      std::cerr << path << ":" << script.cases[i].line << ": altering the expected output went unnoticed\n";
      ok = false;
    }
  }
  std::cout << path << ": each of " << script.cases.size() << " cases fails when its expected output is altered\n";
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: zksim_interaction [--mutate] FILE...   (ZKSIM_REWRITE=1 rewrites the expected outputs)\n";
    return 2;
  }
  const bool mutate = std::string(argv[1]) == "--mutate";
  const char* rewrite_env = std::getenv("ZKSIM_REWRITE");
  const bool rewrite = !mutate && rewrite_env != nullptr && std::string(rewrite_env) == "1";
  if (mutate && rewrite_env != nullptr && std::string(rewrite_env) == "1") {
    std::cout << "--mutate: skipped while ZKSIM_REWRITE=1 rewrites the files\n";
    return 0;
  }
  bool ok = true;
  for (int i = mutate ? 2 : 1; i < argc; ++i) {
    if (!(mutate ? mutate_file(argv[i]) : run_file(argv[i], rewrite))) ok = false;
  }
  if (!ok && !mutate) {
    std::cerr << "(to accept the new output: ZKSIM_REWRITE=1 ./test.sh -R interaction, then review git diff)\n";
  }
  return ok ? 0 : 1;
}
