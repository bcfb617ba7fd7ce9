#include <doctest/doctest.h>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "txsim/io/scenario_loader.hpp"
#include "txsim/io/schema.hpp"
#include "txsim/staffing/shift_schedule.hpp"

using txsim::staffing::coverage;
using txsim::staffing::schedule_shifts;
using txsim::staffing::ShiftPattern;

namespace {

// The least paid hours over every count vector up to the bound past which an extra agent on
// a pattern can only add cost (each interval it covers is then met by that pattern alone).
double enumerated_optimum(const std::vector<int>& required, double interval_minutes,
                          const std::vector<ShiftPattern>& patterns) {
  std::vector<std::vector<double>> cover;
  std::vector<int> bound;
  for (const auto& p : patterns) {
    cover.push_back(coverage(p, interval_minutes));
    int b = 0;
    for (std::size_t i = 0; i < required.size(); ++i)
      if (cover.back()[i] > 0.0) b = std::max(b, static_cast<int>(std::ceil(required[i] / cover.back()[i])));
    bound.push_back(b);
  }
  double best = std::numeric_limits<double>::infinity();
  std::vector<int> counts(patterns.size(), 0);
  while (true) {
    bool feasible = true;
    for (std::size_t i = 0; i < required.size() && feasible; ++i) {
      double covered = 0.0;
      for (std::size_t j = 0; j < patterns.size(); ++j) covered += counts[j] * cover[j][i];
      feasible = covered >= required[i] - 1e-9;
    }
    if (feasible) {
      double hours = 0.0;
      for (std::size_t j = 0; j < patterns.size(); ++j) hours += counts[j] * patterns[j].length_h;
      best = std::min(best, hours);
    }
    std::size_t j = 0;
    while (j < counts.size() && counts[j] == bound[j]) counts[j++] = 0;
    if (j == counts.size()) return best;
    ++counts[j];
  }
}

}  // namespace

TEST_CASE("coverage counts the minutes on shift and off break in each interval") {
  const ShiftPattern pattern{8.0, 8.0, {{2.0, 15.0}}};
  const auto c = coverage(pattern, 30.0);
  REQUIRE(c.size() == 48);
  CHECK(c[15] == 0.0);
  CHECK(c[16] == 1.0);
  CHECK(c[20] == 0.5);  // 10:00-10:30 holds the 15-minute break
  CHECK(c[31] == 1.0);
  CHECK(c[32] == 0.0);
  const auto late = coverage(ShiftPattern{8.25, 1.0, {}}, 30.0);
  CHECK(late[16] == 0.5);
  CHECK(late[17] == 1.0);
  CHECK(late[18] == 0.5);
}

TEST_CASE("a shift past midnight covers the first intervals of the day") {
  const auto c = coverage(ShiftPattern{22.0, 4.0, {}}, 60.0);
  for (int h = 0; h < 24; ++h) CHECK(c[static_cast<std::size_t>(h)] == ((h >= 22 || h < 2) ? 1.0 : 0.0));
}

TEST_CASE("the integer programme covers every interval and matches enumeration on small cases") {
  boost::random::mt19937 engine(20261201);
  boost::random::uniform_int_distribution<int> demand(0, 3);
  const std::vector<ShiftPattern> patterns{
      {6.0, 8.0, {{3.0, 30.0}}}, {9.0, 8.0, {{4.0, 60.0}}}, {12.0, 6.0, {}}, {16.0, 4.0, {{1.5, 15.0}}}};
  for (int trial = 0; trial < 25; ++trial) {
    CAPTURE(trial);
    std::vector<int> required(24, 0);
    for (int h = 7; h < 20; ++h) required[static_cast<std::size_t>(h)] = demand(engine);
    const auto schedule = schedule_shifts(required, 60.0, patterns);
    for (std::size_t i = 0; i < required.size(); ++i) {
      CHECK(schedule.covered[i] >= required[i] - 1e-9);
      CHECK(schedule.over_coverage[i] == doctest::Approx(schedule.covered[i] - required[i]));
    }
    CHECK(schedule.paid_hours == doctest::Approx(enumerated_optimum(required, 60.0, patterns)));
  }
}

TEST_CASE("a day without demand schedules nobody") {
  const auto schedule = schedule_shifts(std::vector<int>(24, 0), 60.0, {{8.0, 8.0, {}}});
  CHECK(schedule.agents_per_pattern == std::vector<int>{0});
  CHECK(schedule.paid_hours == 0.0);
}

TEST_CASE("an interval with demand that no pattern covers is refused, naming the interval") {
  std::vector<int> required(24, 0);
  required[3] = 2;
  CHECK_THROWS_WITH_AS(schedule_shifts(required, 60.0, {{8.0, 8.0, {}}}), doctest::Contains("03:00"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(schedule_shifts(required, 60.0, {{8.0, 8.0, {{7.9, 15.0}}}}), doctest::Contains("break"),
                       std::invalid_argument);
}

TEST_CASE("a shift schedule written into the scenario loads back with the coverage the integer programme chose") {
  const auto loaded = txsim::io::load_study(TXSIM_SOURCE_DIR "/scenarios/staffing/day_shifts.yaml");
  const auto& spec = loaded.study.centre;
  const auto patterns = txsim::staffing::shift_patterns(spec);
  std::vector<int> required(24, 0);
  const std::vector<int> peak{5, 7, 9, 9, 8, 7, 7, 8, 7, 6, 5, 3};
  for (std::size_t h = 0; h < peak.size(); ++h) required[8 + h] = peak[h];
  const auto schedule = schedule_shifts(required, spec.interval_minutes, patterns);

  auto study = loaded.study;
  study.centre = txsim::staffing::with_shift_schedule(spec, patterns, schedule.agents_per_pattern);
  const std::string yaml = txsim::io::to_yaml(study);
  const auto reloaded = txsim::io::parse_study(yaml, "staffed.yaml").study.centre;

  const auto& group = reloaded.agent_groups.front();
  CHECK(group.headcount.empty());
  std::vector<double> covered(24, 0.0);
  int agents = 0;
  for (const auto& shift : group.shifts) {
    CHECK(shift.count > 0);
    agents += shift.count;
    const auto cover = coverage(ShiftPattern{shift.start_h, shift.length_h, shift.breaks}, spec.interval_minutes);
    for (std::size_t i = 0; i < covered.size(); ++i) covered[i] += shift.count * cover[i];
  }
  int scheduled = 0;
  for (int count : schedule.agents_per_pattern) scheduled += count;
  CHECK(agents == scheduled);
  for (std::size_t i = 0; i < covered.size(); ++i) {
    CHECK(covered[i] == doctest::Approx(schedule.covered[i]).epsilon(1e-12));
    CHECK(covered[i] >= required[i] - 1e-9);
  }
}

TEST_CASE("staff --shifts takes the scenario's patterns only when they can cover the demand") {
  const auto loaded = txsim::io::load_study(TXSIM_SOURCE_DIR "/scenarios/staffing/day_shifts.yaml");
  auto spec = loaded.study.centre;
  const auto patterns = txsim::staffing::schedulable_shift_patterns(spec);
  CHECK(patterns.size() == 3);
  CHECK(patterns.size() == txsim::staffing::shift_patterns(spec).size());

  // 08:00-16:00 alone leaves the demand of 16:00-20:00 uncovered.
  spec.agent_groups.front().shifts.resize(1);
  CHECK_THROWS_WITH_AS(txsim::staffing::schedulable_shift_patterns(spec), doctest::Contains("16:00"),
                       std::invalid_argument);

  const auto headcount = txsim::io::load_study(TXSIM_SOURCE_DIR "/scenarios/validation/erlang_c_small.yaml");
  CHECK_THROWS_WITH_AS(txsim::staffing::schedulable_shift_patterns(headcount.study.centre),
                       doctest::Contains("staffs by headcount and has no shifts"), std::invalid_argument);
}
