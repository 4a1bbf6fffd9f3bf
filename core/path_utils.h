// ZooKeeper's path rules (PathUtils.validatePath) and the small string helpers built on
// them. A valid path starts with '/', has no empty, "." or ".." element, no NUL or other
// forbidden character, and no trailing '/' except for "/" itself; a sequential create may
// end in '/' because the counter suffix is appended before the real check.
#pragma once

#include <string>
#include <string_view>

#include "core/error_code.h"

namespace zk {

// kOk or kBadArguments.
ErrorCode validate_path(std::string_view path, bool is_sequential = false);
// "/a/b" -> "/a", "/a" -> "/", "/" -> "" (the root has no parent). Expects a valid path.
std::string_view parent_path(std::string_view path);
// "/a/b" -> "b", "/" -> "".
std::string_view base_name(std::string_view path);
// "/" + "b" -> "/b", "/a" + "b" -> "/a/b".
std::string join_path(std::string_view parent, std::string_view name);
// True when `path` is `ancestor` or lies below it ("/" is everyone's ancestor).
bool is_same_or_descendant(std::string_view path, std::string_view ancestor);
// The four nodes every tree starts with; clients may not delete them.
bool is_system_path(std::string_view path);

// Calls visit(element) for each element of an absolute path, root first ("/a/b": "a", "b";
// "/": none); stops early when visit returns false. At most path.size() calls.
template <typename Visitor>
void for_each_path_element(std::string_view path, Visitor&& visit) {
  size_t start = 1;
  while (start < path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (!visit(path.substr(start, end - start))) return;
    start = end + 1;
  }
}

}  // namespace zk
