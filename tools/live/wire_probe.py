#!/usr/bin/env python3
"""Wire probe: speaks ZooKeeper's client protocol byte by byte (no client library) to a
server, sends a fixed request sequence and prints every frame the server sends back, as hex
with the fields that legitimately differ between two servers masked: zxids are written
relative to the first reply's zxid (z+N), times as T, the session id and password as S / P.
Run against a real ZooKeeper 3.8 and against `zksim serve`, the outputs must be equal; the
test keeps real ZooKeeper's output as its expected text. Usage:
  wire_probe.py HOST:PORT SEQUENCE      SEQUENCE: basic | close | lenerror | unknown | malformed | password | reads | acl
Stdlib only."""
import socket
import struct
import sys

PERMS_ALL = 31


def s_str(s):
    b = s.encode()
    return struct.pack(">i", len(b)) + b


def s_buf(b):
    return struct.pack(">i", -1) if b is None else struct.pack(">i", len(b)) + b


def acl_open():
    return struct.pack(">i", 1) + struct.pack(">i", PERMS_ALL) + s_str("world") + s_str("anyone")


def acl_vec(*entries):
    """vector<ACL> of (perms, scheme, id) entries."""
    out = struct.pack(">i", len(entries))
    for perms, scheme, ident in entries:
        out += struct.pack(">i", perms) + s_str(scheme) + s_str(ident)
    return out


def mh(op, done=False):
    """MultiHeader {int type; boolean done; int err}."""
    return struct.pack(">iBi", op, 1 if done else 0, -1)


def frame(body):
    return struct.pack(">i", len(body)) + body


def connect_req(session=0, passwd=b"\0" * 16, timeout=30000, last_zxid=0):
    return frame(struct.pack(">iqiq", 0, last_zxid, timeout, session) + s_buf(passwd) + b"\0")


def req(xid, op, body=b""):
    return frame(struct.pack(">ii", xid, op) + body)


class Conn:
    def __init__(self, addr):
        host, port = addr.rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)), timeout=5)
        self.buf = b""

    def send(self, data):
        self.sock.sendall(data)

    def recv_frame(self):
        while True:
            if len(self.buf) >= 4:
                (n,) = struct.unpack(">i", self.buf[:4])
                if len(self.buf) >= 4 + n:
                    f, self.buf = self.buf[4:4 + n], self.buf[4 + n:]
                    return f
            try:
                chunk = self.sock.recv(65536)
            except (socket.timeout, ConnectionResetError):
                return None
            if not chunk:
                return None
            self.buf += chunk


class Masker:
    """Rewrites a reply's variable fields into fixed markers, keeping everything else."""

    def __init__(self):
        self.base = None
        self.session = None

    def zxid(self, z):
        if z == -1:
            return "z=-1"
        if z == 0:  # auth replies: ReplyHeader(xid, 0, err) on every server
            return "z=0"
        if self.base is None:
            self.base = z
        return "z%+d" % (z - self.base)

    def stat(self, b, off):
        czxid, mzxid, ctime, mtime, ver, cver, aver, eph, dlen, nch, pzxid = struct.unpack_from(">qqqqiiiqiiq", b, off)
        e = "S" if eph == self.session and eph != 0 else str(eph)
        return "stat(%s %s T T v%d cv%d av%d eph=%s len%d n%d %s)" % (
            self.zxid(czxid), self.zxid(mzxid), ver, cver, aver, e, dlen, nch, self.zxid(pzxid)), off + 68


def read_str(b, off):
    (n,) = struct.unpack_from(">i", b, off)
    off += 4
    if n < 0:
        return None, off
    return b[off:off + n], off + n


def read_strs(b, off):
    """A jute vector<ustring>: count, then each string."""
    (n,) = struct.unpack_from(">i", b, off)
    off += 4
    items = []
    for _ in range(n):
        k, off = read_str(b, off)
        items.append(k.decode())
    return items, off


def describe(m, f, op):
    """One line per reply: header fields masked, then the body parsed for the opcode."""
    xid, zxid, err = struct.unpack_from(">iqi", f, 0)
    out = ["xid=%d" % xid, m.zxid(zxid) if xid != -1 else "z=%d" % zxid, "err=%d" % err]
    off = 16
    if xid == -1:
        typ, state = struct.unpack_from(">ii", f, off)
        path, off = read_str(f, off + 8)
        out.append("event type=%d state=%d path=%s" % (typ, state, path.decode()))
    elif err == 0 or (op in (14, 22) and len(f) > 16):
        if op in (1,):
            p, off = read_str(f, off)
            out.append("path=%s" % p.decode())
        elif op in (15, 19, 21):
            p, off = read_str(f, off)
            st, off = m.stat(f, off)
            out.append("path=%s %s" % (p.decode(), st))
        elif op in (3, 5):
            st, off = m.stat(f, off)
            out.append(st)
        elif op == 4:
            d, off = read_str(f, off)
            st, off = m.stat(f, off)
            out.append("data=%r %s" % (d, st))
        elif op in (8, 12):
            kids, off = read_strs(f, off)
            out.append("children=%s" % ",".join(kids))
            if op == 12:
                st, off = m.stat(f, off)
                out.append(st)
        elif op == 9:
            p, off = read_str(f, off)
            out.append("path=%s" % p.decode())
        elif op == 103:
            paths, off = read_strs(f, off)
            out.append("ephemerals=%s" % ",".join(paths))
        elif op == 104:
            (n,) = struct.unpack_from(">i", f, off)
            off += 4
            out.append("total=%d" % n)
        elif op == 6:
            (n,) = struct.unpack_from(">i", f, off)
            off += 4
            acl = []
            for _ in range(n):
                (perms,) = struct.unpack_from(">i", f, off)
                scheme, off = read_str(f, off + 4)
                ident, off = read_str(f, off)
                acl.append("%s:%s:%d" % (scheme.decode(), ident.decode(), perms))
            st, off = m.stat(f, off)
            out.append("acl=%s %s" % (",".join(acl), st))
        elif op == 7:
            st, off = m.stat(f, off)
            out.append(st)
        elif op == 107:
            (n,) = struct.unpack_from(">i", f, off)
            off += 4
            infos = []
            for _ in range(n):
                scheme, off = read_str(f, off)
                user, off = read_str(f, off)
                infos.append("%s:%s" % (scheme.decode(), user.decode()))
            out.append("whoami=%s" % ",".join(infos))
        elif op in (14, 22):
            while True:
                typ, done, e = struct.unpack_from(">iBi", f, off)
                off += 9
                if done:
                    out.append("[end %d %d]" % (typ, e))
                    break
                if typ == 1:
                    p, off = read_str(f, off)
                    out.append("[create %s]" % p.decode())
                elif typ == 15:
                    p, off = read_str(f, off)
                    st, off = m.stat(f, off)
                    out.append("[create2 %s %s]" % (p.decode(), st))
                elif typ == 5:
                    st, off = m.stat(f, off)
                    out.append("[setData %s]" % st)
                elif typ == 4:
                    d, off = read_str(f, off)
                    st, off = m.stat(f, off)
                    out.append("[getData %r %s]" % (d, st))
                elif typ == 8:
                    kids, off = read_strs(f, off)
                    out.append("[getChildren %s]" % ",".join(kids))
                elif typ == -1:
                    (e2,) = struct.unpack_from(">i", f, off)
                    off += 4
                    out.append("[error %d %d]" % (e, e2))
                else:
                    out.append("[op %d err %d]" % (typ, e))
    if off != len(f):
        out.append("+%d bytes" % (len(f) - off))
    out.append("len=%d" % len(f))
    return " ".join(out)


def do_connect(c, m, **kw):
    c.send(connect_req(**kw))
    f = c.recv_frame()
    if f is None:
        print("connect: closed")
        return None
    proto, timeout, session = struct.unpack_from(">iiq", f, 0)
    pw, off = read_str(f, 16)
    ro = f[off:]
    m.session = session
    print("connected proto=%d timeout=%d session=%s passwd=%s readOnly=%s len=%d" % (
        proto, timeout, "S" if session else "0", "P%d" % len(pw) if any(pw) else "zero%d" % len(pw), ro.hex(), len(f)))
    return session, pw


def exchange(c, m, data, op, replies=1):
    c.send(data)
    for _ in range(replies):
        f = c.recv_frame()
        if f is None:
            print("closed")
            return
        (xid,) = struct.unpack_from(">i", f, 0)
        print(describe(m, f, -1 if xid == -1 else op))


def basic(addr):
    c, m = Conn(addr), Masker()
    if do_connect(c, m) is None:
        return
    exchange(c, m, req(1, 1, s_str("/live-a") + s_buf(b"hello") + acl_open() + struct.pack(">i", 0)), 1)
    exchange(c, m, req(2, 15, s_str("/live-a") + s_buf(b"x") + acl_open() + struct.pack(">i", 0)), 15)
    exchange(c, m, req(3, 15, s_str("/live-a/c1") + s_buf(b"x") + acl_open() + struct.pack(">i", 1)), 15)
    exchange(c, m, req(4, 4, s_str("/live-a") + b"\1"), 4)
    exchange(c, m, req(5, 5, s_str("/live-a") + s_buf(b"bye") + struct.pack(">i", 0)), 5, replies=2)
    exchange(c, m, req(6, 3, s_str("/nope") + b"\0"), 3)
    exchange(c, m, req(7, 8, s_str("/live-a") + b"\0"), 8)
    exchange(c, m, req(8, 12, s_str("/live-a") + b"\0"), 12)
    exchange(c, m, req(9, 9, s_str("/live-a")), 9)
    multi = (mh(13) + s_str("/live-a") + struct.pack(">i", 1) +
             mh(1) + s_str("/live-b") + s_buf(b"") + acl_open() + struct.pack(">i", 0) +
             mh(15) + s_str("/live-b2") + s_buf(b"") + acl_open() + struct.pack(">i", 0) +
             mh(2) + s_str("/live-a/c1") + struct.pack(">i", -1) +
             mh(-1, True))
    exchange(c, m, req(10, 14, multi), 14)
    bad = (mh(13) + s_str("/live-a") + struct.pack(">i", 7) +
           mh(1) + s_str("/live-c") + s_buf(b"") + acl_open() + struct.pack(">i", 0) +
           mh(-1, True))
    exchange(c, m, req(11, 14, bad), 14)
    exchange(c, m, req(-2, 11), 11)
    exchange(c, m, req(12, 2, s_str("/live-b") + struct.pack(">i", -1)), 2)
    exchange(c, m, req(13, 2, s_str("/live-b2") + struct.pack(">i", 5)), 2)
    exchange(c, m, req(14, 2, s_str("/live-b2") + struct.pack(">i", -1)), 2)
    exchange(c, m, req(15, 2, s_str("/live-a") + struct.pack(">i", -1)), 2)
    exchange(c, m, req(16, 4, s_str("/live-a") + b"\0"), 4)
    exchange(c, m, req(17, -11), -11)
    print("after close:", "closed" if c.recv_frame() is None else "open")


def close_and_reuse(addr):
    c, m = Conn(addr), Masker()
    got = do_connect(c, m)
    if got is None:
        return
    session, pw = got
    # The same session from a second connection with a wrong password, then the right one.
    c2, m2 = Conn(addr), Masker()
    do_connect(c2, m2, session=session, passwd=b"\1" * 16)
    print("after bad password:", "closed" if c2.recv_frame() is None else "open")
    c3, m3 = Conn(addr), Masker()
    m3.session = session
    got3 = do_connect(c3, m3, session=session, passwd=pw)
    print("same session:", got3 is not None and got3[0] == session, "same password:", got3 is not None and got3[1] == pw)
    print("first connection after the move:", "closed" if c.recv_frame() is None else "open")


def lenerror(addr):
    c, m = Conn(addr), Masker()
    if do_connect(c, m) is None:
        return
    c.send(struct.pack(">i", 0x100000) + b"\0" * 16)
    print("after len 1048576:", "closed" if c.recv_frame() is None else "open")


def unknown(addr):
    c, m = Conn(addr), Masker()
    if do_connect(c, m) is None:
        return
    exchange(c, m, req(1, 999, b""), 999)
    print("after unknown opcode:", "closed" if c.recv_frame() is None else "open")


def password(addr):
    c, m = Conn(addr), Masker()
    got = do_connect(c, m)
    if got:
        print("session 0x%x password %s" % (got[0], got[1].hex()))


PROBES = {"basic": basic, "close": close_and_reuse, "lenerror": lenerror, "unknown": unknown, "password": password}


def malformed(addr):
    """A getData whose path length claims more bytes than the frame holds, then a ping."""
    c, m = Conn(addr), Masker()
    if do_connect(c, m) is None:
        return
    exchange(c, m, req(1, 4, struct.pack(">i", 100) + b"/x"), 4)
    exchange(c, m, req(-2, 11), 11)


PROBES["malformed"] = malformed

ALL, READ, WRITE, CREATE, ADMIN = 31, 1, 2, 4, 16
BOB = "bob:ikIaKsbtGweaHnb/jKn7OHqbunM="  # generateDigest("bob:pw"), from ZooKeeper 3.8.0


def create(xid, path, acl, data=b"", flags=0):
    return req(xid, 1, s_str(path) + s_buf(data) + acl + struct.pack(">i", flags))


def auth(scheme, data):
    return req(-4, 100, struct.pack(">i", 0) + s_str(scheme) + s_buf(data))


def acl(addr):
    """ACLs and authentication: whoAmI, INVALIDACL cases, digest auth, auth: expansion, NOAUTH on
    each permission, getACL's redaction, setACL's aversion, an unknown scheme's AUTHFAILED."""
    c, m = Conn(addr), Masker()
    if do_connect(c, m) is None:
        return
    exchange(c, m, req(1, 107), 107)
    exchange(c, m, req(2, 6, s_str("/")), 6)
    exchange(c, m, req(3, 6, s_str("/zookeeper/config")), 6)
    exchange(c, m, create(4, "/acl-empty", acl_vec()), 1)
    exchange(c, m, create(5, "/acl-foo", acl_vec((ALL, "foo", "x"))), 1)
    exchange(c, m, create(6, "/acl-baddigest", acl_vec((ALL, "digest", "bob"))), 1)
    exchange(c, m, create(7, "/acl-badip", acl_vec((ALL, "ip", "10.0.0.300"))), 1)
    exchange(c, m, create(8, "/acl-auth", acl_vec((ALL, "auth", ""))), 1)
    exchange(c, m, create(9, "/acl-world1", acl_vec((ALL, "world", "somebody"))), 1)
    exchange(c, m, auth("digest", b"alice:secret"), 100)
    exchange(c, m, req(10, 107), 107)
    exchange(c, m, create(11, "/acl-a", acl_vec((ALL, "auth", ""), (ALL, "auth", ""))), 1)
    exchange(c, m, req(12, 6, s_str("/acl-a")), 6)
    exchange(c, m, create(13, "/acl-r", acl_vec((READ, "world", "anyone"), (ALL, "digest", BOB))), 1)
    exchange(c, m, req(14, 6, s_str("/acl-r")), 6)
    exchange(c, m, req(15, 4, s_str("/acl-r") + b"\0"), 4)
    exchange(c, m, req(16, 5, s_str("/acl-r") + s_buf(b"x") + struct.pack(">i", -1)), 5)
    exchange(c, m, create(17, "/acl-r/c", acl_vec((ALL, "world", "anyone"))), 1)
    exchange(c, m, req(18, 7, s_str("/acl-r") + acl_vec((ALL, "world", "anyone")) + struct.pack(">i", -1)), 7)
    exchange(c, m, req(19, 7, s_str("/acl-a") + acl_vec((ALL, "world", "anyone")) + struct.pack(">i", 3)), 7)
    exchange(c, m, req(20, 7, s_str("/acl-a") + acl_vec((READ | ADMIN, "auth", ""), (CREATE, "ip", "127.0.0.0/8")) +
                       struct.pack(">i", 0)), 7)
    exchange(c, m, req(21, 6, s_str("/acl-a")), 6)
    exchange(c, m, create(22, "/acl-a/c", acl_vec((ALL, "world", "anyone"))), 1)
    exchange(c, m, req(23, 2, s_str("/acl-a/c") + struct.pack(">i", -1)), 2)
    exchange(c, m, req(24, 7, s_str("/nope") + acl_vec((ALL, "world", "anyone")) + struct.pack(">i", -1)), 7)
    exchange(c, m, req(25, 7, s_str("/acl-a") + acl_vec() + struct.pack(">i", -1)), 7)
    multi = (mh(1) + s_str("/acl-m") + s_buf(b"") + acl_open() + struct.pack(">i", 0) +
             mh(1) + s_str("/acl-r/m") + s_buf(b"") + acl_open() + struct.pack(">i", 0) +
             mh(-1, True))
    exchange(c, m, req(26, 14, multi), 14)
    # A second connection without digest auth: reads of /acl-a need READ, exists needs nothing.
    c2 = Conn(addr)
    if do_connect(c2, m) is None:
        return
    exchange(c2, m, req(1, 4, s_str("/acl-a") + b"\0"), 4)
    exchange(c2, m, req(2, 3, s_str("/acl-a") + b"\0"), 3)
    exchange(c2, m, req(3, 8, s_str("/acl-a") + b"\0"), 8)
    exchange(c2, m, req(4, 6, s_str("/acl-a")), 6)
    exchange(c2, m, req(5, 12, s_str("/acl-a") + b"\0"), 12)
    exchange(c2, m, auth("ip", b"whatever"), 100)
    exchange(c2, m, req(6, 107), 107)
    exchange(c2, m, req(7, 4, s_str("/acl-r") + b"\0"), 4)
    exchange(c2, m, auth("foo", b"bar"), 100)
    print("after a failed auth:", "closed" if c2.recv_frame() is None else "open")
    exchange(c, m, req(27, 4, s_str("/acl-a") + b"\0"), 4)
    # The super user (the server runs with superDigest super:g9oN2HttPfn8MMWJZ2r45Np/LIA=).
    c3 = Conn(addr)
    if do_connect(c3, m) is None:
        return
    exchange(c3, m, auth("digest", b"super:superpw"), 100)
    exchange(c3, m, req(1, 107), 107)
    exchange(c3, m, req(2, 4, s_str("/acl-a") + b"\0"), 4)
    exchange(c3, m, req(3, 6, s_str("/acl-r")), 6)
    exchange(c3, m, req(4, 2, s_str("/acl-a") + struct.pack(">i", -1)), 2)


PROBES["acl"] = acl


def reads(addr):
    """getAllChildrenNumber, getEphemerals, multiRead, checkWatches and removeWatches (3.8's
    newer read opcodes), with their errors; a second session shows whose watches count."""
    c, m = Conn(addr), Masker()
    if do_connect(c, m) is None:
        return
    xid = [0]

    def ask(op, body, replies=1):
        xid[0] += 1
        exchange(c, m, req(xid[0], op, body), op, replies)

    def create(path, data=b"", flags=0):
        ask(1, s_str(path) + s_buf(data) + acl_open() + struct.pack(">i", flags))

    create("/wr", b"r")
    create("/wr/a", b"x")
    create("/wr/a/b")
    for name in ("/wr/e1", "/wr/e2", "/we-zz", "/we-aa", "/we-10", "/wr/a/eph"):
        create(name, b"", 1)
    for path in ("/", "/wr", "/wr/a", "/zookeeper", "/missing", ""):
        ask(104, s_str(path))
    for prefix in ("", "/", " / ", "/wr", "/we", "/nothing"):
        ask(103, s_str(prefix))
    ask(22, mh(4) + s_str("/wr/a") + b"\0" + mh(8) + s_str("/wr") + b"\0" + mh(4) + s_str("/missing") + b"\0" +
        mh(8) + s_str("/missing") + b"\0" + mh(8) + s_str("/wr/a/b") + b"\0" + mh(-1, True))
    ask(22, mh(-1, True))
    ask(22, mh(4) + s_str("/wr") + b"\0" + mh(1) + s_str("/wr/new") + s_buf(b"") + acl_open() + struct.pack(">i", 0) +
        mh(4) + s_str("/wr/a") + b"\0" + mh(-1, True))
    ask(3, s_str("/wr/new") + b"\0")
    ask(4, s_str("/wr/a") + b"\1")  # a data watch on /wr/a
    for typ in (2, 1, 3, 7, 0):
        ask(17, s_str("/wr/a") + struct.pack(">i", typ))
    ask(18, s_str("/wr/a") + struct.pack(">i", 1))
    ask(18, s_str("/wr/a") + struct.pack(">i", 9))
    ask(18, s_str("/wr/a") + struct.pack(">i", 2))
    ask(17, s_str("/wr/a") + struct.pack(">i", 3))
    ask(18, s_str("/wr/a") + struct.pack(">i", 2))
    ask(106, s_str("/wr") + struct.pack(">i", 0))  # addWatch persistent: both tables
    ask(17, s_str("/wr") + struct.pack(">i", 1))
    ask(18, s_str("/wr") + struct.pack(">i", 3))
    ask(17, s_str("/wr") + struct.pack(">i", 3))
    ask(106, s_str("/wr") + struct.pack(">i", 1))  # addWatch persistent recursive: data table only
    ask(17, s_str("/wr") + struct.pack(">i", 1))
    ask(17, s_str("/wr") + struct.pack(">i", 2))
    ask(17, s_str("/wr/a") + struct.pack(">i", 2))
    ask(18, s_str("/wr") + struct.pack(">i", 2))
    # Another session watches /wr/a/b; this one has no watch there.
    c2, m2 = Conn(addr), Masker()
    if do_connect(c2, m2) is None:
        return
    exchange(c2, m2, req(1, 4, s_str("/wr/a/b") + b"\1"), 4)
    ask(17, s_str("/wr/a/b") + struct.pack(">i", 2))
    ask(18, s_str("/wr/a/b") + struct.pack(">i", 2))
    # The first session's multiRead with a watch, then a change fires it.
    ask(22, mh(4) + s_str("/wr") + b"\1" + mh(8) + s_str("/wr/a") + b"\1" + mh(-1, True))
    ask(5, s_str("/wr") + s_buf(b"new") + struct.pack(">i", -1))  # no event: multiRead sets no watch
    ask(2, s_str("/wr/a/eph") + struct.pack(">i", -1), replies=2)
    ask(103, s_str(""))
    # ACLs: /ws readable by alice's digest only; a session without it gets NOAUTH from
    # getAllChildrenNumber and from each multiRead op on /ws, not on its open child.
    exchange(c, m, auth("digest", b"alice:secret"), 100)
    ask(1, s_str("/ws") + s_buf(b"s") + acl_vec((ALL, "auth", "")) + struct.pack(">i", 0))
    ask(1, s_str("/ws/c") + s_buf(b"c") + acl_open() + struct.pack(">i", 0))
    ask(104, s_str("/ws"))
    exchange(c2, m2, req(2, 104, s_str("/ws")), 104)
    exchange(c2, m2, req(3, 104, s_str("/ws/c")), 104)
    exchange(c2, m2, req(4, 22, mh(4) + s_str("/ws") + b"\0" + mh(8) + s_str("/ws") + b"\0" +
                         mh(4) + s_str("/ws/c") + b"\0" + mh(4) + s_str("/missing") + b"\0" + mh(-1, True)), 22)


PROBES["reads"] = reads


if __name__ == "__main__":
    PROBES[sys.argv[2]](sys.argv[1])
