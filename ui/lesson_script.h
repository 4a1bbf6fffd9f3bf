// A lesson's narration, read from its .zks text (no ImGui, so it can be tested exactly).
// Narration lines are comments the runner ignores: `#> text` (English) and `#>zh text`
// (Chinese); consecutive ones form one paragraph, and a `#? winner` line in the block makes
// that paragraph ask "who will win?". A paragraph narrates the scenario lines after it: it
// is attached to the first line below it that is not blank and not a comment, and it is the
// one shown once that line has run (Step one line), until the next paragraph's line has.
#pragma once

#include <string>
#include <vector>

namespace zk::ui {

struct LessonParagraph {
  int line = 0;        // 1-based scenario line it narrates (INT_MAX when none follows)
  std::string english;
  std::string chinese;  // "" when the file has none (the English is shown)
  bool asks_winner = false;
  bool operator==(const LessonParagraph&) const = default;
};

// The paragraphs of a lesson's lines (the file's text, one entry per line), in file order.
std::vector<LessonParagraph> parse_lesson(const std::vector<std::string>& lines);

// Which scenario lines have run at the playhead: those before the line still running there
// (playhead_line, after a jump back; 0: none is), else those before next_line (0: all).
int lines_run_through(int playhead_line, int next_line);

// Index of the paragraph to show when the lines up to ran_through have run: the last one
// whose line has run, or the first one (the introduction) before any has. -1 when empty.
int current_paragraph(const std::vector<LessonParagraph>& paragraphs, int ran_through);

}  // namespace zk::ui
