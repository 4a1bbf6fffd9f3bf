// The panels of the main window, one class per panel (each defined in its own file). A
// panel owns only its UI state (selection, scroll, input text) and draws itself inside the
// window the main loop opened for it.
#pragma once

#include <cstdint>

#include "ui/panel_context.h"

namespace zk::ui {

class ClusterView {
 public:
  void draw(const PanelContext& context);
};

class VotesPanel {
 public:
  void draw(const PanelContext& context);
};

class WhyPanel {
 public:
  void draw(const PanelContext& context);
};

class ZnodeTreePanel {
 public:
  void draw(const PanelContext& context);
};

class TimelinePanel {
 public:
  void draw(const PanelContext& context);

 private:
  bool fit_ = true;               // follow the whole run until the user zooms or pans
  int64_t view_start_us_ = 0;     // virtual time at the left edge
  int64_t view_span_us_ = 10'000'000;  // virtual time across the lanes
};

class ControlsPanel {
 public:
  void draw(const PanelContext& context);

 private:
  int server_count_ = 3;
  const sim::World* shown_world_ = nullptr;  // identity only, never dereferenced
};

class ConsolePanel {
 public:
  void draw(const PanelContext& context);
};

}  // namespace zk::ui
