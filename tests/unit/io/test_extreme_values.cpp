// Values that validation once accepted and the simulation then crashed, hung or exhausted memory
// on: each is now a located error from the schema's ranges, before anything runs.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "txsim/io/scenario_loader.hpp"

namespace io = txsim::io;

namespace {

constexpr std::string_view kCentre = R"(name: t
horizon: {days: 2}
demand: {rate_per_hour: 100}
contact_types:
  calls: {handle_time: {distribution: exponential, mean_s: 200}}
agents:
  groups:
    all: {shifts: [{start_h: 0, length_h: 24, count: 10}]}
workforce: {}
policies: {p: {levers: {headcount_change: 0.1}}}
)";

// The one diagnostic of the scenario with `setting` applied, as printed.
std::string error_of(const std::string& key_path, const std::string& value) {
  const io::Override setting{key_path, value};
  try {
    (void)io::parse_study(kCentre, "t.yaml", std::span(&setting, 1));
  } catch (const io::ConfigError& e) {
    std::string text;
    for (const auto& d : e.diagnostics()) text += io::to_string(d) + "\n";
    return text;
  }
  return "loaded";
}

}  // namespace

TEST_CASE("distribution parameters whose moments or quantiles overflow are refused") {
  CHECK(error_of("contact_types.calls.handle_time", "{distribution: weibull, mean_s: 200, shape: 0.005}")
            .find("contact_types.calls.handle_time.shape: expected a number in [0.2, 20], found 0.005") != std::string::npos);
  CHECK(error_of("contact_types.calls.handle_time", "{distribution: lognormal, mean_s: 200, cv: 1e155}")
            .find("contact_types.calls.handle_time.cv: expected a number in (0, 5], found 1e+155") != std::string::npos);
  CHECK(error_of("agents.groups.all.handle_time_multiplier_cv", "1e300").find("expected a number in [0, 5]") !=
        std::string::npos);
  CHECK(error_of("contact_types.calls.handle_time.mean_s", "1e308").find("expected a number in (0, 10000000]") !=
        std::string::npos);
}

TEST_CASE("counts, horizons and delays that would exhaust memory or overflow an integer are refused") {
  CHECK(error_of("agents.groups.all.shifts[0].count", "2147483647").find("expected an integer in [0, 100000]") !=
        std::string::npos);
  CHECK(error_of("agents.groups.all.headcount", "[2000000000]").find("agents.groups.all.headcount[0]: expected an integer") !=
        std::string::npos);
  CHECK(error_of("policies.p.levers.headcount_change", "1e6").find("expected a number in (-1, 10]") != std::string::npos);
  CHECK(error_of("policies.p.levers.headcount_change", "1e300").find("expected a number in (-1, 10]") != std::string::npos);
  CHECK(error_of("horizon.days", "1e7").find("horizon.days: expected a number in (0, 36600]") != std::string::npos);
  CHECK(error_of("horizon.days", "1e300").find("horizon.days: expected a number in (0, 36600]") != std::string::npos);
  CHECK(error_of("workforce.hiring.lead_time_days", "1e15").find("expected a number in [0, 3650]") != std::string::npos);
  CHECK(error_of("workforce.hiring.training_days", "2147483647").find("expected a number in [0, 3650]") != std::string::npos);
  CHECK(error_of("interval_minutes", "0.001").find("interval_minutes: expected one of 15, 30, 60, found 0.001") !=
        std::string::npos);
}

TEST_CASE("a shift that works no weekday and names that are not UTF-8 are located errors") {
  CHECK(error_of("agents.groups.all.shifts[0].weekdays", "[]").find(
            "agents.groups.all.shifts[0].weekdays: expected at least one weekday, found none") != std::string::npos);
  CHECK(error_of("description", "caf\xE9").find("description: expected text in UTF-8") != std::string::npos);
  const std::string latin1 = std::string(kCentre).replace(std::string(kCentre).find("calls:"), 5, "caf\xE9");
  try {
    (void)io::parse_study(latin1, "t.yaml");
    FAIL("a Latin-1 name loaded");
  } catch (const io::ConfigError& e) {
    bool found = false;
    for (const auto& d : e.diagnostics()) found = found || d.message.find("UTF-8") != std::string::npos;
    CHECK(found);
  }
}
