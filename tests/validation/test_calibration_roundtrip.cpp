// The round trip: simulate a centre with known parameters, write its contact trace as a call
// log, calibrate the log, and check that the 95% intervals cover the true values as often as
// they claim. Over R replications, N intervals of a kind should cover the truth in 95% of cases;
// each check allows 4 binomial standard errors below that, sqrt(0.95 * 0.05 / N), so that a
// correct estimator fails with probability below 1e-4 while a biased one (an interval that
// ignores censoring, say) fails at once.

#include <doctest/doctest.h>

#include <cmath>
#include <sstream>
#include <string>

#include "txsim/calibrate/calibration.hpp"
#include "txsim/calibrate/trace_writer.hpp"
#include "txsim/io/scenario_loader.hpp"
#include "txsim/model/simulate.hpp"

using namespace txsim;

namespace {

// Two types at about 100% load so that callers wait, abandon and balk. Headcount follows the
// offered load of each hour (2000 x profile share x 304 s mean handle time / 3600).
constexpr const char* kScenario = R"(
name: roundtrip
interval_minutes: 60
horizon: {days: 7, start_weekday: monday}
demand:
  daily_volume: 2000
  intraday_profile: [0, 0, 0, 0, 0, 0, 0, 0, 4, 7, 8, 8, 7, 6, 7, 8, 7, 6, 5, 4, 0, 0, 0, 0]
contact_types:
  billing:
    share: 0.6
    handle_time: {distribution: lognormal, mean_s: 240, cv: 0.8}
    patience: {distribution: exponential, mean_s: 120}
    balk_probability: 0.05
  tech:
    share: 0.4
    handle_time: {distribution: lognormal, mean_s: 400, cv: 1.1}
    patience: {distribution: weibull, mean_s: 200, shape: 1.5}
    balk_probability: 0.1
agents:
  groups:
    all:
      headcount: [0, 0, 0, 0, 0, 0, 0, 0, 9, 15, 17, 17, 15, 13, 15, 17, 15, 13, 11, 9, 0, 0, 0, 0]
)";

struct Coverage {
  int covered = 0, total = 0;
  void add(bool inside) {
    covered += inside ? 1 : 0;
    ++total;
  }
  [[nodiscard]] double rate() const { return static_cast<double>(covered) / total; }
  [[nodiscard]] double floor() const { return 0.95 - 4.0 * std::sqrt(0.95 * 0.05 / total); }
};

bool inside(double truth, double lo, double hi) { return lo <= truth && truth <= hi; }

}  // namespace

TEST_CASE("calibrating simulated traces recovers arrival rates, lognormal talk times, patience means and balk shares") {
  const model::ScenarioSpec spec = io::parse_scenario(kScenario, "roundtrip.yaml");
  const double profile_sum = 77.0;
  constexpr int kReplications = 40;
  Coverage arrivals, volume, handle_mu, handle_sigma, handle_mean, patience_mean, balk;
  int aic_picked_weibull_for_tech = 0;
  for (int r = 0; r < kReplications; ++r) {
    calibrate::TraceWriter trace(spec);
    model::RunControl control;
    control.trace = &trace;
    (void)model::simulate(spec, rng::RunSeed{2024, static_cast<std::uint64_t>(r)}, control);
    std::istringstream log_text(trace.text());
    const calibrate::CallLog log = calibrate::parse_call_log(log_text, "trace.csv");
    REQUIRE(log.problems.empty());
    const calibrate::Calibration c = calibrate::calibrate(log);

    for (const auto& cell : c.arrivals.cells) {
      const double truth = 2000.0 * spec.demand.intraday_profile[static_cast<std::size_t>(cell.interval)] / profile_sum;
      if (truth > 0) arrivals.add(inside(truth, cell.count.lo, cell.count.hi));
    }
    volume.add(inside(2000.0, c.arrivals.daily_volume.lo, c.arrivals.daily_volume.hi));

    REQUIRE(c.types.size() == 2);
    for (const auto& t : c.types) {
      const bool billing = t.name == "billing";
      const model::ContactTypeSpec& truth = spec.contact_types[billing ? 0 : 1];
      const double sigma = std::sqrt(std::log1p(truth.handle_time.cv * truth.handle_time.cv));
      const double mu = std::log(truth.handle_time.mean) - sigma * sigma / 2;
      REQUIRE(t.handle);
      handle_mu.add(std::abs(t.handle->mu - mu) <= 1.959964 * t.handle->mu_se);
      handle_sigma.add(std::abs(t.handle->sigma - sigma) <= 1.959964 * t.handle->sigma_se);
      handle_mean.add(inside(truth.handle_time.mean, t.handle->mean_lo, t.handle->mean_hi));
      // The fit of the true family: exponential for billing, Weibull for tech.
      REQUIRE(t.patience_fits.size() == 4);
      const auto& fit = t.patience_fits[billing ? 0 : 1];
      patience_mean.add(inside(truth.patience.mean, fit.mean_lo_s, fit.mean_hi_s));
      if (!billing && t.patience_fits[t.chosen_patience].model == stats::SurvivalModel::Weibull) ++aic_picked_weibull_for_tech;
      balk.add(inside(truth.balk_probability, t.balk_share.lo, t.balk_share.hi));
    }
  }
  MESSAGE("coverage of 95% intervals: arrival cells ", arrivals.rate(), " (", arrivals.total, "), daily volume ",
          volume.rate(), ", handle mu ", handle_mu.rate(), ", sigma ", handle_sigma.rate(), ", mean ", handle_mean.rate(),
          ", patience mean ", patience_mean.rate(), ", balk share ", balk.rate(), "; AIC chose the Weibull for tech in ",
          aic_picked_weibull_for_tech, " of ", kReplications);
  for (const Coverage* c : {&arrivals, &volume, &handle_mu, &handle_sigma, &handle_mean, &patience_mean, &balk}) {
    CHECK(c->rate() >= c->floor());
    // Intervals that are far too wide would cover everything: the arrival cells, where N is
    // large, show that they are not.
  }
  CHECK(arrivals.rate() <= 0.95 + 4.0 * std::sqrt(0.95 * 0.05 / arrivals.total));
}
