"""A real Apache ZooKeeper 3.8 ensemble on 127.0.0.1 for comparing zksim with the real thing.

Starts 1, 3 or 5 servers from Debian's `zookeeper` package (QuorumPeerMain with the jars the
package's zookeeper.jar manifest names, plus slf4j-simple so each server logs to its own file),
one zoo.cfg and data directory per server under a fresh /tmp/zk-fid-* directory, every
four-letter word whitelisted. Each server is a child process tracked by its PID and stopped by
that PID (SIGTERM, or SIGKILL for a crash); nothing is ever stopped by name. Ports default to
the fidelity range (client 42181+, quorum 42881+, election 43881+) and can be moved with
base_port arguments. `observers` names servers that are observers (`:observer` on their
server line, `peerType=observer` in their own zoo.cfg).
Not part of CI: tools/oracle/README.md says how to run the scripts.
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

JAVA = "/usr/bin/java"
CLASSPATH = ":".join([
    "/usr/share/java/zookeeper.jar",  # its manifest's Class-Path brings netty, jetty, jute, ...
    "/usr/share/java/slf4j-simple.jar",
])
MAIN = "org.apache.zookeeper.server.quorum.QuorumPeerMain"


def ensure_installed():
    """Installs Debian's zookeeper and python3-kazoo when missing (needs root and apt)."""
    missing = []
    if not os.path.exists("/usr/share/java/zookeeper.jar"):
        missing.append("zookeeper")
    if not os.path.exists("/usr/lib/python3/dist-packages/kazoo"):
        missing.append("python3-kazoo")
    if missing:
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", *missing], check=True)


class Ensemble:
    def __init__(self, size, tick_ms=2000, init_limit=10, sync_limit=5, client_base=42181,
                 quorum_base=42881, election_base=43881, extra_cfg=None, client_port_in_server_lines=False,
                 jvm_props=None, observers=()):
        if size < 1 or size > 9:
            raise ValueError("size must be 1..9")
        ensure_installed()
        self.size = size
        self.tick_ms = tick_ms
        self.client_base = client_base
        self.observers = set(observers)  # these ids get `:observer` and peerType=observer
        self.root = tempfile.mkdtemp(prefix="zk-fid-", dir="/tmp")
        self.procs = {}
        # -Dname=value JVM system properties (e.g. znode.container.checkIntervalMs), every server.
        self.jvm_props = dict(jvm_props or {})
        for sid in range(1, size + 1):
            data = os.path.join(self.root, f"zk{sid}")
            os.makedirs(data)
            with open(os.path.join(data, "myid"), "w") as f:
                f.write(f"{sid}\n")
            lines = [f"tickTime={tick_ms}", f"initLimit={init_limit}", f"syncLimit={sync_limit}",
                     f"dataDir={data}", f"clientPort={self.client_port(sid)}",
                     "clientPortAddress=127.0.0.1", "admin.enableServer=false",
                     "4lw.commands.whitelist=*", "metricsProvider.exportJvmInfo=false"]
            lines += list(extra_cfg or [])
            if sid in self.observers:
                lines.append("peerType=observer")
            if size > 1:
                for peer in range(1, size + 1):
                    line = f"server.{peer}=127.0.0.1:{quorum_base + peer - 1}:{election_base + peer - 1}"
                    if peer in self.observers:
                        line += ":observer"
                    if client_port_in_server_lines:
                        line += f";127.0.0.1:{self.client_port(peer)}"
                    lines.append(line)
            with open(self.cfg_path(sid), "w") as f:
                f.write("\n".join(lines) + "\n")

    def client_port(self, sid):
        return self.client_base + sid - 1

    def cfg_path(self, sid):
        return os.path.join(self.root, f"zk{sid}.cfg")

    def hosts(self, ids=None):
        return ",".join(f"127.0.0.1:{self.client_port(s)}" for s in (ids or range(1, self.size + 1)))

    def start(self, sid):
        log = open(os.path.join(self.root, f"zk{sid}.log"), "ab")
        cmd = [JAVA, "-Xmx256m", "-Dorg.slf4j.simpleLogger.showDateTime=true",
               "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
               "-Dzookeeper.admin.enableServer=false",
               *[f"-D{name}={value}" for name, value in sorted(self.jvm_props.items())],
               "-cp", CLASSPATH, MAIN, self.cfg_path(sid)]
        self.procs[sid] = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        return self.procs[sid].pid

    def stop(self, sid, crash=False):
        proc = self.procs.pop(sid, None)
        if proc is None:
            return
        os.kill(proc.pid, signal.SIGKILL if crash else signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()

    def stop_all(self):
        for sid in sorted(self.procs):
            self.stop(sid)

    def cleanup(self, keep=False):
        self.stop_all()
        if not keep:
            shutil.rmtree(self.root, ignore_errors=True)

    def four_letter(self, sid, word, timeout_s=5.0):
        with socket.create_connection(("127.0.0.1", self.client_port(sid)), timeout=timeout_s) as sock:
            sock.sendall(word.encode())
            chunks = []
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        return b"".join(chunks).decode(errors="replace")

    def srvr_field(self, sid, name, timeout_s=1.0):
        """The value of srvr's `name: value` line, or None (no such line, or no answer)."""
        try:
            for line in self.four_letter(sid, "srvr", timeout_s=timeout_s).splitlines():
                if line.startswith(name + ": "):
                    return line[len(name) + 2:]
        except OSError:
            return None
        return None

    def mode(self, sid):
        return self.srvr_field(sid, "Mode")

    def wait_serving(self, ids=None, timeout_s=60.0):
        ids = list(ids or range(1, self.size + 1))
        deadline = time.time() + timeout_s
        while time.time() < deadline:
            modes = {sid: self.mode(sid) for sid in ids}
            if all(m in ("leader", "follower", "standalone", "observer") for m in modes.values()):
                return modes
            time.sleep(0.1)
        raise TimeoutError(f"not serving after {timeout_s}s: {modes}; logs in {self.root}")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.cleanup(keep=os.environ.get("ORACLE_KEEP") == "1")
