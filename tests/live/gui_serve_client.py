#!/usr/bin/python3
"""A kazoo client for the `zksim gui --serve` real-window test (check_gui_serve.sh).

Connects to the first of HOSTS (no shuffling: server 1), creates /gui-serve with "one",
prints `created SESSION_HEX`, waits until the file GO exists (the test kills the leader from
the GUI meanwhile), then sets "two" (retrying through the reconnect) and prints
`data two` when a read returns it, and `done`."""
import os
import sys
import time

from kazoo.client import KazooClient
from kazoo.exceptions import ConnectionLoss, SessionExpiredError
from kazoo.retry import KazooRetry

hosts, go = sys.argv[1], sys.argv[2]
client = KazooClient(hosts=hosts, randomize_hosts=False, timeout=10.0,
                     connection_retry=KazooRetry(max_tries=-1, delay=0.2, max_delay=1.0))
client.start(timeout=20)
client.create("/gui-serve", b"one")
print(f"created 0x{client.client_id[0]:x}", flush=True)
deadline = time.time() + 60
while not os.path.exists(go):
    if time.time() > deadline:
        sys.exit("no go file within 60 s")
    time.sleep(0.1)
retry = KazooRetry(max_tries=-1, delay=0.2, max_delay=1.0, deadline=40)
retry(client.set, "/gui-serve", b"two")
data, stat = retry(client.get, "/gui-serve")
print(f"data {data.decode()} version {stat.version}", flush=True)
client.stop()
client.close()
print("done", flush=True)
