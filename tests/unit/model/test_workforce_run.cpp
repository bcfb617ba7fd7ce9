// Employee dynamics inside whole runs: accounting identities, directions and common random numbers.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>

#include "scenario_builders.hpp"
#include "txsim/model/kpi.hpp"
#include "txsim/model/simulate.hpp"

using txsim::model::ExKpi;
using txsim::model::RunResult;
using txsim::model::ScenarioSpec;
using txsim::model::WorkforceCounters;
using txsim::testing::workforce_centre;

namespace {

WorkforceCounters sum_days(const RunResult& r) {
  WorkforceCounters sum;
  for (const auto& d : r.workforce_days) sum += d;
  return sum;
}

double ex(const RunResult& r, ExKpi k) { return txsim::model::compute_ex_kpis(sum_days(r))[static_cast<std::size_t>(k)]; }

// Mean over seeds of an employee KPI.
template <class Setup>
double mean_ex(ExKpi k, int seeds, Setup setup) {
  double sum = 0.0;
  for (int s = 1; s <= seeds; ++s) sum += ex(txsim::model::simulate(setup(), {static_cast<std::uint64_t>(s), 0}), k);
  return sum / seeds;
}

}  // namespace

TEST_CASE("every requisition ends as a start, a no-show or a hire still in the pipeline") {
  ScenarioSpec spec = workforce_centre(60, 3000, 240);
  spec.workforce->attrition.annual_rate = 0.5;
  spec.workforce->hiring.no_show_probability = 0.3;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    CAPTURE(seed);
    const RunResult r = txsim::model::simulate(spec, {seed, 0});
    const WorkforceCounters c = sum_days(r);
    CHECK(c.quits > 10);
    CHECK(c.no_shows > 0);
    CHECK(c.requisitions == c.starts + c.no_shows + r.requisitions_open_at_end);
    // Agents: initial ones plus starts; leavers are those with an exit day.
    std::uint64_t initial = 0, left = 0;
    for (const auto& a : r.agents) {
      initial += a.initial ? 1 : 0;
      left += a.exit_day >= 0 ? 1 : 0;
    }
    CHECK(initial == 60);
    CHECK(r.agents.size() == initial + c.starts);
    CHECK(left == c.quits);
    for (const auto& d : r.workforce_days) {
      CHECK(d.employed >= 0.0);
      CHECK(d.employed <= 60.0);
      CHECK(d.on_phones + d.in_training == d.employed);
      CHECK(d.absent <= d.scheduled);
    }
  }
}

TEST_CASE("busier days leave agents more fatigued") {
  const auto calm = mean_ex(ExKpi::FatigueMean, 3, [] { return workforce_centre(40, 1500, 28); });
  const auto busy = mean_ex(ExKpi::FatigueMean, 3, [] { return workforce_centre(40, 3600, 28); });
  CHECK(busy > calm * 1.2);
}

TEST_CASE("fewer breaks leave agents more fatigued") {
  const auto with_breaks = mean_ex(ExKpi::FatigueMean, 3, [] { return workforce_centre(40, 3000, 28); });
  const auto without = mean_ex(ExKpi::FatigueMean, 3, [] {
    auto spec = workforce_centre(40, 3000, 28);
    spec.agent_groups[0].shifts[0].breaks.clear();
    return spec;
  });
  CHECK(without > with_breaks);
}

TEST_CASE("harder contacts (higher emotional load) leave agents more fatigued") {
  const auto light = mean_ex(ExKpi::FatigueMean, 3, [] { return workforce_centre(40, 3000, 28); });
  const auto hard = mean_ex(ExKpi::FatigueMean, 3, [] {
    auto spec = workforce_centre(40, 3000, 28);
    spec.contact_types[0].emotional_load = 1.8;
    return spec;
  });
  CHECK(hard > light);
}

TEST_CASE("more strain gives more absence and more attrition") {
  const auto scenario = [](double strain_per_fatigue) {
    auto spec = workforce_centre(80, 5000, 180);
    spec.workforce->strain.per_residual_fatigue = strain_per_fatigue;
    spec.workforce->strain.burnout_threshold = 0.5;
    return spec;
  };
  const auto low = [&] { return scenario(0.05); };
  const auto high = [&] { return scenario(1.0); };
  CHECK(mean_ex(ExKpi::StrainMean, 3, high) > 2 * mean_ex(ExKpi::StrainMean, 3, low));
  CHECK(mean_ex(ExKpi::AbsenceRate, 3, high) > mean_ex(ExKpi::AbsenceRate, 3, low));
  CHECK(mean_ex(ExKpi::Quits, 3, high) > mean_ex(ExKpi::Quits, 3, low));
}

TEST_CASE("new hires are slower: the learning curve raises handle time, and switching it off removes that") {
  auto spec = workforce_centre(40, 2000, 60);
  spec.workforce->steady_state_initial_tenure = false;
  spec.workforce->initial_tenure_days = 28;  // everyone just out of training
  const auto aht = [](const RunResult& r) { return r.total().handle_s / static_cast<double>(r.total().answered); };
  const double novices = aht(txsim::model::simulate(spec, {1, 0}));
  spec.workforce->learning.initial_handle_time_multiplier = 1.0;
  const double proficient = aht(txsim::model::simulate(spec, {1, 0}));
  CHECK(novices > proficient * 1.15);
}

TEST_CASE("trainees are paid but take no calls") {
  auto spec = workforce_centre(20, 1000, 10);
  spec.workforce->steady_state_initial_tenure = false;
  spec.workforce->initial_tenure_days = 0;  // all in training for 28 days
  const RunResult r = txsim::model::simulate(spec, {1, 0});
  CHECK(r.total().answered == 0);
  const WorkforceCounters c = sum_days(r);
  CHECK(c.in_training == doctest::Approx(20.0 * 10));
  // Ten days from a Monday hold eight weekdays: training is paid Monday to Friday.
  CHECK(c.training_hours == doctest::Approx(20.0 * 8 * spec.workforce->costs.training_hours_per_day));
  CHECK(c.wage_cost == doctest::Approx(c.training_hours * spec.workforce->costs.wage_per_hour));
}

TEST_CASE("absent agents do not log on: staffed time falls by the absent share") {
  auto spec = workforce_centre(100, 1000, 30);
  spec.workforce->absence.daily_probability = 0.3;
  spec.workforce->effects.absence_strain_coefficient = 0.0;
  spec.workforce->attrition.annual_rate = 0.0;
  spec.workforce->attrition.early_annual_rate = 0.0;
  spec.workforce->steady_state_initial_tenure = false;
  const RunResult r = txsim::model::simulate(spec, {4, 0});
  const WorkforceCounters c = sum_days(r);
  const double present_share = 1.0 - c.absent / c.scheduled;
  // Shifts are 8 h and nobody overruns much: staffed hours = present agent-days x 8 h (+ overruns).
  const double staffed_h = r.total().staffed_agent_s / 3600.0;
  CHECK(staffed_h >= 0.999 * c.scheduled * present_share * 8.0);
  CHECK(staffed_h <= c.scheduled * present_share * 8.0 + c.overtime_hours + 1e-6);
  CHECK(present_share == doctest::Approx(0.7).epsilon(0.05));
}

TEST_CASE("an employee-dynamics run is bit-identical for the same seed") {
  const auto spec = workforce_centre(50, 3000, 120);
  const RunResult a = txsim::model::simulate(spec, {9, 1});
  const RunResult b = txsim::model::simulate(spec, {9, 1});
  REQUIRE(a.agents.size() == b.agents.size());
  CHECK(std::memcmp(a.workforce_days.data(), b.workforce_days.data(), a.workforce_days.size() * sizeof(WorkforceCounters)) == 0);
  for (std::size_t i = 0; i < a.agents.size(); ++i) {
    CHECK(a.agents[i].exit_day == b.agents[i].exit_day);
    CHECK(a.agents[i].fatigue_integral == b.agents[i].fatigue_integral);
  }
}

TEST_CASE("common random numbers: the same agents fall ill on the same days whatever the volume") {
  auto spec = workforce_centre(50, 1000, 90);
  spec.workforce->effects.absence_strain_coefficient = 0.0;
  spec.workforce->effects.attrition_strain_coefficient = 0.0;
  const RunResult calm = txsim::model::simulate(spec, {5, 0});
  spec.demand.daily_volume = 4000;
  const RunResult busy = txsim::model::simulate(spec, {5, 0});
  for (std::size_t i = 0; i < 50; ++i) {
    CAPTURE(i);
    CHECK(calm.agents[i].hire_day == busy.agents[i].hire_day);  // initial tenure
    CHECK(calm.agents[i].exit_day == busy.agents[i].exit_day);  // quits (no strain effect)
    CHECK(calm.agents[i].days_absent == busy.agents[i].days_absent);
  }
  // ...while the workload they met did differ.
  CHECK(busy.agents[0].contacts_handled > calm.agents[0].contacts_handled);
}
