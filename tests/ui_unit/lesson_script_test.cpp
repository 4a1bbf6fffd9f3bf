// The lesson narration parser and which paragraph a moment shows; the deciding election
// rule among candidates.
#include <doctest/doctest.h>

#include <climits>

#include "ui/election_rule.h"
#include "ui/lesson_script.h"

using zk::VoteDecider;
using zk::ui::current_paragraph;
using zk::ui::decide_rule;
using zk::ui::LessonParagraph;
using zk::ui::lines_run_through;
using zk::ui::parse_lesson;
using zk::ui::RuleCandidate;

TEST_CASE("Lesson narration: paragraphs, languages, the question and the line each narrates") {
  const std::vector<std::string> lines = {
      "# A maintainer's comment, not narration.",  // 1
      "#> Five servers",                           // 2
      "#>   start.  ",                             // 3
      "#>zh 五台服务器启动。",                     // 4
      "",                                          // 5
      "cluster 5",                                 // 6
      "start 1 2 3 every=1s",                      // 7
      "#> Who will win?",                          // 8
      "#? winner",                                 // 9
      "# plain comment",                           // 10
      "run until leader",                          // 11
      "#> The end.",                               // 12
  };
  const std::vector<LessonParagraph> paragraphs = parse_lesson(lines);
  REQUIRE(paragraphs.size() == 3);
  CHECK(paragraphs[0] == LessonParagraph{.line = 6, .english = "Five servers start.", .chinese = "五台服务器启动。"});
  CHECK(paragraphs[1] == LessonParagraph{.line = 11, .english = "Who will win?", .chinese = "", .asks_winner = true});
  CHECK(paragraphs[2] == LessonParagraph{.line = INT_MAX, .english = "The end."});

  // Nothing run yet (next line 7): the introduction. Line 7 run: still it. Line 11 run:
  // the question. Finished (next line 0): the last paragraph.
  CHECK(lines_run_through(0, 7) == 6);
  CHECK(current_paragraph(paragraphs, lines_run_through(0, 7)) == 0);
  CHECK(current_paragraph(paragraphs, lines_run_through(0, 11)) == 0);
  CHECK(current_paragraph(paragraphs, lines_run_through(0, 12)) == 1);
  CHECK(current_paragraph(paragraphs, lines_run_through(12, 0)) == 1);  // playhead back in line 12
  CHECK(current_paragraph(paragraphs, lines_run_through(11, 0)) == 0);  // line 11 still running there
  CHECK(lines_run_through(0, 0) == INT_MAX);
  CHECK(current_paragraph(paragraphs, lines_run_through(0, 0)) == 2);
  CHECK(current_paragraph({}, 5) == -1);
  CHECK(parse_lesson({"cluster 3", "# only comments", "start 1 2 3"}).empty());
}

TEST_CASE("Deciding rule: epoch, then zxid, then server id") {
  // The seed's walkthrough: survivors 1, 2, 4 with zxids 8, 8, 7 in epoch 1.
  const auto seed = decide_rule({RuleCandidate{.id = 4, .epoch = 1, .zxid = 0x100000007},
                                 RuleCandidate{.id = 1, .epoch = 1, .zxid = 0x100000008},
                                 RuleCandidate{.id = 2, .epoch = 1, .zxid = 0x100000008}});
  CHECK(seed.winner == 2);
  REQUIRE(seed.candidates.size() == 3);
  CHECK(seed.candidates[0] == RuleCandidate{.id = 1, .epoch = 1, .zxid = 0x100000008, .lost_by = VoteDecider::kServerId});
  CHECK(seed.candidates[1] == RuleCandidate{.id = 2, .epoch = 1, .zxid = 0x100000008, .lost_by = VoteDecider::kNone});
  CHECK(seed.candidates[2] == RuleCandidate{.id = 4, .epoch = 1, .zxid = 0x100000007, .lost_by = VoteDecider::kZxid});
  // A newer epoch beats a larger zxid and a larger id.
  const auto epoch = decide_rule({RuleCandidate{.id = 1, .epoch = 3, .zxid = 0x300000001},
                                  RuleCandidate{.id = 5, .epoch = 2, .zxid = 0x200000009}});
  CHECK(epoch.winner == 1);
  CHECK(epoch.candidates[1].lost_by == VoteDecider::kPeerEpoch);
  CHECK(decide_rule(std::vector<RuleCandidate>{}).winner == 0);
}
