// FrameReader: splits a client connection's byte stream into ZooKeeper's length-prefixed
// frames (a 4-byte big-endian length, then that many bytes), as NIOServerCnxn.readLength /
// readPayload do. A length below 0 or above jute.maxbuffer is ZooKeeper's "Len error": the
// reader stops there and the connection is to be closed. Memory held is at most one frame
// plus what was fed beyond it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace zk::sim::gateway {

class FrameReader {
 public:
  enum class Status : uint8_t { kNeedMore, kFrame, kBadLength };

  explicit FrameReader(int64_t max_buffer_bytes) : max_buffer_bytes_(max_buffer_bytes) {}

  void feed(std::string_view bytes) { buffer_.append(bytes); }
  // The next complete frame (without its length prefix) into *frame; kBadLength sticks.
  Status next(std::string* frame);
  // With kBadLength: the advertised length.
  int64_t bad_length() const { return bad_length_; }
  // The first 4 bytes as a big-endian int, once 4 bytes have arrived (four-letter words).
  bool peek_length(int32_t* length) const;
  size_t buffered_bytes() const { return buffer_.size() - consumed_; }

 private:
  int64_t max_buffer_bytes_;
  std::string buffer_;
  size_t consumed_ = 0;
  bool bad_ = false;
  int64_t bad_length_ = 0;
};

}  // namespace zk::sim::gateway
