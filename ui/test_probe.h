// The test probe, `zksim gui --probe FILE` (used by the real-window tests in tests/gui/
// that click with xdotool): after every rendered frame it rewrites FILE with a few lines
//   widget NAME X0 Y0 X1 Y1   where a named widget was drawn (window pixels; only when
//                             all of it is in view, not scrolled or clipped out)
//   clipped NAME X0 Y0 X1 Y1 in CX0 CY0 CX1 CY1
//                             a named widget partly or wholly out of its window's clip
//                             rectangle (scrolled out, or cut off at the side)
//   note KEY TEXT              what a panel shows the user (a step result, a status line)
//   clash NAME NAME            two probed widgets with one ImGui id (ImGui gives both one id)
//   time_us, events, trace, playing, leader, server ID STATE, trace_kind KIND COUNT
// A test asks for a screenshot of the live window by writing a PNG path into FILE.shot;
// the next frame writes the PNG there and removes FILE.shot (the idle window redraws at
// least once a second, so no input is needed).
// Off unless the option is given: then every call returns at once.
#pragma once

#include <string>
#include <string_view>

namespace zk::sim {
class RecordedRun;
}

namespace zk::ui {
}

namespace zk::ui::probe {

void enable(const std::string& path);
bool enabled();
// Call right after the widget: records its rectangle and id under `name`.
void widget(const char* name);
// Records the current window's rectangle as a widget named `name`.
void window(const char* name);
// Records a drawn shape's rectangle (window pixels) as a widget named `name` (a server's circle).
void area(const char* name, float x0, float y0, float x1, float y1);
// Records what the user is shown under `key` (one line; newlines become spaces).
void note(std::string_view key, std::string_view text);
// The PNG path a test asked for in FILE.shot (taken: the request file is removed), or "".
std::string take_screenshot_request();
// Writes the file (when its text changed) and starts collecting the next frame.
void end_frame(const sim::RecordedRun& simulation);

}  // namespace zk::ui::probe
