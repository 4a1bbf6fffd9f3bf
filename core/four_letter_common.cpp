// Connections, counts, proposal sizes and dates for the four-letter words.
#include "core/four_letter_common.h"

#include <fmt/format.h>

#include <algorithm>

namespace zk::four_letter {

const char* mode_name(const QuorumPeer& peer) {
  switch (peer.state()) {
    case PeerState::kLeading: return "leader";
    case PeerState::kFollowing: return "follower";
    case PeerState::kObserving: return "observer";
    case PeerState::kLooking: return "looking";
  }
  return "looking";
}

std::vector<ListedConnection> listed_connections(const QuorumPeer& peer, std::string_view asker_address) {
  std::vector<ListedConnection> out;
  for (const auto& [id, connection] : peer.connections()) {
    if (!connection.established) continue;
    out.push_back({"/" + connection.remote_address, connection.session,
                   static_cast<int64_t>(connection.queued_reads.size()), 1});
  }
  out.push_back({"/" + std::string(asker_address), 0, 0, 0});
  return out;
}

int64_t outstanding_requests(const QuorumPeer& peer) {
  int64_t count = 0;
  for (const auto& [id, connection] : peer.connections()) {
    count += connection.outstanding + static_cast<int64_t>(connection.queued_reads.size());
  }
  return count;
}

int64_t node_count_3_8(const QuorumPeer& peer) { return static_cast<int64_t>(peer.tree().node_count()) + 1; }

int64_t ephemeral_count(const QuorumPeer& peer) {
  int64_t count = 0;
  for (const auto& [session, timeout_ms] : peer.tree().sessions()) {
    count += static_cast<int64_t>(peer.tree().ephemerals(session).size());
  }
  return count;
}

int64_t approximate_data_size(const QuorumPeer& peer) {
  int64_t bytes = 0;
  peer.tree().for_each_node([&](std::string_view path, const auto&, std::string_view data, int32_t) {
    bytes += static_cast<int64_t>(path.size() + data.size());
  });
  return bytes;
}

ProposalSizes proposal_sizes(const QuorumPeer& peer) {
  ProposalSizes sizes;
  if (peer.state() != PeerState::kLeading || !peer.leader_state()) return sizes;
  const Epoch epoch = peer.leader_state()->epoch;
  auto add = [&](const Txn& txn) {
    if (zxid_epoch(txn.header.zxid) != epoch) return;
    const auto bytes = static_cast<int64_t>(serialized_bytes(txn));
    sizes.last = bytes;
    sizes.min = sizes.min < 0 ? bytes : std::min(sizes.min, bytes);
    sizes.max = std::max(sizes.max, bytes);
    ++sizes.count;
  };
  for (const auto& txn : peer.committed_log()) add(*txn);
  for (const auto& [zxid, proposal] : peer.leader_state()->outstanding) add(*proposal.txn);
  return sizes;
}

namespace {

// Howard Hinnant's civil_from_days: days since 1970-01-01 -> (year, month 1..12, day 1..31).
void civil_from_days(int64_t days, int64_t* year, int* month, int* day) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<int64_t>(days - era * 146097);
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2 ? 1 : 0);
}

}  // namespace

std::string java_date(int64_t ms_since_epoch) {
  static constexpr const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01: Thu
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int64_t seconds = ms_since_epoch >= 0 ? ms_since_epoch / 1000 : (ms_since_epoch - 999) / 1000;
  const int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const int64_t second_of_day = seconds - days * 86400;
  int64_t year = 0;
  int month = 0;
  int day = 0;
  civil_from_days(days, &year, &month, &day);
  const auto weekday = static_cast<size_t>(((days % 7) + 7) % 7);
  return fmt::format("{} {} {:02} {:02}:{:02}:{:02} UTC {}", kDays[weekday], kMonths[month - 1], day,
                     second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60, year);
}

}  // namespace zk::four_letter
