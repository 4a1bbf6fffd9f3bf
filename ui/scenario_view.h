// The scenario view: shows an opened .zks with the line that runs next highlighted, a mark
// on every expectation checked so far (passed or failed), the step error if the run
// stopped, and buttons to run one line or the rest. Also the File menu's dialogs: open a
// scenario (lesson list or a typed path), save the session as a scenario, open ZooKeeper
// data directories (as a scenario of `disk ID load` lines, ui/data_dir_files.h) and save the
// servers' disks as ZooKeeper data directories.
#pragma once

#include <string>
#include <vector>

#include "ui/layout.h"
#include "ui/scenario_files.h"
#include "sim/replay/recorded_run.h"

namespace zk::ui {

class ScenarioView {
 public:
  // Loads and opens a scenario in the simulation; "" or a one-line error.
  std::string open(sim::RecordedRun& simulation, const std::string& path);
  // The same for a folder of ZooKeeper data directories; "" or a one-line error.
  std::string open_data_dirs(sim::RecordedRun& simulation, const std::string& folder);
  bool is_open() const { return open_; }
  // The opened scenario's text, one entry per line (null when none is open).
  const std::vector<std::string>* lines() const { return open_ ? &loaded_.lines : nullptr; }
  // Draws the scenario window (when a scenario is open) as a tile at the given place, with
  // the tile's collapse and maximise buttons (ui/tile_chrome.h).
  void draw(sim::RecordedRun& simulation, const PanelRect& rect, LayoutState& layout);
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
  bool want_data_dirs_dialog_ = false;
  bool want_save_disks_dialog_ = false;
  char path_input_[512] = "";
  char save_input_[512] = "session.zks";
  char data_dirs_input_[512] = "";
  char disks_input_[512] = "disks";
  std::string dialog_message_;
  int scroll_to_line_ = 0;  // the highlighted line the list was last scrolled to

  void show(sim::RecordedRun& simulation, LoadedScenario loaded);
  void draw_data_dir_dialogs(sim::RecordedRun& simulation);
};

}  // namespace zk::ui
