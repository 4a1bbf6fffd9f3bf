// Reading, rewriting and diffing interaction test files (see script.h).
#include "tests/interaction/script.h"

#include <algorithm>
#include <sstream>

namespace zk::interaction {
namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

bool is_comment_or_blank(const std::string& line) {
  return line.empty() || line.find_first_not_of(" \t") == std::string::npos || line[0] == '#';
}

}  // namespace

bool parse_script(const std::string& text, Script* script, std::string* error) {
  const std::vector<std::string> lines = split_lines(text);
  size_t i = 0;
  while (i < lines.size()) {
    if (is_comment_or_blank(lines[i])) {
      script->pieces.push_back({lines[i], -1});
      ++i;
      continue;
    }
    Case c;
    c.line = static_cast<int>(i + 1);
    while (i < lines.size() && lines[i] != kSeparator) {
      if (is_comment_or_blank(lines[i])) {
        *error = std::to_string(i + 1) + ": a case's commands end with a line \"----\" before any blank line or comment";
        return false;
      }
      c.commands.push_back(lines[i]);
      ++i;
    }
    if (i == lines.size()) {
      *error = std::to_string(c.line) + ": the case has no \"----\" line";
      return false;
    }
    ++i;  // the separator
    while (i < lines.size() && !lines[i].empty()) c.expected.push_back(lines[i++]);
    script->pieces.push_back({"", static_cast<int>(script->cases.size())});
    script->cases.push_back(std::move(c));
  }
  return true;
}

std::string render_script(const Script& script, const std::vector<std::vector<std::string>>& outputs) {
  std::string text;
  for (const Script::Piece& piece : script.pieces) {
    if (piece.case_index < 0) {
      text += piece.text + "\n";
      continue;
    }
    const Case& c = script.cases[static_cast<size_t>(piece.case_index)];
    for (const std::string& command : c.commands) text += command + "\n";
    text += std::string(kSeparator) + "\n";
    for (const std::string& line : outputs[static_cast<size_t>(piece.case_index)]) text += line + "\n";
  }
  return text;
}

std::vector<std::string> diff_lines(const std::vector<std::string>& expected, const std::vector<std::string>& actual) {
  // Longest common subsequence; outputs are a few dozen lines, so the table is small.
  const size_t n = expected.size();
  const size_t m = actual.size();
  std::vector<std::vector<size_t>> lcs(n + 1, std::vector<size_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] = expected[i] == actual[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<std::string> diff;
  size_t i = 0;
  size_t j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] == actual[j]) {
      diff.push_back("  " + expected[i]);
      ++i;
      ++j;
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      diff.push_back("- " + expected[i++]);
    } else {
      diff.push_back("+ " + actual[j++]);
    }
  }
  return diff;
}

}  // namespace zk::interaction
