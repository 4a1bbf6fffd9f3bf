// Writing and reading the fuzzer's JSON lines: a flat object per line, fields in a fixed
// order, parsed by a small reader that accepts exactly that shape (strings, numbers).
#include "sim/fuzz/fuzz_jsonl.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <map>
#include <optional>

namespace zk::sim {
namespace {

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\u{:04x}", byte);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// Builds `{"type":"...","shard":I,"shards":N,...}`.
class ObjectWriter {
 public:
  ObjectWriter(std::string_view type, FuzzShard shard) {
    text_ = "{\"type\":" + json_string(type);
    number("shard", shard.index);
    number("shards", shard.count);
  }
  void number(std::string_view key, uint64_t value) { text_ += fmt::format(",\"{}\":{}", key, value); }
  void number(std::string_view key, int64_t value) { text_ += fmt::format(",\"{}\":{}", key, value); }
  void number(std::string_view key, int value) { text_ += fmt::format(",\"{}\":{}", key, value); }
  void decimal(std::string_view key, double value) { text_ += fmt::format(",\"{}\":{:.3f}", key, value); }
  void string(std::string_view key, std::string_view value) { text_ += fmt::format(",\"{}\":{}", key, json_string(value)); }
  std::string done() && { return std::move(text_) + "}"; }

 private:
  std::string text_;
};

struct Value {
  bool is_string = false;
  std::string text;  // the decoded string, or the number as written
};

// Reads one flat JSON object of string and number values. Returns an error or empty.
std::string parse_object(std::string_view line, std::map<std::string, Value>& fields) {
  size_t i = 0;
  auto skip_spaces = [&] {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
  };
  auto read_string = [&](std::string& out) -> std::string {
    if (i >= line.size() || line[i] != '"') return "a string expected";
    ++i;
    while (i < line.size() && line[i] != '"') {
      char c = line[i++];
      if (c == '\\') {
        if (i >= line.size()) return "an unfinished escape";
        const char e = line[i++];
        if (e == 'n') {
          c = '\n';
        } else if (e == 't') {
          c = '\t';
        } else if (e == '"' || e == '\\' || e == '/') {
          c = e;
        } else if (e == 'u' && i + 4 <= line.size()) {
          unsigned code = 0;
          const auto [end, ec] = std::from_chars(line.data() + i, line.data() + i + 4, code, 16);
          if (ec != std::errc() || end != line.data() + i + 4 || code >= 0x80) return "an unsupported \\u escape";
          c = static_cast<char>(code);
          i += 4;
        } else {
          return "an unsupported escape";
        }
      }
      out += c;
    }
    if (i >= line.size()) return "an unfinished string";
    ++i;
    return {};
  };
  skip_spaces();
  if (i >= line.size() || line[i] != '{') return "not a JSON object";
  ++i;
  for (;;) {
    skip_spaces();
    std::string key;
    if (auto e = read_string(key); !e.empty()) return e;
    skip_spaces();
    if (i >= line.size() || line[i] != ':') return "':' expected";
    ++i;
    skip_spaces();
    Value value;
    if (i < line.size() && line[i] == '"') {
      value.is_string = true;
      if (auto e = read_string(value.text); !e.empty()) return e;
    } else {
      const size_t start = i;
      while (i < line.size() && (std::isdigit(static_cast<unsigned char>(line[i])) || line[i] == '-' || line[i] == '.')) ++i;
      if (i == start) return fmt::format("a value expected for \"{}\"", key);
      value.text = std::string(line.substr(start, i - start));
    }
    if (!fields.emplace(key, std::move(value)).second) return fmt::format("\"{}\" twice", key);
    skip_spaces();
    if (i < line.size() && line[i] == ',') {
      ++i;
      continue;
    }
    if (i < line.size() && line[i] == '}') {
      ++i;
      break;
    }
    return "',' or '}' expected";
  }
  skip_spaces();
  if (i != line.size()) return "text after the object";
  return {};
}

// Typed reads of the parsed fields; the first error is kept.
class FieldReader {
 public:
  explicit FieldReader(const std::map<std::string, Value>& fields) : fields_(fields) {}
  template <typename Int>
  void whole(const char* key, Int& out) {
    const Value* v = find(key, false);
    if (!v) return;
    const auto [end, ec] = std::from_chars(v->text.data(), v->text.data() + v->text.size(), out);
    if (ec != std::errc() || end != v->text.data() + v->text.size()) fail(fmt::format("\"{}\" is not a whole number", key));
  }
  void decimal(const char* key, double& out) {
    const Value* v = find(key, false);
    if (!v) return;
    const auto [end, ec] = std::from_chars(v->text.data(), v->text.data() + v->text.size(), out);
    if (ec != std::errc() || end != v->text.data() + v->text.size()) fail(fmt::format("\"{}\" is not a number", key));
  }
  void string(const char* key, std::string& out) {
    if (const Value* v = find(key, true)) out = v->text;
  }
  void shard(FuzzShard& out) {
    whole("shard", out.index);
    whole("shards", out.count);
    if (error_.empty() && (out.count == 0 || out.index >= out.count)) fail("\"shard\" is not below \"shards\"");
  }
  const std::string& error() const { return error_; }

 private:
  const Value* find(const char* key, bool want_string) {
    if (!error_.empty()) return nullptr;
    const auto it = fields_.find(key);
    if (it == fields_.end()) {
      fail(fmt::format("\"{}\" missing", key));
      return nullptr;
    }
    if (it->second.is_string != want_string) {
      fail(fmt::format("\"{}\" is not a {}", key, want_string ? "string" : "number"));
      return nullptr;
    }
    return &it->second;
  }
  void fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }
  const std::map<std::string, Value>& fields_;
  std::string error_;
};

}  // namespace

std::string fuzz_faults_text(const FuzzOptions& options) {
  std::string out;
  for (const FuzzFault f : options.faults) out += (out.empty() ? "" : ",") + std::string(fuzz_fault_name(f));
  return out.empty() ? "none" : out;
}

std::string format_fuzz_jsonl(const FuzzJsonlRecord& record) {
  struct Visitor {
    std::string operator()(const FuzzJsonlFailure& r) const {
      ObjectWriter w("failure", r.shard);
      w.number("seed", r.seed);
      w.string("check", r.check);
      w.string("detail", r.detail);
      w.string("reproducer", r.reproducer);
      return std::move(w).done();
    }
    std::string operator()(const FuzzJsonlStuck& r) const {
      ObjectWriter w("stuck", r.shard);
      w.number("seed", r.seed);
      return std::move(w).done();
    }
    std::string operator()(const FuzzJsonlShardSummary& r) const {
      ObjectWriter w("shard", r.shard);
      w.number("first_seed", r.first_seed);
      w.number("last_seed", r.last_seed);
      w.number("shard_seeds", r.shard_seed_count);
      w.number("seeds_run", r.seeds_run);
      w.number("failed", r.failed);
      w.number("stuck", r.stuck);
      w.decimal("elapsed_s", r.elapsed_s);
      w.number("jobs", r.jobs);
      w.number("max_seconds", r.max_seconds);
      w.number("stopped", r.stopped ? 1 : 0);
      w.number("servers", r.servers);
      w.number("observers", r.observers);
      w.number("clients", r.clients);
      w.number("duration_us", r.duration_us);
      w.string("faults", r.faults);
      w.string("bug", r.bug);
      w.string("bugs", r.bugs);
      return std::move(w).done();
    }
    std::string operator()(const FuzzJsonlReproducer& r) const {
      ObjectWriter w("reproducer", r.shard);
      w.number("seed", r.seed);
      w.string("check", r.check);
      w.number("original_steps", r.original_steps);
      w.number("steps", r.steps);
      w.number("runs", r.runs);
      w.string("path", r.path);
      return std::move(w).done();
    }
  };
  return std::visit(Visitor{}, record);
}

std::string parse_fuzz_jsonl(std::string_view line, FuzzJsonlRecord& out) {
  std::map<std::string, Value> fields;
  if (auto e = parse_object(line, fields); !e.empty()) return e;
  FieldReader read(fields);
  std::string type;
  read.string("type", type);
  if (type == "failure") {
    FuzzJsonlFailure r;
    read.shard(r.shard);
    read.whole("seed", r.seed);
    read.string("check", r.check);
    read.string("detail", r.detail);
    read.string("reproducer", r.reproducer);
    out = r;
  } else if (type == "stuck") {
    FuzzJsonlStuck r;
    read.shard(r.shard);
    read.whole("seed", r.seed);
    out = r;
  } else if (type == "shard") {
    FuzzJsonlShardSummary r;
    read.shard(r.shard);
    read.whole("first_seed", r.first_seed);
    read.whole("last_seed", r.last_seed);
    read.whole("shard_seeds", r.shard_seed_count);
    read.whole("seeds_run", r.seeds_run);
    read.whole("failed", r.failed);
    read.whole("stuck", r.stuck);
    read.decimal("elapsed_s", r.elapsed_s);
    read.whole("jobs", r.jobs);
    read.whole("max_seconds", r.max_seconds);
    int stopped = 0;
    read.whole("stopped", stopped);
    r.stopped = stopped != 0;
    read.whole("servers", r.servers);
    read.whole("observers", r.observers);
    read.whole("clients", r.clients);
    read.whole("duration_us", r.duration_us);
    read.string("faults", r.faults);
    read.string("bug", r.bug);
    read.string("bugs", r.bugs);
    out = r;
  } else if (type == "reproducer") {
    FuzzJsonlReproducer r;
    read.shard(r.shard);
    read.whole("seed", r.seed);
    read.string("check", r.check);
    read.whole("original_steps", r.original_steps);
    read.whole("steps", r.steps);
    read.whole("runs", r.runs);
    read.string("path", r.path);
    out = r;
  } else if (read.error().empty()) {
    return fmt::format("unknown record type '{}'", type);
  }
  return read.error();
}

}  // namespace zk::sim
