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
    // ---- time: timeline, time travel, scenarios (gui-time) ----
    {"Playhead", "播放头"},
    {"Fit", "全部"},
    {"wheel: zoom - drag: pan - click or drag the ruler: go to that moment",
     "滚轮：缩放 - 拖动：平移 - 点击或拖动标尺：跳到该时刻"},
    {"crash", "崩溃"},
    {"restart", "重启"},
    {"leader serving", "Leader 开始服务"},
    {"partition", "网络分区"},
    {"heal", "网络恢复"},
    {"Click a sentence to go back to its moment.", "点击一句话即可回到它发生的时刻。"},
    {"File", "文件"},
    {"Open scenario...", "打开场景..."},
    {"Save as scenario...", "另存为场景..."},
    {"Lesson scenarios (assets/scenarios):", "课程场景（assets/scenarios）："},
    {"or type a path to a .zks file:", "或输入 .zks 文件路径："},
    {"Open", "打开"},
    {"Save", "保存"},
    {"Cancel", "取消"},
    {"Scenario", "场景"},
    {"Run to end", "运行到结束"},
    {"Step one line", "执行一行"},
    {"Close", "关闭"},
    {"Scenario finished", "场景已结束"},
    {"Saved", "已保存"},
    {"next line", "下一行"},
    {"changed by hand: the scenario no longer drives this run", "已手动修改：场景不再驱动本次运行"},
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
