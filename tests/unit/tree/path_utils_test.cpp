// PathUtils rules: what a valid znode path is, and the parent/basename helpers.
#include "core/path_utils.h"

#include <doctest/doctest.h>

#include <string>

using zk::ErrorCode;
using zk::validate_path;

TEST_CASE("valid and invalid znode paths") {
  CHECK(validate_path("/") == ErrorCode::kOk);
  CHECK(validate_path("/a") == ErrorCode::kOk);
  CHECK(validate_path("/a/b-c_d.e") == ErrorCode::kOk);
  CHECK(validate_path("/a/.b") == ErrorCode::kOk);
  CHECK(validate_path("/zookeeper/\xe4\xb8\xad") == ErrorCode::kOk);  // U+4E2D
  CHECK(validate_path("") == ErrorCode::kBadArguments);
  CHECK(validate_path("a") == ErrorCode::kBadArguments);
  CHECK(validate_path("a/b") == ErrorCode::kBadArguments);
  CHECK(validate_path("/a/") == ErrorCode::kBadArguments);
  CHECK(validate_path("//a") == ErrorCode::kBadArguments);
  CHECK(validate_path("/a//b") == ErrorCode::kBadArguments);
  CHECK(validate_path("/a/./b") == ErrorCode::kBadArguments);
  CHECK(validate_path("/a/..") == ErrorCode::kBadArguments);
  CHECK(validate_path(std::string_view("/a\0b", 4)) == ErrorCode::kBadArguments);
  CHECK(validate_path("/a\x01") == ErrorCode::kBadArguments);
  CHECK(validate_path("/a\x7f") == ErrorCode::kBadArguments);
}

TEST_CASE("sequential paths may end in a slash") {
  CHECK(validate_path("/a/", true) == ErrorCode::kOk);
  CHECK(validate_path("/", true) == ErrorCode::kOk);
  CHECK(validate_path("/a/s-", true) == ErrorCode::kOk);
  CHECK(validate_path("/a//", true) == ErrorCode::kBadArguments);
  CHECK(validate_path("a/", true) == ErrorCode::kBadArguments);
}

TEST_CASE("parent, basename and join") {
  CHECK(zk::parent_path("/a/b") == "/a");
  CHECK(zk::parent_path("/a") == "/");
  CHECK(zk::parent_path("/").empty());
  CHECK(zk::base_name("/a/b") == "b");
  CHECK(zk::base_name("/").empty());
  CHECK(zk::join_path("/", "b") == "/b");
  CHECK(zk::join_path("/a", "b") == "/a/b");
  CHECK(zk::is_same_or_descendant("/a/b", "/a"));
  CHECK(zk::is_same_or_descendant("/a", "/a"));
  CHECK_FALSE(zk::is_same_or_descendant("/ab", "/a"));
  CHECK(zk::is_same_or_descendant("/x", "/"));
  CHECK(zk::is_system_path("/zookeeper/config"));
  CHECK_FALSE(zk::is_system_path("/zookeeper/quota/a"));
}
