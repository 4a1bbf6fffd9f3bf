// Console: a zkCli-style console attached to one server.
#include <imgui.h>

#include "ui/i18n.h"
#include "ui/panels.h"

namespace zk::ui {

void ConsolePanel::draw(const PanelContext& context) {
  if (context.world == nullptr) {
    draw_empty_state(tr(Text::kNoConsole));
    return;
  }
  draw_empty_state(tr(Text::kPanelPending));
}

}  // namespace zk::ui
