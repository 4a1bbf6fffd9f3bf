// Live mode's sockets: see socket_set.h.
#include "sim/gateway/socket_set.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

namespace zk::sim::gateway {
namespace {

std::string open_listener(const std::string& address, int port, int* fd_out) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return fmt::format("socket: {}", std::strerror(errno));
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (::inet_pton(AF_INET, address.c_str(), &addr.sin_addr) != 1) {
    ::close(fd);
    return fmt::format("--bind: '{}' is not an IPv4 address", address);
  }
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 128) != 0) {
    const std::string error = fmt::format("cannot listen on {}:{}: {}", address, port, std::strerror(errno));
    ::close(fd);
    return error;
  }
  *fd_out = fd;
  return {};
}

std::string peer_name(int fd) {
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return "unknown";
  char text[INET_ADDRSTRLEN] = {};
  ::inet_ntop(AF_INET, &addr.sin_addr, text, sizeof text);
  return fmt::format("{}:{}", text, ntohs(addr.sin_port));
}

}  // namespace

SocketSet::~SocketSet() { close_all(); }

std::string SocketSet::listen(const std::string& address, const std::vector<int>& ports) {
  for (size_t i = 0; i < ports.size(); ++i) {
    int fd = -1;
    if (std::string error = open_listener(address, ports[i], &fd); !error.empty()) {
      close_all();
      return error;
    }
    listeners_.push_back(Listener{fd, static_cast<ServerId>(i + 1)});
  }
  return {};
}

void SocketSet::close_all() {
  for (const Listener& l : listeners_) ::close(l.fd);
  listeners_.clear();
  for (const auto& [id, fd] : clients_) ::close(fd);
  clients_.clear();
}

void SocketSet::close(uint64_t id) {
  const auto it = clients_.find(id);
  if (it == clients_.end()) return;
  ::close(it->second);
  clients_.erase(it);
}

std::vector<uint64_t> SocketSet::ids() const {
  std::vector<uint64_t> out;
  out.reserve(clients_.size());
  for (const auto& [id, fd] : clients_) out.push_back(id);
  return out;
}

size_t SocketSet::write(uint64_t id, std::string_view bytes) {
  const auto it = clients_.find(id);
  if (it == clients_.end()) return 0;
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::send(it->second, bytes.data() + written, bytes.size() - written, MSG_NOSIGNAL);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  return written;
}

bool SocketSet::wait(int64_t wait_us, const std::function<bool(uint64_t id)>& want_write, const Handlers& handlers) {
  std::vector<pollfd> fds;
  std::vector<uint64_t> owners;  // per entry past the listeners
  fds.reserve(listeners_.size() + clients_.size());
  for (const Listener& l : listeners_) fds.push_back(pollfd{l.fd, POLLIN, 0});
  for (const auto& [id, fd] : clients_) {
    fds.push_back(pollfd{fd, static_cast<short>(POLLIN | (want_write(id) ? POLLOUT : 0)), 0});
    owners.push_back(id);
  }
  // ppoll, not poll: the next event may be due in a few microseconds of wall time (at 100x a
  // simulated millisecond is 10 us), and poll's whole milliseconds would add one to every hop.
  wait_us = std::max<int64_t>(0, wait_us);
  const timespec wait{.tv_sec = static_cast<time_t>(wait_us / 1'000'000),
                      .tv_nsec = static_cast<long>((wait_us % 1'000'000) * 1000)};
  if (::ppoll(fds.data(), fds.size(), &wait, nullptr) <= 0) return false;
  if (handlers.ready) handlers.ready();
  for (size_t i = 0; i < listeners_.size(); ++i) {
    if (!(fds[i].revents & POLLIN)) continue;
    for (;;) {
      const int fd = ::accept4(listeners_[i].fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) break;
      if (static_cast<int>(clients_.size()) >= max_connections) {
        fmt::print(stderr, "zksim serve: too many connections ({}): refusing {}\n", clients_.size(), peer_name(fd));
        ::close(fd);
        continue;
      }
      const int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      clients_[handlers.accepted(listeners_[i].server, peer_name(fd))] = fd;
    }
  }
  for (size_t i = listeners_.size(); i < fds.size(); ++i) {
    if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
    const uint64_t id = owners[i - listeners_.size()];
    const auto it = clients_.find(id);
    if (it == clients_.end()) continue;
    // At most a few reads per wait: one busy client cannot starve the others.
    for (int reads = 0; reads < 4; ++reads) {
      const ssize_t n = ::recv(it->second, buffer_, sizeof buffer_, 0);
      if (n > 0) {
        handlers.bytes(id, std::string_view(buffer_, static_cast<size_t>(n)));
        if (static_cast<size_t>(n) < sizeof buffer_) break;
        continue;
      }
      if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) handlers.closed_by_client(id);
      break;
    }
  }
  return true;
}

}  // namespace zk::sim::gateway
