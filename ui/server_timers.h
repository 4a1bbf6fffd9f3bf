// The timers each server has armed now, for the Votes panel's Timers section (no ImGui in
// the model, tested exactly): which kind, how long until it fires, and how long it runs in
// all where the configuration says (the finalize wait, syncLimit / initLimit, the leader's
// tick and session-expiry bucket); the notification resend backoff doubles from 200 ms to
// 60 s, so only what is left of it is known.
#pragma once

#include <cstdint>
#include <vector>

#include "core/outbox.h"

namespace zk::sim {
class World;
}

namespace zk::ui {

struct ServerTimer {
  TimerKind kind = TimerKind::kElectionPoll;
  int64_t left_us = 0;   // until it fires
  int64_t total_us = 0;  // its whole length, 0 when not known
  bool operator==(const ServerTimer&) const = default;
};

// The armed timers of a live server, in TimerKind order (none for a server that is down).
std::vector<ServerTimer> server_timers(const sim::World& world, ServerId id);
// "finalize wait", "vote resend backoff", ...
const char* timer_label(TimerKind kind);
// Draws every live server's timers as a countdown bar each (ImGui, server_timers.cpp).
void draw_server_timers(const sim::World& world);

}  // namespace zk::ui
