// OracleLink: one client mirrored to a real ZooKeeper, replies compared (see oracle_link.h).
#include "sim/gateway/oracle_link.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

#include "sim/datadir/big_endian.h"

#include <chrono>

#include "sim/gateway/reply_summary.h"
#include "sim/gateway/request_decoder.h"

namespace zk::sim::gateway {
namespace {

constexpr int32_t kPingXid = -2;
constexpr int32_t kWatchXid = -1;

bool split_address(const std::string& host_port, sockaddr_in* addr) {
  const size_t colon = host_port.rfind(':');
  if (colon == std::string::npos) return false;
  const std::string host = host_port.substr(0, colon);
  const std::string port = host_port.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) return false;
  const int number = std::stoi(port);
  if (number < 1 || number > 65535) return false;
  *addr = sockaddr_in{};
  addr->sin_family = AF_INET;
  addr->sin_port = htons(static_cast<uint16_t>(number));
  return ::inet_pton(AF_INET, host.c_str(), &addr->sin_addr) == 1;
}


}  // namespace

std::string OracleLink::check_address(const std::string& host_port) {
  sockaddr_in addr{};
  return split_address(host_port, &addr) ? std::string()
                                          : fmt::format("--oracle needs IPV4:PORT (e.g. 127.0.0.1:2181), saw '{}'", host_port);
}

OracleLink::OracleLink(std::string host_port, std::function<void(const std::string&)> report)
    : host_port_(std::move(host_port)), report_(std::move(report)) {}

OracleLink::~OracleLink() {
  if (fd_ >= 0) ::close(fd_);
}

void OracleLink::accepted(uint64_t id, ServerId, const std::string& remote_address) {
  if (mirrored_ != 0 || closed_) return;
  sockaddr_in addr{};
  if (!split_address(host_port_, &addr)) return;
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    report_(fmt::format("oracle: cannot connect to {}: {}; nothing is compared", host_port_, std::strerror(errno)));
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    closed_ = true;
    return;
  }
  const int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
  mirrored_ = id;
  report_(fmt::format("oracle: mirroring {} to the real ZooKeeper at {}", remote_address, host_port_));
}

void OracleLink::bytes_in(uint64_t id, std::string_view bytes) {
  if (id != mirrored_ || fd_ < 0) return;
  // The client's requests: which opcode each xid is, to read the replies.
  client_frames_.feed(bytes);
  std::string frame;
  while (client_frames_.next(&frame) == FrameReader::Status::kFrame) {
    if (!client_connect_seen_) {
      client_connect_seen_ = true;
      continue;
    }
    const std::string_view request(frame);
    if (request.size() >= 8) opcode_of_xid_[datadir::read_be32(request)] = datadir::read_be32(request.substr(4));
  }
  size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd p{fd_, POLLOUT, 0};
      ::poll(&p, 1, 100);
      continue;
    }
    report_(fmt::format("oracle: the real ZooKeeper's connection broke: {}", std::strerror(errno)));
    ::close(fd_);
    fd_ = -1;
    return;
  }
}

void OracleLink::bytes_out(uint64_t id, std::string_view bytes) {
  if (id != mirrored_ || mirrored_ == 0) return;
  zksim_.frames.feed(bytes);
  take_frames(zksim_, false);
  compare();
}

void OracleLink::read_real(int wait_ms) {
  char buffer[64 * 1024];
  while (fd_ >= 0) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, wait_ms) <= 0) break;
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    if (n <= 0) {
      ::close(fd_);  // the real server closed it (as it closes after closeSession)
      fd_ = -1;
      break;
    }
    real_.frames.feed(std::string_view(buffer, static_cast<size_t>(n)));
    wait_ms = 0;
  }
  take_frames(real_, true);
  compare();
}

void OracleLink::world_ran() { read_real(0); }

void OracleLink::take_frames(Side& side, bool is_real) {
  std::string frame;
  while (side.frames.next(&frame) == FrameReader::Status::kFrame) {
    if (!side.connect_seen) {
      side.connect_seen = true;
      connect_summary_[is_real ? 1 : 0] = summarize_connect_response(frame);
      continue;
    }
    const int32_t xid = reply_xid(frame);
    if (xid == kPingXid) continue;
    const auto op = opcode_of_xid_.find(xid);
    const std::string summary = summarize_reply(frame, op == opcode_of_xid_.end() ? 0 : op->second);
    if (xid == kWatchXid) {
      side.events.push_back(summary);
    } else {
      side.replies[xid] = summary;
    }
  }
}

void OracleLink::differ(const std::string& what, const std::string& zksim, const std::string& real) {
  ++compared_;
  if (zksim == real) return;
  ++differences_;
  report_(fmt::format("oracle: {} differs: zksim {} | real {}", what, zksim, real));
}

void OracleLink::compare() {
  if (!connect_summary_[0].empty() && !connect_summary_[1].empty()) {
    differ("the connect response", connect_summary_[0], connect_summary_[1]);
    connect_summary_[0].clear();
    connect_summary_[1].clear();
  }
  for (auto it = zksim_.replies.begin(); it != zksim_.replies.end();) {
    const auto real = real_.replies.find(it->first);
    if (real == real_.replies.end()) {
      ++it;
      continue;
    }
    const auto op = opcode_of_xid_.find(it->first);
    differ(fmt::format("xid {} {}", it->first, op == opcode_of_xid_.end() ? "?" : opcode_name(op->second)), it->second,
           real->second);
    real_.replies.erase(real);
    it = zksim_.replies.erase(it);
  }
  while (!zksim_.events.empty() && !real_.events.empty()) {
    differ("a watch event", zksim_.events.front(), real_.events.front());
    zksim_.events.pop_front();
    real_.events.pop_front();
  }
}

void OracleLink::client_closed(uint64_t id) {
  if (id == mirrored_) close();
}
void OracleLink::forgotten(uint64_t id) {
  if (id == mirrored_) close();
}

void OracleLink::close() {
  if (closed_) return;
  closed_ = true;
  if (mirrored_ == 0) return;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (fd_ >= 0 && (!zksim_.replies.empty() || !zksim_.events.empty()) &&
         std::chrono::steady_clock::now() < deadline) {
    read_real(50);
  }
  const size_t unanswered = zksim_.replies.size() + real_.replies.size() + zksim_.events.size() + real_.events.size();
  report_(fmt::format("oracle: {} replies and events compared with the real ZooKeeper at {}: {} differ{}", compared_,
                      host_port_, differences_,
                      unanswered ? fmt::format(", {} had no counterpart", unanswered) : std::string()));
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

}  // namespace zk::sim::gateway
