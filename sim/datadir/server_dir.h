// One server's data directory on disk as ZooKeeper 3.8 lays it out: dataDir/myid, and in
// dataDir/version-2 (or dataLogDir/version-2 for the logs) the snapshot.<zxid> and
// log.<zxid> files and the currentEpoch / acceptedEpoch files. Listing only: which files
// exist, ordered by the zxid in their names (Util.sortDataDir, Util.getZxidFromName), and
// the small text files' values. Reading the logs and snapshots is restore.h's job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/zxid.h"
#include "sim/datadir/datadir_error.h"

namespace zk::sim::datadir {

struct NamedFile {
  std::string path;
  Zxid name_zxid = 0;  // the hex number after "snapshot." / "log."
};

struct ServerDir {
  std::string data_dir;
  std::string snap_dir;  // data_dir/version-2
  std::string log_dir;   // data_log_dir/version-2 (the same unless zoo.cfg says otherwise)
  std::optional<int64_t> myid;
  std::optional<int64_t> current_epoch;
  std::optional<int64_t> accepted_epoch;
  std::vector<NamedFile> snapshots;  // ascending name zxid
  std::vector<NamedFile> logs;       // ascending name zxid
};

// Lists `data_dir` (and `data_log_dir`, if given and different). Errors: the directory does
// not exist or has no version-2 folder, or myid / currentEpoch / acceptedEpoch hold
// something that is not a number (ZooKeeper's readLongFromFile would fail the same way).
DataDirResult<ServerDir> list_server_dir(const std::string& data_dir, const std::string& data_log_dir = "");

// Util.getZxidFromName: "snapshot.1a" with prefix "snapshot" -> 0x1a; -1 when it is not one.
Zxid zxid_from_name(const std::string& name, const std::string& prefix);

// A whole binary file (at most max_bytes), or the reason it cannot be read.
DataDirResult<std::string> read_binary_file(const std::string& path, size_t max_bytes);

// The largest log or snapshot zksim reads (1 GiB).
inline constexpr size_t kDataFileBytesMax = size_t{1} << 30;

}  // namespace zk::sim::datadir
