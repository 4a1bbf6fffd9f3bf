// zkCli rendering: civil-date conversion for Java's Date.toString, the stat block and the
// CliWrapperException messages.
#include "core/zkcli_format.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>

namespace zk {
namespace {

constexpr std::array<const char*, 7> kWeekdays{"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

// Days since 1970-01-01 -> (year, month 1-12, day 1-31), proleptic Gregorian.
void civil_from_days(int64_t days, int64_t* year, int* month, int* day) {
  days += 719468;
  const int64_t era = floor_div(days, 146097);
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2 ? 1 : 0);
}

}  // namespace

std::string java_date_string(int64_t time_ms) {
  const int64_t seconds = floor_div(time_ms, 1000);
  const int64_t days = floor_div(seconds, 86400);
  const int64_t second_of_day = seconds - days * 86400;
  int64_t year = 0;
  int month = 0;
  int day = 0;
  civil_from_days(days, &year, &month, &day);
  const auto weekday = static_cast<size_t>(((days % 7) + 7) % 7);
  return fmt::format("{} {} {:02d} {:02d}:{:02d}:{:02d} UTC {}", kWeekdays[weekday],
                     kMonths[static_cast<size_t>(month - 1)], day, second_of_day / 3600, (second_of_day / 60) % 60,
                     second_of_day % 60, year);
}

std::string format_stat(const Stat& stat) {
  return fmt::format(
      "cZxid = {}\nctime = {}\nmZxid = {}\nmtime = {}\npZxid = {}\ncversion = {}\ndataVersion = {}\n"
      "aclVersion = {}\nephemeralOwner = {}\ndataLength = {}\nnumChildren = {}\n",
      zxid_hex(stat.czxid), java_date_string(stat.ctime_ms), zxid_hex(stat.mzxid), java_date_string(stat.mtime_ms),
      zxid_hex(stat.pzxid), stat.cversion, stat.version, stat.aversion, zxid_hex(stat.ephemeral_owner),
      stat.data_length, stat.num_children);
}

std::string format_children(const std::vector<std::string>& children) {
  return fmt::format("[{}]", fmt::join(children, ", "));
}

std::string format_error(ErrorCode code, std::string_view path) {
  switch (code) {
    case ErrorCode::kNoNode: return fmt::format("Node does not exist: {}", path);
    case ErrorCode::kNoChildrenForEphemerals: return fmt::format("Ephemerals cannot have children: {}", path);
    case ErrorCode::kNodeExists: return fmt::format("Node already exists: {}", path);
    case ErrorCode::kNotEmpty: return fmt::format("Node not empty: {}", path);
    case ErrorCode::kNotReadOnly: return fmt::format("Not a read-only call: {}", path);
    case ErrorCode::kInvalidAcl: return fmt::format("Acl is not valid : {}", path);
    case ErrorCode::kNoAuth: return fmt::format("Insufficient permission : {}", path);
    case ErrorCode::kBadArguments: return fmt::format("Argument is not valid : {}", path);
    case ErrorCode::kBadVersion: return fmt::format("version No is not valid : {}", path);
    default: break;
  }
  if (path.empty()) return fmt::format("KeeperErrorCode = {}", error_code_message(code));
  return fmt::format("KeeperErrorCode = {} for {}", error_code_message(code), path);
}

const char* event_type_name(EventType type) {
  switch (type) {
    case EventType::kNone: return "None";
    case EventType::kNodeCreated: return "NodeCreated";
    case EventType::kNodeDeleted: return "NodeDeleted";
    case EventType::kNodeDataChanged: return "NodeDataChanged";
    case EventType::kNodeChildrenChanged: return "NodeChildrenChanged";
  }
  return "None";
}

std::string format_watch_event(EventType type, std::string_view path) {
  return fmt::format("WatchedEvent state:SyncConnected type:{} path:{}", event_type_name(type), path);
}

}  // namespace zk
