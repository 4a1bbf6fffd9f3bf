// Server timers: the model and the Votes panel's Timers section (see server_timers.h).
#include "ui/server_timers.h"

#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>

#include "sim/world/world.h"
#include "ui/bilingual.h"
#include "ui/test_probe.h"

namespace zk::ui {
namespace {

constexpr int64_t kFinalizeWaitUs = 200'000;  // ElectionConfig::finalize_wait_us

int64_t timer_total_us(const sim::WorldConfig& config, TimerKind kind, int64_t left_us) {
  switch (kind) {
    case TimerKind::kElectionFinalize: return kFinalizeWaitUs;
    case TimerKind::kFollowerTimeout: {
      // syncLimit while following; initLimit while it syncs (a longer wait).
      const int64_t sync_us = config.sync_limit * config.tick_us;
      return left_us <= sync_us ? sync_us : config.init_limit * config.tick_us;
    }
    case TimerKind::kLeaderPhaseTimeout: return config.init_limit * config.tick_us;
    case TimerKind::kLeaderTick: return config.tick_us / 2;
    case TimerKind::kSessionExpiry: return config.tick_us;
    default: return 0;
  }
}

}  // namespace

std::vector<ServerTimer> server_timers(const sim::World& world, ServerId id) {
  std::vector<ServerTimer> timers;
  if (!world.is_up(id)) return timers;
  const sim::ServerSlot& slot = world.slot(id);
  for (int k = 0; k < kTimerKindCount; ++k) {
    const sim::LazyTimer& timer = slot.timers[static_cast<size_t>(k)];
    if (!timer.armed) continue;
    const auto kind = static_cast<TimerKind>(k);
    const int64_t left_us = std::max<int64_t>(0, timer.deadline_us - world.now_us());
    timers.push_back(ServerTimer{kind, left_us, timer_total_us(world.config(), kind, left_us)});
  }
  return timers;
}

const char* timer_label(TimerKind kind) {
  switch (kind) {
    case TimerKind::kElectionPoll: return en_zh("vote resend backoff", "选票重发退避");
    case TimerKind::kElectionFinalize: return en_zh("finalize wait", "最终确认等待");
    case TimerKind::kLeaderTick: return en_zh("ping tick", "心跳");
    case TimerKind::kFollowerTimeout: return en_zh("syncLimit: leader silent", "syncLimit：Leader 无响应");
    case TimerKind::kLeaderPhaseTimeout: return en_zh("initLimit: phase wait", "initLimit：阶段等待");
    case TimerKind::kSessionExpiry: return en_zh("session expiry check", "会话过期检查");
    case TimerKind::kLearnerConnectRetry: return en_zh("connect retry", "重新连接");
    case TimerKind::kLeaderBind: return en_zh("leader bind", "绑定端口");
    case TimerKind::kContainerCheck: return en_zh("container check", "容器检查");
    case TimerKind::kContainerDelete: return en_zh("container delete", "容器删除间隔");
    case TimerKind::kObserverElectionDelay: return en_zh("observer delay", "Observer 延迟");
    case TimerKind::kCount: break;
  }
  return "?";
}

void draw_server_timers(const sim::World& world) {
  const float bar_w = std::max(40.0f, ImGui::GetContentRegionAvail().x * 0.26f);
  for (ServerId id = 1; id <= world.server_count(); ++id) {
    std::string summary;
    for (const ServerTimer& timer : server_timers(world, id)) {
      const std::string left = fmt::format("{:.3f} s", static_cast<double>(timer.left_us) / 1e6);
      const float fraction =
          timer.total_us > 0 ? std::clamp(static_cast<float>(timer.left_us) / static_cast<float>(timer.total_us), 0.0f, 1.0f)
                             : 0.0f;
      ImGui::ProgressBar(timer.total_us > 0 ? fraction : 0.0f, ImVec2(bar_w, 0.0f), left.c_str());
      ImGui::SameLine();
      ImGui::Text("S%d %s", static_cast<int>(id), timer_label(timer.kind));
      if (ImGui::IsItemHovered() && timer.total_us > 0) {
        ImGui::SetTooltip("%s / %.3f s", left.c_str(), static_cast<double>(timer.total_us) / 1e6);
      }
      if (probe::enabled()) {
        summary += fmt::format("{}{} {} {}", summary.empty() ? "" : "; ", timer_kind_name(timer.kind), timer.left_us,
                               timer.total_us);
      }
    }
    if (probe::enabled()) probe::note(fmt::format("timers.S{}", id), summary);
  }
}

}  // namespace zk::ui
