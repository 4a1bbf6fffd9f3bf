// Timeline: one lane per server over virtual time.
#include <imgui.h>

#include "ui/i18n.h"
#include "ui/panels.h"

namespace zk::ui {

void TimelinePanel::draw(const PanelContext& context) {
  if (context.world == nullptr) {
    draw_empty_state(tr(Text::kNoTimeline));
    return;
  }
  draw_empty_state(tr(Text::kPanelPending));
}

}  // namespace zk::ui
