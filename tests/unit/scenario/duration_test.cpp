// Durations: units, the missing-unit error, overflow, ranges, canonical formatting.
#include <doctest/doctest.h>

#include "sim/text/duration.h"

using namespace zk::sim;

TEST_CASE("durations parse to microseconds in every unit") {
  CHECK(parse_duration_us("7us").duration_us == 7);
  CHECK(parse_duration_us("200ms").duration_us == 200'000);
  CHECK(parse_duration_us("2s").duration_us == 2'000'000);
  CHECK(parse_duration_us("3m").duration_us == 180'000'000);
  CHECK(parse_duration_us("0ms").duration_us == 0);
  CHECK(parse_duration_us("1000000s").duration_us == kDurationUsMax);
}

TEST_CASE("duration errors name the word") {
  CHECK(parse_duration_us("200").error == "missing unit in duration '200' (use us, ms, s or m)");
  CHECK(parse_duration_us("2h").error == "unknown unit 'h' in duration '2h' (use us, ms, s or m)");
  CHECK(parse_duration_us("ms").error ==
        "bad duration 'ms' (use a whole number and a unit: us, ms, s or m, e.g. 200ms)");
  CHECK(parse_duration_us("-5ms").error ==
        "bad duration '-5ms' (use a whole number and a unit: us, ms, s or m, e.g. 200ms)");
  CHECK(parse_duration_us("1.5s").error == "unknown unit '.5s' in duration '1.5s' (use us, ms, s or m)");
  CHECK(parse_duration_us("1000001s").error == "duration '1000001s' is too large (at most 1000000s)");
  CHECK(parse_duration_us("999999999999999999999m").error ==
        "duration '999999999999999999999m' is too large (at most 1000000s)");
  CHECK(parse_duration_us("").error ==
        "bad duration '' (use a whole number and a unit: us, ms, s or m, e.g. 200ms)");
}

TEST_CASE("duration ranges") {
  const auto range = parse_duration_range_us("1ms..5ms");
  CHECK(range.ok());
  CHECK(range.min_us == 1000);
  CHECK(range.max_us == 5000);
  const auto single = parse_duration_range_us("3ms");
  CHECK(single.min_us == 3000);
  CHECK(single.max_us == 3000);
  CHECK(parse_duration_range_us("5ms..1ms").error == "range '5ms..1ms' has its minimum above its maximum");
  CHECK(parse_duration_range_us("1ms..5").error == "missing unit in duration '5' (use us, ms, s or m)");
  CHECK(parse_duration_range_us("1ms..").error ==
        "bad duration '' (use a whole number and a unit: us, ms, s or m, e.g. 200ms)");
}

TEST_CASE("durations format in the largest exact unit") {
  CHECK(format_duration(0) == "0s");
  CHECK(format_duration(7) == "7us");
  CHECK(format_duration(1500) == "1500us");
  CHECK(format_duration(200'000) == "200ms");
  CHECK(format_duration(2'000'000) == "2s");
  CHECK(format_duration(120'000'000) == "2m");
  CHECK(format_duration(90'000'000) == "90s");
}
