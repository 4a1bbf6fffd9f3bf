// Why: the decision log — every trace event as the plain sentence trace_format writes (or
// its Chinese rendering when the language is 简体中文), newest at the bottom, with its
// virtual time (the newest 300 are shown). Clicking a sentence moves the playhead to the
// moment that event happened (time travel), so every panel shows the world right then.
// A filter above the log keeps the sentences that contain every word typed and none of the
// words written with a leading '-' (space or comma separated, ASCII case ignored), searching
// the newest 100,000 sentences when the filter changes (and each new sentence after that)
// and showing the newest 300 that match.
#include <imgui.h>

#include <optional>

#include "sim/world/world.h"
#include "ui/i18n.h"
#include "ui/test_probe.h"
#include "ui/why_filter.h"
#include "ui/panels.h"
#include "sim/replay/recorded_run.h"
#include "ui/trace_sentences_zh.h"

namespace zk::ui {

void WhyPanel::update_matches(const sim::World& world, bool chinese) {
  const auto& trace = world.trace();
  // Searched again from scratch when the filter, the language or the world changed, or the
  // trace is shorter (the playhead went back); otherwise only the sentences added since.
  size_t from = cached_size_;
  if (cached_world_ != &world || cached_chinese_ != chinese || trace.size() < cached_size_) {
    matched_.clear();
    match_count_ = 0;
    searched_from_ = trace.size() > kSearchedEvents ? trace.size() - kSearchedEvents : 0;
    from = searched_from_;
  }
  for (size_t i = from; i < trace.size(); ++i) {
    if (!sentence_matches(chinese ? describe_zh(trace[i]) : describe(trace[i]), words_)) continue;
    ++match_count_;
    matched_.push_back(i);
    if (matched_.size() > kShownEvents) matched_.pop_front();
  }
  cached_world_ = &world;
  cached_chinese_ = chinese;
  cached_size_ = trace.size();
}

void WhyPanel::draw(const PanelContext& context) {
  if (context.world == nullptr || context.world->trace().empty()) {
    draw_empty_state(tr(Text::kNoDecisions));
    return;
  }
  ImGui::TextDisabled("%s", tr(Text::kWhyHint));
  ImGui::SetNextItemWidth(-1.0f);
  // Words separated by spaces or commas; each must be in the sentence (a -word must not).
  if (ImGui::InputTextWithHint("##why_filter", tr(Text::kWhyFilterHint), filter_text_, sizeof filter_text_)) {
    cached_world_ = nullptr;  // the matches are searched again
    words_ = filter_words(filter_text_);
  }
  probe::widget("why.filter");
  const auto& trace = context.world->trace();
  const bool chinese = language() == Language::kChinese;
  // The newest kShownEvents sentences (that match), wrapped to the panel width.
  std::vector<size_t> shown;
  if (words_.empty()) {
    for (size_t i = trace.size(); i-- > 0 && shown.size() < kShownEvents;) shown.push_back(i);
  } else {
    update_matches(*context.world, chinese);
    shown.assign(matched_.rbegin(), matched_.rend());
    char count[160];
    snprintf(count, sizeof count, tr(Text::kWhyMatches), static_cast<int>(match_count_),
             static_cast<int>(trace.size() - searched_from_));
    ImGui::TextDisabled("%s", count);
    probe::note("why.matches", std::to_string(match_count_));
  }
  std::vector<std::string> sentences;
  sentences.reserve(shown.size());
  for (size_t i : shown) sentences.push_back(chinese ? describe_zh(trace[i]) : describe(trace[i]));
  if (!sentences.empty()) probe::note("why.newest", sentences.front());
  ImGui::Separator();
  ImGui::BeginChild("##sentences");
  std::optional<int64_t> jump_us;
  for (size_t k = shown.size(); k-- > 0;) {
    const size_t i = shown[k];
    const TraceEvent& event = trace[i];
    ImGui::PushID(static_cast<int>(i));
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImGui::TextDisabled("%s", sim::format_time_us(event.time_us).c_str());
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(sentences[k].c_str());
    ImGui::PopTextWrapPos();
    // The whole row (time and wrapped sentence) is one click target.
    const ImVec2 bottom = ImGui::GetItemRectMax();
    const ImVec2 row_min(top.x, top.y);
    const ImVec2 row_max(top.x + ImGui::GetContentRegionAvail().x, bottom.y);
    if (ImGui::IsMouseHoveringRect(row_min, row_max) && ImGui::IsWindowHovered()) {
      ImGui::GetWindowDrawList()->AddRectFilled(row_min, row_max, ImGui::GetColorU32(ImGuiCol_HeaderHovered, 0.35f));
      if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) jump_us = event.time_us;
    }
    ImGui::PopID();
  }
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
  if (jump_us && context.simulation != nullptr) {
    context.simulation->playing = false;
    context.simulation->jump_to(*jump_us);
  }
}

}  // namespace zk::ui
