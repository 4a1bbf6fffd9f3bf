// Font loading with Debian font paths and a built-in fallback.
#include "ui/fonts.h"

#include <imgui.h>

#include <filesystem>

#include "ui/i18n.h"
#include "ui/lesson_panel.h"
#include "ui/trace_sentences_zh.h"

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
    // Pixel-snapped glyphs rasterized at 1x: the atlas is a third of the default's size and
    // text samples it texel for texel, which the software renderer does much faster.
    ImFontConfig latin;
    latin.OversampleH = 1;
    latin.OversampleV = 1;
    latin.PixelSnapH = true;
    base = io.Fonts->AddFontFromFileTTF(kLatinFont, size_px, &latin, kLatinRanges);
    if (base) loaded = "DejaVuSans";
  }
  if (std::filesystem::exists(kChineseFont)) {
    ImFontConfig config;
    config.MergeMode = base != nullptr;
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    // ImGui's "common" set misses characters we use (e.g. 拟 in 模拟器), so every glyph
    // of the UI's own Chinese strings is added to it.
    static ImVector<ImWchar> ranges;
    ranges.clear();
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
    const Language previous = language();
    set_language(Language::kChinese);
    for (int key = 0; key < static_cast<int>(Text::kCount); ++key) builder.AddText(tr(static_cast<Text>(key)));
    builder.AddText(trace_sentence_zh_glyph_text().c_str());  // the Why panel's Chinese sentences
    builder.AddText(lesson_glyph_text().c_str());             // lesson narration and labels
    set_language(previous);
    builder.BuildRanges(&ranges);
    ImFont* chinese = io.Fonts->AddFontFromFileTTF(kChineseFont, size_px, &config, ranges.Data);
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
