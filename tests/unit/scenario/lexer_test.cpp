// The scenario lexer: words, quotes and escapes, comments, and line splitting.
#include <doctest/doctest.h>

#include "sim/scenario/scenario_lexer.h"

using zk::sim::lex_line;
using zk::sim::split_lines;
using zk::sim::Word;

TEST_CASE("lexer splits words at spaces and tabs and drops comments") {
  const auto lexed = lex_line("  start 1\t2   3 # the rest is ignored \"unbalanced");
  REQUIRE(lexed.ok());
  CHECK(lexed.words == std::vector<Word>{{"start", false}, {"1", false}, {"2", false}, {"3", false}});
  CHECK(lex_line("# only a comment").words.empty());
  CHECK(lex_line("").words.empty());
  CHECK(lex_line("a#b").words == std::vector<Word>{{"a", false}});
}

TEST_CASE("lexer reads quoted words with escapes") {
  const auto lexed = lex_line(R"(c set /a "hello world" "q\"b\\s\nn" "" "#not a comment")");
  REQUIRE(lexed.ok());
  CHECK(lexed.words == std::vector<Word>{{"c", false},
                                         {"set", false},
                                         {"/a", false},
                                         {"hello world", true},
                                         {"q\"b\\s\nn", true},
                                         {"", true},
                                         {"#not a comment", true}});
  CHECK(lex_line(R"("x"# comment)").words == std::vector<Word>{{"x", true}});
}

TEST_CASE("lexer errors: unterminated quote, bad escape, stray quote, control bytes") {
  CHECK(lex_line(R"(c set /a "abc)").error == R"(unterminated quote in '"abc')");
  CHECK(lex_line(R"(c set /a "abc\)").error == R"(unterminated quote in '"abc\')");
  CHECK(lex_line(R"(c set /a "a\tb")").error == R"(bad escape '\t' in quoted word (use \", \\ or \n))");
  CHECK(lex_line(R"(c set /a "ab"cd)").error == R"(text after closing quote in '"ab"cd')");
  CHECK(lex_line(R"(c set /a ab"cd" x)").error == R"(quote inside word 'ab"cd"' (quote the whole word))");
  CHECK(lex_line(std::string("kill \0 1", 8)).error == "control byte 0x00 at column 6 (scenario files are plain text)");
  CHECK(lex_line("kill 1\r2").error == "control byte 0x0d at column 7 (scenario files are plain text)");
}

TEST_CASE("split_lines handles CRLF, a missing final newline and empty input") {
  CHECK(split_lines("") == std::vector<std::string_view>{});
  CHECK(split_lines("a\r\nb\n\nc") == std::vector<std::string_view>{"a", "b", "", "c"});
  CHECK(split_lines("a\n") == std::vector<std::string_view>{"a"});
  CHECK(split_lines("\n\n") == std::vector<std::string_view>{"", ""});
}
