#!/usr/bin/env python3
"""`zksim serve --oracle`: a real standalone ZooKeeper 3.8 (Debian's package, started and
stopped by its PID through tools/oracle/zk_ensemble.py, client port 22235) is the oracle of a
3-server `zksim serve` (ports 22236..22238). A kazoo client on zksim's first port creates,
reads, writes, lists, watches, deletes and runs a multi: every reply and event must be the
real server's (masked as reply_summary.h says). One znode exists only on the real server, and
one exists() of it must be reported as the one difference. Exit 77 when ZooKeeper is missing.
Usage: oracle_check.py ZKSIM"""
import os
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "oracle"))

if not os.path.exists("/usr/share/java/zookeeper.jar"):
    print("Debian's zookeeper is not installed")
    sys.exit(77)

from kazoo.client import KazooClient  # noqa: E402
from zk_ensemble import Ensemble  # noqa: E402


def fail(what, out):
    print("FAILED:", what)
    print(open(out).read())
    sys.exit(1)


def main():
    zksim = sys.argv[1]
    real = Ensemble(1, client_base=22235, quorum_base=22245, election_base=22255)
    serve = None
    out = tempfile.mktemp(prefix="zk-oracle-", suffix=".out")
    try:
        real.start(1)
        real.wait_serving(timeout_s=60)
        direct = KazooClient(hosts="127.0.0.1:22235", timeout=10.0)
        direct.start(timeout=10)
        direct.create("/only-real", b"r")
        direct.stop()
        serve = subprocess.Popen([zksim, "serve", "--servers", "3", "--port", "22236", "--oracle", "127.0.0.1:22235",
                                  "--max-seconds", "60"], stdout=open(out, "w"), stderr=subprocess.STDOUT,
                                 stdin=subprocess.DEVNULL)
        for _ in range(100):
            if "clients on" in open(out).read():
                break
            time.sleep(0.1)
        zk = KazooClient(hosts="127.0.0.1:22236", timeout=10.0)
        zk.start(timeout=10)
        zk.create("/o", b"x")
        zk.create("/o/a", b"1")
        zk.create("/o/e", b"", ephemeral=True)
        zk.create("/o/s-", b"", sequence=True)
        fired = []
        zk.get("/o/a", watch=lambda event: fired.append(event))
        zk.set("/o/a", b"22")
        zk.get_children("/o")
        zk.exists("/o/missing")
        zk.get_acls("/o")
        t = zk.transaction()
        t.check("/o/a", 1)
        t.create("/o/m", b"m")
        t.commit()
        zk.delete("/o/m")
        zk.exists("/only-real")  # the one difference: only the real server has it
        zk.sync("/o")
        time.sleep(0.5)
        zk.stop()
        time.sleep(1.5)
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=20)
        text = open(out).read()
        if len(fired) != 1:
            fail(f"the watch fired {len(fired)} times", out)
        diffs = [line for line in text.splitlines() if " differs: " in line]
        summary = [line for line in text.splitlines() if "compared with the real ZooKeeper" in line]
        if len(diffs) != 1 or "exists" not in diffs[0] or "xid=" not in diffs[0]:
            fail(f"expected exactly one difference, on exists: {diffs}", out)
        if not summary or ": 1 differ" not in summary[0]:
            fail(f"summary: {summary}", out)
        compared = int(summary[0].split("oracle: ")[1].split(" ")[0])
        if compared < 15:
            fail(f"only {compared} replies compared", out)
        print(diffs[0])
        print(summary[0])
        return 0
    finally:
        if serve and serve.poll() is None:
            serve.kill()
            serve.wait()
        real.cleanup()
        if os.path.exists(out):
            os.unlink(out)


if __name__ == "__main__":
    sys.exit(main())
