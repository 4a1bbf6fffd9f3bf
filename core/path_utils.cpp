// Path validation the way ZooKeeper's PathUtils does it, plus parent/basename helpers.
// Character rules follow PathUtils: U+0000, U+0001-U+001F, U+007F-U+009F and
// U+D800-U+F8FF, U+FFF0-U+FFFF are rejected (checked on the UTF-8 decoded code points;
// code points above U+FFFF are surrogate pairs in Java and so rejected as well).
#include "core/path_utils.h"

#include <cstdint>

namespace zk {
namespace {

// Decodes one UTF-8 code point at `pos`; returns bytes consumed (1 on malformed input,
// which then is judged as its raw byte value).
size_t decode_utf8(std::string_view s, size_t pos, uint32_t* code_point) {
  const auto b0 = static_cast<uint8_t>(s[pos]);
  size_t len = 1;
  uint32_t cp = b0;
  if (b0 >= 0xF0) {
    len = 4;
    cp = b0 & 0x07;
  } else if (b0 >= 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
  }
  if (len == 1 || pos + len > s.size()) {
    *code_point = b0;
    return 1;
  }
  for (size_t i = 1; i < len; ++i) cp = (cp << 6) | (static_cast<uint8_t>(s[pos + i]) & 0x3F);
  *code_point = cp;
  return len;
}

bool forbidden_code_point(uint32_t c) {
  return c <= 0x001F || (c >= 0x007F && c <= 0x009F) || (c >= 0xD800 && c <= 0xF8FF) ||
         c >= 0xFFF0;  // > 0xFFFF: UTF-16 surrogates in Java
}

}  // namespace

ErrorCode validate_path(std::string_view path, bool is_sequential) {
  // A sequential path is judged as if its suffix had already been appended.
  if (is_sequential) return validate_path(std::string(path) + "1", false);
  if (path.empty() || path[0] != '/') return ErrorCode::kBadArguments;
  if (path.size() == 1) return ErrorCode::kOk;
  if (path.back() == '/') return ErrorCode::kBadArguments;
  size_t element_start = 1;
  for (size_t i = 1; i <= path.size(); ++i) {
    if (i < path.size() && path[i] != '/') continue;
    const std::string_view element = path.substr(element_start, i - element_start);
    if (element.empty() || element == "." || element == "..") return ErrorCode::kBadArguments;
    for (size_t j = 0; j < element.size();) {
      uint32_t cp = 0;
      j += decode_utf8(element, j, &cp);
      if (forbidden_code_point(cp)) return ErrorCode::kBadArguments;
    }
    element_start = i + 1;
  }
  return ErrorCode::kOk;
}

std::string_view parent_path(std::string_view path) {
  if (path.size() <= 1) return {};
  const size_t slash = path.rfind('/');
  if (slash == 0 || slash == std::string_view::npos) return path.substr(0, 1);
  return path.substr(0, slash);
}

std::string_view base_name(std::string_view path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return path;
  return path.substr(slash + 1);
}

std::string join_path(std::string_view parent, std::string_view name) {
  std::string out;
  out.reserve(parent.size() + 1 + name.size());
  out.append(parent);
  if (out.empty() || out.back() != '/') out.push_back('/');
  out.append(name);
  return out;
}

bool is_same_or_descendant(std::string_view path, std::string_view ancestor) {
  if (ancestor == "/") return !path.empty() && path[0] == '/';
  if (path.size() < ancestor.size() || path.substr(0, ancestor.size()) != ancestor) return false;
  return path.size() == ancestor.size() || path[ancestor.size()] == '/';
}

bool is_system_path(std::string_view path) {
  return path == "/" || path == "/zookeeper" || path == "/zookeeper/quota" || path == "/zookeeper/config";
}

}  // namespace zk
