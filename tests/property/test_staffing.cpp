// Staffing by simulation: exact on the classical queues, monotone in demand and in targets.
// Each search runs 10 replications of 20 000 arrivals per staffing tried, with common random
// numbers; the targets below sit at least 0.019 from the exact service level of the minimum
// and of one agent fewer, several times the one-sided bound's half-width (about 0.005 here).

#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

#include "scenario_files.hpp"
#include "txsim/analytic/staffing.hpp"
#include "txsim/staffing/search.hpp"

using txsim::analytic::QueueModel;
using txsim::staffing::parse_target;
using txsim::staffing::Scope;
using txsim::staffing::search_staffing;
using txsim::staffing::SearchOptions;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

SearchOptions options_for(std::vector<std::string> targets, Scope scope = Scope::Horizon) {
  SearchOptions options;
  for (const auto& t : targets) options.targets.push_back(parse_target(t));
  options.scope = scope;
  options.replications = 10;
  options.threads = 2;
  return options;
}

txsim::model::ScenarioSpec bundled(const std::string& file, std::vector<txsim::io::Override> extra = {}) {
  extra.push_back({"horizon.arrivals", "20000"});
  return txsim::testing::load_bundled("validation/" + file, extra);
}

int single_headcount(const txsim::staffing::StaffingPlan& plan) {
  for (int a : plan.agents) REQUIRE(a == plan.agents.front());
  return plan.agents.front();
}

}  // namespace

TEST_CASE("on M/M/c with constant demand staff returns the exact Erlang C minimum") {
  const auto small = search_staffing(bundled("erlang_c_small.yaml"), options_for({"service_level>=0.8"}));
  CHECK(single_headcount(small) ==
        txsim::analytic::agents_for_service_level(QueueModel::ErlangC, 144 / 3600.0, 60, kInf, 20, 0.8));
  const auto medium = search_staffing(bundled("erlang_c_medium.yaml"), options_for({"service_level>=0.75"}));
  CHECK(single_headcount(medium) ==
        txsim::analytic::agents_for_service_level(QueueModel::ErlangC, 1080 / 3600.0, 120, kInf, 20, 0.75));
}

TEST_CASE("on M/M/c+M with constant demand staff returns the exact Erlang A minimum for both targets") {
  const auto plan = search_staffing(bundled("erlang_a_small.yaml"),
                                    options_for({"service_level>=0.8", "abandon_rate<=0.05"}));
  const double rate = 144 / 3600.0;
  const int exact = std::max(txsim::analytic::agents_for_service_level(QueueModel::ErlangA, rate, 60, 60, 20, 0.8),
                             txsim::analytic::agents_for_abandon_rate(QueueModel::ErlangA, rate, 60, 60, 0.05));
  CHECK(single_headcount(plan) == exact);
  const auto medium = search_staffing(bundled("erlang_a_medium.yaml"), options_for({"abandon_rate<=0.05"}));
  CHECK(single_headcount(medium) ==
        txsim::analytic::agents_for_abandon_rate(QueueModel::ErlangA, 990 / 3600.0, 120, 120, 0.05));
}

TEST_CASE("more demand never lowers the requirement and a looser target never raises it") {
  int previous = 0;
  for (const char* rate : {"100", "144", "200", "260"}) {
    CAPTURE(rate);
    const int agents = single_headcount(
        search_staffing(bundled("erlang_a_small.yaml", {{"demand.rate_per_hour", rate}}),
                        options_for({"service_level>=0.8"})));
    CHECK(agents >= previous);
    previous = agents;
  }
  previous = std::numeric_limits<int>::max();
  for (const char* target : {"service_level>=0.9", "service_level>=0.8", "service_level>=0.6", "service_level>=0.4"}) {
    CAPTURE(target);
    const int agents = single_headcount(search_staffing(bundled("erlang_a_small.yaml"), options_for({target})));
    CHECK(agents <= previous);
    previous = agents;
  }
}

TEST_CASE("per interval, more demand never lowers any interval's requirement") {
  const std::vector<txsim::io::Override> profiled{
      {"demand.rate_per_hour", "null"},
      {"demand.intraday_profile", "[0,0,0,0,0,0,0,0,1,2,4,3,2,2,1,1,0,0,0,0,0,0,0,0]"},
      {"horizon.arrivals", "null"},
      {"horizon.days", "10"},
      {"horizon.warmup_hours", "0"}};
  auto low = profiled;
  low.push_back({"demand.daily_volume", "800"});
  auto high = profiled;
  high.push_back({"demand.daily_volume", "1000"});
  const auto options = options_for({"service_level>=0.8"}, Scope::Interval);
  const auto low_plan = search_staffing(txsim::testing::load_bundled("validation/erlang_a_small.yaml", low), options);
  const auto high_plan = search_staffing(txsim::testing::load_bundled("validation/erlang_a_small.yaml", high), options);
  for (std::size_t i = 0; i < low_plan.agents.size(); ++i) {
    CAPTURE(i);
    CHECK(high_plan.agents[i] >= low_plan.agents[i]);
  }
  CHECK(high_plan.agent_hours_per_day > low_plan.agent_hours_per_day);
}
