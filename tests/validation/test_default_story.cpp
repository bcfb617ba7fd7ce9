// The bundled story's directions hold over many seeds: over a third of a year and 10
// replications (10 seeds, common random numbers across policies), the silo productivity push
// leaves agents worse off and resolves fewer issues at the first contact, and the unified policy
// dominates the baseline. Each direction is asserted on a paired 95% CI that excludes zero.
// docs/SENSITIVITY.md shows where, away from these defaults, the verdicts flip.

#include <doctest/doctest.h>

#include "scenario_files.hpp"
#include "txsim/experiment/comparison.hpp"

using txsim::experiment::Variant;
using txsim::model::Kpi;

namespace {

const Variant& variant(const txsim::experiment::Comparison& c, const std::string& name) {
  for (const auto& v : c.variants)
    if (v.name == name) return v;
  FAIL("no variant " << name);
  return c.variants.front();
}

const txsim::stats::Interval& kpi_diff(const Variant& v, Kpi k) { return v.kpi_diff[static_cast<std::size_t>(k)]; }

}  // namespace

TEST_CASE("the default story: the silo push moves the pain onto agents and the unified policy dominates") {
  const auto study = txsim::testing::load_bundled_study(
      "default.yaml", {{"horizon.days", "120"}, {"policies.deflection_only", "null"}, {"policies.root_cause_only", "null"},
                       {"policies.hire_more", "null"}});
  txsim::experiment::ReplicationOptions options;
  options.seed = 7;
  options.replications = 10;
  const auto comparison = txsim::experiment::run_comparison(study, options);
  REQUIRE(comparison.variants.size() == 3);

  const Variant& silo = variant(comparison, "silo_push");
  const auto& silo_ex = silo.score_diff[1];  // kScoreInfo order: cx, ex, cost, tx
  CAPTURE(silo.verdict->text);
  CHECK(silo_ex.hi < 0.0);                                              // agents pay
  CHECK(kpi_diff(silo, Kpi::FirstContactResolution).hi < 0.0);          // fewer issues resolved first time
  CHECK(kpi_diff(silo, Kpi::Effort).lo > 0.0);                          // customers contact more often
  CHECK(kpi_diff(silo, Kpi::Satisfaction).hi < 0.0);
  CHECK(silo.verdict->verdict != txsim::score::Verdict::Dominates);

  const Variant& unified = variant(comparison, "unified");
  CAPTURE(unified.verdict->text);
  CHECK(unified.verdict->verdict == txsim::score::Verdict::Dominates);
  CHECK(kpi_diff(unified, Kpi::FirstContactResolution).lo > 0.0);
  CHECK(kpi_diff(unified, Kpi::Satisfaction).lo > 0.0);
}
