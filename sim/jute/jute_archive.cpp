// Jute archives: see jute_archive.h. The C binding keeps a buffer archive's length and
// offset in a private struct (recordio.c's buff_struct: int32 len, int32 off, char*
// buffer); offset() reads it, and the constructor checks that the layout is the one
// expected before anything relies on it.
#include "sim/jute/jute_archive.h"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>

#include "core/invariant.h"

namespace zk::jute {
namespace {

struct BufferArchiveState {  // the layout of recordio.c's buff_struct
  int32_t len;
  int32_t off;
  char* buffer;
};

const BufferArchiveState& state_of(const iarchive* ia) {
  return *static_cast<const BufferArchiveState*>(ia->priv);
}

int32_t peek_int(const iarchive* ia) {
  const auto& s = state_of(ia);
  uint8_t b[4];
  std::memcpy(b, s.buffer + s.off, 4);
  return static_cast<int32_t>((uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3]);
}

}  // namespace

OutputArchive::OutputArchive() : archive_(create_buffer_oarchive()) {
  ZK_INVARIANT(archive_ != nullptr);
}

OutputArchive::~OutputArchive() { close_buffer_oarchive(&archive_, 1); }

std::string_view OutputArchive::bytes() const {
  return {get_buffer(archive_), static_cast<size_t>(get_buffer_len(archive_))};
}

InputArchive::InputArchive(std::string_view bytes) : bytes_(bytes) {
  ZK_INVARIANT(bytes.size() <= static_cast<size_t>(INT32_MAX));
  // The C archive never writes through its buffer pointer; it only reads.
  guarded_.inner = create_buffer_iarchive(const_cast<char*>(bytes.data()), static_cast<int>(bytes.size()));
  ZK_INVARIANT(guarded_.inner != nullptr);
  const auto& s = state_of(guarded_.inner);
  ZK_INVARIANT(s.len == static_cast<int32_t>(bytes.size()) && s.off == 0 && s.buffer == bytes.data());
  guarded_.archive = iarchive{&start_record, &end_record, &start_vector, &end_vector, &read_bool,
                              &read_int,     &read_long,  &read_buffer,  &read_string, guarded_.inner->priv};
}

InputArchive::~InputArchive() { close_buffer_iarchive(&guarded_.inner); }

size_t InputArchive::inner_offset() const { return static_cast<size_t>(state_of(guarded_.inner).off); }
size_t InputArchive::offset() const { return inner_offset(); }
size_t InputArchive::remaining() const { return bytes_.size() - inner_offset(); }

InputArchive::Guarded& InputArchive::guarded(iarchive* ia) { return *reinterpret_cast<Guarded*>(ia); }

int InputArchive::fail(Guarded& g, int rc, std::string why) {
  if (!g.failed) {
    g.failed = true;
    g.rc = rc;
    g.error = std::move(why);
  }
  return g.rc;
}

int InputArchive::after(Guarded& g, int rc) {
  if (rc == 0) return 0;
  const auto& s = state_of(g.inner);
  return fail(g, rc, fmt::format("the record ends early at byte {} of {}", s.off, s.len));
}

int InputArchive::start_record(iarchive* ia, const char* tag) {
  Guarded& g = guarded(ia);
  return g.failed ? g.rc : after(g, g.inner->start_record(g.inner, tag));
}

int InputArchive::end_record(iarchive* ia, const char* tag) {
  Guarded& g = guarded(ia);
  return g.failed ? g.rc : after(g, g.inner->end_record(g.inner, tag));
}

// Every element of every vector ZooKeeper defines takes at least 4 bytes (an int, a
// string's length, an Id's scheme length), so a count above remaining / 4 cannot be
// honest. A null vector (count -1, Java's null) reads as empty: C has no null vectors.
int InputArchive::start_vector(iarchive* ia, const char* tag, int32_t* count) {
  Guarded& g = guarded(ia);
  *count = 0;
  if (g.failed) return g.rc;
  const auto& s = state_of(g.inner);
  const int32_t left = s.len - s.off;
  if (left >= 4) {
    const int32_t claimed = peek_int(g.inner);
    if (claimed < -1 || (claimed > 0 && claimed > (left - 4) / 4)) {
      return fail(g, -E2BIG, fmt::format("vector count {} does not fit the {} bytes left", claimed, left - 4));
    }
  }
  const int rc = after(g, g.inner->start_vector(g.inner, tag, count));
  if (rc != 0 || *count == -1) *count = 0;
  return rc;
}

int InputArchive::end_vector(iarchive* ia, const char* tag) {
  Guarded& g = guarded(ia);
  return g.failed ? g.rc : after(g, g.inner->end_vector(g.inner, tag));
}

int InputArchive::read_bool(iarchive* ia, const char* name, int32_t* v) {
  Guarded& g = guarded(ia);
  return g.failed ? g.rc : after(g, g.inner->deserialize_Bool(g.inner, name, v));
}

int InputArchive::read_int(iarchive* ia, const char* name, int32_t* v) {
  Guarded& g = guarded(ia);
  return g.failed ? g.rc : after(g, g.inner->deserialize_Int(g.inner, name, v));
}

int InputArchive::read_long(iarchive* ia, const char* name, int64_t* v) {
  Guarded& g = guarded(ia);
  return g.failed ? g.rc : after(g, g.inner->deserialize_Long(g.inner, name, v));
}

int InputArchive::read_buffer(iarchive* ia, const char* name, buffer* b) {
  Guarded& g = guarded(ia);
  b->len = 0;
  b->buff = nullptr;
  if (g.failed) return g.rc;
  const auto& s = state_of(g.inner);
  const int32_t left = s.len - s.off;
  if (left >= 4) {
    const int32_t claimed = peek_int(g.inner);
    if (claimed < -1 || claimed > left - 4) {
      return fail(g, -E2BIG, fmt::format("buffer length {} does not fit the {} bytes left", claimed, left - 4));
    }
  }
  const int rc = after(g, g.inner->deserialize_Buffer(g.inner, name, b));
  if (rc != 0) {
    b->len = 0;
    b->buff = nullptr;
  }
  return rc;
}

int InputArchive::read_string(iarchive* ia, const char* name, char** s) {
  Guarded& g = guarded(ia);
  *s = nullptr;
  return g.failed ? g.rc : after(g, g.inner->deserialize_String(g.inner, name, s));
}

std::string to_string(const buffer& b) {
  if (b.buff == nullptr || b.len <= 0) return {};
  return std::string(b.buff, static_cast<size_t>(b.len));
}

buffer borrow(const std::string& bytes) {
  ZK_INVARIANT(bytes.size() <= static_cast<size_t>(INT32_MAX));
  return buffer{static_cast<int32_t>(bytes.size()), const_cast<char*>(bytes.data())};
}

}  // namespace zk::jute
