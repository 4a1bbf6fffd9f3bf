// A label written where it is used, in both languages, for panels added after the shared
// string table (ui/i18n.h): picks the one of the current language. kBilingualGlyphs holds
// every Chinese character of those labels, for the font's glyph ranges (ui/fonts.cpp):
// add the new ones there with each new en_zh label.
#pragma once

#include "ui/i18n.h"

namespace zk::ui {

inline constexpr const char* kBilingualGlyphs =
    "课程第段共谁会胜出？答对了：不是投给按规则（）出局和相同，。"  // lesson_panel.cpp
    "消息绘制条隐藏放大可看到全部选中无字段此处法读取"  // timeline, spacetime_overlay.cpp
    "计时器选票重发退避最终确认等待心跳：无响应阶段会话过期检查重新连接绑定端口容器删除间隔延迟"  // server_timers.cpp
    "规则更大相同服务器因把从改为中使它改票的字段";  // votes_panel.cpp

inline const char* en_zh(const char* english, const char* chinese) {
  return language() == Language::kChinese ? chinese : english;
}

}  // namespace zk::ui
