// ErrorCode: ZooKeeper's KeeperException.Code values with their wire numbers. Every
// operation in core/ reports its outcome as one of these, never by throwing. Codes above
// -100 are system/connection errors, codes of -100 and below are API errors. error_name()
// gives the Java enum name ("NONODE") used in traces and scenario files; parse_error_name()
// is its inverse.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace zk {

enum class ErrorCode : int32_t {
  kOk = 0,
  kSystemError = -1,
  kRuntimeInconsistency = -2,
  kDataInconsistency = -3,
  kConnectionLoss = -4,
  kMarshallingError = -5,
  kUnimplemented = -6,
  kOperationTimeout = -7,
  kBadArguments = -8,
  kUnknownSession = -12,
  kNewConfigNoQuorum = -13,
  kReconfigInProgress = -14,
  kApiError = -100,
  kNoNode = -101,
  kNoAuth = -102,
  kBadVersion = -103,
  kNoChildrenForEphemerals = -108,
  kNodeExists = -110,
  kNotEmpty = -111,
  kSessionExpired = -112,
  kInvalidCallback = -113,
  kInvalidAcl = -114,
  kAuthFailed = -115,
  kSessionMoved = -118,
  kNotReadOnly = -119,
  kEphemeralOnLocalSession = -120,
  kNoWatcher = -121,
  kRequestTimeout = -122,
  kReconfigDisabled = -123,
  kSessionClosedRequireSaslAuth = -124,
  kQuotaExceeded = -125,
  kThrottledOp = -127,
};

// "OK", "NONODE", "NODEEXISTS", ...; "UNKNOWN" for a value outside the enum.
const char* error_name(ErrorCode code);
// Inverse of error_name (exact, upper case); nullopt for an unknown name.
std::optional<ErrorCode> parse_error_name(std::string_view name);
// KeeperException.getCodeMessage text: "NoNode", "Directory not empty", "Session expired".
const char* error_code_message(ErrorCode code);

}  // namespace zk
