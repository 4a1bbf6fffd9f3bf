// Votes: each server's current vote and the votes it has received.
#include <imgui.h>

#include "ui/i18n.h"
#include "ui/panels.h"

namespace zk::ui {

void VotesPanel::draw(const PanelContext& context) {
  if (context.world == nullptr) {
    draw_empty_state(tr(Text::kNoVotes));
    return;
  }
  draw_empty_state(tr(Text::kPanelPending));
}

}  // namespace zk::ui
