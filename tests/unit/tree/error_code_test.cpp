// ErrorCode numbers, Java enum names and their parsing.
#include "core/error_code.h"

#include <doctest/doctest.h>

#include <string>

using zk::ErrorCode;

TEST_CASE("error codes carry ZooKeeper's numbers and names") {
  CHECK(static_cast<int32_t>(ErrorCode::kNoNode) == -101);
  CHECK(static_cast<int32_t>(ErrorCode::kNodeExists) == -110);
  CHECK(static_cast<int32_t>(ErrorCode::kThrottledOp) == -127);
  CHECK(static_cast<int32_t>(ErrorCode::kBadArguments) == -8);
  CHECK(std::string(zk::error_name(ErrorCode::kNoNode)) == "NONODE");
  CHECK(std::string(zk::error_name(ErrorCode::kNoChildrenForEphemerals)) == "NOCHILDRENFOREPHEMERALS");
  CHECK(std::string(zk::error_name(ErrorCode::kSessionClosedRequireSaslAuth)) == "SESSIONCLOSEDREQUIRESASLAUTH");
  CHECK(std::string(zk::error_name(static_cast<ErrorCode>(-55))) == "UNKNOWN");
  CHECK(std::string(zk::error_code_message(ErrorCode::kNotEmpty)) == "Directory not empty");
}

TEST_CASE("error names parse back to their codes") {
  CHECK(zk::parse_error_name("NODEEXISTS") == ErrorCode::kNodeExists);
  CHECK(zk::parse_error_name("OK") == ErrorCode::kOk);
  CHECK(zk::parse_error_name("RUNTIMEINCONSISTENCY") == ErrorCode::kRuntimeInconsistency);
  CHECK_FALSE(zk::parse_error_name("nonode").has_value());
  CHECK_FALSE(zk::parse_error_name("").has_value());
  for (int32_t code = -130; code <= 0; ++code) {
    const auto err = static_cast<ErrorCode>(code);
    const std::string name = zk::error_name(err);
    if (name != "UNKNOWN") CHECK(zk::parse_error_name(name) == err);
  }
}
