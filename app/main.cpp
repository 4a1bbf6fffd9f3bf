// zksim's entry point: `zksim` opens the GUI; subcommands run headless. `--help` (alone or
// after any command) prints the usage; unknown commands and options get a one-line error
// and exit status 2.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "app/commands.h"
#include "core/invariant.h"

namespace {

constexpr const char* kHelp = R"(zksim - a deterministic ZooKeeper cluster simulator and election visualizer

usage:
  zksim                         open the GUI
  zksim gui [options] [SCENARIO [--at TIME]]
      --lesson 1-2-3|3-2-1|all  start a cluster in that order at launch
      --servers N               servers of the --lesson cluster, 1..9 (default 3)
      --speed X                 virtual seconds per wall second, 1..10000
      --latency MIN..MAX        link latency in ms of the --lesson cluster (default 1..5)
      --load W                  W client writes per virtual second (one client per server)
      --at TIME                 open SCENARIO run up to this virtual time (e.g. 12s)
      --frames N                render N frames, then exit
      --screenshot FILE.png     write the last frame to FILE.png (with --frames)
      --size WxH                window size in pixels (default 1280x800)
      --theme dark|light        colour theme (default dark)
      --lang en|zh              interface language (default en)
      --frame-stats             print frame time mean / p99 and the simulation's share at exit
      --space-time              open with the timeline's space-time diagram (its Messages box) on
      --probe FILE              tests: after each frame write widget rectangles and a state summary
      --serve                   live mode in the GUI: real ZooKeeper clients connect to server i
                                on port P+i-1 (--servers N, or SCENARIO's cluster and its steps
                                as a fault schedule); shown in the cluster view, recorded, and
                                saved by File > Save as scenario
      --port P, --bind ADDR     with --serve: the first client port (default 2181) and address
      --4lw-whitelist LIST      with --serve: four-letter words answered (default srvr)
  zksim run [options] FILE...   run scenarios headless (see README)
      --quiet, -q               print the checks and the summary, not the trace
      --seed N                  override the scenarios' seed
      --save-disks OUT          at the end, write each server's disk as a ZooKeeper 3.8
                                dataDir OUT/server<ID>/ (myid, version-2/snapshot.*, log.*, epochs)
      --inject-bug NAME         run with a deliberate protocol bug (see zksim fuzz)
      --trace FILE              write the trace as JSON lines to FILE
      --junit FILE              write a JUnit XML report to FILE
      --chrome-trace FILE       write a Chrome / Perfetto trace to FILE (one scenario only)
                                (output files are created before anything runs; one that
                                cannot be written stops zksim with exit status 2)
  zksim fuzz [--seeds A..B] [--shard I/N] [--jobs N] [--servers N] [--observers K] [--clients N]
             [--duration DUR] [--faults LIST] [--inject-bug NAME] [--bugs LIST] [--snap-count N] [--out DIR]
             [--jsonl FILE] [--no-shrink] [--progress] [--max-seconds N]
                                fuzz random workloads and faults; shrink a failure to a .zks
      --seeds A..B              seeds to run (default 1..100; any range, memory does not grow with it)
      --shard I/N               run only the seeds S with (S - A) mod N == I (0 <= I < N <= 10^6);
                                streams JSON lines to DIR/shard-I-of-N.jsonl
      --jsonl FILE              stream failing seeds (as found) and a summary as JSON lines to FILE
      --jobs N                  worker threads, 1..256 (default: the number of cores)
      --servers N, --clients N  ensemble size 1..9 (default 5), clients 1..100 (default 10)
      --observers K             K of the servers (drawn per seed) are observers (default 0)
      --faults LIST             comma list of crash, partition, pause, loss, slow-disk,
                                duplicate, reorder; or a set:
                                  all                    crash,partition,pause,loss,slow-disk
                                                         (every TCP-preserving fault; default)
                                  all-including-non-tcp  all + duplicate,reorder (these break
                                                         TCP's in-order exactly-once delivery,
                                                         so most failures they cause are expected)
                                  none
                                with --servers 1, partitions are left out (naming
                                partition is an error: it needs two servers)
      --snap-count N            every server snapshots after about N logged txns (zoo.cfg snapCount,
                                2..2147483647; default 100000): small values exercise snapshots
      --max-seconds N           stop taking new seeds after N wall seconds (1..1000000)
      --out DIR                 where reproducers go (default fuzz-out); checked before the run
  zksim fuzz merge FILE|DIR...  the summary of a sharded campaign from its shards' JSON lines
                                (a DIR: its *.jsonl); refuses shards missing, twice or of
                                another campaign (exit 2)
  zksim serve [SCENARIO.zks] [--servers N] [--port P] [--bind ADDR] [--speed X] [--seed N]
              [--max-seconds S] [--4lw-whitelist LIST] [--super-digest USER:BASE64] [--skip-acl]
              [--record OUT.zks] [--oracle HOST:PORT]
                                live mode: real ZooKeeper clients connect to server i on
                                port P+i-1 (default 2181, 127.0.0.1); stdin lines
                                `kill N|leader`, `restart N`, `pause N`, `resume N` act on it;
                                four-letter words on those ports: LIST is * or e.g.
                                srvr,stat,mntr (default srvr, as ZooKeeper's); a SCENARIO's
                                cluster line makes the ensemble (a zoo.cfg's client ports)
                                and its steps run as a fault schedule in virtual time; a
                                super digest makes `addauth digest USER:PASSWORD` the super
                                user; --skip-acl is zookeeper.skipACL=yes (no permission checks);
                                --record writes the session as a scenario `zksim run` replays
                                byte for byte; --oracle mirrors the first client to a real
                                ZooKeeper and prints each reply that differs
  zksim bench cluster|tree|timetravel|checker
                                print simulator / data-tree / time-travel / checker figures
      cluster [elections|writes|idle] [--ops N] [--servers N]   one part of it alone
      tree [--nodes N] [--children-per-dir N]   N in 1..10000000 / 1..1000000
      live [--servers N] [--connections C] [--ops M] [--window W] [--warmup K] [--port P] [--speeds X,Y]
           [--real HOST:PORT,...] [--real-pids PID,...]   the C client against zksim serve
                                (a child process on ports P..) and a real ensemble, side by side
      clients [--clients N] [--servers N]       N clients connect, create and ping a virtual
                                minute (default N 1250, 2500, 5000, 10000)
      memory [writes|time] [--writes N] [--days D] [--max-mb M]   VmRSS of 3 servers against
                                committed writes (10000..100000000, default 1000000) and
                                against virtual days of one write a second (1..100, default 1)
  zksim inspect DIR [--data-log-dir DIR] | zksim inspect --config ZOO.CFG
                                what is on one ZooKeeper server's disk (myid, epochs,
                                snapshots, one line per logged txn, torn tails, digests)
                                and what ZooKeeper 3.8 would restore from it; --config
                                reads the zoo.cfg's dataDir and dataLogDir
  zksim --help | --version      (--help or -h after any command prints this too)
)";

}  // namespace

namespace {

int run_command(int argc, char** argv) {
  zk::app::Args args(argv + 1, argv + argc);
  if (args.empty()) return zk::app::cmd_gui(args);
  const std::string command = args.front();
  const zk::app::Args rest(args.begin() + 1, args.end());
  const auto is_help = [](const std::string& arg) { return arg == "--help" || arg == "-h"; };
  // `zksim --help`, `zksim help`, and `zksim <command> --help` (the help lists every
  // command's options) print the help and succeed.
  if (is_help(command) || command == "help" || std::any_of(rest.begin(), rest.end(), is_help)) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (command == "--version") {
    fmt::print("zksim {}\n", ZKSIM_VERSION);
    return 0;
  }
  if (command == "gui") return zk::app::cmd_gui(rest);
  if (command == "run") return zk::app::cmd_run(rest);
  if (command == "bench") return zk::app::cmd_bench(rest);
  if (command == "fuzz") return zk::app::cmd_fuzz(rest);
  if (command == "serve") return zk::app::cmd_serve(rest);
  if (command == "inspect") return zk::app::cmd_inspect(rest);
  return zk::app::usage_error(fmt::format("unknown command '{}'", command));
}

}  // namespace

int main(int argc, char** argv) {
  // A scenario run reports a failed check of a server or of the simulator itself as its
  // result; one that escapes a command (the GUI, serve) ends it with the check's one line.
  try {
    return run_command(argc, argv);
  } catch (const zk::InvariantFailure& failure) {
    fmt::print(stderr, "zksim: internal error: {}\n", failure.what());
    return 70;
  }
}

namespace zk::app {

int usage_error(const std::string& message) {
  fmt::print(stderr, "zksim: {}\nrun 'zksim --help' for usage\n", message);
  return 2;
}

}  // namespace zk::app
