#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "sweep_texts.hpp"
#include "txsim/sweep/design.hpp"

using txsim::sweep::Design;
using txsim::testing::sweep_from;

namespace {

const std::string kHead = "scenario: validation/erlang_c_small.yaml\nmode: run\n";
const std::string kTwoFactors =
    "factors:\n"
    "  - path: contact_types.calls.handle_time.mean_s\n    distribution: {kind: uniform, lo: 40, hi: 80}\n"
    "  - path: demand.rate_per_hour\n    distribution: {kind: log_uniform, lo: 100, hi: 150}\n";

}  // namespace

TEST_CASE("a grid runs the last factor fastest") {
  const auto spec = sweep_from(txsim::testing::kSmallRunSweep);
  const Design design(spec);
  REQUIRE(design.size() == 9);
  CHECK(design.point(0)[0]->text == "3");
  CHECK(design.point(0)[1]->text == "50");
  CHECK(design.point(1)[1]->text == "60");
  CHECK(design.point(3)[0]->text == "4");
  CHECK(design.point(8)[1]->text == "70");
}

TEST_CASE("one at a time starts at the base and varies one factor per point") {
  const auto spec = sweep_from(kHead +
                               "design: one_at_a_time\nfactors:\n  - path: agents.groups.agents.headcount\n    values: [4, 5]\n"
                               "  - paths: [demand.rate_per_hour]\n    values: [100]\n");
  const Design design(spec);
  REQUIRE(design.size() == 4);
  CHECK_FALSE(design.point(0)[0].has_value());
  CHECK_FALSE(design.point(0)[1].has_value());
  CHECK(design.point(2)[0]->text == "5");
  CHECK_FALSE(design.point(2)[1].has_value());
  CHECK(design.point(3)[1]->text == "100");
  CHECK_FALSE(design.point(3)[0].has_value());
}

TEST_CASE("a Latin hypercube puts exactly one point in each stratum of each factor") {
  const auto spec = sweep_from(kHead + "design: latin_hypercube\nsamples: 50\nseed: 3\n" + kTwoFactors);
  const Design design(spec);
  for (std::size_t k = 0; k < 2; ++k) {
    std::set<int> strata;
    for (std::uint64_t i = 0; i < 50; ++i) strata.insert(static_cast<int>(design.unit_point(i)[k] * 50));
    CHECK(strata.size() == 50);
  }
}

TEST_CASE("scrambled Sobol points fill the square evenly and change with the seed") {
  const auto spec = sweep_from(kHead + "design: sobol\nsamples: 256\n" + kTwoFactors);
  const Design design(spec);
  // A (0, m, 2)-net in base 2: 256 points put 16 in each of the 16 x 16 ... here, 64 in each quadrant.
  std::array<int, 4> quadrant{};
  for (std::uint64_t i = 0; i < 255; ++i) {
    const auto u = design.unit_point(i);
    CHECK(u[0] > 0.0);
    CHECK(u[0] < 1.0);
    ++quadrant[static_cast<std::size_t>((u[0] < 0.5 ? 0 : 1) + (u[1] < 0.5 ? 0 : 2))];
  }
  for (const int n : quadrant) CHECK(std::abs(n - 64) <= 1);
  const auto other = sweep_from(kHead + "design: sobol\nsamples: 256\nseed: 2\n" + kTwoFactors);
  CHECK(Design(other).unit_point(0) != design.unit_point(0));
}

TEST_CASE("Saltelli blocks hold A, B and each A_B^(i) of the same row") {
  const auto spec = sweep_from(kHead + "design: saltelli\nsamples: 8\n" + kTwoFactors);
  const Design design(spec);
  REQUIRE(design.size() == 8 * 4);
  for (std::uint64_t row = 0; row < 8; ++row) {
    const auto a = design.unit_point(row * 4);
    const auto b = design.unit_point(row * 4 + 1);
    const auto ab0 = design.unit_point(row * 4 + 2);
    const auto ab1 = design.unit_point(row * 4 + 3);
    CHECK(design.saltelli_role(row * 4 + 3)->row == row);
    CHECK(design.saltelli_role(row * 4 + 3)->matrix == 3);
    CHECK(a != b);
    CHECK(ab0[0] == b[0]);
    CHECK(ab0[1] == a[1]);
    CHECK(ab1[0] == a[0]);
    CHECK(ab1[1] == b[1]);
  }
}

TEST_CASE("random points depend on the seed and the point index only") {
  const auto spec = sweep_from(kHead + "design: random\nsamples: 10\n" + kTwoFactors);
  const Design one(spec);
  const Design two(spec);
  CHECK(one.point(7)[0]->text == two.point(7)[0]->text);
  const double x = one.point(7)[0]->number;
  CHECK(x >= 40.0);
  CHECK(x <= 80.0);
}

TEST_CASE("tied factors write one value to every path of the base study") {
  const auto spec = sweep_from(kHead + "set: {horizon.arrivals: 100}\nfactors:\n"
                                       "  - paths: [contact_types.calls.handle_time.mean_s, interval_minutes]\n"
                                       "    values: [30]\n");
  const auto overrides = txsim::sweep::point_overrides(spec, Design(spec).point(0));
  REQUIRE(overrides.size() == 2);
  CHECK(overrides[0].key_path == "contact_types.calls.handle_time.mean_s");
  CHECK(overrides[0].value == "30");
  CHECK(overrides[1].key_path == "interval_minutes");
  CHECK(overrides[1].value == "30");
  const auto study = txsim::sweep::point_study(spec, Design(spec).point(0));
  CHECK(study.centre.interval_minutes == 30);
}
