// PNG screenshots from the framebuffer.
#include "ui/screenshot.h"

#include <glad/gl.h>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace zk::ui {

std::string write_screenshot_png(const std::string& path, int width_px, int height_px) {
  if (width_px <= 0 || height_px <= 0) return "empty framebuffer";
  const size_t row_bytes = static_cast<size_t>(width_px) * 4;
  std::vector<unsigned char> pixels(row_bytes * static_cast<size_t>(height_px));
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width_px, height_px, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL rows run bottom-up; PNG rows run top-down.
  std::vector<unsigned char> flipped(pixels.size());
  for (int y = 0; y < height_px; ++y) {
    const auto src = pixels.begin() + static_cast<std::ptrdiff_t>(row_bytes * static_cast<size_t>(height_px - 1 - y));
    std::copy(src, src + static_cast<std::ptrdiff_t>(row_bytes), flipped.begin() + static_cast<std::ptrdiff_t>(row_bytes * static_cast<size_t>(y)));
  }
  if (!stbi_write_png(path.c_str(), width_px, height_px, 4, flipped.data(), static_cast<int>(row_bytes))) {
    return "cannot write " + path;
  }
  return {};
}

}  // namespace zk::ui
