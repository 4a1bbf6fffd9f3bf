// Legend rows shared by the panels: a coloured swatch (dot or square) and its label, laid
// out left to right and wrapped onto a new line when the next entry would not fit.
#pragma once

#include <imgui.h>

namespace zk::ui {

enum class Swatch { kDot, kSquare };

// Call begin_legend() once, then legend_entry() per entry, then end_legend().
void begin_legend();
void legend_entry(Swatch swatch, ImU32 color, const char* label);
void end_legend();

}  // namespace zk::ui
