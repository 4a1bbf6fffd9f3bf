// World::messages_in_flight and describe_in_flight: the network's current traffic for the
// GUI, read from the event queue without changing anything.
#include <algorithm>

#include "core/message_format.h"
#include "sim/world/world.h"

namespace zk::sim {

std::vector<InFlightMessage> World::messages_in_flight(size_t max_count) const {
  std::vector<InFlightMessage> found;
  messages_in_flight(max_count, &found);
  return found;
}

void World::messages_in_flight(size_t max_count, std::vector<InFlightMessage>* out) const {
  std::vector<InFlightMessage>& found = *out;
  found.clear();
  queue_.for_each_pending([&](int64_t time_us, const EventPayload& payload) {
    if (const auto* peer = std::get_if<DeliverMessage>(&payload)) {
      if (peer->from == peer->to) return;  // a server's note to itself never crosses a link
      found.push_back({peer->from, peer->to, peer->sent_us, time_us, message_kind_name(peer->message), &payload});
    } else if (const auto* up = std::get_if<DeliverToServer>(&payload)) {
      found.push_back({up->from, up->server, up->sent_us, time_us, client_message_kind(up->message), &payload});
    } else if (const auto* down = std::get_if<DeliverToClient>(&payload)) {
      found.push_back({down->from, down->client, down->sent_us, time_us, client_message_kind(down->message), &payload});
    }
  });
  std::sort(found.begin(), found.end(), [](const InFlightMessage& a, const InFlightMessage& b) {
    if (a.deliver_us != b.deliver_us) return a.deliver_us < b.deliver_us;
    if (a.from != b.from) return a.from < b.from;
    if (a.to != b.to) return a.to < b.to;
    return a.sent_us < b.sent_us;
  });
  if (found.size() > max_count) found.resize(max_count);
}

std::string describe_in_flight(const InFlightMessage& message) {
  if (message.payload == nullptr) return "";
  if (const auto* peer = std::get_if<DeliverMessage>(message.payload)) return describe_peer_message(peer->message);
  if (const auto* up = std::get_if<DeliverToServer>(message.payload)) return describe_client_message(up->message);
  if (const auto* down = std::get_if<DeliverToClient>(message.payload)) return describe_client_message(down->message);
  return "";
}

}  // namespace zk::sim
