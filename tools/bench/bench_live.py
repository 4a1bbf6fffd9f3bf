#!/usr/bin/env python3
"""`zksim bench live` side by side with a real ZooKeeper 3.8 ensemble on this machine.

Starts a real 3-server ensemble from Debian's `zookeeper` package (tools/oracle/zk_ensemble.py:
client ports 57300-57302, quorum 57310+, election 57320+, each server a child process stopped
by its PID), waits until every server serves, then runs
  ZKSIM bench live --real 127.0.0.1:57300,... --real-pids PID,PID,PID [more bench options]
which measures `zksim serve` (started by the bench itself as a child process on ports
22300-22302) and the real ensemble with the same C-client load in one run, and stops the real
servers. With --no-fsync the real servers run with -Dzookeeper.forceSync=no (their log is
written but not fsynced, as zksim's simulated disks cost no wall time).
Usage: bench_live.py ZKSIM [--no-fsync] [bench live options, e.g. --ops 20000 --speeds 1,100]
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "oracle"))
from zk_ensemble import Ensemble  # noqa: E402


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    zksim = sys.argv[1]
    rest = sys.argv[2:]
    props = {}
    if "--no-fsync" in rest:
        rest.remove("--no-fsync")
        props["zookeeper.forceSync"] = "no"
    ensemble = Ensemble(3, client_base=57300, quorum_base=57310, election_base=57320, jvm_props=props)
    try:
        pids = [ensemble.start(sid) for sid in (1, 2, 3)]
        ensemble.wait_serving(timeout_s=90)
        args = [zksim, "bench", "live", "--real", ensemble.hosts(),
                "--real-pids", ",".join(str(p) for p in pids), *rest]
        print("+", " ".join(args), flush=True)
        return subprocess.run(args).returncode
    finally:
        ensemble.cleanup()


if __name__ == "__main__":
    sys.exit(main())
