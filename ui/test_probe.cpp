// The test probe's collection and file writing (see test_probe.h).
#include "ui/test_probe.h"

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "core/trace_event.h"
#include "sim/world/world.h"
#include "sim/replay/recorded_run.h"

namespace zk::ui::probe {
namespace {

struct Widget {
  std::string name;
  ImGuiID id = 0;
  ImVec2 min;
  ImVec2 max;
  bool visible = true;  // not scrolled or clipped out of its window
  ImVec2 clip_min;      // its window's clip rectangle (for a widget not visible)
  ImVec2 clip_max;
};

struct State {
  std::string path;
  std::vector<Widget> widgets;
  std::map<std::string, std::string, std::less<>> notes;
  std::string last_written;
};

State* state = nullptr;  // set once by enable(); lives until exit

std::string one_line(std::string_view text) {
  std::string line(text);
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return line;
}

std::string world_summary(const sim::RecordedRun& simulation) {
  std::string out;
  const sim::World* world = simulation.world();
  out += fmt::format("playing {}\n", simulation.playing ? 1 : 0);
  out += fmt::format("recorded {}\n", simulation.recorded().size());
  if (world == nullptr) return out + "world none\n";
  out += fmt::format("time_us {}\nevents {}\ntrace {}\nhorizon_us {}\n", world->now_us(), world->events_processed(),
                     world->trace().size(), simulation.horizon_us());
  const std::optional<ServerId> leader = world->leader();
  out += fmt::format("leader {}\n", leader ? static_cast<int>(*leader) : 0);
  for (ServerId id = 1; id <= world->server_count(); ++id) {
    out += fmt::format("server {} {}\n", static_cast<int>(id), world->is_up(id) ? peer_state_name(world->state(id)) : "DOWN");
  }
  std::map<std::string, int64_t> kinds;
  for (const TraceEvent& event : world->trace()) ++kinds[trace_kind_name(event.kind)];
  for (const auto& [kind, count] : kinds) out += fmt::format("trace_kind {} {}\n", kind, count);
  out += fmt::format("held {}\npartitioned {}\n", world->held_messages().size(), world->network().any_cut() ? 1 : 0);
  return out;
}

}  // namespace

void enable(const std::string& path) {
  if (state == nullptr) state = new State();
  state->path = path;
}

bool enabled() { return state != nullptr; }

void widget(const char* name) {
  if (state == nullptr) return;
  const ImRect rect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  // Visible only when all of it is: a click in the middle of a half-scrolled-out button
  // could land on the window's title bar.
  const ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
  const bool visible = clip.Contains(rect);
  state->widgets.push_back(Widget{name, ImGui::GetItemID(), rect.Min, rect.Max, visible, clip.Min, clip.Max});
}

void window(const char* name) {
  if (state == nullptr) return;
  const ImVec2 pos = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  state->widgets.push_back(Widget{name, 0, pos, ImVec2(pos.x + size.x, pos.y + size.y), true});
}

void area(const char* name, float x0, float y0, float x1, float y1) {
  if (state == nullptr) return;
  state->widgets.push_back(Widget{name, 0, ImVec2(x0, y0), ImVec2(x1, y1), true});
}

void note(std::string_view key, std::string_view text) {
  if (state == nullptr) return;
  state->notes.insert_or_assign(std::string(key), one_line(text));
}

std::string take_screenshot_request() {
  if (state == nullptr) return {};
  const std::string request = state->path + ".shot";
  std::FILE* file = std::fopen(request.c_str(), "r");
  if (file == nullptr) return {};
  char buffer[1024] = {};
  const size_t size = std::fread(buffer, 1, sizeof buffer - 1, file);
  std::fclose(file);
  std::remove(request.c_str());
  std::string path(buffer, size);
  while (!path.empty() && (path.back() == '\n' || path.back() == ' ')) path.pop_back();
  return path;
}

void end_frame(const sim::RecordedRun& simulation) {
  if (state == nullptr) return;
  std::string text = world_summary(simulation);
  for (const Widget& w : state->widgets) {
    if (!w.visible) {  // a click there would land on something else: not a widget line
      text += fmt::format("clipped {} {:.0f} {:.0f} {:.0f} {:.0f} in {:.0f} {:.0f} {:.0f} {:.0f}\n", w.name, w.min.x,
                          w.min.y, w.max.x, w.max.y, w.clip_min.x, w.clip_min.y, w.clip_max.x, w.clip_max.y);
      continue;
    }
    text += fmt::format("widget {} {:.0f} {:.0f} {:.0f} {:.0f}\n", w.name, w.min.x, w.min.y, w.max.x, w.max.y);
  }
  for (size_t i = 0; i < state->widgets.size(); ++i) {
    for (size_t j = i + 1; j < state->widgets.size(); ++j) {
      if (state->widgets[i].id != 0 && state->widgets[i].id == state->widgets[j].id) {
        text += fmt::format("clash {} {}\n", state->widgets[i].name, state->widgets[j].name);
      }
    }
  }
  for (const auto& [key, value] : state->notes) text += fmt::format("note {} {}\n", key, value);
  state->widgets.clear();
  state->notes.clear();
  if (text == state->last_written) return;
  // Write a new file and rename it over the old one, so a reader never sees half a file.
  const std::string temporary = state->path + ".tmp";
  std::FILE* file = std::fopen(temporary.c_str(), "w");
  if (file == nullptr) return;
  const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  if (std::fclose(file) == 0 && written && std::rename(temporary.c_str(), state->path.c_str()) == 0) {
    state->last_written = std::move(text);
  }
}

}  // namespace zk::ui::probe
