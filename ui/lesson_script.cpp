// Parsing a lesson's `#>` / `#>zh` / `#?` narration (see lesson_script.h).
#include "ui/lesson_script.h"

#include <climits>
#include <string_view>

namespace zk::ui {
namespace {

constexpr std::string_view kEnglish = "#>";
constexpr std::string_view kChinese = "#>zh";
constexpr std::string_view kAskWinner = "#? winner";

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

void append_words(std::string& paragraph, std::string_view words) {
  if (words.empty()) return;
  if (!paragraph.empty()) paragraph += ' ';
  paragraph += words;
}

bool is_narration(std::string_view line) { return line.starts_with(kEnglish) || line.starts_with(kAskWinner); }

}  // namespace

std::vector<LessonParagraph> parse_lesson(const std::vector<std::string>& lines) {
  std::vector<LessonParagraph> paragraphs;
  bool in_block = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = trimmed(lines[i]);
    if (is_narration(line)) {
      if (!in_block) paragraphs.push_back(LessonParagraph{.line = INT_MAX});
      in_block = true;
      LessonParagraph& paragraph = paragraphs.back();
      if (line.starts_with(kAskWinner)) {
        paragraph.asks_winner = true;
      } else if (line.starts_with(kChinese)) {
        append_words(paragraph.chinese, trimmed(line.substr(kChinese.size())));
      } else {
        append_words(paragraph.english, trimmed(line.substr(kEnglish.size())));
      }
      continue;
    }
    in_block = false;
    if (line.empty() || line.front() == '#') continue;
    // A scenario line: every paragraph still waiting for one narrates it.
    for (auto it = paragraphs.rbegin(); it != paragraphs.rend() && it->line == INT_MAX; ++it) {
      it->line = static_cast<int>(i) + 1;
    }
  }
  return paragraphs;
}

int lines_run_through(int playhead_line, int next_line) {
  if (playhead_line != 0) return playhead_line - 1;  // that line is still running
  if (next_line != 0) return next_line - 1;
  return INT_MAX;
}

int current_paragraph(const std::vector<LessonParagraph>& paragraphs, int ran_through) {
  if (paragraphs.empty()) return -1;
  int shown = 0;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    if (paragraphs[i].line <= ran_through) shown = static_cast<int>(i);
  }
  return shown;
}

}  // namespace zk::ui
