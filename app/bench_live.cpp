// `zksim bench live [--servers N] [--connections C] [--ops M] [--window W] [--warmup K] [--port P]
// [--speeds X,Y] [--zero-latency] [--real HOSTS] [--real-pids PID,...]`: the same client load against
// `zksim serve` and, with --real, against a real ZooKeeper ensemble, side by side in one run.
// The load is ZooKeeper's own C client (Debian's libzookeeper-mt, linked in): C connections,
// connection i to server i mod N, each keeping W asynchronous creates of 16-byte znodes in
// flight until M creates in all are answered. Printed per target: ops/s, p50 / p99 / max
// latency (issue to completion, wall clock), errors, and the CPU seconds the servers used (the
// serve process's from getrusage; the real servers' from /proc/PID/stat with --real-pids),
// the least noisy figure on a shared machine (it includes start-up and the warm-up: by
// default ops / 4 creates first, not timed, so a JVM has compiled its hot paths). Each zksim run starts `zksim serve` as a child
// process (this binary), waits for its ports, and stops it by its pid.
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#define THREADED 1
#include <zookeeper/zookeeper.h>

#include "app/bench.h"
#include "app/cli_numbers.h"
#include "app/commands.h"

namespace zk::app {
namespace {

using Clock = std::chrono::steady_clock;

struct LiveArgs {
  int servers = 3;
  int connections = 4;
  int ops = 20'000;
  int window = 100;
  int warmup_ops = -1;  // creates before the measured ones, on each target (-1: ops / 4)
  int port = 22300;
  std::vector<double> speeds = {1.0};
  std::string real_hosts;           // "127.0.0.1:2181,127.0.0.1:2182"
  std::vector<int> real_pids;       // the real servers' processes, for their CPU time
  // --zero-latency: links and fsyncs take no virtual time, so at 1x a create's latency is
  // what the gateway, the socket loop and the servers' code add (the gateway's overhead).
  bool zero_latency = false;
};

// The scenario `serve` runs for --zero-latency: a cluster whose links and disks take no
// virtual time. Written next to the binary's working files; "" or why it could not be.
std::string write_zero_latency_scenario(const std::string& path, int servers) {
  std::FILE* file = std::fopen(path.c_str(), "w");
  if (!file) return fmt::format("{}: cannot write", path);
  std::string start = "start";
  for (int id = 1; id <= servers; ++id) start += fmt::format(" {}", id);
  fmt::print(file, "# bench live --zero-latency: links and fsyncs take no virtual time\n"
                   "cluster {} latency=0ms..0ms\ndisk fsync=0us..0us\n{}\n", servers, start);
  std::fclose(file);
  return {};
}

struct LoadResult {
  int64_t ops = 0;
  int64_t errors = 0;
  double seconds = 0;
  std::vector<int64_t> latencies_us;
  std::string error;  // the load could not run
};

// One connection's share of the load.
struct Connection {
  zhandle_t* handle = nullptr;
  std::mutex mutex;
  std::condition_variable changed;
  int in_flight = 0;
  int64_t done = 0;
  int64_t errors = 0;
  std::vector<int64_t> latencies_us;
};

struct OpContext {
  Connection* connection;
  Clock::time_point issued;
};

void on_created(int rc, const char* /*path*/, const void* data) {
  std::unique_ptr<const OpContext> op(static_cast<const OpContext*>(data));
  const int64_t latency_us =
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - op->issued).count();
  Connection& c = *op->connection;
  std::lock_guard lock(c.mutex);
  c.latencies_us.push_back(latency_us);
  if (rc != ZOK) ++c.errors;
  ++c.done;
  --c.in_flight;
  c.changed.notify_all();
}

void ignore_watch(zhandle_t*, int, int, const char*, void*) {}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, separator);) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

bool wait_connected(zhandle_t* handle, int seconds) {
  const auto deadline = Clock::now() + std::chrono::seconds(seconds);
  while (Clock::now() < deadline) {
    if (zoo_state(handle) == ZOO_CONNECTED_STATE) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

LoadResult run_one_load(const std::vector<std::string>& hosts, const LiveArgs& args, const std::string& parent);

// A warm-up load (a JVM compiles its hot paths in the first thousands of requests), then the
// measured one, each under its own parent znode.
LoadResult run_load(const std::vector<std::string>& hosts, const LiveArgs& args, const std::string& parent) {
  const int warmup = args.warmup_ops >= 0 ? args.warmup_ops : args.ops / 4;
  if (warmup > 0) {
    LiveArgs warm = args;
    warm.ops = warmup;
    const LoadResult result = run_one_load(hosts, warm, parent + "-warmup");
    if (!result.error.empty()) return result;
  }
  return run_one_load(hosts, args, parent);
}

LoadResult run_one_load(const std::vector<std::string>& hosts, const LiveArgs& args, const std::string& parent) {
  LoadResult result;
  zoo_set_debug_level(static_cast<ZooLogLevel>(0));
  std::vector<std::unique_ptr<Connection>> connections;
  for (int i = 0; i < args.connections; ++i) {
    auto c = std::make_unique<Connection>();
    const std::string& host = hosts[static_cast<size_t>(i) % hosts.size()];
    c->handle = zookeeper_init(host.c_str(), ignore_watch, 10'000, nullptr, nullptr, 0);
    if (!c->handle || !wait_connected(c->handle, 20)) {
      result.error = fmt::format("cannot connect to {}", host);
      for (auto& open : connections) zookeeper_close(open->handle);
      if (c->handle) zookeeper_close(c->handle);
      return result;
    }
    connections.push_back(std::move(c));
  }
  const int rc = zoo_create(connections[0]->handle, parent.c_str(), "", 0, &ZOO_OPEN_ACL_UNSAFE, 0, nullptr, 0);
  if (rc != ZOK && rc != ZNODEEXISTS) {
    result.error = fmt::format("create {}: {}", parent, zerror(rc));
    for (auto& c : connections) zookeeper_close(c->handle);
    return result;
  }
  const std::string data(16, 'x');
  const auto started = Clock::now();
  std::vector<std::thread> issuers;
  for (int i = 0; i < args.connections; ++i) {
    const int64_t share = args.ops / args.connections + (i < args.ops % args.connections ? 1 : 0);
    issuers.emplace_back([&, i, share] {
      Connection& c = *connections[static_cast<size_t>(i)];
      c.latencies_us.reserve(static_cast<size_t>(share));
      for (int64_t k = 0; k < share; ++k) {
        {
          std::unique_lock lock(c.mutex);
          c.changed.wait(lock, [&] { return c.in_flight < args.window; });
          ++c.in_flight;
        }
        const std::string path = fmt::format("{}/c{}-{}", parent, i, k);
        auto* op = new OpContext{&c, Clock::now()};
        if (zoo_acreate(c.handle, path.c_str(), data.data(), static_cast<int>(data.size()), &ZOO_OPEN_ACL_UNSAFE, 0,
                        on_created, op) != ZOK) {
          delete op;
          std::lock_guard lock(c.mutex);
          ++c.errors;
          ++c.done;
          --c.in_flight;
        }
      }
      std::unique_lock lock(c.mutex);
      c.changed.wait_for(lock, std::chrono::seconds(60), [&] { return c.done >= share; });
    });
  }
  for (std::thread& t : issuers) t.join();
  result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  for (auto& c : connections) {
    std::lock_guard lock(c->mutex);
    result.ops += c->done - c->errors;
    result.errors += c->errors;
    result.latencies_us.insert(result.latencies_us.end(), c->latencies_us.begin(), c->latencies_us.end());
  }
  for (auto& c : connections) zookeeper_close(c->handle);
  return result;
}

bool port_open(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool open = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return open;
}

// The CPU seconds (user + system) a process has used, from /proc/PID/stat; -1 if unknown.
double process_cpu_seconds(int pid) {
  std::ifstream in(fmt::format("/proc/{}/stat", pid));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t close = text.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  double ticks = 0;
  for (int index = 3; fields >> field; ++index) {
    if (index == 14 || index == 15) ticks += std::stod(field);
    if (index == 15) return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
  }
  return -1;
}

struct Row {
  std::string target;
  LoadResult load;
  double cpu_seconds = -1;
};

int64_t percentile(std::vector<int64_t> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t index = std::min(values.size() - 1, static_cast<size_t>(p * static_cast<double>(values.size())));
  return values[index];
}

std::string ms(int64_t us) { return fmt::format("{:.2f} ms", static_cast<double>(us) / 1000.0); }

// `zksim serve` in a child process at `speed`; the load against it; the child stopped by its pid.
Row run_zksim(const LiveArgs& args, double speed) {
  Row row;
  row.target = fmt::format("zksim serve, {} servers, {}x{}", args.servers, speed,
                           args.zero_latency ? ", zero latency" : "");
  const std::string scenario = fmt::format("/tmp/zksim-bench-live-{}.zks", ::getpid());
  if (args.zero_latency) {
    if (std::string error = write_zero_latency_scenario(scenario, args.servers); !error.empty()) {
      row.load.error = error;
      return row;
    }
  }
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(null, 2);
    const std::string servers = std::to_string(args.servers), port = std::to_string(args.port),
                      speed_text = fmt::format("{}", speed);
    if (args.zero_latency) {
      ::execl("/proc/self/exe", "zksim", "serve", scenario.c_str(), "--port", port.c_str(), "--speed",
              speed_text.c_str(), "--max-seconds", "900", static_cast<char*>(nullptr));
    } else {
      ::execl("/proc/self/exe", "zksim", "serve", "--servers", servers.c_str(), "--port", port.c_str(), "--speed",
              speed_text.c_str(), "--max-seconds", "900", static_cast<char*>(nullptr));
    }
    ::_exit(127);
  }
  if (pid < 0) {
    row.load.error = "fork failed";
    return row;
  }
  bool ready = false;
  for (int i = 0; i < 300 && !ready; ++i) {
    ready = port_open(args.port + args.servers - 1);
    if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (ready) {
    std::vector<std::string> hosts;
    for (int i = 0; i < args.servers; ++i) hosts.push_back(fmt::format("127.0.0.1:{}", args.port + i));
    row.load = run_load(hosts, args, "/bench-live");
  } else {
    row.load.error = fmt::format("zksim serve did not open port {} within 30 s", args.port + args.servers - 1);
  }
  ::kill(pid, SIGTERM);
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  if (args.zero_latency) std::remove(scenario.c_str());
  row.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                    static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  return row;
}

std::string parse_live_args(const std::vector<std::string>& args, LiveArgs& out) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--zero-latency") {
      out.zero_latency = true;
      continue;
    }
    if (i + 1 >= args.size()) return fmt::format("bench live: {} needs a value", a);
    const std::string& v = args[++i];
    if (a == "--servers") {
      if (auto e = parse_number_option(a, v, 1, 9, out.servers); !e.empty()) return e;
    } else if (a == "--connections") {
      if (auto e = parse_number_option(a, v, 1, 256, out.connections); !e.empty()) return e;
    } else if (a == "--ops") {
      if (auto e = parse_number_option(a, v, 1, 100'000'000, out.ops); !e.empty()) return e;
    } else if (a == "--window") {
      if (auto e = parse_number_option(a, v, 1, 10'000, out.window); !e.empty()) return e;
    } else if (a == "--warmup") {
      if (auto e = parse_number_option(a, v, 0, 100'000'000, out.warmup_ops); !e.empty()) return e;
    } else if (a == "--port") {
      if (auto e = parse_number_option(a, v, 1, 65'000, out.port); !e.empty()) return e;
    } else if (a == "--speeds") {
      out.speeds.clear();
      for (const std::string& part : split(v, ',')) {
        char* end = nullptr;
        const double speed = std::strtod(part.c_str(), &end);
        if (*end != '\0' || !(speed >= 0.01 && speed <= 100)) return fmt::format("--speeds: '{}' is not in 0.01..100", part);
        out.speeds.push_back(speed);
      }
      if (out.speeds.empty()) return "--speeds needs at least one speed";
    } else if (a == "--real") {
      if (split(v, ',').empty()) return "--real needs HOST:PORT[,HOST:PORT...]";
      out.real_hosts = v;
    } else if (a == "--real-pids") {
      for (const std::string& part : split(v, ',')) {
        int pid = 0;
        if (auto e = parse_number_option("--real-pids", part, 1, 1 << 22, pid); !e.empty()) return e;
        out.real_pids.push_back(pid);
      }
    } else {
      return fmt::format("bench live: unknown option '{}'", a);
    }
  }
  return {};
}

}  // namespace

int run_bench_live(const std::vector<std::string>& args) {
  LiveArgs options;
  if (const std::string error = parse_live_args(args, options); !error.empty()) return usage_error(error);
  fmt::print("zksim bench live: {} connections (connection i to server i mod N), {} asynchronous creates of 16-byte "
             "znodes, {} in flight per connection, after {} warm-up creates; ZooKeeper's C client\n",
             options.connections, options.ops, options.window,
             options.warmup_ops >= 0 ? options.warmup_ops : options.ops / 4);
  std::vector<Row> rows;
  for (const double speed : options.speeds) rows.push_back(run_zksim(options, speed));
  if (!options.real_hosts.empty()) {
    Row row;
    row.target = fmt::format("real ZooKeeper {}", options.real_hosts);
    double before = 0;
    for (int pid : options.real_pids) before += process_cpu_seconds(pid);
    row.load = run_load(split(options.real_hosts, ','), options, fmt::format("/bench-live-{}", ::getpid()));
    if (!options.real_pids.empty()) {
      double after = 0;
      for (int pid : options.real_pids) after += process_cpu_seconds(pid);
      row.cpu_seconds = after - before;
    }
    rows.push_back(std::move(row));
  }
  fmt::print("| target | ops/s | p50 | p99 | max | errors | server CPU s | server CPU us/op |\n");
  fmt::print("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
  bool failed = false;
  for (const Row& row : rows) {
    if (!row.load.error.empty()) {
      fmt::print("| {} | {} | | | | | | |\n", row.target, row.load.error);
      failed = true;
      continue;
    }
    const double rate = row.load.seconds > 0 ? static_cast<double>(row.load.ops) / row.load.seconds : 0;
    fmt::print("| {} | {:.0f} | {} | {} | {} | {} | {} | {} |\n", row.target, rate, ms(percentile(row.load.latencies_us, 0.5)),
               ms(percentile(row.load.latencies_us, 0.99)), ms(percentile(row.load.latencies_us, 1.0)), row.load.errors,
               row.cpu_seconds >= 0 ? fmt::format("{:.2f}", row.cpu_seconds) : "-",
               row.cpu_seconds >= 0 && row.load.ops > 0
                   ? fmt::format("{:.1f}", row.cpu_seconds * 1e6 / static_cast<double>(row.load.ops))
                   : "-");
  }
  if (!options.real_hosts.empty() && rows.size() >= 2 && !failed) {
    const Row& zksim = rows.front();
    const Row& real = rows.back();
    const double zksim_rate = static_cast<double>(zksim.load.ops) / zksim.load.seconds;
    const double real_rate = static_cast<double>(real.load.ops) / real.load.seconds;
    fmt::print("throughput {} / real: {:.2f}x; p99 {} vs {}\n", zksim.target, zksim_rate / real_rate,
               ms(percentile(zksim.load.latencies_us, 0.99)), ms(percentile(real.load.latencies_us, 0.99)));
  }
  return failed ? 1 : 0;
}

}  // namespace zk::app
