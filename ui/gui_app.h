// The GUI entry point: opens the GLFW window, runs the Dear ImGui frame loop and draws
// the panels. With `frames` set it renders that many frames, optionally writes the last
// one to a PNG, and returns (used by tests and for screenshots). Returns the process exit
// status: 0 on success, 2 when no display is available or the window cannot be made.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zk::ui {

enum class Theme { kDark, kLight };
enum class Language { kEnglish, kChinese };

// The smallest window the layout works in (every Controls button in view, the timeline's
// labels apart); GLFW's size limits keep the window from getting smaller.
constexpr int kMinWindowWidthPx = 1024;
constexpr int kMinWindowHeightPx = 700;

struct GuiOptions {
  int width_px = 1280;
  int height_px = 800;
  int frame_count = 0;  // 0: run until the window is closed.
  std::string screenshot_path;  // Written after the last frame when not empty.
  std::string scenario_path;    // Opened at start when not empty, and run (see at_us).
  std::optional<int64_t> at_us;  // with a scenario: show this moment (default: its end)
  Theme theme = Theme::kDark;
  Language language = Language::kEnglish;
  std::string lesson;       // "1-2-3", "3-2-1" or "all": start a cluster that way at once
  int server_count = 3;     // for the lesson
  double speed = 1.0;       // virtual seconds per wall second
  int64_t latency_min_ms = 1;  // link latency of the lesson's cluster
  int64_t latency_max_ms = 5;
  int64_t load_writes_per_s = 0;  // > 0: a steady client write load (LoadGenerator)
  bool frame_stats = false;       // print frame-time statistics at exit
  bool space_time = false;        // the timeline's Messages (space-time diagram) on from the start
  std::string probe_path;         // tests: the probe file written after each frame (test_probe.h)
  // --serve: live mode in the GUI (sim/gateway/live_pump.h). server_count servers start at
  // once and real clients connect to serve_port + i - 1 for server i; with scenario_path, its
  // cluster line makes the ensemble and its steps run as a fault schedule (ServeSchedule).
  bool serve = false;
  int serve_port = 2181;
  std::string serve_bind = "127.0.0.1";
  std::vector<std::string> four_letter_whitelist = {"srvr"};
};

int run_gui(const GuiOptions& options);

}  // namespace zk::ui
