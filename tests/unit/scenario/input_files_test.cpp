// Input files: read_text_file bounds what it reads and names what went wrong (a directory,
// a missing file, a file over the limit, /dev/zero); a UTF-8 byte order mark is skipped;
// zoo.cfg warnings reach the caller of parse_scenario.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "scenario_test_util.h"
#include "sim/scenario/scenario_parser.h"
#include "sim/text/text_file.h"

namespace zk::sim {

TEST_CASE("read_text_file: a directory, a missing file, /dev/zero and a file over the limit are refused") {
  CHECK(read_text_file("/").error == "is a directory, not a file");
  CHECK(read_text_file("/no/such/file.zks").error == "cannot be read: No such file or directory");
  const FileText zero = read_text_file("/dev/zero");
  CHECK(zero.error == "is larger than 4194304 bytes, the limit for a scenario or zoo.cfg");
  CHECK(zero.text.empty());
  const std::string path = "input_files_test.tmp";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "cluster 3\n";
  }
  CHECK(read_text_file(path).text == "cluster 3\n");
  CHECK(read_text_file(path, 9).error == "is larger than 9 bytes, the limit for a scenario or zoo.cfg");
  CHECK(read_text_file(path, 10).ok());
  std::remove(path.c_str());
}

TEST_CASE("a UTF-8 byte order mark before the first command is skipped") {
  const ParseResult parsed = parse_scenario("\xEF\xBB\xBF" "cluster 3\nstart 1 2 3\n", "t.zks");
  REQUIRE_MESSAGE(parsed.ok(), parsed.error);
  CHECK(parsed.scenario.steps.size() == 1);
  // Anywhere else it is still a stray word.
  CHECK(parse_scenario("cluster 3\n\xEF\xBB\xBF" "start 1\n", "t.zks").error.rfind("t.zks:2: unknown command", 0) == 0);
}

TEST_CASE("zoo.cfg warnings come back with the parse result, with the zoo.cfg's FILE:LINE") {
  const FileReader reader = test::memory_reader(
      {{"conf/zoo.cfg", "tickTme=100\ninitLimit=10\nsyncLimit=5\nserver.1=a:1:2\nserver.2=b:1:2\nserver.3=c:1:2\n"}});
  const ParseResult parsed = parse_scenario("cluster config zoo.cfg\nstart 1 2 3\n", "conf/t.zks", reader);
  REQUIRE_MESSAGE(parsed.ok(), parsed.error);
  CHECK(parsed.warnings ==
        std::vector<std::string>{"conf/zoo.cfg:1: unknown zoo.cfg key 'tickTme' ignored (did you mean 'tickTime'?)"});
}

TEST_CASE("a zoo.cfg that cannot be read is named with the reason") {
  const FileReader reader = [](const std::string&) { return FileText::failed("is a directory, not a file"); };
  CHECK(parse_scenario("cluster config zoo.cfg\n", "t.zks", reader).error ==
        "t.zks:1: zoo.cfg 'zoo.cfg' is a directory, not a file");
}

}  // namespace zk::sim
