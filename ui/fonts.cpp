// Font loading with Debian font paths and a built-in fallback.
#include "ui/fonts.h"

#include <imgui.h>

#include <filesystem>

namespace zk::ui {
namespace {

constexpr const char* kLatinFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kChineseFont = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

}  // namespace

std::string load_fonts(float size_px) {
  ImGuiIO& io = ImGui::GetIO();
  std::string loaded;
  ImFont* base = nullptr;
  if (std::filesystem::exists(kLatinFont)) {
    static const ImWchar kLatinRanges[] = {0x0020, 0x00FF, 0x2010, 0x205E, 0x2190, 0x21FF, 0x2500, 0x25FF, 0};
    base = io.Fonts->AddFontFromFileTTF(kLatinFont, size_px, nullptr, kLatinRanges);
    if (base) loaded = "DejaVuSans";
  }
  if (std::filesystem::exists(kChineseFont)) {
    ImFontConfig config;
    config.MergeMode = base != nullptr;
    config.OversampleH = 1;
    config.OversampleV = 1;
    ImFont* chinese = io.Fonts->AddFontFromFileTTF(kChineseFont, size_px, &config,
                                                   io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
    if (chinese) loaded += loaded.empty() ? "WenQuanYi Micro Hei" : " + WenQuanYi Micro Hei";
  }
  if (loaded.empty()) {
    ImFontConfig config;
    config.SizePixels = size_px;
    io.Fonts->AddFontDefault(&config);
    loaded = "built-in ProggyClean";
  }
  return loaded;
}

}  // namespace zk::ui
