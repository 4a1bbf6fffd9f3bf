// The English and Chinese string tables behind tr().
#include "ui/i18n.h"

#include <array>
#include <cassert>

namespace zk::ui {
namespace {

struct Entry {
  const char* english;
  const char* chinese;
};

constexpr std::array<Entry, static_cast<size_t>(Text::kCount)> kTable = {{
    {"zksim - ZooKeeper cluster simulator", "zksim - ZooKeeper 集群模拟器"},
    {"Cluster", "集群"},
    {"Votes", "投票"},
    {"Why", "决策原因"},
    {"Znode tree", "Znode 树"},
    {"Timeline", "时间线"},
    {"Controls", "控制"},
    {"Console", "控制台"},
    {"No cluster yet - open a scenario or press Start.", "还没有集群 - 打开一个场景或点击“启动”。"},
    {"No votes yet - servers vote once they start LOOKING.", "还没有投票 - 服务器进入 LOOKING 状态后开始投票。"},
    {"No decisions yet - each vote change and state change is explained here.",
     "还没有决策 - 每次投票变化和状态变化都会在这里解释。"},
    {"No tree yet - select a running server to see its znodes.", "还没有数据树 - 选择一个运行中的服务器查看它的 znode。"},
    {"No events yet - server states appear here over virtual time.", "还没有事件 - 服务器状态会随虚拟时间显示在这里。"},
    {"Not connected - start a cluster, then attach the console to a server.",
     "未连接 - 先启动集群，再把控制台连接到一台服务器。"},
    {"This panel is not built yet - the Cluster and Why panels show this run.",
     "此面板尚未实现 - “集群”和“决策原因”面板显示本次运行。"},
    {"View", "视图"},
    {"Theme", "主题"},
    {"Language", "语言"},
    {"Dark", "深色"},
    {"Light", "浅色"},
    {"Start", "启动"},
    {"Start 1-2-3", "按 1-2-3 启动"},
    {"Start 3-2-1", "按 3-2-1 启动"},
    {"Start all at once", "同时启动"},
    {"Kill leader", "杀死 Leader"},
    {"Heal", "恢复网络"},
    {"Play", "播放"},
    {"Pause", "暂停"},
    {"Step", "单步"},
    {"Speed", "速度"},
    {"Servers", "服务器数"},
}};

Language g_language = Language::kEnglish;  // UI-only state; core/ and sim/ have no globals.

}  // namespace

void set_language(Language language) { g_language = language; }
Language language() { return g_language; }

const char* tr(Text key) {
  const auto index = static_cast<size_t>(key);
  assert(index < kTable.size());
  const Entry& entry = kTable[index];
  return g_language == Language::kChinese ? entry.chinese : entry.english;
}

}  // namespace zk::ui
