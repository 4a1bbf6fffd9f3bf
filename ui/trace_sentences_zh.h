// Chinese (简体中文) trace sentences for the Why panel: the same structured TraceEvent fields
// that core/trace_format.cpp renders in English, written as Chinese sentences. Free-text
// parts (state-change reasons, scenario and client notes) are translated by matching the
// sim's and core's known phrasings; anything unknown is shown as it is (English).
#pragma once

#include <string>
#include <string_view>

#include "core/trace_event.h"

namespace zk::ui {

std::string describe_zh(const TraceEvent& event);
// A free-text reason or note translated when its phrasing is known, else returned as is.
std::string translate_detail_zh(std::string_view text);
// Every Chinese sentence pattern used above, concatenated (for the font's glyph ranges).
std::string trace_sentence_zh_glyph_text();

}  // namespace zk::ui
