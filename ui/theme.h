// Dark and light styles for the UI, with the spacing and rounding we use everywhere, and
// the state colours (LOOKING, FOLLOWING, LEADING, OBSERVING, DOWN, paused) shared by all panels.
#pragma once

#include <imgui.h>

#include "ui/gui_app.h"

namespace zk::ui {

void apply_theme(Theme theme);

// The ground of the field that decided between two votes (epoch, zxid or server id): in the
// lesson's rule table and in the Votes panel's current votes.
inline constexpr ImU32 kDecidingRuleFill = IM_COL32(230, 140, 30, 170);

struct StateColors {
  ImU32 looking;
  ImU32 following;
  ImU32 leading;
  ImU32 observing;
  ImU32 down;
  ImU32 paused;
};
StateColors state_colors();

// Coloured text that reads on the current theme's background: the bright tones of the dark
// theme are too pale on the light one's white, which gets darker ones.
enum class TextTone { kWarning, kError, kGood, kInfo };
ImVec4 text_tone(TextTone tone);

}  // namespace zk::ui
