// The Why panel's filter words and matching (see why_filter.h).
#include "ui/why_filter.h"

namespace zk::ui {
namespace {

bool contains_ignoring_case(std::string_view text, std::string_view word) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  if (word.empty()) return true;
  for (size_t i = 0; i + word.size() <= text.size(); ++i) {
    size_t j = 0;
    while (j < word.size() && lower(text[i + j]) == lower(word[j])) ++j;
    if (j == word.size()) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> filter_words(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : line) {
    if (c == ' ' || c == ',') {
      if (!word.empty() && word != "-") words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty() && word != "-") words.push_back(word);
  return words;
}

bool sentence_matches(std::string_view sentence, const std::vector<std::string>& words) {
  for (const std::string& word : words) {
    const bool excluded = word.size() > 1 && word[0] == '-';
    const bool found = contains_ignoring_case(sentence, excluded ? std::string_view(word).substr(1) : word);
    if (found == excluded) return false;
  }
  return true;
}

}  // namespace zk::ui
