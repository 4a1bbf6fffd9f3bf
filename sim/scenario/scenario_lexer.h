// The scenario lexer: splits a file into lines and a line into words. One command per
// line; '#' outside quotes starts a comment; words are separated by spaces or tabs; a
// word in double quotes may hold spaces and the escapes \" \\ \n. Control bytes other
// than tab are rejected (scenario files are text). Errors are values: a message without
// the FILE:LINE prefix, which the caller adds.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zk::sim {

struct Word {
  std::string text;
  bool quoted = false;  // written in double quotes: never an option, flag or '|'
  bool operator==(const Word&) const = default;
};

struct LexedLine {
  std::vector<Word> words;  // empty for blank and comment-only lines
  std::string error;        // non-empty when the line could not be split
  bool ok() const { return error.empty(); }
};

// The lines of `text` split at '\n', one trailing '\r' removed from each. A final line
// without '\n' counts; a trailing '\n' does not start a new line. Views point into text.
std::vector<std::string_view> split_lines(std::string_view text);

// Splits one line (without its '\n') into words.
LexedLine lex_line(std::string_view line);

}  // namespace zk::sim
