// The name and message tables behind ErrorCode. One table row per code keeps the Java
// enum name, the number and the client-library message together.
#include "core/error_code.h"

#include <array>

namespace zk {
namespace {

struct ErrorRow {
  ErrorCode code;
  const char* name;
  const char* message;
};

constexpr std::array<ErrorRow, 32> kErrorRows{{
    {ErrorCode::kOk, "OK", "ok"},
    {ErrorCode::kSystemError, "SYSTEMERROR", "SystemError"},
    {ErrorCode::kRuntimeInconsistency, "RUNTIMEINCONSISTENCY", "RuntimeInconsistency"},
    {ErrorCode::kDataInconsistency, "DATAINCONSISTENCY", "DataInconsistency"},
    {ErrorCode::kConnectionLoss, "CONNECTIONLOSS", "ConnectionLoss"},
    {ErrorCode::kMarshallingError, "MARSHALLINGERROR", "MarshallingError"},
    {ErrorCode::kUnimplemented, "UNIMPLEMENTED", "Unimplemented"},
    {ErrorCode::kOperationTimeout, "OPERATIONTIMEOUT", "OperationTimeout"},
    {ErrorCode::kBadArguments, "BADARGUMENTS", "BadArguments"},
    {ErrorCode::kUnknownSession, "UNKNOWNSESSION", "Unknown session"},
    {ErrorCode::kNewConfigNoQuorum, "NEWCONFIGNOQUORUM", "NewConfigNoQuorum"},
    {ErrorCode::kReconfigInProgress, "RECONFIGINPROGRESS", "ReconfigInProgress"},
    {ErrorCode::kApiError, "APIERROR", "APIError"},
    {ErrorCode::kNoNode, "NONODE", "NoNode"},
    {ErrorCode::kNoAuth, "NOAUTH", "NoAuth"},
    {ErrorCode::kBadVersion, "BADVERSION", "BadVersion"},
    {ErrorCode::kNoChildrenForEphemerals, "NOCHILDRENFOREPHEMERALS", "NoChildrenForEphemerals"},
    {ErrorCode::kNodeExists, "NODEEXISTS", "NodeExists"},
    {ErrorCode::kNotEmpty, "NOTEMPTY", "Directory not empty"},
    {ErrorCode::kSessionExpired, "SESSIONEXPIRED", "Session expired"},
    {ErrorCode::kInvalidCallback, "INVALIDCALLBACK", "Invalid callback"},
    {ErrorCode::kInvalidAcl, "INVALIDACL", "InvalidACL"},
    {ErrorCode::kAuthFailed, "AUTHFAILED", "AuthFailed"},
    {ErrorCode::kSessionMoved, "SESSIONMOVED", "Session moved"},
    {ErrorCode::kNotReadOnly, "NOTREADONLY", "Not a read-only call"},
    {ErrorCode::kEphemeralOnLocalSession, "EPHEMERALONLOCALSESSION", "Ephemeral node on local session"},
    {ErrorCode::kNoWatcher, "NOWATCHER", "No such watcher"},
    {ErrorCode::kRequestTimeout, "REQUESTTIMEOUT", "Request timeout"},
    {ErrorCode::kReconfigDisabled, "RECONFIGDISABLED", "Reconfig is disabled"},
    {ErrorCode::kSessionClosedRequireSaslAuth, "SESSIONCLOSEDREQUIRESASLAUTH",
     "Session closed because client failed to authenticate"},
    {ErrorCode::kQuotaExceeded, "QUOTAEXCEEDED", "Quota has exceeded"},
    {ErrorCode::kThrottledOp, "THROTTLEDOP", "Op throttled due to high load"},
}};

const ErrorRow* find_row(ErrorCode code) {
  for (const ErrorRow& row : kErrorRows) {
    if (row.code == code) return &row;
  }
  return nullptr;
}

}  // namespace

const char* error_name(ErrorCode code) {
  const ErrorRow* row = find_row(code);
  return row != nullptr ? row->name : "UNKNOWN";
}

const char* error_code_message(ErrorCode code) {
  const ErrorRow* row = find_row(code);
  return row != nullptr ? row->message : "Unknown error";
}

std::optional<ErrorCode> parse_error_name(std::string_view name) {
  for (const ErrorRow& row : kErrorRows) {
    if (name == row.name) return row.code;
  }
  return std::nullopt;
}

}  // namespace zk
