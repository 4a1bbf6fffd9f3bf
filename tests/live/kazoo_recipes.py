#!/usr/bin/env python3
"""Debian's python3-kazoo recipes against `zksim serve` (a client library nobody here wrote):
Lock, Counter, Election, Barrier, Party, Queue, each checked for its exact outcome; with
--kill-leader, the leader is killed (through serve's stdin, by the caller) while a lock is
held and the lock must survive with no second holder. Usage:
  kazoo_recipes.py HOSTS [--kill-leader-fifo PATH]"""
import sys
import threading
import time

from kazoo.client import KazooClient


def check(cond, what):
    if not cond:
        print("FAILED:", what)
        sys.exit(1)
    print("ok:", what)


def main():
    hosts = sys.argv[1]
    fifo = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--kill-leader-fifo" else None
    a = KazooClient(hosts=hosts, timeout=10.0)
    b = KazooClient(hosts=hosts, timeout=10.0)
    a.start(timeout=10)
    b.start(timeout=10)

    # Counter: two clients, 20 increments each, ends at 40 exactly.
    ca, cb = a.Counter("/counter"), b.Counter("/counter")
    for _ in range(20):
        ca += 1
        cb += 1
    a.sync("/counter")  # b's last increment may have been on another server
    check(a.Counter("/counter").value == 40, "Counter: 40 increments from two clients give 40")

    # Lock: b waits while a holds it; no overlap.
    held = []
    la, lb = a.Lock("/lock", "a"), b.Lock("/lock", "b")
    check(la.acquire(timeout=5), "Lock: a acquires")
    got_b = threading.Event()

    def take_b():
        lb.acquire(timeout=20)
        held.append("b")
        got_b.set()

    t = threading.Thread(target=take_b)
    t.start()
    time.sleep(0.5)
    check(not got_b.is_set(), "Lock: b waits while a holds it")
    check(sorted(la.contenders()) == ["a", "b"], "Lock: contenders are a and b")
    if fifo:
        with open(fifo, "w") as f:
            f.write("kill leader\n")
        time.sleep(3)
        check(not got_b.is_set(), "Lock: after the leader is killed b still waits (a's session survives)")
        check(la.is_acquired, "Lock: a still holds it after the leader died")
    la.release()
    check(got_b.wait(15), "Lock: b gets it once a releases")
    lb.release()
    t.join()

    # Election: the first to run wins; the second runs only after the first leaves.
    order = []
    ea, eb = a.Election("/election", "a"), b.Election("/election", "b")
    ta = threading.Thread(target=lambda: ea.run(lambda: (order.append("a"), time.sleep(0.5))))
    ta.start()
    time.sleep(0.2)
    tb = threading.Thread(target=lambda: eb.run(lambda: order.append("b")))
    tb.start()
    ta.join(10)
    tb.join(10)
    check(order == ["a", "b"], "Election: a leads first, then b")

    # Barrier: wait blocks until removed.
    barrier = a.Barrier("/barrier")
    barrier.create()
    b.sync("/barrier")  # b may be on another server: catch up with a's create first
    check(not b.Barrier("/barrier").wait(timeout=0.3), "Barrier: wait times out while it stands")
    barrier.remove()
    check(b.Barrier("/barrier").wait(timeout=2), "Barrier: wait returns once removed")

    # Party: members join and leave.
    pa, pb = a.Party("/party", "a"), b.Party("/party", "b")
    pa.join()
    pb.join()
    a.sync("/party")
    check(sorted(pa) == ["a", "b"] and len(pa) == 2, "Party: a and b are members")
    pb.leave()
    a.sync("/party")
    check(list(pa) == ["a"], "Party: b left")

    # Queue: FIFO across clients.
    qa, qb = a.Queue("/queue"), b.Queue("/queue")
    for item in (b"one", b"two", b"three"):
        qa.put(item)
    b.sync("/queue")
    check(len(qb) == 3, "Queue: three items")
    check([qb.get(), qb.get(), qb.get(), qb.get()] == [b"one", b"two", b"three", None], "Queue: FIFO, then empty")

    a.stop()
    b.stop()
    print("all recipes passed")


if __name__ == "__main__":
    main()
