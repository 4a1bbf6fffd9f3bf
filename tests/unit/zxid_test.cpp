// Zxid splitting, joining and zkCli hex formatting.
#include <doctest/doctest.h>

#include "core/zxid.h"

TEST_CASE("zxid parts and hex") {
  const zk::Zxid zxid = zk::make_zxid(1, 3);
  CHECK(zxid == 0x100000003LL);
  CHECK(zk::zxid_epoch(zxid) == 1);
  CHECK(zk::zxid_counter(zxid) == 3);
  CHECK(zk::zxid_hex(zxid) == "0x100000003");
  CHECK(zk::zxid_hex(0) == "0x0");
  CHECK(zk::zxid_hex(-1) == "0xffffffffffffffff");
  CHECK(zk::is_epoch_marker(zk::make_zxid(2, 0)));
  CHECK_FALSE(zk::is_epoch_marker(zk::make_zxid(2, 1)));
}
