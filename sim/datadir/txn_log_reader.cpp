// Txn log reading: see txn_log_reader.h. The header and every txn are read with jute
// records; the entry framing (checksum long, buffer length int, marker byte) is read from
// the bytes directly, checking each length against the bytes left before using it.
#include "sim/datadir/txn_log_reader.h"

#include <fmt/format.h>

#include "sim/datadir/adler32.h"
#include "sim/datadir/big_endian.h"
#include "sim/jute/jute_archive.h"

namespace zk::sim::datadir {

const char* txn_log_end_name(TxnLogEnd end) {
  switch (end) {
    case TxnLogEnd::kEndOfFile: return "end of file";
    case TxnLogEnd::kZeroPadding: return "zero padding";
    case TxnLogEnd::kTornEntry: return "torn entry";
    case TxnLogEnd::kBadChecksum: return "checksum mismatch";
  }
  return "?";
}

DataDirResult<TxnLogFile> read_txn_log(std::string file, std::string_view bytes) {
  TxnLogFile log;
  log.file = file;
  {
    jute::InputArchive archive(bytes);
    jute::Decoded<::FileHeader> header(deallocate_FileHeader);
    if (!jute::read(archive, deserialize_FileHeader, header)) {
      return byte_error(file, 0, fmt::format("the file header is cut short ({} bytes; a txn log starts with 16)", bytes.size()));
    }
    if (header.value.magic != kTxnLogMagic) {
      return byte_error(file, 0, fmt::format("not a txn log: magic {:#010x}, expected {:#010x} (\"ZKLG\")",
                                             static_cast<uint32_t>(header.value.magic), kTxnLogMagic));
    }
    if (header.value.version != kFileFormatVersion) {
      return byte_error(file, 4, fmt::format("txn log format version {}, zksim reads version {}", header.value.version,
                                             kFileFormatVersion));
    }
    log.version = header.value.version;
    log.dbid = header.value.dbid;
  }
  size_t at = 16;
  const auto end_with = [&](TxnLogEnd end, std::string detail) {
    log.end = end;
    log.end_offset = at;
    log.end_detail = std::move(detail);
  };
  while (true) {
    const size_t left = bytes.size() - at;
    if (left == 0) {
      end_with(TxnLogEnd::kEndOfFile, "");
      break;
    }
    if (left < 12) {  // no room for a checksum and a length
      end_with(bytes.find_first_not_of('\0', at) == std::string_view::npos ? TxnLogEnd::kZeroPadding
                                                                             : TxnLogEnd::kTornEntry,
               fmt::format("{} bytes after the last entry", left));
      break;
    }
    const auto stored = static_cast<uint64_t>(read_be64(bytes.substr(at)));
    const int32_t length = read_be32(bytes.substr(at + 8));
    if (length == 0) {  // preallocated zeros (or an empty entry, which FileTxnLog reads as the end)
      end_with(TxnLogEnd::kZeroPadding, "");
      break;
    }
    if (length < 0 || static_cast<size_t>(length) > left - 12) {
      end_with(TxnLogEnd::kTornEntry,
               fmt::format("the entry claims {} bytes but {} are left", length, left - 12));
      break;
    }
    if (static_cast<size_t>(length) == left - 12 || bytes[at + 12 + static_cast<size_t>(length)] != 'B') {
      end_with(TxnLogEnd::kTornEntry, "the entry has no end-of-record marker 'B'");
      break;
    }
    const std::string_view txn_bytes = bytes.substr(at + 12, static_cast<size_t>(length));
    const uint32_t computed = adler32(txn_bytes);
    if (stored != computed) {
      end_with(TxnLogEnd::kBadChecksum, fmt::format("stored checksum {:#x}, the bytes sum to {:#x}", stored, computed));
      break;
    }
    std::string error;
    size_t error_offset = 0;
    std::optional<DecodedTxn> decoded = decode_zk_txn(txn_bytes, &error, &error_offset);
    if (!decoded) return byte_error(file, at + 12 + error_offset, error);
    log.entries.push_back(TxnLogEntry{at, computed, std::move(*decoded)});
    at += 12 + static_cast<size_t>(length) + 1;
  }
  return log;
}

}  // namespace zk::sim::datadir
