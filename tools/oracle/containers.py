#!/usr/bin/python3
"""Container and TTL reaping on a real ZooKeeper 3.8.0, for comparison with zksim.

Starts an ensemble (tools/oracle/zk_ensemble.py, every server by PID) with ContainerManager's
JVM properties (znode.container.checkIntervalMs, .maxPerMinute, .maxNeverUsedIntervalMs and
zookeeper.extendedTypesEnabled), then drives it with ZooKeeper's own zkCli (ZooKeeperMain, the
only client here that creates containers and TTL nodes; kazoo 2.8 cannot):
  - five containers /apple /pear /plum /fig /kiwi, each given a child /NAME/k;
  - a container that never gets a child (/never);
  - a TTL node /ttl and a TTL node with a child /ttlkept (its child is never deleted).
A kazoo watcher on another server sets an exists watch on each, deletes the five children in
one burst, and prints every NodeDeleted it sees, in order, with its time after the burst —
as zksim scenario lines (`expect w event NodeDeleted /fig`). It then prints the leader's
"Attempting to delete candidate container" log lines with their times, and what still
exists. With --extended-types off it prints what zkCli says to `create -t`.

  ./containers.py [--servers 3] [--check-ms 1000] [--max-per-minute 600] [--ttl-ms 1500]
                  [--never-used-ms 0] [--extended-types on|off] [--wait-ms 4000]
"""
import argparse
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zk_ensemble  # noqa: E402
from kazoo.client import KazooClient  # noqa: E402

CONTAINERS = ["apple", "pear", "plum", "fig", "kiwi"]


def zkcli(ens, sid, commands):
    """Runs zkCli commands on server sid, one per line; returns what it printed (stdout+stderr)."""
    script = "\n".join(commands + ["quit"]) + "\n"
    done = subprocess.run([zk_ensemble.JAVA, "-cp", zk_ensemble.CLASSPATH, "org.apache.zookeeper.ZooKeeperMain",
                           "-server", ens.hosts([sid])], input=script, capture_output=True, text=True, timeout=60)
    return done.stdout + done.stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--servers", type=int, default=3)
    parser.add_argument("--check-ms", type=int, default=1000)
    parser.add_argument("--max-per-minute", type=int, default=600)
    parser.add_argument("--never-used-ms", type=int, default=0)
    parser.add_argument("--ttl-ms", type=int, default=1500)
    parser.add_argument("--extended-types", choices=["on", "off"], default="on")
    parser.add_argument("--wait-ms", type=int, default=4000)
    args = parser.parse_args()
    props = {
        "znode.container.checkIntervalMs": args.check_ms,
        "znode.container.maxPerMinute": args.max_per_minute,
        "znode.container.maxNeverUsedIntervalMs": args.never_used_ms,
        "zookeeper.extendedTypesEnabled": "true" if args.extended_types == "on" else "false",
    }
    # Ports apart from observe.py's, so both can run at once.
    with zk_ensemble.Ensemble(args.servers, jvm_props=props, client_base=56181, quorum_base=56881,
                              election_base=57881) as ens:
        for sid in range(1, args.servers + 1):
            ens.start(sid)
        modes = ens.wait_serving()
        leader = next(sid for sid, mode in modes.items() if mode in ("leader", "standalone"))
        print(f"# {args.servers} server(s), leader {leader}; " +
              " ".join(f"-D{k}={v}" for k, v in sorted(props.items())))
        commands = []
        for name in CONTAINERS:
            commands += [f"create -c /{name}", f"create /{name}/k"]
        commands += ["create -c /never", f"create -t {args.ttl_ms} /ttl x", f"create -t {args.ttl_ms} /ttlkept",
                     "create /ttlkept/k"]
        printed = zkcli(ens, 1, commands)
        for line in printed.splitlines():
            if line.startswith("Created") or "KeeperErrorCode" in line or "TTL" in line or "Unimplemented" in line:
                print(f"# zkCli: {line.strip()}")
        watcher = KazooClient(hosts=ens.hosts([args.servers]), timeout=10.0)
        watcher.start()
        events = []
        watched = [f"/{name}" for name in CONTAINERS] + ["/never", "/ttl", "/ttlkept"]
        for path in watched:
            watcher.exists(path, watch=lambda event: events.append((time.time(), event.type, event.path)))
        burst = time.time()
        for name in CONTAINERS:
            watcher.delete(f"/{name}/k")
        log_path = os.path.join(ens.root, f"zk{leader}.log")
        time.sleep(args.wait_ms / 1000.0)
        print(f"# NodeDeleted seen by a watcher on S{args.servers}, ms after the five children were deleted:")
        names = {"DELETED": "NodeDeleted", "CHANGED": "NodeDataChanged", "CREATED": "NodeCreated"}
        for at, kind, path in events:
            print(f"expect w event {names.get(kind, kind)} {path}   # {1000 * (at - burst):.0f} ms")
        print("# the leader's log:")
        with open(log_path, errors="replace") as log:
            for line in log:
                if re.search(r"Attempting to delete candidate container|Using checkIntervalMs", line):
                    print(f"#   {line.strip()}")
        print("# still there: " + " ".join(p for p in watched if watcher.exists(p)))
        watcher.stop()
        watcher.close()


if __name__ == "__main__":
    main()
