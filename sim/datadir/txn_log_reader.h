// Reading one ZooKeeper txn log file (version-2/log.<zxid>) as FileTxnLog writes and reads
// it: a FileHeader (magic "ZKLG", version 2, dbid), then entries of an Adler-32 checksum
// (long), the length-prefixed txn bytes (TxnHeader, record, optional TxnDigest) and the
// end-of-record byte 'B'; the file is preallocated with zeros, so a checksum and length of
// zero mean the end. How the log ends is reported the way FileTxnLog.FileTxnIterator
// treats it: zeros or the file's end (clean), an entry cut short or without its 'B' (a torn
// tail: ZooKeeper stops reading this file and goes on with the next log), or a checksum that
// does not match (ZooKeeper refuses to start: "CRC check failed").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/zxid.h"
#include "sim/datadir/datadir_error.h"
#include "sim/datadir/zk_txn_decode.h"

namespace zk::sim::datadir {

inline constexpr int32_t kTxnLogMagic = 0x5a4b4c47;  // "ZKLG"
inline constexpr int32_t kFileFormatVersion = 2;

struct TxnLogEntry {
  size_t offset = 0;      // of the entry's checksum in the file
  uint32_t checksum = 0;  // the stored Adler-32 (it matched the txn bytes)
  DecodedTxn decoded;
};

enum class TxnLogEnd {
  kEndOfFile,     // the last entry ends exactly at the file's end
  kZeroPadding,   // preallocated zeros follow the last entry
  kTornEntry,     // an entry is cut short or lacks its 'B' marker: ZooKeeper stops reading here
  kBadChecksum,   // an entry's checksum does not match its bytes: ZooKeeper refuses the log
};
const char* txn_log_end_name(TxnLogEnd end);

struct TxnLogFile {
  std::string file;
  int32_t version = 0;
  int64_t dbid = 0;
  std::vector<TxnLogEntry> entries;
  TxnLogEnd end = TxnLogEnd::kEndOfFile;
  size_t end_offset = 0;   // where reading stopped (the first byte not part of an entry)
  std::string end_detail;  // for a torn entry or a bad checksum, what was found
};

// `file` names the file in errors. A wrong magic or version, a header cut short, a txn whose
// bytes pass the checksum but cannot be decoded are errors; the endings above are not.
DataDirResult<TxnLogFile> read_txn_log(std::string file, std::string_view bytes);

}  // namespace zk::sim::datadir
