#!/usr/bin/env python3
"""Captures what a real, standalone ZooKeeper 3.8.0 answers, for the live tests' expected
files: `capture.py wire SEQUENCE` runs tools/live/wire_probe.py SEQUENCE against it (its
output is tests/live/wire_SEQUENCE.expected); `capture.py zkcli FILE` pipes FILE's commands
into one zkCli session and prints its output masked as tests/live/check_zkcli.sh masks it
(tests/live/zkcli.expected). The server runs on 127.0.0.1:58181 (Ensemble of one; started
and stopped by its PID). Run with Debian's /usr/bin/python3."""
import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from zk_ensemble import Ensemble  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PROBE = os.path.join(HERE, "..", "live", "wire_probe.py")
ZKCLI = "/usr/share/zookeeper/bin/zkCli.sh"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["wire", "zkcli"])
    parser.add_argument("arg", help="wire: the probe's SEQUENCE; zkcli: a file of zkCli commands")
    parser.add_argument("--client-base", type=int, default=58181)
    args = parser.parse_args()
    ens = Ensemble(1, client_base=args.client_base, quorum_base=args.client_base + 700,
                   election_base=args.client_base + 1700)
    try:
        ens.start(1)
        ens.wait_serving()
        addr = "127.0.0.1:%d" % ens.client_port(1)
        if args.what == "wire":
            out = subprocess.run([sys.executable, PROBE, addr, args.arg], capture_output=True, text=True, timeout=60)
            sys.stdout.write(out.stdout + out.stderr)
        else:
            with open(args.arg) as commands:
                out = subprocess.run([ZKCLI, "-server", addr], stdin=commands, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, timeout=60)
            for line in out.stdout.splitlines():
                if line.startswith("SLF4J") or not line:
                    continue
                print(re.sub(re.escape(addr), "HOST", line))
    finally:
        ens.cleanup()


if __name__ == "__main__":
    main()
