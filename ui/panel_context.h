// What every panel reads while drawing one frame: the world snapshot at the playhead (null
// before a cluster exists) and the UI-wide settings. Panels never modify the world; they
// return commands instead (see sim's command layer).
#pragma once

namespace zk::sim {
class RecordedRun;
class World;
}

namespace zk::ui {

struct PanelContext {
  const sim::World* world = nullptr;   // the world at the playhead; null before a cluster exists
  sim::RecordedRun* simulation = nullptr;    // where panels send the user's actions (command layer)
};

// Draws a dimmed, wrapped sentence in the middle of the current window, used by every
// panel when it has nothing to show yet, so the window still explains itself.
void draw_empty_state(const char* sentence);

// Continues the row (SameLine with spacing_px, -1: the style's) when an item `width_px` wide
// still fits the window's width, else starts a new line: rows that wrap in a narrow tile.
void same_line_if_fits(float width_px, float spacing_px = -1.0f);

}  // namespace zk::ui
