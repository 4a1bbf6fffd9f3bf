// Chinese (简体中文) trace sentences for the Why panel: the same structured TraceEvent fields
// that core/trace_format.cpp renders in English, written as Chinese sentences. Reasons are
// rendered from their enums and fields, never from English text; free text (a note, a txn,
// a scenario line) is shown as it is.
#pragma once

#include <string>

#include "core/trace_event.h"

namespace zk::ui {

std::string describe_zh(const TraceEvent& event);
// The reason of a kStateChanged / kLeaderLost event in Chinese ("跟随 S3"); "" for none.
std::string describe_reason_zh(const TraceEvent& event);
// Every Chinese sentence pattern used above, concatenated (for the font's glyph ranges).
std::string trace_sentence_zh_glyph_text();

}  // namespace zk::ui
