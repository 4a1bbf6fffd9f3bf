// Cluster ring labels: placed outside their circle, clear of each other and of every circle,
// inside the view; one form for all (compact when a full one fits nowhere); left out when
// nothing fits.
#include <doctest/doctest.h>

#include <cmath>

#include "ui/ring_labels.h"

using namespace zk::ui;

namespace {

std::vector<RingLabelInput> ring(int n, float radius_px, ImVec2 center, ImVec2 full, ImVec2 compact) {
  std::vector<RingLabelInput> labels;
  for (int i = 0; i < n; ++i) {
    const float angle = -1.5707963f + 6.2831853f * static_cast<float>(i) / static_cast<float>(n);
    labels.push_back(RingLabelInput{ImVec2(center.x + radius_px * std::cos(angle), center.y + radius_px * std::sin(angle)),
                                    angle, full, compact});
  }
  return labels;
}

bool disjoint(const RingLabelPlace& a, const RingLabelPlace& b) {
  return a.max.x <= b.min.x || b.max.x <= a.min.x || a.max.y <= b.min.y || b.max.y <= a.min.y;
}

}  // namespace

TEST_CASE("Ring labels: three servers in a roomy view keep their full labels, outside their circles") {
  const auto labels = ring(3, 100.0f, ImVec2(300, 300), ImVec2(90, 51), ImVec2(95, 17));
  const auto places = place_ring_labels(labels, 30.0f, ImVec2(0, 0), ImVec2(600, 600));
  REQUIRE(places.size() == 3);
  for (const RingLabelPlace& place : places) CHECK(place.form == RingLabelForm::kFull);
  // The top server's label is above its circle.
  CHECK(places[0].max.y <= labels[0].center.y - 30.0f);
  CHECK(disjoint(places[0], places[1]));
  CHECK(disjoint(places[1], places[2]));
}

TEST_CASE("Ring labels: nine servers in the 1024x700 cluster view go compact, all shown, none overlapping") {
  // The geometry of the cluster tile at 1024x700 (a 459 x 258 canvas, a 60 px ring).
  const ImVec2 min(254, 180);
  const ImVec2 max(707, 420);
  const auto labels = ring(9, 62.0f, ImVec2(480, 306), ImVec2(122, 34), ImVec2(95, 17));
  const auto places = place_ring_labels(labels, 20.0f, min, max);
  for (size_t i = 0; i < places.size(); ++i) {
    INFO("S", i + 1);
    CHECK(places[i].form == RingLabelForm::kCompact);
    CHECK(places[i].min.x >= min.x);
    CHECK(places[i].max.y <= max.y);
    for (size_t j = 0; j < i; ++j) CHECK(disjoint(places[i], places[j]));
    for (const RingLabelInput& circle : labels) {
      const float x = std::fmax(places[i].min.x, std::fmin(circle.center.x, places[i].max.x));
      const float y = std::fmax(places[i].min.y, std::fmin(circle.center.y, places[i].max.y));
      CHECK(std::hypot(x - circle.center.x, y - circle.center.y) >= 20.0f);
    }
  }
}

TEST_CASE("Ring labels: a label with no room is left out, and a crowded label steps further out") {
  const auto labels = ring(2, 40.0f, ImVec2(100, 100), ImVec2(60, 34), ImVec2(50, 17));
  // The view ends just below the top circle: its label has nowhere to go but up, out of bounds.
  auto places = place_ring_labels(labels, 10.0f, ImVec2(0, 55), ImVec2(200, 200));
  CHECK(places[0].form == RingLabelForm::kNone);
  CHECK(places[1].form == RingLabelForm::kCompact);
  // Two servers side by side at the bottom: the second label cannot take the first one's
  // place and moves out below it.
  std::vector<RingLabelInput> pair = {RingLabelInput{ImVec2(100, 100), 1.5707963f, ImVec2(60, 17), ImVec2(40, 17)},
                                      RingLabelInput{ImVec2(104, 100), 1.5707963f, ImVec2(60, 17), ImVec2(40, 17)}};
  places = place_ring_labels(pair, 10.0f, ImVec2(0, 0), ImVec2(300, 300));
  REQUIRE(places[0].form == RingLabelForm::kFull);
  REQUIRE(places[1].form == RingLabelForm::kFull);
  CHECK(places[0].min.y == doctest::Approx(116.0f));
  CHECK(places[1].min.y >= places[0].max.y + 2.0f);
}
