// The panels of the main window, one class per panel (each defined in its own file). A
// panel owns only its UI state (selection, scroll, input text) and draws itself inside the
// window the main loop opened for it.
#pragma once

#include <cstdint>
#include <deque>

#include <string>
#include <string_view>

#include <imgui.h>

#include <utility>
#include <vector>

#include "sim/world/world.h"
#include "ui/console_session.h"
#include "ui/panel_context.h"
#include "ui/ring_labels.h"
#include "ui/spacetime_overlay.h"
#include "ui/tree_diff.h"

namespace zk {
class DataTree;
}

namespace zk::ui {

class ClusterView {
 public:
  void draw(const PanelContext& context);

 private:
  void draw_server_menu(const sim::World& world, sim::RecordedRun* simulation);

  ServerId menu_server_ = 0;  // the server whose right-click menu is open
  std::string expect_note_;   // what the last "expect this here" added (or why not)
  // Reused every frame (no per-frame allocation once warm).
  std::vector<ImVec2> positions_;
  std::vector<std::pair<int64_t, ImVec2>> client_positions_;
  std::vector<sim::InFlightMessage> in_flight_;
  std::vector<std::string> full_labels_;     // each server's ring label, and its compact form
  std::vector<std::string> compact_labels_;
  std::vector<RingLabelInput> label_inputs_;
};

class VotesPanel {
 public:
  void draw(const PanelContext& context);
};

class WhyPanel {
 public:
  void draw(const PanelContext& context);

 private:
  static constexpr size_t kShownEvents = 300;
  static constexpr size_t kSearchedEvents = 100'000;
  void update_matches(const sim::World& world, bool chinese);

  char filter_text_[128] = {};
  std::vector<std::string> words_;  // the filter's words, '-' kept on excluded ones
  // The filter's matches: the newest kShownEvents trace indices and how many there are.
  std::deque<size_t> matched_;
  size_t match_count_ = 0;
  size_t searched_from_ = 0;
  const sim::World* cached_world_ = nullptr;  // identity only
  bool cached_chinese_ = false;
  size_t cached_size_ = 0;
};

class ZnodeTreePanel {
 public:
  void draw(const PanelContext& context);

 private:
  struct DiffKey {
    int64_t events = -1;
    int64_t now_us = -1;
    int server = 0;
    int leader = 0;
    bool operator==(const DiffKey&) const = default;
  };
  void draw_node(const DataTree& tree, const DataTree* leader, const std::string& path, const std::string& name);
  void draw_details(const DataTree& tree, const DataTree* leader);
  // The right-click menu of menu_path_: "Expect this here" (ui/expect_here.h).
  void draw_node_menu(const sim::World& world, const DataTree& tree, sim::RecordedRun* simulation);

  int server_ = 1;
  std::string menu_path_;     // the node whose right-click menu is open
  bool open_menu_ = false;    // a right-click this frame: open the menu
  std::string expect_note_;   // what the last "expect this here" added (or why not)
  bool server_chosen_ = false;
  std::string selected_;
  TreeDiff diff_;
  DiffKey diff_key_;
};

class TimelinePanel {
 public:
  void draw(const PanelContext& context);
  bool shows_messages() const { return show_messages_; }  // the space-time diagram is on
  void show_messages(bool on) { show_messages_ = on; }

 private:
  bool fit_ = true;               // follow the whole run until the user zooms or pans
  uint64_t run_id_ = 0;           // the run the view belongs to (sim::RecordedRun::run_id)
  int64_t view_start_us_ = 0;     // virtual time at the left edge
  int64_t view_span_us_ = 10'000'000;  // virtual time across the lanes
  bool show_messages_ = false;         // the space-time diagram over the lanes
  SpaceTimeOverlay space_time_;
};

class ControlsPanel {
 public:
  void draw(const PanelContext& context);
  // What the Play/Pause, Step and "Step to the next ..." buttons do; the keyboard shortcuts
  // (MainWindow) call the same, so the panel shows what ran either way.
  void toggle_play(sim::RecordedRun& simulation);
  void step_one(sim::RecordedRun& simulation);
  void step_to(sim::RecordedRun& simulation, int target);  // a StepTarget
  // `]` / `[`: the next / previous moment the trace records something.
  void next_traced(sim::RecordedRun& simulation);
  void previous_traced(sim::RecordedRun& simulation);

 private:
  void draw_partition(const sim::World& world, sim::RecordedRun& simulation);
  void draw_link(const sim::World& world, sim::RecordedRun& simulation);
  void draw_step_to(sim::RecordedRun& simulation);
  void draw_new_cluster(sim::RecordedRun& simulation);

  int server_count_ = 3;
  const sim::World* shown_world_ = nullptr;  // identity only, never dereferenced
  bool in_group_b_[16] = {};                 // partition choice per server (index id-1)
  int link_from_ = 1;
  int link_to_ = 2;
  int drop_from_ = 0;  // the link of the last Drop next (0: none), and the trace size then
  int drop_to_ = 0;
  size_t drop_trace_index_ = 0;
  int step_target_ = 0;  // StepTarget
  std::string step_message_;         // what Step to the next ... found
  bool open_step_section_ = false;   // a shortcut stepped: show its section with the result
  std::string single_step_message_;  // which event the single Step ran
  int seed_ = 1;
  int tick_ms_ = 2000;
  int latency_ms_[2] = {1, 5};
  char order_[64] = "1 2 3";
  int order_count_ = 3;  // the server count order_ was last defaulted for
  int gap_ms_ = 1000;
  std::string order_error_;
};

class ConsolePanel {
 public:
  void draw(const PanelContext& context);

 private:
  ConsoleSession session_;
  char input_[512] = {};
  bool focus_input_ = false;
  size_t shown_lines_ = 0;
  int history_position_ = -1;  // -1: a new line; else an index into the history
};

}  // namespace zk::ui
