// libFuzzer target for live mode's wire decoding (sim/gateway): the input is a client's byte
// stream. It is split into frames as NIOServerCnxn does (FrameReader, jute.maxbuffer); the
// first frame is read as a ConnectRequest, the others as requests. Any input must end in a
// frame, a Len error or a need for more bytes; a refused ConnectRequest or a malformed
// request must say why ("at byte N: ..."); only the opcodes a 3.8 server knows are decoded or answered UNIMPLEMENTED.
// Memory is bounded by the input: vector counts and buffer lengths are checked against the
// bytes left before anything is allocated (sim/jute).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sim/gateway/frame_reader.h"
#include "sim/gateway/request_decoder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zk::sim::gateway;
  FrameReader reader(0xfffff);
  reader.feed(std::string_view(reinterpret_cast<const char*>(data), size));
  std::string frame;
  bool first = true;
  for (;;) {
    const FrameReader::Status status = reader.next(&frame);
    if (status == FrameReader::Status::kNeedMore) break;
    if (status == FrameReader::Status::kBadLength) {
      if (reader.bad_length() >= 0 && reader.bad_length() <= 0xfffff) std::abort();
      break;
    }
    if (frame.size() > size) std::abort();
    if (first) {
      first = false;
      DecodedConnect connect;
      std::string error;
      if (!decode_connect(frame, &connect, &error) && error.empty()) std::abort();
      continue;
    }
    const DecodedRequest request = decode_request(frame);
    if (request.kind == DecodedRequest::Kind::kMalformed && request.error.empty()) std::abort();
    // Only opcodes a 3.8 server accepts at all (Request.isValid) become a message or an
    // UNIMPLEMENTED answer; anything else is unknown (and closes the connection).
    const bool accepted = request.kind == DecodedRequest::Kind::kMessage || request.kind == DecodedRequest::Kind::kUnsupported;
    if (accepted && !is_known_opcode(request.type)) std::abort();
    if (request.kind == DecodedRequest::Kind::kUnknown && is_known_opcode(request.type)) std::abort();
  }
  return 0;
}
