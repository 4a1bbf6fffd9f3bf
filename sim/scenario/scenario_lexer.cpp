// Single-pass lexer over one line: each loop step consumes at least one byte, so a line
// of n bytes takes at most n steps.
#include "sim/scenario/scenario_lexer.h"

#include "core/invariant.h"

#include <fmt/format.h>

#include "sim/text/text_words.h"

namespace zk::sim {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

bool is_bad_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte < 0x20 && c != '\t') || byte == 0x7f;
}

std::string control_error(std::string_view line, size_t at) {
  return fmt::format("control byte 0x{:02x} at column {} (scenario files are plain text)",
                     static_cast<unsigned char>(line[at]), at + 1);
}

// Reads a quoted word whose opening quote is at line[start]; sets `next` past the closing
// quote. Returns an error message or "".
std::string lex_quoted(std::string_view line, size_t start, Word& word, size_t& next) {
  ZK_INVARIANT(line[start] == '"');
  word.quoted = true;
  size_t i = start + 1;
  while (i < line.size()) {
    const char c = line[i];
    if (c == '"') {
      next = i + 1;
      if (next < line.size() && !is_space(line[next]) && line[next] != '#') {
        return fmt::format("text after closing quote in '{}'",
                           word_for_message(line.substr(start)));
      }
      return "";
    }
    if (is_bad_control(c)) return control_error(line, i);
    if (c == '\\') {
      if (i + 1 >= line.size()) break;
      const char escaped = line[i + 1];
      if (escaped == '"' || escaped == '\\') {
        word.text += escaped;
      } else if (escaped == 'n') {
        word.text += '\n';
      } else {
        return fmt::format("bad escape '\\{}' in quoted word (use \\\", \\\\ or \\n)",
                           word_for_message(line.substr(i + 1, 1)));
      }
      i += 2;
      continue;
    }
    word.text += c;
    ++i;
  }
  return fmt::format("unterminated quote in '{}'", word_for_message(line.substr(start)));
}

}  // namespace

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    const size_t next = end == std::string_view::npos ? text.size() : end + 1;
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    ZK_INVARIANT(next > start);
    start = next;
  }
  return lines;
}

LexedLine lex_line(std::string_view line) {
  LexedLine out;
  size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (c == '#') break;
    Word word;
    if (c == '"') {
      size_t next = i;
      out.error = lex_quoted(line, i, word, next);
      if (!out.ok()) return out;
      ZK_INVARIANT(next > i);
      i = next;
    } else {
      const size_t start = i;
      while (i < line.size() && !is_space(line[i]) && line[i] != '#') {
        if (is_bad_control(line[i])) {
          out.error = control_error(line, i);
          return out;
        }
        if (line[i] == '"') {
          size_t end = i;
          while (end < line.size() && !is_space(line[end])) ++end;
          out.error = fmt::format("quote inside word '{}' (quote the whole word)",
                                  word_for_message(line.substr(start, end - start)));
          return out;
        }
        ++i;
      }
      word.text = std::string(line.substr(start, i - start));
    }
    out.words.push_back(std::move(word));
  }
  return out;
}

}  // namespace zk::sim
