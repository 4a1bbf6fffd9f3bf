// A label written where it is used, in both languages, for panels added after the shared
// string table (ui/i18n.h): picks the one of the current language.
#pragma once

#include "ui/i18n.h"

namespace zk::ui {

inline const char* en_zh(const char* english, const char* chinese) {
  return language() == Language::kChinese ? chinese : english;
}

}  // namespace zk::ui
