#!/usr/bin/env python3
"""Opens N client connections to one `zksim serve` port, sends a ConnectRequest on each before
reading any answer, then checks every one got a session (a 41-byte ConnectResponse frame with
the requested 30000 ms timeout). Usage: many_connections.py PORT N"""
import socket
import struct
import sys
import time


def frame(b):
    return struct.pack(">i", len(b)) + b


def main():
    port, n = int(sys.argv[1]), int(sys.argv[2])
    connect = frame(struct.pack(">iqiq", 0, 0, 30000, 0) + struct.pack(">i", 16) + b"\0" * 16 + b"\0")
    socks = []
    started = time.perf_counter()
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", port), timeout=20)
        s.sendall(connect)
        socks.append(s)
    sessions = set()
    for s in socks:
        buf = b""
        while len(buf) < 41:
            d = s.recv(100)
            if not d:
                break
            buf += d
        if len(buf) == 41 and struct.unpack(">i", buf[8:12])[0] == 30000:
            sessions.add(struct.unpack(">q", buf[12:20])[0])
    print("%d of %d connections got a distinct session in %.2f s" % (len(sessions), n, time.perf_counter() - started))
    sys.exit(0 if len(sessions) == n else 1)


if __name__ == "__main__":
    main()
