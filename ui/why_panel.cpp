// Why: the decision log in plain sentences.
#include <imgui.h>

#include "ui/i18n.h"
#include "ui/panels.h"

namespace zk::ui {

void WhyPanel::draw(const PanelContext& context) {
  if (context.world == nullptr) {
    draw_empty_state(tr(Text::kNoDecisions));
    return;
  }
}

}  // namespace zk::ui
