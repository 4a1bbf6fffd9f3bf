// ACLs and authentication in core: the digest id (checked against values printed by real
// ZooKeeper 3.8.0's DigestAuthenticationProvider.main), the providers' isValid / matches,
// fixupACL, checkACL with the super id, getACL's redaction, the order of a connection's ids,
// zkCli's ACL text, and the write path: NOAUTH / INVALIDACL / BADVERSION from the
// PrepRequestProcessor, setACL's aversion, the ACL cache's reference counts and a snapshot
// keeping the lists.
#include <doctest/doctest.h>

#include "core/acl.h"
#include "core/digest_auth.h"
#include "core/snapshot.h"
#include "tests/unit/tree/tree_harness.h"

using namespace zk;
using zk::test::kSessionA;
using zk::test::TreeHarness;

namespace {

const AuthId kIpLocal{"ip", "127.0.0.1"};
const AuthId kAlice{"digest", "alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E="};
const AuthId kBob{"digest", "bob:ikIaKsbtGweaHnb/jKn7OHqbunM="};

Txn prepare_as(TreeHarness& h, const Request& request, const std::vector<AuthId>& auth) {
  h.time_ms += 1000;
  const Txn txn = h.prep.prepare(request, kSessionA, h.cxid++, h.next_zxid, h.time_ms, h.tree, auth);
  ++h.next_zxid;
  return txn;
}
ErrorCode write_as(TreeHarness& h, const Request& request, const std::vector<AuthId>& auth) {
  return h.commit(prepare_as(h, request, auth)).result.err;
}

}  // namespace

TEST_CASE("digest ids are those real ZooKeeper 3.8.0 generates") {
  // java -cp zookeeper.jar ...DigestAuthenticationProvider super:superpw alice:secret bob:pw nocolon
  CHECK(generate_digest("super:superpw") == "super:g9oN2HttPfn8MMWJZ2r45Np/LIA=");
  CHECK(generate_digest("alice:secret") == kAlice.id);
  CHECK(generate_digest("bob:pw") == kBob.id);
  CHECK(generate_digest("nocolon") == "nocolon:Ra+cHr2ZoHvBjtNArFGNGlVie4g=");
  // FIPS 180 test vectors, and base64 padding of 1 and 2 bytes.
  const std::array<uint8_t, 20> abc = sha1("abc");
  CHECK(base64_encode(std::string(abc.begin(), abc.end())) == "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=");
  const std::array<uint8_t, 20> two_blocks = sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
  CHECK(two_blocks[0] == 0x84);
  CHECK(two_blocks[19] == 0xf1);
  CHECK(base64_encode("a") == "YQ==");
  CHECK(base64_encode("ab") == "YWI=");
}

TEST_CASE("digest and ip ids are validated as the 3.8.0 providers do") {
  CHECK(digest_id_valid("u:h"));
  CHECK(digest_id_valid(":h"));
  CHECK(digest_id_valid("u:h:"));  // Java's split drops the trailing empty part
  CHECK_FALSE(digest_id_valid("u"));
  CHECK_FALSE(digest_id_valid("u:"));
  CHECK_FALSE(digest_id_valid("u:h:x"));
  CHECK_FALSE(digest_id_valid(""));
  CHECK_FALSE(digest_id_valid("::"));
  CHECK(ip_id_valid("10.0.0.1"));
  CHECK(ip_id_valid("10.0.0.0/8"));
  CHECK(ip_id_valid("+10.0.0.0/+8"));  // Integer.parseInt takes a sign
  CHECK_FALSE(ip_id_valid("10.0.0.300"));
  CHECK_FALSE(ip_id_valid("10.0.0"));
  CHECK_FALSE(ip_id_valid("10.0.0.1/33"));
  CHECK_FALSE(ip_id_valid("10.0.0.1/x"));
  CHECK(ip_matches("127.0.0.1", "127.0.0.0/8"));
  CHECK(ip_matches("10.1.2.3", "10.1.0.0/16"));
  CHECK_FALSE(ip_matches("10.2.2.3", "10.1.0.0/16"));
  CHECK(ip_matches("10.1.2.3", "0.0.0.0/0"));
  CHECK_FALSE(ip_matches("client-1000", "0.0.0.0/0"));
}

TEST_CASE("fixupACL: duplicates, INVALIDACL and the auth expansion") {
  AclList fixed;
  CHECK(fixup_acl({}, {kIpLocal}, &fixed) == ErrorCode::kInvalidAcl);
  CHECK(fixup_acl({Acl{31, {"world", "somebody"}}}, {kIpLocal}, &fixed) == ErrorCode::kInvalidAcl);
  CHECK(fixup_acl({Acl{31, {"foo", "x"}}}, {kIpLocal}, &fixed) == ErrorCode::kInvalidAcl);
  CHECK(fixup_acl({Acl{31, {"super", ""}}}, {kIpLocal}, &fixed) == ErrorCode::kInvalidAcl);
  // `auth` needs an authenticated id: ip ids are not.
  CHECK(fixup_acl({Acl{31, {"auth", ""}}}, {kIpLocal}, &fixed) == ErrorCode::kInvalidAcl);
  REQUIRE(fixup_acl({Acl{31, {"auth", ""}}, Acl{31, {"auth", ""}}, Acl{1, {"world", "anyone"}}},
                    {kAlice, kIpLocal, kBob}, &fixed) == ErrorCode::kOk);
  CHECK(fixed == AclList{Acl{31, kAlice}, Acl{31, kBob}, Acl{1, {"world", "anyone"}}});
}

TEST_CASE("checkACL: a permission bit, world:anyone, matching ids, super, the empty list") {
  const AclList acl{Acl{perms::kRead, {"world", "anyone"}}, Acl{perms::kAll, kBob},
                    Acl{perms::kCreate, {"ip", "127.0.0.0/8"}}};
  CHECK(check_acl(acl, perms::kRead, {}));
  CHECK_FALSE(check_acl(acl, perms::kWrite, {kIpLocal, kAlice}));
  CHECK(check_acl(acl, perms::kWrite, {kIpLocal, kBob}));
  CHECK(check_acl(acl, perms::kCreate, {kIpLocal}));
  CHECK(check_acl(acl, perms::kAdmin, {AuthId{"super", ""}}));
  CHECK(check_acl({}, perms::kAdmin, {}));
  CHECK(redact_digests(acl)[1].id.id == "bob:x");
  CHECK(redact_digests(acl)[0] == acl[0]);
}

TEST_CASE("a connection's ids come in ZooKeeper's ConcurrentHashMap order") {
  // What whoAmI answered on a real 3.8.0 (tests/live/wire_acl.expected).
  CHECK(auth_info_order({kIpLocal, kAlice}) == std::vector<AuthId>{kAlice, kIpLocal});
  const AuthId super_digest{"digest", "super:g9oN2HttPfn8MMWJZ2r45Np/LIA="};
  CHECK(auth_info_order({kIpLocal, AuthId{"super", ""}, super_digest}) ==
        std::vector<AuthId>{super_digest, AuthId{"super", ""}, kIpLocal});
  CHECK(client_infos({kAlice, AuthId{"super", ""}, kIpLocal}) ==
        std::vector<ClientInfo>{{"digest", "alice"}, {"super", ""}, {"ip", "127.0.0.1"}});
}

TEST_CASE("zkCli's ACL text") {
  AclList acl;
  std::string error;
  REQUIRE(parse_acl_text("world:anyone:cdrwa,digest:bob:ikIaKsbtGweaHnb/jKn7OHqbunM=:ra,ip:10.0.0.0/8:c", &acl, &error));
  CHECK(acl == AclList{Acl{31, {"world", "anyone"}}, Acl{perms::kRead | perms::kAdmin, kBob},
                       Acl{perms::kCreate, {"ip", "10.0.0.0/8"}}});
  CHECK(acl_list_text(acl) == "world:anyone:cdrwa,digest:bob:ikIaKsbtGweaHnb/jKn7OHqbunM=:ra,ip:10.0.0.0/8:c");
  CHECK(perms_text(perms::kAll) == "cdrwa");
  CHECK_FALSE(parse_acl_text("world:anyone", &acl, &error));
  CHECK(error == "ACL 'world:anyone' does not have the form scheme:id:perm");
  CHECK_FALSE(parse_acl_text("world:anyone:rx", &acl, &error));
  CHECK(error == "ACL 'world:anyone:rx': unknown perm 'x' (perms are of cdrwa)");
  CHECK_FALSE(parse_acl_text("", &acl, &error));
}

TEST_CASE("writes check CREATE, DELETE, WRITE, ADMIN and READ as 3.8.0's PrepRequestProcessor") {
  TreeHarness h;
  h.connect(kSessionA);
  const std::vector<AuthId> alice{kAlice, kIpLocal};
  const std::vector<AuthId> nobody{kIpLocal};
  REQUIRE(write_as(h, CreateRequest{"/p", "", CreateMode::kPersistent, -1, {Acl{31, {"auth", ""}}}}, alice) ==
          ErrorCode::kOk);
  CHECK(h.tree.get_acl("/p").acl == AclList{Acl{31, kAlice}});
  CHECK(write_as(h, CreateRequest{"/p/c", "", CreateMode::kPersistent, -1, open_acl_unsafe()}, nobody) ==
        ErrorCode::kNoAuth);
  CHECK(write_as(h, SetDataRequest{"/p", "x", -1}, nobody) == ErrorCode::kNoAuth);
  CHECK(write_as(h, CheckRequest{"/p", -1}, nobody) == ErrorCode::kNoAuth);
  CHECK(write_as(h, SetAclRequest{"/p", open_acl_unsafe(), -1}, nobody) == ErrorCode::kNoAuth);
  // INVALIDACL comes before NONODE (fixupACL first), NONODE before NOAUTH.
  CHECK(write_as(h, CreateRequest{"/none/c", "", CreateMode::kPersistent, -1, {}}, nobody) == ErrorCode::kInvalidAcl);
  CHECK(write_as(h, CreateRequest{"/none/c", "", CreateMode::kPersistent, -1, open_acl_unsafe()}, nobody) ==
        ErrorCode::kNoNode);
  REQUIRE(write_as(h, CreateRequest{"/p/c", "", CreateMode::kPersistent, -1, open_acl_unsafe()}, alice) ==
          ErrorCode::kOk);
  CHECK(write_as(h, DeleteRequest{"/p/c", -1}, nobody) == ErrorCode::kNoAuth);
  CHECK(write_as(h, DeleteRequest{"/p/c", -1}, {AuthId{"super", ""}}) == ErrorCode::kOk);
  // setACL: BADVERSION against aversion, which it bumps; the txn carries the new version.
  CHECK(write_as(h, SetAclRequest{"/p", open_acl_unsafe(), 3}, alice) == ErrorCode::kBadVersion);
  const Txn set = prepare_as(h, SetAclRequest{"/p", read_acl_unsafe(), 0}, alice);
  CHECK(set.body == TxnBody{SetAclTxn{"/p", read_acl_unsafe(), 1}});
  CHECK(h.commit(set).result.stat.aversion == 1);
  CHECK(h.stat("/p").aversion == 1);
  CHECK(write_as(h, SetAclRequest{"/p", open_acl_unsafe(), 0}, alice) == ErrorCode::kNoAuth);  // no ADMIN now
  // A pending setACL is seen by the next request before it is applied.
  const Txn open = prepare_as(h, SetAclRequest{"/p", open_acl_unsafe(), 1}, {AuthId{"super", ""}});
  CHECK(prepare_as(h, SetDataRequest{"/p", "y", -1}, nobody).header.type == OpCode::kSetData);
  (void)open;
}

TEST_CASE("the ACL cache counts nodes per list - a snapshot keeps lists and keys") {
  TreeHarness h;
  h.connect(kSessionA);
  CHECK(h.tree.acl_cache().size() == 1);  // READ_ACL_UNSAFE of /zookeeper/config, key 1
  CHECK(h.tree.acl_key("/") == AclCache::kOpenUnsafeKey);
  CHECK(h.tree.get_acl("/zookeeper/config").acl == read_acl_unsafe());
  CHECK(h.tree.get_acl("/zookeeper/config").stat.aversion == -1);
  h.create("/a");
  h.create("/b");
  CHECK(h.tree.acl_key("/a") == 2);  // a client's world:anyone:cdrwa gets a key of its own
  CHECK(h.tree.acl_key("/b") == 2);
  CHECK(h.tree.acl_cache().usage(2) == 2);
  h.write(DeleteRequest{"/a", -1});
  h.write(DeleteRequest{"/b", -1});
  CHECK(h.tree.acl_cache().size() == 1);
  h.create("/c");
  CHECK(h.tree.acl_key("/c") == 3);  // keys are never reused
  const std::vector<AuthId> alice{kAlice};
  REQUIRE(write_as(h, CreateRequest{"/d", "", CreateMode::kPersistent, -1, {Acl{31, {"auth", ""}}}}, alice) ==
          ErrorCode::kOk);
  std::string error;
  const std::optional<DataTree> copy = load_snapshot(serialize_snapshot(h.tree), &error);
  REQUIRE(copy.has_value());
  CHECK(*copy == h.tree);
  CHECK(copy->acl_key("/d") == h.tree.acl_key("/d"));
  CHECK(copy->get_acl("/d").acl == AclList{Acl{31, kAlice}});
  CHECK(copy->check_invariants() == std::nullopt);
}
