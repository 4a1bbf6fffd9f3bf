// The jute archive layer: ZooKeeper's generated records give the bytes Java's
// BinaryOutputArchive gives, and a malformed input is refused without allocating what it
// claims.
#include <doctest/doctest.h>

#include <string>

#include "sim/jute/jute_archive.h"

using namespace zk::jute;

namespace {
std::string hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}
}  // namespace

TEST_CASE("jute: a ConnectRequest serializes as ZooKeeper's big-endian record") {
  OutputArchive out;
  std::string password(16, '\0');
  ConnectRequest request{0, 0x1122334455667788, 30000, 0x42, borrow(password)};
  REQUIRE(out.write(serialize_ConnectRequest, request));
  CHECK(hex(out.bytes()) ==
        "00000000" "1122334455667788" "00007530" "0000000000000042" "00000010" "00000000000000000000000000000000");
}

TEST_CASE("jute: a record reads back and reports its offset") {
  OutputArchive out;
  RequestHeader header{7, 4};
  char path[] = "/a";
  GetDataRequest request{path, 1};
  REQUIRE(out.write(serialize_RequestHeader, header));
  REQUIRE(out.write(serialize_GetDataRequest, request));
  const std::string bytes(out.bytes());
  CHECK(hex(bytes) == "00000007" "00000004" "00000002" "2f61" "01");
  InputArchive in(bytes);
  Decoded<RequestHeader> h(deallocate_RequestHeader);
  REQUIRE(read(in, deserialize_RequestHeader, h));
  CHECK(h.value.xid == 7);
  CHECK(h.value.type == 4);
  CHECK(in.offset() == 8);
  Decoded<GetDataRequest> g(deallocate_GetDataRequest);
  REQUIRE(read(in, deserialize_GetDataRequest, g));
  CHECK(std::string(g.value.path) == "/a");
  CHECK(g.value.watch == 1);
  CHECK(in.remaining() == 0);
}

TEST_CASE("jute: a vector count the bytes cannot hold is refused, not allocated") {
  // GetChildrenResponse: a String_vector claiming 2^31-1 entries in 4 bytes.
  const std::string bytes("\x7f\xff\xff\xff\x00\x00\x00\x00", 8);
  InputArchive in(bytes);
  Decoded<GetChildrenResponse> r(deallocate_GetChildrenResponse);
  CHECK_FALSE(read(in, deserialize_GetChildrenResponse, r));
  CHECK(in.error() == "vector count 2147483647 does not fit the 4 bytes left");
}

TEST_CASE("jute: a buffer length below -1 or past the end is refused") {
  const std::string negative("\xff\xff\xff\xfe", 4);
  InputArchive in(negative);
  Decoded<GetDataResponse> r(deallocate_GetDataResponse);
  CHECK_FALSE(read(in, deserialize_GetDataResponse, r));
  CHECK(in.error() == "buffer length -2 does not fit the 0 bytes left");

  const std::string too_long("\x00\x00\x00\x09" "abc", 7);
  InputArchive in2(too_long);
  Decoded<GetDataResponse> r2(deallocate_GetDataResponse);
  CHECK_FALSE(read(in2, deserialize_GetDataResponse, r2));
  CHECK(in2.error() == "buffer length 9 does not fit the 3 bytes left");
}

TEST_CASE("jute: a short element inside a vector fails the record (the C code would drop the error)") {
  // A String_vector of 1 string whose length says 5 bytes while 2 are left.
  const std::string bytes("\x00\x00\x00\x01" "\x00\x00\x00\x05" "ab", 10);
  InputArchive in(bytes);
  Decoded<GetChildrenResponse> r(deallocate_GetChildrenResponse);
  CHECK_FALSE(read(in, deserialize_GetChildrenResponse, r));
  CHECK(in.failed());
  CHECK(in.error() == "the record ends early at byte 8 of 10");
}

TEST_CASE("jute: a truncated header names the byte where it ends") {
  const std::string bytes("\x00\x00\x00\x07\x00\x00", 6);
  InputArchive in(bytes);
  Decoded<RequestHeader> h(deallocate_RequestHeader);
  CHECK_FALSE(read(in, deserialize_RequestHeader, h));
  CHECK(in.error() == "the record ends early at byte 4 of 6");
}
