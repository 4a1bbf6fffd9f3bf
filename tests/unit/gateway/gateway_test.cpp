// The live-mode gateway without sockets: session passwords as real ZooKeeper makes them,
// frame splitting with jute.maxbuffer, request decoding, reply bytes, and real-client bytes
// driven through a simulated ensemble (connect, create, watch, close, bad input).
#include <doctest/doctest.h>

#include <string>

#include "core/session_password.h"
#include "sim/gateway/four_letter_port.h"
#include "sim/gateway/frame_reader.h"
#include "sim/gateway/gateway.h"
#include "sim/gateway/reply_encoder.h"
#include "sim/gateway/request_decoder.h"
#include "tests/unit/gateway/wire_bytes.h"

using namespace zk;
using namespace zk::sim;
using namespace zk::sim::gateway;
using namespace zk::test_wire;

namespace {

std::string hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) out += digits[c >> 4], out += digits[c & 15];
  return out;
}

}  // namespace

TEST_CASE("session passwords are ZooKeeperServer.generatePasswd's bytes") {
  // Captured from a real ZooKeeper 3.8.0 (tools/live/wire_probe.py ... password).
  CHECK(hex(session_password(0x10000c8156a0004)) == "50c5d321c1a6561557712cbb41700db5");
  CHECK(session_password_matches(0x10000c8156a0004, session_password(0x10000c8156a0004)));
  CHECK_FALSE(session_password_matches(0x10000c8156a0004, std::string(16, '\1')));
  CHECK_FALSE(session_password_matches(0, session_password(0)));
}

TEST_CASE("frames split at any byte boundary - a length above jute.maxbuffer is a Len error") {
  FrameReader reader(0xfffff);
  const std::string two = framed("abc") + framed("");
  std::string frame;
  for (char c : two.substr(0, 5)) reader.feed(std::string(1, c));
  CHECK(reader.next(&frame) == FrameReader::Status::kNeedMore);
  reader.feed(two.substr(5));
  REQUIRE(reader.next(&frame) == FrameReader::Status::kFrame);
  CHECK(frame == "abc");
  REQUIRE(reader.next(&frame) == FrameReader::Status::kFrame);
  CHECK(frame.empty());
  CHECK(reader.next(&frame) == FrameReader::Status::kNeedMore);
  reader.feed(be32(0x100000));
  CHECK(reader.next(&frame) == FrameReader::Status::kBadLength);
  CHECK(reader.bad_length() == 0x100000);
  FrameReader negative(0xfffff);
  negative.feed(be32(-1));
  CHECK(negative.next(&frame) == FrameReader::Status::kBadLength);
}

TEST_CASE("requests decode into core's typed inputs - bad records name the byte offset") {
  const DecodedRequest create =
      decode_request(be32(7) + be32(opcode::kCreate2) + jstr("/a") + jstr("hi") + open_acl() + be32(1));
  REQUIRE(create.kind == DecodedRequest::Kind::kMessage);
  const auto& message = std::get<RequestMessage>(create.message);
  CHECK(message.cxid == 7);
  CHECK(std::get<CreateRequest>(message.request) == CreateRequest{"/a", "hi", CreateMode::kEphemeral, -1});
  const DecodedRequest truncated = decode_request(be32(8) + be32(opcode::kGetData) + be32(100) + "/x");
  CHECK(truncated.kind == DecodedRequest::Kind::kMalformed);
  CHECK(truncated.xid == 8);
  CHECK(truncated.error.find("at byte") != std::string::npos);
  CHECK(decode_request(be32(9) + be32(999)).kind == DecodedRequest::Kind::kUnknown);
  // SASL is a request 3.8 knows and zksim does not model: UNIMPLEMENTED, the connection stays.
  CHECK(decode_request(be32(9) + be32(opcode::kSasl) + be32(0)).kind == DecodedRequest::Kind::kUnsupported);
  CHECK(decode_request(be32(9) + be32(opcode::kGetAllChildrenNumber) + jstr("/")).kind ==
        DecodedRequest::Kind::kMessage);
  // ACLs and auth decode into core's requests (the create's ACL list included).
  const DecodedRequest get_acl = decode_request(be32(9) + be32(opcode::kGetAcl) + jstr("/p"));
  REQUIRE(get_acl.kind == DecodedRequest::Kind::kMessage);
  CHECK(std::get<GetAclRequest>(std::get<RequestMessage>(get_acl.message).request) == GetAclRequest{"/p"});
  const DecodedRequest set_acl = decode_request(be32(10) + be32(opcode::kSetAcl) + jstr("/p") + be32(1) + be32(3) +
                                                jstr("digest") + jstr("u:h") + be32(4));
  REQUIRE(set_acl.kind == DecodedRequest::Kind::kMessage);
  CHECK(std::get<SetAclRequest>(std::get<RequestMessage>(set_acl.message).request) ==
        SetAclRequest{"/p", {Acl{3, AuthId{"digest", "u:h"}}}, 4});
  const DecodedRequest auth = decode_request(be32(-4) + be32(opcode::kAuth) + be32(0) + jstr("digest") + jstr("u:p"));
  REQUIRE(auth.kind == DecodedRequest::Kind::kMessage);
  CHECK(std::get<zk::AuthPacket>(auth.message).scheme == "digest");
  CHECK(std::get<zk::AuthPacket>(auth.message).auth == "u:p");
  const DecodedRequest no_acl = decode_request(be32(11) + be32(opcode::kCreate) + jstr("/a") + jstr("") + be32(0) + be32(0));
  REQUIRE(no_acl.kind == DecodedRequest::Kind::kMessage);
  CHECK(std::get<CreateRequest>(std::get<RequestMessage>(no_acl.message).request).acl.empty());
  CHECK(decode_request(be32(12) + be32(opcode::kWhoAmI)).kind == DecodedRequest::Kind::kMessage);
  CHECK(decode_request("abc").kind == DecodedRequest::Kind::kMalformed);
}

TEST_CASE("reply bytes: header, error header alone, watch event with zxid -1, ping") {
  CHECK(hex(encode_header_only(5, 0x100000003, -101)) == "00000010" "00000005" "0000000100000003" "ffffff9b");
  CHECK(hex(encode_ping_reply(0x22)) == "00000010" "fffffffe" "0000000000000022" "00000000");
  CHECK(hex(encode_watch_event(WatchEventMessage{EventType::kNodeDataChanged, "/a", 0x99})) ==
        "0000001e" "ffffffff" "ffffffffffffffff" "00000000" "00000003" "00000003" "00000002" "2f61");
  ReplyMessage create;
  create.cxid = 1;
  create.zxid = 2;
  create.body.path = "/a";
  CHECK(hex(encode_reply(PendingRequest{1, opcode::kCreate, {}}, create)) ==
        "00000016" "00000001" "0000000000000002" "00000000" "00000002" "2f61");
  CHECK(hex(encode_connect_response(30000, 0x1234, std::string(16, '\x11'), true)) ==
        "00000025" "00000000" "00007530" "0000000000001234" "00000010" + std::string(32, '1') + "00");
}

namespace {

// A 3-server world with a serving leader and a gateway on it.
struct LiveWorld {
  World world{WorldConfig{}};
  Gateway gateway{world, GatewayConfig{}};
  explicit LiveWorld(GatewayConfig config = GatewayConfig{}) : gateway(world, std::move(config)) {
    for (ServerId id = 1; id <= 3; ++id) world.start(id);
    REQUIRE(world.run_until([](const World& w) { return converged(w, ConvergenceScope::kEveryLiveServer); }, 60'000'000));
  }
  // Runs the world a little and returns what the gateway has for the connection.
  std::string settle(uint64_t id, int64_t for_us = 200'000) {
    world.run_for(for_us);
    gateway.collect();
    std::string out = *gateway.output(id);
    gateway.output(id)->clear();
    return out;
  }
};

// The frames in bytes.
std::vector<std::string> frames(const std::string& bytes) {
  FrameReader reader(1 << 24);
  reader.feed(bytes);
  std::vector<std::string> out;
  std::string f;
  while (reader.next(&f) == FrameReader::Status::kFrame) out.push_back(f);
  return out;
}

}  // namespace

TEST_CASE("a real client's bytes: connect, create, watch, closeSession through the ensemble") {
  LiveWorld live;
  const ServerId follower = live.world.leader() == 1 ? 2 : 1;
  const uint64_t id = live.gateway.accept(follower, "127.0.0.1:5000");
  live.gateway.on_bytes(id, connect_frame(0, std::string(16, '\0')));
  const auto connected = frames(live.settle(id));
  REQUIRE(connected.size() == 1);
  REQUIRE(connected[0].size() == 37);  // ConnectResponse (36 bytes) and the readOnly byte, as real ZooKeeper
  const std::string session_bytes = connected[0].substr(8, 8);
  int64_t session = 0;
  for (unsigned char c : session_bytes) session = (session << 8) | c;
  CHECK(connected[0].substr(0, 8) == be32(0) + be32(30000));
  CHECK(connected[0].substr(16, 20) == jstr(session_password(session)));
  CHECK(connected[0].back() == '\0');
  live.gateway.on_bytes(id, framed(be32(1) + be32(opcode::kCreate) + jstr("/w") + jstr("d") + open_acl() + be32(0)));
  const auto created = frames(live.settle(id));
  REQUIRE(created.size() == 1);
  CHECK(created[0].substr(0, 4) == be32(1));
  CHECK(created[0].substr(12) == be32(0) + jstr("/w"));
  live.gateway.on_bytes(id, framed(be32(2) + be32(opcode::kExists) + jstr("/w") + std::string(1, '\1')));
  CHECK(frames(live.settle(id)).size() == 1);
  live.gateway.on_bytes(id, framed(be32(3) + be32(opcode::kDelete) + jstr("/w") + be32(-1)));
  const auto deleted = frames(live.settle(id));
  REQUIRE(deleted.size() == 2);  // the watch event first, then the reply
  CHECK(deleted[0] == be32(-1) + be64(-1) + be32(0) + be32(2) + be32(3) + jstr("/w"));
  CHECK(deleted[1].substr(0, 4) == be32(3));
  CHECK(deleted[1].size() == 16);
  live.gateway.on_bytes(id, framed(be32(4) + be32(opcode::kCloseSession)));
  const auto closed = frames(live.settle(id));
  REQUIRE(closed.size() == 1);
  CHECK(closed[0].substr(0, 4) == be32(4));
  CHECK(live.gateway.closing(id));
}

TEST_CASE("bad input: Len error, unknown opcode, wrong password close the connection as ZooKeeper does") {
  LiveWorld live;
  const uint64_t a = live.gateway.accept(1, "127.0.0.1:5001");
  live.gateway.on_bytes(a, connect_frame(0, std::string(16, '\0')));
  const auto connected = frames(live.settle(a));
  REQUIRE(connected.size() == 1);
  int64_t session = 0;
  for (unsigned char c : connected[0].substr(8, 8)) session = (session << 8) | c;
  live.gateway.on_bytes(a, be32(0x100000));
  CHECK(live.gateway.closing(a));

  const uint64_t b = live.gateway.accept(1, "127.0.0.1:5002");
  live.gateway.on_bytes(b, connect_frame(session, std::string(16, '\1')));
  const auto refused = frames(live.settle(b));
  REQUIRE(refused.size() == 1);
  CHECK(refused[0] == be32(0) + be32(0) + be64(0) + jstr(std::string(16, '\0')) + std::string(1, '\0'));
  CHECK(live.gateway.closing(b));

  const uint64_t c = live.gateway.accept(2, "127.0.0.1:5003");
  live.gateway.on_bytes(c, connect_frame(session, session_password(session)));
  REQUIRE(frames(live.settle(c)).size() == 1);
  CHECK_FALSE(live.gateway.closing(c));
  live.gateway.on_bytes(c, framed(be32(1) + be32(999)));
  CHECK(frames(*live.gateway.output(c)) == std::vector<std::string>{be32(1) + be64(-1) + be32(-6)});
  CHECK(live.gateway.closing(c));
}

TEST_CASE("a session moving to another server re-registers its watches: SetWatches behind the ConnectRequest") {
  // As the Java client's primeConnection: ConnectRequest and SetWatches leave together; the
  // server reads the SetWatches only once the session is set up (disableRecv), fires the
  // change the client missed, then answers with the header alone (xid -8).
  LiveWorld live;
  const ServerId leader = *live.world.leader();
  const ServerId first = leader == 1 ? 2 : 1;
  const ServerId second = 6 - leader - first;
  const uint64_t a = live.gateway.accept(first, "127.0.0.1:5010");
  live.gateway.on_bytes(a, connect_frame(0, std::string(16, '\0')));
  const auto connected = frames(live.settle(a));
  REQUIRE(connected.size() == 1);
  int64_t session = 0;
  for (unsigned char c : connected[0].substr(8, 8)) session = (session << 8) | c;
  live.gateway.on_bytes(a, framed(be32(1) + be32(opcode::kCreate) + jstr("/w") + jstr("d") + open_acl() + be32(0)));
  const auto created = frames(live.settle(a));
  REQUIRE(created.size() == 1);
  const std::string seen_zxid = created[0].substr(4, 8);
  live.gateway.on_client_closed(a);

  // Another session changes /w while the first one is away.
  const uint64_t other = live.gateway.accept(first, "127.0.0.1:5011");
  live.gateway.on_bytes(other, connect_frame(0, std::string(16, '\0')));
  REQUIRE(frames(live.settle(other)).size() == 1);
  live.gateway.on_bytes(other, framed(be32(1) + be32(opcode::kSetData) + jstr("/w") + jstr("e") + be32(-1)));
  REQUIRE(frames(live.settle(other)).size() == 1);

  const uint64_t b = live.gateway.accept(second, "127.0.0.1:5012");
  std::string set_watches = be32(-8) + be32(opcode::kSetWatches) + seen_zxid;
  set_watches += be32(1) + jstr("/w") + be32(0) + be32(0);  // data, exist, child watches
  live.gateway.on_bytes(b, connect_frame(session, session_password(session)) + framed(set_watches));
  // The SetWatches is read when the ConnectResponse goes out, so its answer comes a round later.
  std::string moved_bytes = live.settle(b);
  moved_bytes += live.settle(b);
  const auto moved = frames(moved_bytes);
  REQUIRE(moved.size() == 3);
  CHECK(moved[0].substr(8, 8) == be64(session));
  CHECK(moved[1] == be32(-1) + be64(-1) + be32(0) + be32(3) + be32(3) + jstr("/w"));  // NodeDataChanged
  CHECK(moved[2].substr(0, 4) == be32(-8));
  CHECK(moved[2].substr(12) == be32(0));
  CHECK(moved[2].size() == 16);
}

TEST_CASE("four-letter words on a client port: the whitelist, the answer, the asker listed, then the close") {
  // A real 3.8.0 started without 4lw.commands.whitelist answered srvr and refused every other
  // word with this line (tools/oracle, `echo mntr | nc`), ruok included.
  LiveWorld plain;
  const uint64_t refused = plain.gateway.accept(1, "127.0.0.1:6000");
  plain.gateway.on_bytes(refused, "mntr");
  CHECK(*plain.gateway.output(refused) == "mntr is not executed because it is not in the whitelist.\n");
  CHECK(plain.gateway.closing(refused));
  const uint64_t srvr = plain.gateway.accept(1, "127.0.0.1:6001");
  plain.gateway.on_bytes(srvr, "sr");
  CHECK(plain.gateway.output(srvr)->empty());  // two bytes are not a word yet
  plain.gateway.on_bytes(srvr, "vr");
  CHECK(plain.gateway.output(srvr)->rfind("Zookeeper version: ", 0) == 0);
  CHECK(plain.gateway.output(srvr)->find("\nConnections: 1\n") != std::string::npos);
  CHECK(plain.gateway.closing(srvr));

  GatewayConfig every;
  REQUIRE(parse_four_letter_whitelist("*", every.four_letter_whitelist).empty());
  LiveWorld live(every);
  const uint64_t session = live.gateway.accept(1, "127.0.0.1:6002");
  live.gateway.on_bytes(session, connect_frame(0, std::string(16, '\0')));
  REQUIRE(frames(live.settle(session)).size() == 1);
  const uint64_t stat = live.gateway.accept(1, "127.0.0.1:6003");
  live.gateway.on_bytes(stat, "stat");
  const std::string answer = *live.gateway.output(stat);
  CHECK(answer.find("Clients:\n /127.0.0.1:6002[1](queued=0,recved=0,sent=0)\n"
                    " /127.0.0.1:6003[0](queued=0,recved=1,sent=0)\n") != std::string::npos);
  CHECK(answer.find("\nConnections: 2\n") != std::string::npos);
  CHECK(live.gateway.closing(stat));
  const uint64_t ruok = live.gateway.accept(2, "127.0.0.1:6004");
  live.gateway.on_bytes(ruok, "ruok");
  CHECK(*live.gateway.output(ruok) == "imok");
  const uint64_t crst = live.gateway.accept(2, "127.0.0.1:6005");
  live.gateway.on_bytes(crst, "crst");
  CHECK(*live.gateway.output(crst) == "Connection stats reset.\n");
  const uint64_t hash = live.gateway.accept(2, "127.0.0.1:6006");
  live.gateway.on_bytes(hash, "hash");
  CHECK(live.gateway.output(hash)->empty());
  CHECK(live.gateway.closing(hash));
  CHECK(live.gateway.log().back() == "127.0.0.1:6006 -> S2: connection closed: four-letter word hash: not answered by zksim");
  // After a ConnectRequest the same four bytes are a length (here a Len error), not a word.
  live.gateway.on_bytes(session, "srvr");
  CHECK(live.gateway.closing(session));
  CHECK(live.gateway.output(session)->empty());
}

TEST_CASE("four-letter whitelist: * or known words - srvr always in it") {
  std::vector<std::string> list;
  CHECK(parse_four_letter_whitelist("stat, mntr", list).empty());
  CHECK(list == std::vector<std::string>{"mntr", "srvr", "stat"});
  CHECK(parse_four_letter_whitelist("", list).empty());
  CHECK(list == std::vector<std::string>{"srvr"});
  CHECK(parse_four_letter_whitelist("*", list).empty());
  CHECK(list.size() == 18);
  CHECK(parse_four_letter_whitelist("stat,mntrr", list) ==
        "unknown four-letter word 'mntrr' in the whitelist (* or a comma list of: conf cons crst dirs dump envi gtmk "
        "ruok stmk srst srvr stat wchc wchp wchs mntr isro hash)");
  CHECK(recognised_four_letter_word(0x73727672) == std::optional<std::string>("srvr"));
  CHECK_FALSE(recognised_four_letter_word(0x00000010).has_value());
}
