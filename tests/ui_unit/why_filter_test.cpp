// The Why panel's filter: words, exclusions, case.
#include <doctest/doctest.h>

#include "ui/why_filter.h"

using zk::ui::filter_words;
using zk::ui::sentence_matches;

TEST_CASE("Why filter: every word, no -word, ASCII case ignored") {
  CHECK(filter_words("S2  vote,-LOOKING - ") == std::vector<std::string>{"S2", "vote", "-LOOKING"});
  CHECK(filter_words("").empty());
  const std::string sentence = "S2 changes its vote S2 -> S1: same epoch 1, higher zxid";
  CHECK(sentence_matches(sentence, {}));
  CHECK(sentence_matches(sentence, filter_words("s2 VOTE")));
  CHECK_FALSE(sentence_matches(sentence, filter_words("S2 leading")));
  CHECK_FALSE(sentence_matches(sentence, filter_words("vote -epoch")));
  CHECK(sentence_matches(sentence, filter_words("vote -LEADING")));
  CHECK(sentence_matches("S3 是 LEADING", filter_words("是 leading")));
}
