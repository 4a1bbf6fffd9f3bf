// Frame splitting: see frame_reader.h.
#include "sim/gateway/frame_reader.h"

namespace zk::sim::gateway {

bool FrameReader::peek_length(int32_t* length) const {
  if (buffered_bytes() < 4) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(buffer_.data() + consumed_);
  *length = static_cast<int32_t>((uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3]);
  return true;
}

FrameReader::Status FrameReader::next(std::string* frame) {
  if (bad_) return Status::kBadLength;
  int32_t length = 0;
  if (!peek_length(&length)) return Status::kNeedMore;
  if (length < 0 || length > max_buffer_bytes_) {
    bad_ = true;
    bad_length_ = length;
    buffer_.clear();
    consumed_ = 0;
    return Status::kBadLength;
  }
  if (buffered_bytes() < 4 + static_cast<size_t>(length)) return Status::kNeedMore;
  frame->assign(buffer_, consumed_ + 4, static_cast<size_t>(length));
  consumed_ += 4 + static_cast<size_t>(length);
  // Compact once the consumed prefix dominates, so the buffer stays about one frame long.
  if (consumed_ == buffer_.size()) {
    buffer_.clear();
    consumed_ = 0;
  } else if (consumed_ > buffer_.size() / 2) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  return Status::kFrame;
}

}  // namespace zk::sim::gateway
