// Jute archives: a small RAII layer over the record archives of Apache ZooKeeper's own C
// binding (Debian libzookeeper-mt-dev: recordio.h, and zookeeper.jute.h with a generated
// serialize_X / deserialize_X / deallocate_X for every record ZooKeeper defines). The wire
// protocol gateway and the data-directory readers and writers use these instead of a
// hand-written codec. Two things are added to the C archives: an InputArchive refuses a
// vector count or a buffer length that the remaining bytes cannot hold (the C code would
// calloc whatever a malformed packet claims); its errors are sticky (the generated vector
// deserializers overwrite an element's error code with end_vector's, so a short vector
// would otherwise read as a success); and it knows its byte offset, so errors can name
// where a record went wrong.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" {
#include <zookeeper/recordio.h>
#include <zookeeper/zookeeper.jute.h>
}

namespace zk::jute {

// Serializes records into a growing byte buffer (big-endian, as Java's BinaryOutputArchive).
class OutputArchive {
 public:
  OutputArchive();
  ~OutputArchive();
  OutputArchive(const OutputArchive&) = delete;
  OutputArchive& operator=(const OutputArchive&) = delete;

  oarchive* get() { return archive_; }
  std::string_view bytes() const;

  // Writes one record with its generated serializer; false if the archive failed.
  template <class Record>
  bool write(int (*serialize)(oarchive*, const char*, Record*), const Record& record) {
    Record copy = record;  // the C serializers take non-const pointers but do not modify
    return serialize(archive_, "", &copy) == 0;
  }

 private:
  oarchive* archive_;
};

// Reads records from a byte range it does not own (the bytes must outlive it).
class InputArchive {
 public:
  explicit InputArchive(std::string_view bytes);
  ~InputArchive();
  InputArchive(const InputArchive&) = delete;
  InputArchive& operator=(const InputArchive&) = delete;

  iarchive* get() { return &guarded_.archive; }
  size_t offset() const;     // bytes consumed so far
  size_t remaining() const;  // bytes left
  // A read failed; every later read fails too.
  bool failed() const { return guarded_.failed; }
  // Why: "" or e.g. "vector count 2147483647 does not fit the 4 bytes left".
  const std::string& error() const { return guarded_.error; }

 private:
  // The archive handed to the generated code: every entry of the C archive's function
  // table wrapped (bounds checks, sticky failure). It is the first member, so a callback
  // can find the rest from the iarchive pointer.
  struct Guarded {
    iarchive archive{};
    iarchive* inner = nullptr;
    bool failed = false;
    int rc = 0;
    std::string error;
  };
  static Guarded& guarded(iarchive* ia);
  static int fail(Guarded& g, int rc, std::string why);
  static int after(Guarded& g, int rc);
  static int start_record(iarchive* ia, const char* tag);
  static int end_record(iarchive* ia, const char* tag);
  static int start_vector(iarchive* ia, const char* tag, int32_t* count);
  static int end_vector(iarchive* ia, const char* tag);
  static int read_bool(iarchive* ia, const char* name, int32_t* v);
  static int read_int(iarchive* ia, const char* name, int32_t* v);
  static int read_long(iarchive* ia, const char* name, int64_t* v);
  static int read_buffer(iarchive* ia, const char* name, buffer* b);
  static int read_string(iarchive* ia, const char* name, char** s);
  size_t inner_offset() const;

  std::string_view bytes_;
  Guarded guarded_;
};

// A record read by its generated deserializer, freed with its generated deallocator.
template <class Record>
class Decoded {
 public:
  using Deallocate = void (*)(Record*);
  explicit Decoded(Deallocate deallocate) : deallocate_(deallocate) {}
  ~Decoded() { deallocate_(&value); }
  Decoded(const Decoded&) = delete;
  Decoded& operator=(const Decoded&) = delete;
  Record value{};

 private:
  Deallocate deallocate_;
};

// Reads one record; false (archive.error() or a short read) if it could not.
template <class Record>
bool read(InputArchive& archive, int (*deserialize)(iarchive*, const char*, Record*), Decoded<Record>& out) {
  const int rc = deserialize(archive.get(), "", &out.value);
  return rc == 0 && !archive.failed();
}

// A jute buffer's bytes as a string (a null buffer, length -1, reads as empty).
std::string to_string(const buffer& b);
// A borrowed jute buffer over a string's bytes, for serializing (not to be deallocated).
buffer borrow(const std::string& bytes);

}  // namespace zk::jute
