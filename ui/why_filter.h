// The Why panel's filter, without a window: the words of the filter line (separated by
// spaces or commas) and whether a sentence passes them — every word in it, no '-word' in it,
// ASCII letters compared without case (Chinese sentences match byte for byte).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zk::ui {

std::vector<std::string> filter_words(std::string_view line);
bool sentence_matches(std::string_view sentence, const std::vector<std::string>& words);

}  // namespace zk::ui
