// Writes the current OpenGL back buffer to a PNG (glReadPixels, flipped to top-down rows,
// stb_image_write). Returns an empty string on success or the reason it failed.
#pragma once

#include <string>

namespace zk::ui {

std::string write_screenshot_png(const std::string& path, int width_px, int height_px);

}  // namespace zk::ui
