// The lesson narration window (see lesson_panel.h).
#include "ui/lesson_panel.h"

#include <fmt/format.h>
#include <imgui.h>

#include <fstream>

#include "sim/replay/recorded_run.h"
#include "sim/world/world.h"
#include "ui/bilingual.h"
#include "ui/scenario_files.h"
#include "ui/test_probe.h"
#include "ui/theme.h"
#include "ui/tile_chrome.h"

namespace zk::ui {
namespace {

constexpr ImU32 kWinnerFill = IM_COL32(46, 160, 67, 150);

// "rule 2: zxid" and the one-line reason a candidate lost to the winner.
std::string lost_reason(const RuleCandidate& loser, const RuleCandidate& winner) {
  switch (loser.lost_by) {
    case VoteDecider::kPeerEpoch:
      return fmt::format(fmt::runtime(en_zh("S{} out by rule 1 (epoch): {} < {}", "S{} 按规则1（epoch）出局：{} < {}")), loser.id,
                         loser.epoch, winner.epoch);
    case VoteDecider::kZxid:
      return fmt::format(fmt::runtime(en_zh("S{} out by rule 2 (zxid): {} < {}", "S{} 按规则2（zxid）出局：{} < {}")), loser.id,
                         zxid_hex(loser.zxid), zxid_hex(winner.zxid));
    case VoteDecider::kServerId:
      return fmt::format(fmt::runtime(en_zh("S{} out by rule 3 (sid): same epoch and zxid, {} < {}",
                               "S{} 按规则3（sid）出局：epoch 和 zxid 相同，{} < {}")),
                         loser.id, loser.id, winner.id);
    case VoteDecider::kNone: break;
  }
  return fmt::format(fmt::runtime(en_zh("S{} wins", "S{} 胜出")), loser.id);
}

}  // namespace

std::string lesson_glyph_text() {
  std::string text = kBilingualGlyphs;
  for (const std::string& path : lesson_scenario_paths()) {
    std::ifstream file(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(file, line);) lines.push_back(std::move(line));
    for (const LessonParagraph& paragraph : parse_lesson(lines)) text += paragraph.chinese;
  }
  return text;
}

bool LessonPanel::update(const std::vector<std::string>* lines, uint64_t run_id) {
  if (lines == nullptr) {
    paragraphs_.clear();
    lines_ = nullptr;
    return false;
  }
  if (lines != lines_ || run_id != run_id_) {
    paragraphs_ = parse_lesson(*lines);
    lines_ = lines;
    run_id_ = run_id;
    guessed_paragraph_ = -1;
    guess_ = 0;
  }
  return !paragraphs_.empty();
}

void LessonPanel::draw(const PanelContext& context, const PanelRect& rect, LayoutState& layout) {
  if (paragraphs_.empty() || context.simulation == nullptr) return;
  sim::RecordedRun& simulation = *context.simulation;
  place_next_window(rect);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus;
  const std::string title = fmt::format("{}###lesson", en_zh("Lesson", "课程"));
  const bool shown = ImGui::Begin(title.c_str(), nullptr, kFlags);
  probe::window("lesson.window");
  if (!shown || !draw_title_buttons(layout, Pane::kLesson)) {  // collapsed: its title bar only
    ImGui::End();
    return;
  }
  const int next_line = simulation.scenario_next_line();
  const int index = current_paragraph(paragraphs_, lines_run_through(simulation.scenario_line_at_playhead(), next_line));
  const LessonParagraph& paragraph = paragraphs_[static_cast<size_t>(index)];
  ImGui::BeginDisabled(next_line == 0);
  if (ImGui::Button(tr(Text::kScenarioStepLine))) {
    simulation.playing = false;
    simulation.scenario_step();
  }
  probe::widget("lesson.step_line");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::TextDisabled(en_zh("paragraph %d of %d", "第 %d 段，共 %d 段"), index + 1, static_cast<int>(paragraphs_.size()));
  probe::note("lesson.paragraph", fmt::format("{}/{}", index + 1, paragraphs_.size()));
  ImGui::Separator();
  ImGui::BeginChild("##narration");
  const bool chinese = language() == Language::kChinese && !paragraph.chinese.empty();
  const std::string& text = chinese ? paragraph.chinese : paragraph.english;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  probe::note("lesson.text", text);
  if (paragraph.asks_winner) draw_question(context, index);
  ImGui::EndChild();
  ImGui::End();
}

void LessonPanel::draw_question(const PanelContext& context, int paragraph) {
  ImGui::Spacing();
  ImGui::TextColored(text_tone(TextTone::kWarning), "%s", en_zh("Who will win?", "谁会胜出？"));
  if (guessed_paragraph_ != paragraph) {
    // Not answered yet: one button per server that can vote now.
    if (context.world == nullptr) return;
    const RuleOutcome now = decide_rule(*context.world);
    std::string offered;
    for (const RuleCandidate& candidate : now.candidates) {
      ImGui::SameLine();
      const std::string label = fmt::format("S{}", candidate.id);
      if (ImGui::Button(label.c_str())) {
        guessed_paragraph_ = paragraph;
        guess_ = candidate.id;
        outcome_ = now;
        scroll_to_answer_ = true;
      }
      if (probe::enabled()) {
        const std::string name = fmt::format("lesson.guess.S{}", candidate.id);
        probe::widget(name.c_str());
        offered += offered.empty() ? label : " " + label;
      }
    }
    probe::note("lesson.question", offered);
    return;
  }
  const bool right = guess_ == outcome_.winner;
  const std::string verdict =
      right ? fmt::format(fmt::runtime(en_zh("Right: S{} wins.", "答对了：S{} 胜出。")), outcome_.winner)
            : fmt::format(fmt::runtime(en_zh("Not S{}: S{} wins.", "不是 S{}：S{} 胜出。")), guess_, outcome_.winner);
  ImGui::TextColored(text_tone(right ? TextTone::kGood : TextTone::kError), "%s", verdict.c_str());
  probe::note("lesson.answer", verdict);
  draw_rule();
}

void LessonPanel::draw_rule() {
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("rule", 4, kFlags)) return;
  ImGui::TableSetupColumn(en_zh("vote for", "投给"));
  ImGui::TableSetupColumn(en_zh("1 epoch", "1 epoch"));
  ImGui::TableSetupColumn(en_zh("2 zxid", "2 zxid"));
  ImGui::TableSetupColumn(en_zh("3 sid", "3 sid"));
  ImGui::TableHeadersRow();
  const RuleCandidate* winner = nullptr;
  for (const RuleCandidate& candidate : outcome_.candidates) {
    if (candidate.id == outcome_.winner) winner = &candidate;
  }
  for (const RuleCandidate& candidate : outcome_.candidates) {
    ImGui::TableNextRow();
    if (candidate.id == outcome_.winner) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, kWinnerFill);
    const std::string cells[4] = {fmt::format("S{}", candidate.id), fmt::format("{}", candidate.epoch),
                                  zxid_hex(candidate.zxid), fmt::format("{}", candidate.id)};
    const int deciding = candidate.lost_by == VoteDecider::kPeerEpoch ? 1
                         : candidate.lost_by == VoteDecider::kZxid    ? 2
                         : candidate.lost_by == VoteDecider::kServerId ? 3
                                                                       : 0;
    for (int column = 0; column < 4; ++column) {
      ImGui::TableNextColumn();
      if (column == deciding && deciding != 0) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, kDecidingRuleFill);
      ImGui::TextUnformatted(cells[column].c_str());
    }
  }
  ImGui::EndTable();
  std::string reasons;
  ImGui::PushTextWrapPos(0.0f);
  for (const RuleCandidate& candidate : outcome_.candidates) {
    if (winner == nullptr) break;
    const std::string reason = lost_reason(candidate, *winner);
    ImGui::Bullet();  // BulletText does not wrap
    ImGui::SameLine();
    ImGui::TextUnformatted(reason.c_str());
    reasons += reasons.empty() ? reason : "; " + reason;
  }
  ImGui::PopTextWrapPos();
  probe::note("lesson.rule", reasons);
  if (scroll_to_answer_) ImGui::SetScrollHereY(1.0f);  // the answer and the rule in view
  scroll_to_answer_ = false;
}

}  // namespace zk::ui
