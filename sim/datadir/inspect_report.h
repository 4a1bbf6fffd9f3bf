// `zksim inspect DIR`'s report: what is on one server's disk in ZooKeeper's terms. The
// dataDir's myid and epoch files, each snapshot (sessions, ACL lists, nodes, its digest
// trailer against the digest recomputed from its nodes), each log (header, one line per txn:
// zxid, time, session, cxid, type, path; how the file ends: zero padding, a torn entry, a
// checksum mismatch), then what ZooKeeper would restore from it (restore.h): the last zxid,
// the epochs, the node and session counts, the tree digest against the last logged
// TxnDigest, and the vote the server would start its election with. Deterministic: no wall
// clock, times print as the txn's own milliseconds in UTC.
#pragma once

#include <string>
#include <vector>

#include "sim/datadir/datadir_error.h"

namespace zk::sim::datadir {

// The report's lines, and whether everything read (false: some file is unreadable or the
// restore is refused; the reason is among the lines, prefixed "error: ").
struct InspectReport {
  std::vector<std::string> lines;
  bool ok = true;
};

// `origins`: where a zoo.cfg named the directories (errors about them then start with that
// zoo.cfg line); default: none.
InspectReport inspect_data_dir(const std::string& data_dir, const std::string& data_log_dir = "",
                               const DirOrigins& origins = {});

}  // namespace zk::sim::datadir
