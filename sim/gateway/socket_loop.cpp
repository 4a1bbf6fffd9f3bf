// The poll() loop of live mode: see socket_loop.h.
#include "sim/gateway/socket_loop.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <ctime>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "sim/gateway/wall_pacer.h"

namespace zk::sim::gateway {

namespace {

struct Listener {
  int fd = -1;
  ServerId server = 0;
};
struct ClientSocket {
  int fd = -1;
  uint64_t gateway_id = 0;
};

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

std::string serve(World& world, const ServeConfig& config, const std::atomic<bool>& stop,
                  const std::function<std::string(World&, Gateway&)>& on_turn) {
  std::vector<Listener> listeners;
  auto close_all = [&](std::map<uint64_t, ClientSocket>* clients) {
    for (Listener& l : listeners) ::close(l.fd);
    if (clients) for (auto& [id, c] : *clients) ::close(c.fd);
  };
  for (size_t i = 0; i < config.ports.size(); ++i) {
    int fd = -1;
    if (std::string error = open_listener(config.bind_address, config.ports[i], &fd); !error.empty()) {
      close_all(nullptr);
      return error;
    }
    listeners.push_back(Listener{fd, static_cast<ServerId>(i + 1)});
  }
  Gateway gateway(world, config.gateway);
  gateway.set_observer(config.observer);
  // Every run of the world is told to the observer: a recording replays the same runs.
  const auto run_world_for = [&](int64_t duration_us) {
    world.run_for(duration_us);
    if (config.observer) config.observer->world_ran();
  };
  std::map<uint64_t, ClientSocket> clients;
  const WallPacer pacer(world.now_us(), config.speed, WallPacer::Clock::now());
  std::vector<pollfd> fds;
  std::vector<uint64_t> fd_owner;  // per fds entry past the listeners: gateway id
  char buffer[64 * 1024];
  std::string stop_reason;
  while (!stop.load()) {
    // 1. The world catches up with the wall clock.
    const int64_t target_us = pacer.virtual_now_us(WallPacer::Clock::now());
    if (target_us > world.now_us()) run_world_for(target_us - world.now_us());
    gateway.collect();
    if (stop_reason = on_turn(world, gateway); !stop_reason.empty()) break;
    gateway.collect();
    for (std::string& line : gateway.log()) fmt::print(stderr, "zksim serve: {}\n", line);
    gateway.log().clear();
    // 2. Write what is waiting; close what is done.
    for (auto it = clients.begin(); it != clients.end();) {
      std::string* out = gateway.output(it->first);
      while (out && !out->empty()) {
        const ssize_t n = ::send(it->second.fd, out->data(), out->size(), MSG_NOSIGNAL);
        if (n <= 0) break;
        out->erase(0, static_cast<size_t>(n));
      }
      gateway.close_if_unread(it->first);
      if (gateway.closing(it->first) && (!out || out->empty() || world.violation())) {
        ::close(it->second.fd);
        gateway.forget(it->first);
        it = clients.erase(it);
      } else {
        ++it;
      }
    }
    // 3. Wait for bytes, a new client, or the next event's wall time (at most 10 ms).
    fds.clear();
    fd_owner.clear();
    for (const Listener& l : listeners) fds.push_back(pollfd{l.fd, POLLIN, 0});
    for (const auto& [id, c] : clients) {
      std::string* out = gateway.output(id);
      fds.push_back(pollfd{c.fd, static_cast<short>(POLLIN | (out && !out->empty() ? POLLOUT : 0)), 0});
      fd_owner.push_back(id);
    }
    int64_t wait_us = 10'000;
    if (!world.queue().empty()) {
      wait_us = std::min(wait_us, pacer.wall_us_until(world.queue().top_time_us(), WallPacer::Clock::now()));
    }
    // ppoll, not poll: the next event may be due in a few microseconds of wall time (at 100x a
    // simulated millisecond is 10 us), and poll's whole milliseconds would add one to every hop.
    const timespec wait{.tv_sec = static_cast<time_t>(wait_us / 1'000'000),
                        .tv_nsec = static_cast<long>((wait_us % 1'000'000) * 1000)};
    const int ready = ::ppoll(fds.data(), fds.size(), &wait, nullptr);
    if (ready <= 0) continue;
    // 4. New clients and their bytes: inputs at the world's current time.
    const int64_t now_target_us = pacer.virtual_now_us(WallPacer::Clock::now());
    if (now_target_us > world.now_us()) run_world_for(now_target_us - world.now_us());
    for (size_t i = 0; i < listeners.size(); ++i) {
      if (!(fds[i].revents & POLLIN)) continue;
      for (;;) {
        const int fd = ::accept4(listeners[i].fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) break;
        if (static_cast<int>(clients.size()) >= config.max_connections) {
          fmt::print(stderr, "zksim serve: too many connections ({}): refusing {}\n", clients.size(), peer_name(fd));
          ::close(fd);
          continue;
        }
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        const uint64_t id = gateway.accept(listeners[i].server, peer_name(fd));
        clients[id] = ClientSocket{fd, id};
      }
    }
    for (size_t i = listeners.size(); i < fds.size(); ++i) {
      if (!fds[i].revents) continue;
      const uint64_t id = fd_owner[i - listeners.size()];
      auto it = clients.find(id);
      if (it == clients.end()) continue;
      if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
        // At most a few reads per turn: one busy client cannot starve the others.
        for (int reads = 0; reads < 4; ++reads) {
          const ssize_t n = ::recv(it->second.fd, buffer, sizeof buffer, 0);
          if (n > 0) {
            gateway.on_bytes(id, std::string_view(buffer, static_cast<size_t>(n)));
            if (static_cast<size_t>(n) < sizeof buffer) break;
            continue;
          }
          if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) gateway.on_client_closed(id);
          break;
        }
      }
    }
    // What just arrived is handled now, not a poll later.
    run_world_for(0);
  }
  gateway.collect();
  close_all(&clients);
  return stop_reason == "stop" ? std::string() : stop_reason;
}

}  // namespace zk::sim::gateway
