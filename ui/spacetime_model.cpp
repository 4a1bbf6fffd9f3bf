// Lanes and arrows of the space-time diagram (see spacetime_model.h).
#include "ui/spacetime_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace zk::ui {
namespace {

std::string trimmed_time(int64_t t_us) {
  std::string text = sim::format_time_us(t_us);
  const size_t first = text.find_first_not_of(' ');
  const size_t last = text.find_last_not_of(' ');
  return first == std::string::npos ? text : text.substr(first, last - first + 1);
}

}  // namespace

std::vector<SpaceTimeLane> space_time_lanes(const sim::World& world, size_t max_clients) {
  std::vector<SpaceTimeLane> lanes;
  for (ServerId id = 1; id <= world.server_count(); ++id) {
    lanes.push_back(SpaceTimeLane{id, fmt::format("S{}", id)});
  }
  const std::vector<sim::ClientSlot>& clients = world.clients();
  for (size_t i = 0; i < clients.size() && i < max_clients; ++i) {
    lanes.push_back(SpaceTimeLane{sim::kFirstClientEndpoint + static_cast<sim::EndpointId>(i), clients[i].client.name()});
  }
  return lanes;
}

std::optional<size_t> lane_of(const std::vector<SpaceTimeLane>& lanes, sim::EndpointId endpoint) {
  for (size_t i = 0; i < lanes.size(); ++i) {
    if (lanes[i].endpoint == endpoint) return i;
  }
  return std::nullopt;
}

void collect_arrows(const sim::MessageLog& delivered, const std::vector<sim::InFlightMessage>& in_flight,
                    int64_t start_us, int64_t end_us, size_t max_arrows, SpaceTimeWindow* out) {
  out->arrows.clear();
  out->crossing = 0;
  out->dropped = 0;
  // Delivered in the window (the log is in delivery order), then a bounded look past it
  // for messages sent in the window and delivered after it.
  const auto by_delivery = [](const sim::MessageRecord& record, int64_t t_us) { return record.delivered_us < t_us; };
  const auto first = std::lower_bound(delivered.begin(), delivered.end(), start_us, by_delivery);
  const auto past = std::lower_bound(first, delivered.end(), end_us + 1, by_delivery);
  const auto late_end = past + static_cast<std::ptrdiff_t>(std::min<size_t>(kLateScan, static_cast<size_t>(delivered.end() - past)));
  std::vector<size_t> picked;  // indices into the log, then in-flight indices offset by the log's size
  for (auto it = first; it != late_end; ++it) {
    if (it->from == it->to || it->sent_us > end_us) continue;
    picked.push_back(it.index());
  }
  for (size_t i = 0; i < in_flight.size(); ++i) {
    const sim::InFlightMessage& message = in_flight[i];
    if (message.from == message.to || message.sent_us > end_us || message.deliver_us < start_us) continue;
    picked.push_back(delivered.size() + i);
  }
  out->crossing = picked.size();
  const size_t stride = max_arrows == 0 ? picked.size() + 1 : (picked.size() + max_arrows - 1) / max_arrows;
  for (size_t k = 0; k < picked.size() && max_arrows > 0; k += std::max<size_t>(1, stride)) {
    const size_t index = picked[k];
    if (index < delivered.size()) {
      const sim::MessageRecord& record = delivered[index];
      out->arrows.push_back(SpaceTimeArrow{record.sent_us, record.delivered_us, record.from, record.to, record.kind,
                                           categorize(record.from, record.to, record.kind), false});
    } else {
      const sim::InFlightMessage& message = in_flight[index - delivered.size()];
      out->arrows.push_back(SpaceTimeArrow{message.sent_us, message.deliver_us, message.from, message.to, message.kind,
                                           categorize(message), true});
    }
  }
}

void add_dropped_arrows(const sim::DropLog& dropped, int64_t start_us, int64_t end_us, size_t max_arrows,
                        SpaceTimeWindow* out) {
  const size_t first = dropped.size() > kDropScan ? dropped.size() - kDropScan : 0;
  std::vector<size_t> picked;
  for (size_t i = first; i < dropped.size(); ++i) {
    const sim::DroppedMessageRecord& record = dropped[i];
    if (record.sent_us > end_us || record.dropped_us < start_us) continue;
    picked.push_back(i);
  }
  out->crossing += picked.size();
  const size_t stride = max_arrows == 0 ? picked.size() + 1 : (picked.size() + max_arrows - 1) / max_arrows;
  for (size_t k = 0; k < picked.size() && max_arrows > 0; k += std::max<size_t>(1, stride)) {
    const sim::DroppedMessageRecord& record = dropped[picked[k]];
    out->arrows.push_back(SpaceTimeArrow{record.sent_us, record.dropped_us, record.from, record.to, record.kind,
                                         categorize(record.from, record.to, record.kind), false, record.reason});
    ++out->dropped;
  }
}

float distance_to_segment(PointPx p, PointPx a, PointPx b) {
  const float dx = b.x - a.x;
  const float dy = b.y - a.y;
  const float length2 = dx * dx + dy * dy;
  float t = length2 > 0.0f ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2 : 0.0f;
  t = std::clamp(t, 0.0f, 1.0f);
  const float cx = a.x + t * dx - p.x;
  const float cy = a.y + t * dy - p.y;
  return std::sqrt(cx * cx + cy * cy);
}

std::string describe_arrow(const SpaceTimeArrow& arrow, const std::vector<SpaceTimeLane>& lanes) {
  const auto name = [&](sim::EndpointId endpoint) {
    const std::optional<size_t> lane = lane_of(lanes, endpoint);
    return lane ? lanes[*lane].label : fmt::format("#{}", endpoint);
  };
  if (arrow.dropped) {
    return fmt::format("{} {} -> {} sent {} dropped {}: {}", arrow.kind, name(arrow.from), name(arrow.to),
                       trimmed_time(arrow.sent_us), trimmed_time(arrow.delivered_us), sim::drop_reason_text(*arrow.dropped));
  }
  return fmt::format("{} {} -> {} sent {} {} {}", arrow.kind, name(arrow.from), name(arrow.to),
                     trimmed_time(arrow.sent_us), arrow.in_flight ? "arrives" : "delivered",
                     trimmed_time(arrow.delivered_us));
}

}  // namespace zk::ui
