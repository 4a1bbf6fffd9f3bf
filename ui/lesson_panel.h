// Lesson mode: the narration of an opened lesson (a .zks with `#>` paragraphs, see
// ui/lesson_script.h) beside the cluster (at the top of the right column), one paragraph
// at a time, advanced with its Step one line button (the scenario window's step). A paragraph marked `#? winner` asks "who
// will win?" with a button per live voter; after a guess it shows the deciding rule (epoch,
// zxid, server id) on the candidates' votes, the deciding cell of each loser highlighted.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ui/election_rule.h"
#include "ui/layout.h"
#include "ui/lesson_script.h"
#include "ui/panel_context.h"

namespace zk::ui {

// The Chinese text the lesson and the other en_zh labels can show (ui/bilingual.h, and
// every shipped lesson's narration), for the font's glyph ranges (ui/fonts.cpp).
std::string lesson_glyph_text();

class LessonPanel {
 public:
  // Re-reads the narration when the run changed (a lesson was opened); true when the
  // opened scenario has any, so that the layout gives it room.
  bool update(const std::vector<std::string>* lines, uint64_t run_id);
  // As a tile at rect, with the tile's collapse and maximise buttons (ui/tile_chrome.h).
  void draw(const PanelContext& context, const PanelRect& rect, LayoutState& layout);

 private:
  void draw_question(const PanelContext& context, int paragraph);
  void draw_rule();

  uint64_t run_id_ = 0;
  const std::vector<std::string>* lines_ = nullptr;  // the text parsed (with run_id_: when to parse again)
  std::vector<LessonParagraph> paragraphs_;
  int guessed_paragraph_ = -1;  // the question answered, and the answer
  ServerId guess_ = 0;
  RuleOutcome outcome_;  // the candidates when the guess was made
  bool scroll_to_answer_ = false;
};

}  // namespace zk::ui
