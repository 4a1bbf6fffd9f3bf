// The Votes panel's deciding rule (ui/vote_matrix.h), in two shipped re-election lessons run
// event by event after their heal: in the seed's second walkthrough S1 gives up its own vote
// for S2's, the same zxid and the higher server id (rule 3); in "the newest data beats the
// highest id" S3 gives up its own vote for S1's newer zxid (rule 2). Only LOOKING rows are
// marked, and once everybody follows the new leader nothing is.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "sim/replay/recorded_run.h"
#include "sim/world/world.h"
#include "ui/scenario_files.h"
#include "ui/vote_matrix.h"

using zk::VoteDecider;
using zk::ui::VoteMatrix;
using zk::ui::VoteRow;

namespace {

// Runs the lesson's lines through its `heal`, then event by event until every live server
// follows or leads; returns each server's first marked row on the way.
std::map<zk::ServerId, VoteRow> first_marks(const std::string& lesson) {
  zk::ui::LoadedScenario loaded = zk::ui::load_scenario_file(std::string(ZKSIM_SOURCE_DIR) + "/assets/scenarios/" + lesson);
  REQUIRE(loaded.error.empty());
  int heal_line = 0;
  for (size_t i = 0; i < loaded.lines.size(); ++i) {
    if (loaded.lines[i] == "heal") heal_line = static_cast<int>(i) + 1;
  }
  REQUIRE(heal_line > 0);
  zk::sim::RecordedRun run;
  run.open_scenario(loaded.scenario, std::nullopt, loaded.lines);
  while (run.scenario_next_line() != 0 && run.scenario_next_line() <= heal_line) REQUIRE(run.scenario_step());
  std::map<zk::ServerId, VoteRow> marks;
  const auto settled = [&] {
    const zk::sim::World& world = *run.world();
    if (!world.leader()) return false;
    for (zk::ServerId id = 1; id <= world.server_count(); ++id) {
      if (world.is_up(id) && world.state(id) == zk::PeerState::kLooking) return false;
    }
    return true;
  };
  for (int event = 0; event < 500'000 && !settled(); ++event) {
    run.step_one_event();
    for (const VoteRow& row : zk::ui::build_vote_matrix(*run.world()).rows) {
      if (row.changed_by == VoteDecider::kNone) continue;
      CHECK(row.looking);  // only a LOOKING row is marked
      marks.emplace(row.id, row);
    }
  }
  REQUIRE(settled());
  for (const VoteRow& row : zk::ui::build_vote_matrix(*run.world()).rows) CHECK(row.changed_by == VoteDecider::kNone);
  return marks;
}

}  // namespace

TEST_CASE("Votes: the field that decided a LOOKING server's vote change - rule 3 in the seed re-election") {
  const std::map<zk::ServerId, VoteRow> marks = first_marks("seed-reelection-sid-2-of-5.zks");
  REQUIRE(marks.count(1) == 1);
  const VoteRow& s1 = marks.at(1);
  CHECK(s1.changed_by == VoteDecider::kServerId);
  CHECK(s1.changed_on_vote_of == 2);
  CHECK(s1.proposal_before.leader == 1);
  CHECK(s1.proposal.leader == 2);
  CHECK(s1.proposal.zxid == 0x100000008);
  CHECK(s1.proposal_before.zxid == s1.proposal.zxid);
  CHECK(s1.proposal_before.peer_epoch == s1.proposal.peer_epoch);
  CHECK(marks.count(2) == 0);  // S2 never gave up its own vote
}

TEST_CASE("Votes: the field that decided a LOOKING server's vote change - rule 2 when the newest data wins") {
  const std::map<zk::ServerId, VoteRow> marks = first_marks("reelection-lower-sid-newer-zxid.zks");
  REQUIRE(marks.count(3) == 1);
  const VoteRow& s3 = marks.at(3);
  CHECK(s3.changed_by == VoteDecider::kZxid);
  CHECK(s3.changed_on_vote_of == 1);
  CHECK(s3.proposal_before.leader == 3);
  CHECK(s3.proposal.leader == 1);
  CHECK(s3.proposal.zxid > s3.proposal_before.zxid);
  CHECK(s3.proposal_before.peer_epoch == s3.proposal.peer_epoch);
  CHECK(marks.count(1) == 0);  // S1 kept its own vote: it has the newest data
}
