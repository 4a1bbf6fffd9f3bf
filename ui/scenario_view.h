// The scenario view: shows an opened .zks with the line that runs next highlighted, a mark
// on every expectation checked so far (passed or failed), the step error if the run
// stopped, and buttons to run one line or the rest. Also the File menu's two dialogs:
// open a scenario (lesson list or a typed path) and save the session as a scenario.
#pragma once

#include <string>

#include "ui/layout.h"
#include "ui/scenario_files.h"
#include "sim/replay/recorded_run.h"

namespace zk::ui {

class ScenarioView {
 public:
  // Loads and opens a scenario in the simulation; "" or a one-line error.
  std::string open(sim::RecordedRun& simulation, const std::string& path);
  bool is_open() const { return open_; }
  // Draws the scenario window (when a scenario is open) as a tile at the given place.
  void draw(sim::RecordedRun& simulation, const PanelRect& rect);
  // File menu items; call inside an open "File" menu.
  void draw_file_menu_items();
  // The dialogs; call once per frame outside any menu.
  void draw_dialogs(sim::RecordedRun& simulation);
  // File -> Save as scenario... (Ctrl+S): the save dialog opens on the next frame.
  void request_save_dialog() { want_save_dialog_ = true; }

 private:
  LoadedScenario loaded_;
  bool open_ = false;
  bool want_open_dialog_ = false;
  bool want_save_dialog_ = false;
  char path_input_[512] = "";
  char save_input_[512] = "session.zks";
  std::string dialog_message_;
  int scroll_to_line_ = 0;  // the highlighted line the list was last scrolled to
};

}  // namespace zk::ui
