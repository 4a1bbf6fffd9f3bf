#!/usr/bin/python3
"""Observations of a real ZooKeeper 3.8 ensemble, printed as zksim scenario expectations.

Subcommands (each starts its own ensemble under /tmp/zk-fid-*, stops every server by PID and
removes the directory unless ORACLE_KEEP=1):
  election --servers N [--order 3,2,1]   start servers in that order, print who leads
  fourlw --servers N [--words srvr,...]  a few znodes, a watch and an ephemeral through kazoo,
                                         then every server's answers (volatile fields masked)
  expiry [--timeout-ms 4000] [--runs 5]  a client process is killed (SIGKILL) while another
                                         watches its ephemeral; prints kill-to-NodeDeleted time
  leader-kill --servers 5 [--runs 3]     W writes, then the leader is SIGKILLed; prints each
                                         survivor's election end, connect retries, sync mode
                                         and zxid as a timeline relative to the kill
  observer --servers 3 --observers 3 [--order 3,2,1]
                                         servers started in that order (observers among them):
                                         who leads, the observer's log lines, srvr/conf/mntr of
                                         each server, and whether the observer has the data
  observer-kill-leader --servers 3 --observers 3
                                         writes, then the leader is SIGKILLed: the observer's
                                         log lines as a timeline after the kill, its Mode after
Masked fields (the same mask is applied to zksim's output in tests): see mask_volatile().
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zk_ensemble  # noqa: E402

from kazoo.client import KazooClient  # noqa: E402

VOLATILE_KEYS = {
    # JVM-, host- or wall-clock-dependent: zk_version, uptime, fds, latencies, packet/byte counts
    "zk_version", "zk_uptime", "zk_open_file_descriptor_count", "zk_max_file_descriptor_count",
    "zk_avg_latency", "zk_max_latency", "zk_min_latency", "zk_packets_received", "zk_packets_sent",
    "zk_bytes_received_count",
}


def mask_volatile(text):
    """Replaces values that depend on the JVM, the host or wall-clock time with '*'."""
    out = []
    for line in text.splitlines():
        if line.startswith("Zookeeper version: "):
            line = "Zookeeper version: *"
        elif re.match(r"^(Latency min/avg/max|Received|Sent): ", line):
            line = line.split(": ")[0] + ": *"
        elif re.match(r"^ /127\.0\.0\.1:\d+\[", line):
            line = re.sub(r"^ /127\.0\.0\.1:\d+", " /*:*", line)
            line = re.sub(r"recved=\d+,sent=\d+", "recved=*,sent=*", line)
        elif "\t" in line:
            key, _, value = line.partition("\t")
            if key in VOLATILE_KEYS or (re.match(r"^zk_(avg|min|max|cnt|sum|p50|p95|p99|p999)_", key)
                                        and not key.endswith("_proposal_size")
                                        and not key.endswith("_client_response_size")):
                line = key + "\t*"
        out.append(line)
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def ids_arg(text, size):
    ids = [int(x) for x in text.split(",")] if text else list(range(1, size + 1))
    if sorted(ids) != list(range(1, size + 1)):
        raise SystemExit(f"--order must name each of 1..{size} once")
    return ids


def cmd_election(args):
    with zk_ensemble.Ensemble(args.servers, tick_ms=args.tick_ms) as ens:
        started = time.time()
        for sid in ids_arg(args.order, args.servers):
            ens.start(sid)
            time.sleep(args.gap_ms / 1000.0)
        modes = ens.wait_serving()
        print(f"# {args.servers} servers started in order {args.order or 'ascending'}, "
              f"all serving after {time.time() - started:.1f} s")
        for sid in sorted(modes):
            state = {"leader": "LEADING", "follower": "FOLLOWING", "observer": "OBSERVING"}.get(modes[sid], modes[sid])
            print(f"expect state {sid} {state}")
            print(f"expect srvr {sid} Mode {modes[sid]}")


def cmd_fourlw(args):
    with zk_ensemble.Ensemble(args.servers, tick_ms=args.tick_ms,
                              client_port_in_server_lines=args.client_port_in_server_lines) as ens:
        for sid in range(1, args.servers + 1):
            ens.start(sid)
        ens.wait_serving()
        client = KazooClient(hosts=ens.hosts([1]), timeout=10.0)
        client.start()
        client.create("/a", b"hello")
        client.create("/a/b", b"")
        client.create("/e", b"xy", ephemeral=True)
        client.get("/a", watch=lambda event: None)
        client.set("/a", b"hello!")
        client.get("/a", watch=lambda event: None)
        client.get_children("/a", watch=lambda event: None)
        client.sync("/")
        time.sleep(0.5)
        print(f"# session 0x{client.client_id[0]:x} on server 1; /a /a/b /e(ephemeral); "
              f"data watch + child watch on /a")
        for sid in range(1, args.servers + 1):
            for word in args.words.split(","):
                text = ens.four_letter(sid, word)
                print(f"===== server {sid} {word}")
                sys.stdout.write(mask_volatile(text) if not args.raw else text)
        client.stop()
        client.close()


EXPIRY_CHILD = r"""
import sys, time
from kazoo.client import KazooClient
c = KazooClient(hosts=sys.argv[1], timeout=float(sys.argv[2]))
c.start()
c.create("/victim", b"", ephemeral=True)
print("0x%x %d" % (c.client_id[0], c._session_timeout), flush=True)
time.sleep(3600)
"""


def cmd_expiry(args):
    with zk_ensemble.Ensemble(args.servers, tick_ms=args.tick_ms) as ens:
        for sid in range(1, args.servers + 1):
            ens.start(sid)
        modes = ens.wait_serving()
        watcher = KazooClient(hosts=ens.hosts([args.servers]), timeout=10.0)
        watcher.start()
        print(f"# {args.servers} server(s), tickTime={args.tick_ms} ms, requested session timeout "
              f"{args.timeout_ms} ms; the client on server 1 ({modes[1]}) is SIGKILLed {args.idle_ms} ms "
              f"after its ephemeral was created; the watcher is on server {args.servers}")
        figures = []
        for run in range(args.runs):
            if args.java_client:
                # ZooKeeper's own Java client (zkCli's ZooKeeperMain: ClientCnxn's ping schedule).
                child = subprocess.Popen([zk_ensemble.JAVA, "-cp", zk_ensemble.CLASSPATH, "org.apache.zookeeper.ZooKeeperMain",
                                          "-server", ens.hosts([1]), "-timeout", str(args.timeout_ms)],
                                         stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
                child.stdin.write('create -e /victim ""\n')
                child.stdin.flush()
                while not watcher.exists("/victim"):
                    time.sleep(0.002)
                data, stat = watcher.get("/victim")
                session, negotiated = f"0x{stat.ephemeralOwner:x}", "java"
            else:
                child = subprocess.Popen(["/usr/bin/python3", "-c", EXPIRY_CHILD, ens.hosts([1]), str(args.timeout_ms / 1000.0)],
                                         stdout=subprocess.PIPE, text=True)
                session, negotiated = child.stdout.readline().split()
            time.sleep(args.idle_ms / 1000.0)
            deleted = []
            watcher.exists("/victim", watch=lambda event: deleted.append(time.time()))
            killed = time.time()
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
            while not deleted and time.time() - killed < 4 * args.timeout_ms / 1000.0:
                time.sleep(0.005)
            gap_ms = (deleted[0] - killed) * 1000 if deleted else float("nan")
            figures.append(gap_ms)
            print(f"run {run + 1}: session {session} negotiated {negotiated} ms: "
                  f"NodeDeleted {gap_ms:.0f} ms after the kill")
        print(f"# min {min(figures):.0f} ms, max {max(figures):.0f} ms")
        watcher.stop()
        watcher.close()


# KeeperException.Code names of the codes a multi's results can carry.
CODE_NAMES = {0: "OK", -2: "RUNTIMEINCONSISTENCY", -101: "NONODE", -103: "BADVERSION", -108: "NOCHILDRENFOREPHEMERALS",
              -110: "NODEEXISTS", -111: "NOTEMPTY", -8: "BADARGUMENTS"}

# Each case: a scenario line (as zksim spells it) and the same ops for kazoo's transaction.
MULTI_CASES = [
    ("c multi create /b x ; set /a v1 -v 0 ; check /a -v 1 ; delete /a -v 1",
     [("create", "/b", b"x"), ("set", "/a", b"v1", 0), ("check", "/a", 1), ("delete", "/a", 1)]),
    ("c multi create /c y ; set /b z -v 5 ; delete /b",
     [("create", "/c", b"y"), ("set", "/b", b"z", 5), ("delete", "/b", -1)]),
    ("c multi check /nope ; create /d",
     [("check", "/nope", -1), ("create", "/d", b"")]),
    ("c multi create /e ; create /e ; set /b w",
     [("create", "/e", b""), ("create", "/e", b""), ("set", "/b", b"w", -1)]),
    ("c multi delete /b ; create /b/child",
     [("delete", "/b", -1), ("create", "/b/child", b"")]),
    ("c multi create /p ; create /p/q ; delete /p",
     [("create", "/p", b""), ("create", "/p/q", b""), ("delete", "/p", -1)]),
]


def cmd_multi(args):
    """Per-op results of multis on a real server, as `expect c results` lines."""
    with zk_ensemble.Ensemble(args.servers) as ens:
        for sid in range(1, args.servers + 1):
            ens.start(sid)
        ens.wait_serving()
        zk = KazooClient(hosts=ens.hosts([1]), timeout=10.0)
        zk.start()
        zk.create("/a", b"v0")
        print("c create /a v0")
        for line, ops in MULTI_CASES:
            t = zk.transaction()
            for op in ops:
                if op[0] == "create":
                    t.create(op[1], op[2])
                elif op[0] == "set":
                    t.set_data(op[1], op[2], op[3])
                elif op[0] == "check":
                    t.check(op[1], op[2])
                else:
                    t.delete(op[1], op[2])
            results = t.commit()
            names = [CODE_NAMES.get(r.code, str(r.code)) if isinstance(r, Exception) else "OK" for r in results]
            print(line)
            print("expect c results " + " ".join(names))
        for path in ("/a", "/b", "/c", "/d", "/e", "/p"):
            print(f"# {path} {'exists' if zk.exists(path) else 'does not exist'}")
        zk.stop()


# Log lines (slf4j-simple, "HH:mm:ss.SSS [thread] LEVEL logger - message") the leader-kill timeline shows:
# (pattern, kind, text). Kinds feed the per-server summary; "notification" lines are listed only on request.
KILL_EVENTS = [
    (re.compile(r"^Exception when following the leader"), "lost", lambda m: "lost the leader"),
    (re.compile(r"^New election\. My id = \d+, proposed zxid=(0x\w+)"), "start", lambda m: f"election starts, my zxid {m[1]}"),
    (re.compile(r"^Notification: my state:(\w+); n\.sid:(\d+), n\.state:(\w+), n\.leader:(\d+), n\.round:(0x\w+), "
                r"n\.peerEpoch:(0x\w+), n\.zxid:(0x\w+)"), "notification",
     lambda m: f"notification from {m[2]} ({m[3]}, votes {m[4]} zxid {m[7]} round {m[5]})"),
    (re.compile(r"^(LEADING|FOLLOWING)$"), "decided", lambda m: f"lookForLeader returned: {m[1]}"),
    (re.compile(r"^(LEADING|FOLLOWING) - LEADER ELECTION TOOK - (\d+) (\w+)"), "took",
     lambda m: f"{m[1]} - LEADER ELECTION TOOK {m[2]} {m[3]}"),
    (re.compile(r"^Snapshotting: (0x\w+)"), "loaddata", lambda m: f"loadData's snapshot at {m[1]}"),
    (re.compile(r"^Unexpected exception, (?:\w+ exceeded\. )?tries=(\d+), remaining init limit=(-?\d+)"), "refused",
     lambda m: f"connect to leader failed, tries={m[1]}, remaining init limit {m[2]} ms"),
    (re.compile(r"^Successfully connected to leader"), "connected", lambda m: "connected to the leader"),
    (re.compile(r"^Follower sid: (\d+) : info"), "accepted", lambda m: f"FOLLOWERINFO from {m[1]}"),
    (re.compile(r"^Sending (DIFF|TRUNC)\b.*sid: ?(\d+)"), "sent", lambda m: f"sends {m[1]} to {m[2]}"),
    (re.compile(r"^Sending snapshot last zxid of peer is (0x\w+)"), "sent", lambda m: f"sends SNAP (peer at {m[1]})"),
    (re.compile(r"^Getting a (diff|snapshot) from (?:the )?leader (0x\w+)"), "sync",
     lambda m: f"{'DIFF' if m[1] == 'diff' else 'SNAP'} {m[2]}"),
    (re.compile(r"^Truncating log to get in sync with the leader (0x\w+)"), "sync", lambda m: f"TRUNC {m[1]}"),
    (re.compile(r"^Have quorum of supporters, sids: \[(.*?)\]; "), "quorum", lambda m: f"quorum of supporters {m[1]}"),
    (re.compile(r"^Learner received UPTODATE message"), "uptodate", lambda m: "UPTODATE"),
]
LOG_LINE = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d\d\d) \[(.*?)\] (TRACE|DEBUG|INFO|WARN|ERROR) (\S+) - (.*)$")


def ms_of_day(t):
    """Local wall-clock milliseconds since midnight (what the servers' log timestamps say)."""
    lt = time.localtime(t)
    return ((lt.tm_hour * 60 + lt.tm_min) * 60 + lt.tm_sec) * 1000 + int(round((t % 1) * 1000))


def log_events(path, offset, since):
    """(ms after time `since`, kind, text) for each known line of one server's log past byte offset."""
    with open(path, "rb") as f:
        f.seek(offset)
        lines = f.read().decode(errors="replace").splitlines()
    out, base = [], ms_of_day(since)
    for i, line in enumerate(lines):
        m = LOG_LINE.match(line)
        if not m:
            continue
        at = ((int(m[1]) * 60 + int(m[2])) * 60 + int(m[3])) * 1000 + int(m[4]) - base
        at = (at + 43200000) % 86400000 - 43200000  # midnight wrap
        for pattern, kind, text in KILL_EVENTS:
            e = pattern.match(m[8])
            if e:
                extra = ""
                if kind == "refused" and i + 1 < len(lines):
                    extra = " (" + lines[i + 1].split(".")[-1].strip() + ")"  # e.g. ConnectException: Connection refused
                out.append((at, kind, text(e) + extra))
                break
    return out


def wait_leader(ens, ids, timeout_s=60.0):
    """(leader id, seconds waited) once one of ids answers srvr with Mode: leader."""
    started = time.time()
    while time.time() - started < timeout_s:
        for sid in ids:
            if ens.mode(sid) == "leader":
                return sid, time.time() - started
        time.sleep(0.02)
    raise TimeoutError(f"no leader among {ids} after {timeout_s}s; logs in {ens.root}")


def start_and_write(ens, writes, through_observers=True, observers=()):
    """Starts every server, waits until all serve, and creates /w0../w{writes-1} through the
    servers that are not the leader (nor, unless through_observers, an observer). Returns the
    leader and the other servers."""
    for sid in range(1, ens.size + 1):
        ens.start(sid)
    modes = ens.wait_serving()
    leader = next(sid for sid, mode in modes.items() if mode == "leader")
    alive = [sid for sid in range(1, ens.size + 1) if sid != leader]
    zk = KazooClient(hosts=ens.hosts([s for s in alive if through_observers or s not in observers]), timeout=10.0)
    zk.start()
    for i in range(writes):
        zk.create(f"/w{i}", b"x")
    zk.stop()
    zk.close()
    time.sleep(0.3)
    return leader, alive


def srvr_zxid(ens, sid):
    return ens.srvr_field(sid, "Zxid", timeout_s=2.0) or "down"


def kill_leader_and_report(ens, leader, alive, label, show_notifications):
    """SIGKILLs `leader`, waits for a new one among `alive`, prints the timeline; returns the new leader."""
    offsets = {sid: os.path.getsize(os.path.join(ens.root, f"zk{sid}.log")) for sid in alive}
    killed = time.time()
    ens.stop(leader, crash=True)
    new_leader, waited = wait_leader(ens, alive)
    ens.wait_serving(alive)
    serving = time.time() - killed
    time.sleep(0.3)
    print(f"-- {label}: S{leader} SIGKILLed; S{new_leader} answers Mode: leader at +{waited * 1000:.0f} ms, "
          f"all {len(alive)} survivors serving at +{serving * 1000:.0f} ms")
    events = []
    for sid in alive:
        for at, kind, text in log_events(os.path.join(ens.root, f"zk{sid}.log"), offsets[sid], killed):
            events.append((at, sid, kind, text))
    for at, sid, kind, text in sorted(events):
        if kind != "notification" or show_notifications:
            print(f"  {at:+6d} S{sid} {text}")
    for sid in alive:
        mine = [(at, kind, text) for at, s, kind, text in sorted(events) if s == sid]
        decided = next((at for at, kind, _ in mine if kind == "decided"), None)
        notes = [at for at, kind, _ in mine if kind == "notification" and (decided is None or at <= decided)]
        first = {}
        for at, kind, text in mine:
            first.setdefault(kind, (at, text))
        took = first.get("took", (None, "?"))[1].split("TOOK ")[-1]
        sync = first.get("sync", (None, "-" if sid == new_leader else "?"))[1].split()[0]
        print(f"  S{sid}: {'leader' if sid == new_leader else 'follower'}, {len(notes)} notifications "
              f"(last +{notes[-1] if notes else '?'}), decided +{decided}, election took {took}, "
              f"{sum(1 for _, kind, _ in mine if kind == 'refused')} refused connects, sync {sync}, "
              f"zxid {srvr_zxid(ens, sid)} ({ens.mode(sid)})")
    return new_leader


def cmd_leader_kill(args):
    """W writes, then the leader is SIGKILLed (and then the new one); prints the survivors' logs from each kill."""
    print(f"# {args.servers} servers, tickTime={args.tick_ms} ms, initLimit={args.init_limit}, {args.writes} writes, "
          f"then the leader is SIGKILLed; times are ms after the kill, from the survivors' logs")
    for run in range(args.runs):
        with zk_ensemble.Ensemble(args.servers, tick_ms=args.tick_ms, init_limit=args.init_limit) as ens:
            leader, alive = start_and_write(ens, args.writes)
            print(f"== run {run + 1}: zxids before the kill: "
                  + ", ".join(f"S{sid}={srvr_zxid(ens, sid)}" for sid in range(1, args.servers + 1)))
            new_leader = kill_leader_and_report(ens, leader, alive, "kill 1", args.notifications)
            alive.remove(new_leader)
            if args.kill_again and len(alive) * 2 > args.servers:
                kill_leader_and_report(ens, new_leader, alive, "kill 2", args.notifications)

OBSERVER_EVENTS = re.compile(
    r"^(OBSERVING|LOOKING|FOLLOWING|LEADING|New election\. .*|Notification: .*|Notification time out: .*|"
    r"Observing new leader .*|Peer state changed: .*|Exception when observing.*|Disconnected from leader.*|"
    r"Getting a (diff|snapshot) from the leader.*|Getting a diff.*|Learner received .*|"
    r"Unexpected exception.*|Have smaller server identifier.*|Leader election.*|.*LEADER ELECTION TOOK.*|"
    r"Follower sid: .*|Synchronizing with Leader.*|Received .*OBSERVER.*|.*learner type.*|"
    r"Unexpected exception causing shutdown.*|.*Connection refused.*|.*Failed connect to.*|.*tries=.*|"
    r"Ignoring .*|Sending .*|Setting leader epoch.*|.*snapshot.*)$")


def log_lines(ens, sid, since, offset=0):
    """(ms after `since`, text) for each interesting line of server sid's log past byte offset."""
    path = os.path.join(ens.root, f"zk{sid}.log")
    with open(path, "rb") as f:
        f.seek(offset)
        lines = f.read().decode(errors="replace").splitlines()
    base, out = ms_of_day(since), []
    for line in lines:
        m = LOG_LINE.match(line)
        if not m or not OBSERVER_EVENTS.match(m[8]):
            continue
        at = ((int(m[1]) * 60 + int(m[2])) * 60 + int(m[3])) * 1000 + int(m[4]) - base
        out.append(((at + 43200000) % 86400000 - 43200000, f"{m[6]} {m[7].split('.')[-1]} - {m[8]}"))
    return out


def observer_ensemble(args):
    return zk_ensemble.Ensemble(args.servers, tick_ms=args.tick_ms, observers=ids_list(args.observers),
                                client_base=args.client_base, quorum_base=args.client_base + 700,
                                election_base=args.client_base + 1700)


def ids_list(text):
    return [int(x) for x in text.split(",") if x]


def print_words(ens, sids, words, raw):
    for sid in sids:
        for word in words:
            text = ens.four_letter(sid, word)
            print(f"===== server {sid} {word}")
            sys.stdout.write(text if raw else mask_volatile(text))


def cmd_observer(args):
    """Servers (observers among them) started in order: who leads, the observers' logs and 4lw."""
    observers = ids_list(args.observers)
    with observer_ensemble(args) as ens:
        started = time.time()
        order = ids_arg(args.order, args.servers)
        for sid in order:
            ens.start(sid)
            time.sleep(args.gap_ms / 1000.0)
        modes = ens.wait_serving()
        print(f"# {args.servers} servers, observers {observers}, started in order {order} "
              f"{args.gap_ms} ms apart; all serving after {time.time() - started:.1f} s")
        for sid in sorted(modes):
            print(f"#   server {sid}: Mode {modes[sid]}")
        zk = KazooClient(hosts=ens.hosts([s for s in range(1, args.servers + 1) if s not in observers]), timeout=10.0)
        zk.start()
        for i in range(args.writes):
            zk.create(f"/w{i}", b"x")
        zk.stop()
        zk.close()
        time.sleep(0.5)
        for sid in observers:
            ob = KazooClient(hosts=ens.hosts([sid]), timeout=10.0)
            ob.start()
            ob.sync("/")
            print(f"# observer {sid} sees {len([c for c in ob.get_children('/') if c.startswith('w')])} "
                  f"of {args.writes} writes; srvr Zxid {srvr_zxid(ens, sid)}")
            ob.stop()
            ob.close()
        for sid in range(1, args.servers + 1):
            print(f"# server {sid} srvr Zxid {srvr_zxid(ens, sid)} Mode {ens.mode(sid)}")
        for sid in observers:
            print(f"# server {sid} log (ms after the first start):")
            for at, text in log_lines(ens, sid, started):
                print(f"#   {at:+7d} {text}")
        print_words(ens, range(1, args.servers + 1), args.words.split(","), args.raw)


def cmd_observer_kill_leader(args):
    """The leader is SIGKILLed: the observers' log lines after the kill and their Mode after."""
    observers = ids_list(args.observers)
    with observer_ensemble(args) as ens:
        leader, alive = start_and_write(ens, args.writes, through_observers=False, observers=observers)
        print(f"# {args.servers} servers, observers {observers}; S{leader} leads; zxids before the kill: "
              + ", ".join(f"S{sid}={srvr_zxid(ens, sid)}" for sid in range(1, args.servers + 1)))
        offsets = {sid: os.path.getsize(os.path.join(ens.root, f"zk{sid}.log")) for sid in alive}
        killed = time.time()
        ens.stop(leader, crash=True)
        new_leader, waited = wait_leader(ens, alive)
        ens.wait_serving(alive)
        print(f"# S{leader} SIGKILLed; S{new_leader} answers Mode: leader at +{waited * 1000:.0f} ms, "
              f"all survivors serving at +{(time.time() - killed) * 1000:.0f} ms")
        time.sleep(0.5)
        for sid in alive:
            print(f"# server {sid}: Mode {ens.mode(sid)}, Zxid {srvr_zxid(ens, sid)}")
        for sid in alive:
            print(f"# server {sid} log (ms after the kill):")
            for at, text in log_lines(ens, sid, killed, offsets[sid]):
                if sid in observers or not text.split(" - ", 1)[1].startswith("Notification:"):
                    print(f"#   {at:+7d} {text}")
        print_words(ens, [s for s in alive if s in observers] + [new_leader], args.words.split(","), args.raw)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("election")
    p.add_argument("--servers", type=int, default=3)
    p.add_argument("--order", default="")
    p.add_argument("--gap-ms", type=int, default=0)
    p.add_argument("--tick-ms", type=int, default=2000)
    p.set_defaults(func=cmd_election)
    p = sub.add_parser("fourlw")
    p.add_argument("--servers", type=int, default=3)
    p.add_argument("--words", default="srvr,stat,conf,mntr,cons,wchs,wchc,wchp,dump,envi,ruok,isro")
    p.add_argument("--tick-ms", type=int, default=2000)
    p.add_argument("--raw", action="store_true", help="do not mask volatile fields")
    p.add_argument("--client-port-in-server-lines", action="store_true")
    p.set_defaults(func=cmd_fourlw)
    p = sub.add_parser("expiry")
    p.add_argument("--timeout-ms", type=int, default=4000)
    p.add_argument("--tick-ms", type=int, default=2000)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--idle-ms", type=int, default=1000)
    p.add_argument("--servers", type=int, default=1)
    p.add_argument("--java-client", action="store_true", help="the vanishing client is ZooKeeper's Java client")
    p.set_defaults(func=cmd_expiry)
    p = sub.add_parser("multi")
    p.add_argument("--servers", type=int, default=1)
    p.set_defaults(func=cmd_multi)
    p = sub.add_parser("leader-kill")
    p.add_argument("--servers", type=int, default=5)
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--writes", type=int, default=20)
    p.add_argument("--tick-ms", type=int, default=2000)
    p.add_argument("--init-limit", type=int, default=10)
    p.add_argument("--notifications", action="store_true", help="also list every election notification")
    p.add_argument("--no-kill-again", dest="kill_again", action="store_false",
                   help="do not kill the new leader as well")
    p.set_defaults(func=cmd_leader_kill)
    for name, func in (("observer", cmd_observer), ("observer-kill-leader", cmd_observer_kill_leader)):
        p = sub.add_parser(name)
        p.add_argument("--servers", type=int, default=3)
        p.add_argument("--observers", default="3")
        p.add_argument("--order", default="")
        p.add_argument("--gap-ms", type=int, default=1000)
        p.add_argument("--writes", type=int, default=5)
        p.add_argument("--tick-ms", type=int, default=2000)
        p.add_argument("--words", default="srvr,conf,mntr")
        p.add_argument("--raw", action="store_true", help="do not mask volatile fields")
        p.add_argument("--client-base", type=int, default=42181)
        p.set_defaults(func=func)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
