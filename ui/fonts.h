// Loads the UI font at run time: DejaVu Sans from fonts-dejavu-core with WenQuanYi Micro
// Hei merged in for Chinese, falling back to Dear ImGui's built-in font when the files are
// missing. Returns a one-line description of what was loaded (for logs and tests).
#pragma once

#include <string>

namespace zk::ui {

std::string load_fonts(float size_px);

}  // namespace zk::ui
