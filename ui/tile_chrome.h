// What lets the user shape the tiled layout (ui/layout.h) with the mouse: the splitters in
// the gaps between tiles, and each tile's title-bar buttons. The splitters live in one
// borderless window behind every tile that covers the work area; the tiles leave the gaps
// uncovered, so a press there reaches the splitter underneath. Dragging one moves the
// boundary (the pointer shows a resize arrow over it); a tile's title bar has a collapse
// button ("-", "+" to expand again) and a maximise button ("[ ]", "][" to restore), and a
// double-click on the title bar maximises or restores too.
#pragma once

#include "ui/layout.h"

namespace zk::ui {

// Call once a frame (its window is kept behind every tile).
void draw_splitters(LayoutState& state, const Layout& layout, ImVec2 origin, ImVec2 size);

// Call inside the tile's window right after ImGui::Begin. Returns whether the tile is open
// (not collapsed), i.e. whether its contents should be drawn.
bool draw_title_buttons(LayoutState& state, Pane pane);

// A collapsed tile's height: its title bar (at least ImGui's minimum window height).
float collapsed_tile_height();

}  // namespace zk::ui
