// DataDirError: why a file of a ZooKeeper data directory could not be read, naming the file
// and, where the problem sits inside it, the byte offset. Readers return
// DataDirResult<T> = T or this error; nothing in sim/datadir/ throws or crashes on bad input.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace zk::sim::datadir {

struct DataDirError {
  std::string file;
  std::optional<size_t> offset;  // byte offset in `file`, when the problem has one
  std::string what;

  // "DIR/version-2/log.100000001: byte 1008: the entry's checksum ..." (no offset: "FILE: what").
  std::string line() const;
};

// Where a zoo.cfg named a server's directories, for errors about them: each directory and its
// line ("conf/zoo.cfg:3: dataDir=data"); empty origins when the directories came from the
// command line or a scenario's `disk ID load DIR`.
struct DirOrigins {
  std::string data_dir;
  std::string data_dir_origin;
  std::string data_log_dir;  // "" when the logs are in the dataDir
  std::string data_log_dir_origin;
};

// e.line(), prefixed "ORIGIN: " with the origin of the directory that holds e.file (the
// deeper one when both do), when that directory has one.
std::string located_line(const DataDirError& e, const DirOrigins& origins);

template <class T>
using DataDirResult = std::variant<T, DataDirError>;

inline DataDirError file_error(std::string file, std::string what) {
  return DataDirError{std::move(file), std::nullopt, std::move(what)};
}
inline DataDirError byte_error(std::string file, size_t offset, std::string what) {
  return DataDirError{std::move(file), offset, std::move(what)};
}

}  // namespace zk::sim::datadir
