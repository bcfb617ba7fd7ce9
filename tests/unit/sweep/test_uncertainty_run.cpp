// `txsim uncertainty` end to end in the library: a small study over three days of the default
// story, run into a store, analysed and written back. A few seconds in all (label sweep).

#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <fstream>

#include "temp_dir.hpp"
#include "txsim/sweep/runner.hpp"
#include "txsim/sweep/uncertainty.hpp"

namespace {

using namespace txsim;
namespace fs = std::filesystem;
using txsim::testing::TempDir;

// Two uncertain parameters of the default story: one that moves the NPV a lot (the value of a
// customer) and one lever effect.
constexpr const char* kPriors = R"(priors:
  customers.satisfaction.customer_value:
    distribution: uniform
    low: 100
    high: 1200
    why: "test prior"
  lever_effects.pressure_resolution_loss:
    distribution: triangular
    low: 0
    mode: 0.3
    high: 1
    why: "test prior"
)";

sweep::UncertaintyStudy small_study(const fs::path& dir) {
  const fs::path priors = dir / "priors.yaml";
  std::ofstream(priors) << kPriors;
  sweep::UncertaintyOptions options;
  options.base_samples = 4;
  options.replications = 2;
  options.seed = 3;
  for (const char* o : {"horizon.days=3", "policies.deflection_only=null", "policies.root_cause_only=null",
                        "policies.hire_more=null"})
    options.overrides.push_back(io::parse_override(o));
  return sweep::load_uncertainty_study(fs::path(TXSIM_SOURCE_DIR) / "scenarios/default.yaml", priors, options);
}

// Runs the study into `db` with `threads`, analyses it and stores the analysis; returns the dump.
std::string run_and_analyse(const sweep::UncertaintyStudy& study, const fs::path& db, int threads,
                            sweep::UncertaintyAnalysis* analysis_out = nullptr) {
  auto store = sweep::ResultStore::open_for(db, sweep::uncertainty_study_record(study, "test", ""), false);
  sweep::SweepOptions options;
  options.threads = threads;
  const auto outcome = sweep::run_sweep(study.sweep, store, options);
  REQUIRE_FALSE(outcome.stopped);
  const auto analysis = sweep::analyse_uncertainty(sweep::read_uncertainty_input(store, study));
  sweep::write_uncertainty_tables(store, analysis);
  if (analysis_out) *analysis_out = analysis;
  return store.canonical_dump();
}

}  // namespace

TEST_CASE("an uncertainty study runs, and its analysis gives verdict probabilities summing to 1 per policy") {
  const TempDir dir("uncertainty-run");
  const auto study = small_study(dir.path);
  REQUIRE(sweep::point_count(study.sweep) == 4 * (2 + 2) + 2 * 2 + 1);
  sweep::UncertaintyAnalysis analysis;
  const std::string dump = run_and_analyse(study, dir.path / "u.db", 2, &analysis);
  REQUIRE(analysis.policies.size() == 2);
  CHECK(analysis.policies[0].name == "silo_push");
  CHECK(analysis.policies[1].name == "unified");
  for (const auto& p : analysis.policies) {
    CAPTURE(p.name);
    double sum = 0;
    for (const auto& q : p.verdicts) {
      sum += q.estimate;
      CHECK(q.n == 8);
    }
    CHECK(sum == doctest::Approx(1.0).epsilon(1e-12));
    for (std::size_t m = 0; m < sweep::kUncertaintyMetricCount; ++m) {
      CAPTURE(m);
      const auto& d = p.differences[m];
      CHECK(d.draws == 8);
      CHECK(std::isfinite(d.mean));
      CHECK(d.p05 <= d.p95);
      CHECK(d.noise_variance >= 0);
      CHECK(p.sobol_rows[m] == 4);
      CHECK(p.sobol[m].size() == 2);
      CHECK(p.tornado[m].size() == 2);
    }
  }
  // The analysis is stored: one row per policy and verdict, per policy, metric and parameter.
  CHECK(dump.find("uncertainty_verdicts\nsilo_push|means|dominates|") != std::string::npos);
  CHECK(dump.find("uncertainty_sobol\nsilo_push|cost|customers.satisfaction.customer_value|") != std::string::npos);

  // The output set: the JSON contract and the tidy files, all or nothing.
  sweep::write_uncertainty_files(dir.path / "out", analysis, study, "test", false, nullptr);
  for (const char* name : {"uncertainty.json", "verdict_probabilities.csv", "differences.csv", "sobol.csv", "tornado.csv",
                           "provenance.json"})
    CHECK(fs::exists(dir.path / "out" / name));
  std::ifstream json_file(dir.path / "out/uncertainty.json");
  const std::string json((std::istreambuf_iterator<char>(json_file)), std::istreambuf_iterator<char>());
  CHECK(json.find("\"verdicts\": {\n        \"dominates\": {\n          \"p\":") != std::string::npos);
  CHECK(json.find("\"noise_variance\":") != std::string::npos);
  CHECK(json.find("\"first_order\": {\n              \"estimate\":") != std::string::npos);
}

TEST_CASE("an uncertainty store is the same for any thread count and after an interruption and resume") {
  const TempDir dir("uncertainty-resume");
  const auto study = small_study(dir.path);
  const std::string one_thread = run_and_analyse(study, dir.path / "one.db", 1);
  CHECK(run_and_analyse(study, dir.path / "two.db", 2) == one_thread);

  const fs::path resumed = dir.path / "resumed.db";
  {
    auto store = sweep::ResultStore::open_for(resumed, sweep::uncertainty_study_record(study, "test", ""), false);
    std::atomic<bool> stop{false};
    sweep::SweepOptions options;
    options.threads = 1;
    options.stop = &stop;
    options.progress = [&stop](std::uint64_t done, std::uint64_t) {
      if (done >= 5) stop = true;
    };
    const auto outcome = sweep::run_sweep(study.sweep, store, options);
    CHECK(outcome.stopped);
    CHECK_THROWS_AS((void)sweep::read_uncertainty_input(store, study), std::runtime_error);
  }
  CHECK(run_and_analyse(study, resumed, 2) == one_thread);
}
