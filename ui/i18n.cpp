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
    {"Larger text", "放大文字"},
    {"Smaller text", "缩小文字"},
    {"Text size 100%", "文字大小 100%"},
    {"Start", "启动"},
    {"Start {}", "按 {} 启动"},
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
    {"filter: words to find, -word to leave out", "筛选：要找的词，-词 表示排除"},
    {"%d of the newest %d sentences match", "%d 句匹配（在最新的 %d 句中）"},
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
    {"failed", "项失败"},
    {"line", "行"},
    {"Saved", "已保存"},
    {"next line", "下一行"},
    {"changed by hand: the scenario no longer drives this run", "已手动修改：场景不再驱动本次运行"},
    {"Open ZooKeeper data directories...", "打开 ZooKeeper 数据目录..."},
    {"a server's dataDir, or a folder with one dataDir per server (server1/, server2/, ...):",
     "一个服务器的 dataDir，或每个服务器一个 dataDir 的文件夹（server1/、server2/ ...）："},
    {"Save disks as ZooKeeper data directories...", "将磁盘保存为 ZooKeeper 数据目录..."},
    {"Disks saved", "磁盘已保存"},
    // ---- panels: votes, znode tree, console, cluster view messages, controls ----
    {"S", "S"},
    {"State", "状态"},
    {"Vote", "投票"},
    {"Round", "轮次"},
    {"paused", "已暂停"},
    {"finalizing", "确认中"},
    {"Votes received (row = receiver, column = sender; a cell names whom the sender votes for):", "收到的投票（行 = 接收者，列 = 发送者；格子里是发送者投给的服务器）："},
    {"S%d received from S%d:", "S%d 收到 S%d 的投票："},
    {"agrees with the row's vote: the quorum that decides", "与该行的投票一致：决定结果的多数派"},
    {"agrees with the row's vote, not yet a quorum", "与该行的投票一致，尚未达到多数"},
    {"Server", "服务器"},
    {"coloured: differs from leader S%d", "彩色：与 Leader S%d 不同"},
    {"(no leader to compare with)", "（没有 Leader 可比较）"},
    {"(the leader's copy)", "（Leader 的副本）"},
    {"missing here", "此处缺失"},
    {"extra here", "此处多出"},
    {"other data/version", "数据/版本不同"},
    {"Select a node to see its data and Stat.", "选择一个节点查看它的数据和 Stat。"},
    {"data:", "数据："},
    {"S%d is down: its tree exists only on its disk until it restarts.", "S%d 已停止：重启之前它的数据树只在磁盘上。"},
    {"This node exists only on the leader.", "该节点只存在于 Leader 上。"},
    {"Server", "服务器"},
    {"create [-e] [-s] [-c] [-t TTL] PATH [DATA], ls [-w] [-s], get [-s] [-w], set [-v V], delete [-v V], stat [-w], sync, close, connect [ID]; four-letter words: srvr stat mntr conf", "create [-e] [-s] [-c] [-t TTL] 路径 [数据], ls [-w] [-s], get [-s] [-w], set [-v 版本], delete [-v 版本], stat [-w], sync, close, connect [ID]；四字命令：srvr stat mntr conf"},
    {"command (Enter runs it, Up/Down: history)", "命令（回车执行，上/下：历史）"},
    {"Clear", "清空"},
    {"notification", "选举通知"},
    {"discovery/sync", "发现/同步"},
    {"proposal", "提案"},
    {"ack", "确认"},
    {"commit", "提交"},
    {"ping", "心跳"},
    {"client", "客户端"},
    {"real client (--serve)", "真实客户端（--serve）"},
    {"Expect this here (saved as a check):", "在此处期望（保存为检查）："},
    {"right-click a server for actions; hover a message for its fields", "右键点击服务器进行操作；鼠标悬停在消息上查看字段"},
    {"virtual time", "虚拟时间"},
    {"messages in flight", "条消息在途中"},
    {"message in flight", "条消息在途中"},
    {"Kill", "杀死"},
    {"Restart", "重启"},
    {"Pause (GC pause)", "暂停（GC 停顿）"},
    {"Resume", "恢复运行"},
    {"Isolate from the others", "与其他服务器隔离"},
    {"cut link", "断开的链路"},
    {"Partition", "网络分区"},
    {"Put each server in group A or B, then cut the links between the groups.", "把每台服务器放进 A 组或 B 组，然后切断两组之间的链路。"},
    {"Partition A | B", "分区 A | B"},
    {"One link: hold or drop the next message", "单条链路：扣留或丢弃下一条消息"},
    {"from", "从"},
    {"to", "到"},
    {"Hold next", "扣留下一条"},
    {"Drop next", "丢弃下一条"},
    {"Release", "放行"},
    {"No messages held.", "没有被扣留的消息。"},
    {"Held messages:", "被扣留的消息："},
    {"Step to the next ...", "单步到下一个 ..."},
    {"vote change", "投票变化"},
    {"state change", "状态变化"},
    {"commit", "提交"},
    {"Nothing of that kind within 60 s of virtual time.", "60 秒虚拟时间内没有这类事件。"},
    {"New cluster", "新建集群"},
    {"seed", "随机种子"},
    {"tick (ms)", "tick（毫秒）"},
    {"latency (ms)", "延迟（毫秒）"},
    {"start order", "启动顺序"},
    {"gap (ms)", "间隔（毫秒）"},
    {"Create and start", "创建并启动"},
    {"Vote = proposed leader, its zxid, its epoch (e); round = logical clock.", "投票 = 提议的 Leader、它的 zxid、它的 epoch (e)；轮次 = 逻辑时钟。"},
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
