// Listing a server's data directory: see server_dir.h.
#include "sim/datadir/server_dir.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fmt/format.h>
#include <system_error>

#include "sim/text/text_file.h"

namespace zk::sim::datadir {
namespace fs = std::filesystem;

Zxid zxid_from_name(const std::string& name, const std::string& prefix) {
  // split("\\.") then parts[1] parsed as hex (Java's Long.parseLong: optional sign, digits only)
  if (name.size() <= prefix.size() + 1 || name.compare(0, prefix.size(), prefix) != 0 || name[prefix.size()] != '.') {
    return -1;
  }
  const size_t start = prefix.size() + 1;
  const size_t end = std::min(name.find('.', start), name.size());
  const std::string digits = name.substr(start, end - start);
  if (digits.empty() || digits.size() > 16) return -1;
  uint64_t v = 0;
  for (const char c : digits) {
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    if (d < 0) return -1;
    v = v * 16 + static_cast<uint64_t>(d);
  }
  if (v > static_cast<uint64_t>(INT64_MAX)) return -1;
  return static_cast<Zxid>(v);
}

DataDirResult<std::string> read_binary_file(const std::string& path, size_t max_bytes) {
  FileText f = read_text_file(path, max_bytes);
  if (!f.ok()) return file_error(path, f.error);
  return std::move(f.text);
}

namespace {

// readLongFromFile: the first line, parsed as a decimal long. Absent file: nullopt.
DataDirResult<std::optional<int64_t>> read_long_file(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::optional<int64_t>();
  FileText f = read_text_file(path, 4096);
  if (!f.ok()) return file_error(path, f.error);
  std::string line = f.text.substr(0, f.text.find('\n'));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  const auto trim = [](std::string s) {
    const size_t b = s.find_first_not_of(" \t");
    const size_t e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  // myid is trimmed by QuorumPeerConfig; the epoch files are parsed as written.
  if (fs::path(path).filename() == "myid") line = trim(line);
  size_t used = 0;
  int64_t v = 0;
  bool ok = !line.empty() && (std::isdigit(static_cast<unsigned char>(line[0])) || line[0] == '-');
  if (ok) {
    try {
      v = std::stoll(line, &used, 10);
    } catch (const std::exception&) {
      ok = false;
    }
  }
  if (!ok || used != line.size()) return byte_error(path, 0, fmt::format("\"{}\" is not a number", line));
  return std::optional<int64_t>(v);
}

void list_files(const std::string& dir, std::vector<NamedFile>* snapshots, std::vector<NamedFile>* logs) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (snapshots != nullptr && zxid_from_name(name, "snapshot") >= 0) {
      snapshots->push_back({entry.path().string(), zxid_from_name(name, "snapshot")});
    }
    if (logs != nullptr && zxid_from_name(name, "log") >= 0) logs->push_back({entry.path().string(), zxid_from_name(name, "log")});
  }
  const auto by_zxid = [](const NamedFile& a, const NamedFile& b) {
    return a.name_zxid != b.name_zxid ? a.name_zxid < b.name_zxid : a.path < b.path;
  };
  if (snapshots != nullptr) std::sort(snapshots->begin(), snapshots->end(), by_zxid);
  if (logs != nullptr) std::sort(logs->begin(), logs->end(), by_zxid);
}

// The first file (by name) in `dir` whose name starts with `prefix`, if any.
std::optional<std::string> first_named(const std::string& dir, const std::string& prefix) {
  std::optional<std::string> first;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string path = entry.path().string();
    if (entry.path().filename().string().starts_with(prefix) && (!first || path < *first)) first = path;
  }
  return first;
}

}  // namespace

DataDirResult<ServerDir> list_server_dir(const std::string& data_dir, const std::string& data_log_dir) {
  ServerDir dir;
  std::error_code ec;
  dir.data_dir = data_dir;
  if (!fs::is_directory(data_dir, ec)) return file_error(data_dir, "is not a directory");
  dir.snap_dir = (fs::path(data_dir) / "version-2").string();
  dir.log_dir = data_log_dir.empty() ? dir.snap_dir : (fs::path(data_log_dir) / "version-2").string();
  if (!fs::is_directory(dir.snap_dir, ec)) return file_error(data_dir, "has no version-2 directory (ZooKeeper 3.x keeps its files there)");
  if (!fs::is_directory(dir.log_dir, ec)) return file_error(dir.log_dir, "is not a directory");
  const auto read_into = [](const std::string& path, std::optional<int64_t>* out) -> std::optional<DataDirError> {
    auto r = read_long_file(path);
    if (auto* e = std::get_if<DataDirError>(&r)) return *e;
    *out = std::get<std::optional<int64_t>>(r);
    return std::nullopt;
  };
  if (auto e = read_into((fs::path(data_dir) / "myid").string(), &dir.myid)) return *e;
  if (auto e = read_into((fs::path(dir.snap_dir) / "currentEpoch").string(), &dir.current_epoch)) return *e;
  if (auto e = read_into((fs::path(dir.snap_dir) / "acceptedEpoch").string(), &dir.accepted_epoch)) return *e;
  if (dir.log_dir == dir.snap_dir) {
    list_files(dir.snap_dir, &dir.snapshots, &dir.logs);
    return dir;
  }
  // Two directories: FileTxnSnapLog's checkLogDir and checkSnapDir (ZOOKEEPER-2967) refuse
  // snapshots among the logs and logs among the snapshots (any name starting "snapshot." /
  // "log.", Util.isSnapshotFileName / isLogFileName).
  if (auto misplaced = first_named(dir.log_dir, "snapshot.")) {
    return file_error(*misplaced, "Log directory has snapshot files. Check if dataLogDir and dataDir configuration is correct.");
  }
  if (auto misplaced = first_named(dir.snap_dir, "log.")) {
    return file_error(*misplaced, "Snapshot directory has log files. Check if dataLogDir and dataDir configuration is correct.");
  }
  list_files(dir.snap_dir, &dir.snapshots, nullptr);
  list_files(dir.log_dir, nullptr, &dir.logs);
  return dir;
}

}  // namespace zk::sim::datadir
