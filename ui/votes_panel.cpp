// Votes: each server's current vote (leader, zxid, peer epoch) and logical clock, every
// armed timer counting down (ui/server_timers.h), then the matrix receiver x sender of the
// votes each server has received in its current round, with the supporters of its own
// vote highlighted (green once they are a quorum). A LOOKING server's vote shows on an
// orange ground the field (epoch, zxid, server id) that decided its last change.
#include <fmt/format.h>
#include <imgui.h>

#include "sim/world/world.h"
#include "ui/i18n.h"
#include "ui/bilingual.h"
#include "ui/legend.h"
#include "ui/panels.h"
#include "ui/server_timers.h"
#include "ui/test_probe.h"
#include "ui/theme.h"
#include "ui/vote_matrix.h"

namespace zk::ui {
namespace {

constexpr ImU32 kQuorumFill = IM_COL32(46, 160, 67, 200);
constexpr ImU32 kSupportFill = IM_COL32(190, 150, 30, 170);

std::string vote_text(const Vote& vote) {
  if (vote.leader == kNoVote) return "no one (observer)";
  return fmt::format("S{} {} e{}", vote.leader, zxid_hex(vote.zxid), vote.peer_epoch);
}

const char* rule_name(VoteDecider decider) {
  switch (decider) {
    case VoteDecider::kPeerEpoch: return en_zh("rule 1: the higher epoch", "规则1：epoch 更大");
    case VoteDecider::kZxid: return en_zh("rule 2: same epoch, the higher zxid", "规则2：epoch 相同，zxid 更大");
    case VoteDecider::kServerId: return en_zh("rule 3: same epoch and zxid, the higher server id",
                                              "规则3：epoch 和 zxid 相同，服务器 id 更大");
    case VoteDecider::kNone: break;
  }
  return "";
}

// The vote as "S2 0x100000008 e1": leader (server id), zxid, peer epoch. For a LOOKING server
// whose proposal changed, the field that decided the change is on the deciding rule's ground
// and hovering the vote says what it was before and whose vote it took.
void draw_vote_fields(const VoteRow& row) {
  if (row.proposal.leader == kNoVote) {
    ImGui::TextUnformatted(vote_text(row.proposal).c_str());
    return;
  }
  const std::string fields[3] = {fmt::format("S{}", row.proposal.leader), zxid_hex(row.proposal.zxid),
                                 fmt::format("e{}", row.proposal.peer_epoch)};
  constexpr VoteDecider kFieldRules[3] = {VoteDecider::kServerId, VoteDecider::kZxid, VoteDecider::kPeerEpoch};
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 start = ImGui::GetCursorScreenPos();
  for (size_t i = 0; i < 3; ++i) {
    if (i > 0) ImGui::SameLine(0.0f, ImGui::CalcTextSize(" ").x);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::CalcTextSize(fields[i].c_str());
    const bool deciding = row.changed_by == kFieldRules[i];
    if (deciding) {
      draw->AddRectFilled(ImVec2(at.x - 2.0f, at.y), ImVec2(at.x + size.x + 2.0f, at.y + size.y), kDecidingRuleFill);
    }
    ImGui::TextUnformatted(fields[i].c_str());
    if (deciding && probe::enabled()) {
      const std::string name = fmt::format("votes.decided.S{}", row.id);
      probe::widget(name.c_str());
      probe::note(name, fmt::format("{} {} <- {} on S{}'s vote", i == 0 ? "sid" : i == 1 ? "zxid" : "epoch",
                                    vote_text(row.proposal), vote_text(row.proposal_before), row.changed_on_vote_of));
    }
  }
  if (row.changed_by != VoteDecider::kNone && ImGui::IsWindowHovered() &&
      ImGui::IsMouseHoveringRect(start, ImGui::GetItemRectMax())) {
    ImGui::SetTooltip(en_zh("S%d changed its vote from %s to %s on S%d's vote:\n%s",
                            "S%d 因 S%d 的选票把选票从 %s 改为 %s：\n%s"),
                      static_cast<int>(row.id), vote_text(row.proposal_before).c_str(), vote_text(row.proposal).c_str(),
                      static_cast<int>(row.changed_on_vote_of), rule_name(row.changed_by));
  }
}

// Columns as wide as their text; a tile narrower than the table scrolls it sideways (nine
// servers at 1024x700 had "FOLLOWIN" and the round cut off, squeezed by stretched columns).
void draw_current_votes(const VoteMatrix& matrix) {
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                     ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float row_px = ImGui::GetTextLineHeight() + 2.0f * style.CellPadding.y;
  const float height_px = row_px * static_cast<float>(matrix.rows.size() + 1) + style.ScrollbarSize + 2.0f;
  if (!ImGui::BeginTable("current", 4, kFlags, ImVec2(0.0f, height_px))) return;
  const Text headers[4] = {Text::kVotesColServer, Text::kVotesColState, Text::kVotesColVote, Text::kVotesColRound};
  for (const Text header : headers) ImGui::TableSetupColumn(tr(header));
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int column = 0; column < 4; ++column) {
    ImGui::TableSetColumnIndex(column);
    ImGui::TableHeader(tr(headers[column]));
    if (probe::enabled()) probe::widget(fmt::format("votes.column{}", column).c_str());
  }
  probe::note("votes.scroll_x", fmt::format("{:.0f} of {:.0f}", ImGui::GetScrollX(), ImGui::GetScrollMaxX()));
  // For the probe: the columns whose text runs past the cell (cut off when drawn).
  bool cut[4] = {false, false, false, false};
  float cell_end_x = 0.0f;
  const auto next_cell = [&] {
    ImGui::TableNextColumn();
    cell_end_x = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  };
  const auto check_cell = [&](int column) { cut[column] = cut[column] || ImGui::GetItemRectMax().x > cell_end_x + 0.5f; };
  for (const VoteRow& row : matrix.rows) {
    ImGui::TableNextRow();
    next_cell();
    ImGui::Text("S%d", static_cast<int>(row.id));
    check_cell(0);
    next_cell();
    if (!row.up) {
      ImGui::TextDisabled("DOWN");
      check_cell(1);
      continue;
    }
    const char* state = peer_state_name(row.state);
    if (row.paused) {
      ImGui::Text("%s (%s)", state, tr(Text::kVotesPaused));
    } else if (row.finalizing) {
      ImGui::Text("%s (%s)", state, tr(Text::kVotesFinalizing));
    } else {
      ImGui::TextUnformatted(state);
    }
    check_cell(1);
    next_cell();
    draw_vote_fields(row);
    check_cell(2);
    next_cell();
    ImGui::Text("%lld", static_cast<long long>(row.logical_clock));
    check_cell(3);
  }
  ImGui::EndTable();
  std::string cut_columns;
  for (int column = 0; column < 4; ++column) {
    if (cut[column]) cut_columns += fmt::format("{}{}", cut_columns.empty() ? "" : " ", column);
  }
  probe::note("votes.cut_columns", cut_columns.empty() ? "none" : cut_columns);
}

void draw_matrix(const VoteMatrix& matrix) {
  const int n = matrix.server_count;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", tr(Text::kVotesMatrixCaption));
  ImGui::PopTextWrapPos();
  const float line_h = ImGui::GetTextLineHeight();
  const float label_w = ImGui::CalcTextSize("S9 ").x + 4.0f;
  const float cell_px = std::clamp((ImGui::GetContentRegionAvail().x - label_w) / static_cast<float>(n), line_h + 2.0f,
                                   line_h * 2.0f);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const ImU32 grid = ImGui::GetColorU32(ImGuiCol_Border);
  // Column headers: the senders.
  for (int sender = 1; sender <= n; ++sender) {
    const std::string label = fmt::format("S{}", sender);
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    draw->AddText(ImVec2(origin.x + label_w + cell_px * static_cast<float>(sender - 1) + (cell_px - size.x) * 0.5f, origin.y),
                  dim, label.c_str());
  }
  origin.y += line_h + 2.0f;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const VoteCell* hovered = nullptr;
  int hovered_receiver = 0;
  int hovered_sender = 0;
  for (const VoteRow& row : matrix.rows) {
    const float y = origin.y + cell_px * static_cast<float>(row.id - 1);
    const std::string label = fmt::format("S{}", row.id);
    draw->AddText(ImVec2(origin.x, y + (cell_px - line_h) * 0.5f), dim, label.c_str());
    for (int sender = 1; sender <= n; ++sender) {
      const VoteCell& cell = row.received[static_cast<size_t>(sender - 1)];
      const ImVec2 a(origin.x + label_w + cell_px * static_cast<float>(sender - 1), y);
      const ImVec2 b(a.x + cell_px, a.y + cell_px);
      if (cell.supports) draw->AddRectFilled(a, b, row.quorum ? kQuorumFill : kSupportFill);
      draw->AddRect(a, b, grid);
      if (cell.vote) {
        const std::string vote = fmt::format("{}", cell.vote->leader);
        const ImVec2 size = ImGui::CalcTextSize(vote.c_str());
        draw->AddText(ImVec2(a.x + (cell_px - size.x) * 0.5f, a.y + (cell_px - size.y) * 0.5f), text, vote.c_str());
        if (mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y && mouse.y < b.y) {
          hovered = &cell;
          hovered_receiver = static_cast<int>(row.id);
          hovered_sender = sender;
        }
      }
    }
    if (row.supporters > 0) {
      const std::string count = fmt::format("{}/{}", row.supporters, matrix.quorum_size);
      draw->AddText(ImVec2(origin.x + label_w + cell_px * static_cast<float>(n) + 6.0f, y + (cell_px - line_h) * 0.5f),
                    row.quorum ? kQuorumFill : dim, count.c_str());
    }
  }
  ImGui::Dummy(ImVec2(label_w + cell_px * static_cast<float>(n) + 40.0f, line_h + 2.0f + cell_px * static_cast<float>(n)));
  if (hovered != nullptr && ImGui::IsWindowHovered()) {
    ImGui::BeginTooltip();
    ImGui::Text(tr(Text::kVotesTooltip), hovered_receiver, hovered_sender);
    ImGui::Text("leader S%d  zxid %s  peerEpoch %lld  round %lld", static_cast<int>(hovered->vote->leader),
                zxid_hex(hovered->vote->zxid).c_str(), static_cast<long long>(hovered->vote->peer_epoch),
                static_cast<long long>(hovered->vote->election_epoch));
    ImGui::EndTooltip();
  }
  // Legend, one entry per line (the labels are sentences).
  for (const auto& [color, label] : {std::pair{kQuorumFill, Text::kVotesLegendQuorum}, std::pair{kSupportFill, Text::kVotesLegendSupport}}) {
    begin_legend();
    legend_entry(Swatch::kSquare, color, tr(label));
    end_legend();
  }
  begin_legend();
  legend_entry(Swatch::kSquare, kDecidingRuleFill,
               en_zh("in a LOOKING server's vote: the field that made it change (1 epoch, 2 zxid, 3 server id)",
                     "LOOKING 服务器的选票中：使它改票的字段（1 epoch，2 zxid，3 服务器 id）"));
  end_legend();
}

}  // namespace

void VotesPanel::draw(const PanelContext& context) {
  if (context.world == nullptr) {
    draw_empty_state(tr(Text::kNoVotes));
    return;
  }
  const VoteMatrix matrix = build_vote_matrix(*context.world);
  bool any_up = false;
  for (const VoteRow& row : matrix.rows) any_up = any_up || row.up;
  if (!any_up) {
    draw_empty_state(tr(Text::kNoVotes));
    return;
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", tr(Text::kVotesExplain));
  ImGui::PopTextWrapPos();
  draw_current_votes(matrix);
  // Why nothing happens for a while: every armed timer counting down.
  const bool timers_open = ImGui::CollapsingHeader(en_zh("Timers", "计时器"), ImGuiTreeNodeFlags_DefaultOpen);
  probe::widget("votes.timers");
  if (timers_open) draw_server_timers(*context.world);
  ImGui::Spacing();
  draw_matrix(matrix);
}

}  // namespace zk::ui
