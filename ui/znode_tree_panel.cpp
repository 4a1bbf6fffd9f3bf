// Znode tree: the selected server's data tree and Stat.
#include <imgui.h>

#include "ui/i18n.h"
#include "ui/panels.h"

namespace zk::ui {

void ZnodeTreePanel::draw(const PanelContext& context) {
  if (context.world == nullptr) {
    draw_empty_state(tr(Text::kNoTree));
    return;
  }
  draw_empty_state(tr(Text::kPanelPending));
}

}  // namespace zk::ui
