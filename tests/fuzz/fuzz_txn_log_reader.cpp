// libFuzzer target for the ZooKeeper txn log reader (sim/datadir/txn_log_reader.h). Any
// input must give either an error naming the file and a byte offset inside the input, or a
// log whose entries lie in order inside the input and whose end offset is within it. Each
// decoded txn re-encodes without crashing (zk_txn_encode.h).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sim/datadir/txn_log_reader.h"
#include "sim/datadir/zk_txn_encode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto result = zk::sim::datadir::read_txn_log("log.1", bytes);
  if (auto* e = std::get_if<zk::sim::datadir::DataDirError>(&result)) {
    if (e->file != "log.1" || !e->offset || *e->offset > size || e->what.empty()) std::abort();
    return 0;
  }
  const auto& log = std::get<zk::sim::datadir::TxnLogFile>(result);
  size_t previous = 0;
  for (const auto& entry : log.entries) {
    if (entry.offset < 16 || entry.offset < previous || entry.offset >= size) std::abort();
    previous = entry.offset + 1;
    if (zk::sim::datadir::encode_zk_txn(entry.decoded.txn, entry.decoded.digest).empty()) std::abort();
  }
  if (log.end_offset > size || log.end_offset < previous) std::abort();
  return 0;
}
