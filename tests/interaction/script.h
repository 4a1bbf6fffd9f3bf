// A data-driven test file, in the style of etcd raft's interaction tests: cases of one or
// more command lines, a line "----", then the exact output expected, ending at a blank
// line. Lines starting with '#' (and blank lines) between cases are comments, kept as
// they are when the file is rewritten. An empty output is written "(no effects)".
//
//   # a comment
//   start id=1 servers=3
//   ----
//   trace S1 starts: last logged zxid 0x0, currentEpoch 0, acceptedEpoch 0
//   ...
//
// parse_script reads a file into cases; render_script writes it back with new outputs;
// diff_lines shows how an output differs from the expected one.
#pragma once

#include <string>
#include <vector>

namespace zk::interaction {

struct Case {
  int line = 0;                         // 1-based line of the first command
  std::vector<std::string> commands;    // one per line, in order
  std::vector<std::string> expected;    // the lines after "----"
};

struct Script {
  // The file as a sequence of pieces: each comment/blank line, or a case (by index).
  struct Piece {
    std::string text;  // a comment or blank line when case_index < 0
    int case_index = -1;
  };
  std::vector<Piece> pieces;
  std::vector<Case> cases;
};

constexpr const char* kSeparator = "----";
constexpr const char* kNoEffects = "(no effects)";

// Parses the text of a file; on a malformed file returns false and sets *error to
// "LINE: message".
bool parse_script(const std::string& text, Script* script, std::string* error);
// The file with every case's expected output replaced by outputs[i].
std::string render_script(const Script& script, const std::vector<std::vector<std::string>>& outputs);
// A line diff: unchanged lines start with "  ", expected-only "- ", actual-only "+ ".
std::vector<std::string> diff_lines(const std::vector<std::string>& expected, const std::vector<std::string>& actual);

}  // namespace zk::interaction
