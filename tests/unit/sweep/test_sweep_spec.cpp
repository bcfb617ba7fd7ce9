#include <doctest/doctest.h>

#include <string>

#include "sweep_texts.hpp"
#include "txsim/sweep/design.hpp"

using txsim::io::ConfigError;
using txsim::testing::sweep_from;

namespace {

// The diagnostics of a sweep text that must fail, one per line.
std::string errors_of(std::string_view text) {
  try {
    (void)sweep_from(text);
  } catch (const ConfigError& e) {
    return e.what();
  }
  FAIL("the sweep was accepted");
  return {};
}

const std::string kHead = "scenario: validation/erlang_c_small.yaml\nmode: run\nreplications: 2\n";

}  // namespace

TEST_CASE("a grid sweep reads its factors, levels and base overrides") {
  const auto spec = sweep_from(txsim::testing::kSmallRunSweep);
  CHECK(spec.mode == txsim::sweep::Mode::Run);
  CHECK(spec.replications == 3);
  CHECK(spec.seed == 7);
  REQUIRE(spec.factors.size() == 2);
  CHECK(spec.factors[0].name == "agents");
  REQUIRE(spec.factors[1].levels.size() == 3);
  CHECK(spec.factors[1].levels[2].text == "70");
  CHECK(spec.base_overrides.size() == 2);
  CHECK(txsim::sweep::point_count(spec) == 9);
}

TEST_CASE("a decimal range gives the decimal levels, not their binary neighbours") {
  const auto spec = sweep_from(kHead + "factors:\n  - path: contact_types.calls.handle_time.mean_s\n    range: \"0.1:0.5:0.1\"\n");
  REQUIRE(spec.factors[0].levels.size() == 5);
  CHECK(spec.factors[0].levels[2].text == "0.3");
  CHECK(spec.factors[0].levels[4].text == "0.5");
}

TEST_CASE("an unknown key path is a located error at the factor before anything runs") {
  const auto e = errors_of(kHead + "factors:\n  - path: agents.groups.agents.headcont\n    values: [3, 4]\n");
  CHECK(e.find("test.yaml:5:11: error: factors[0].path: value 3: agents.groups.agents.headcont: unknown key \"headcont\"") != std::string::npos);
}

TEST_CASE("a factor value of the wrong type is a located error") {
  const auto e = errors_of(kHead + "factors:\n  - path: agents.groups.agents.headcount\n    values: [3, many]\n");
  CHECK(e.find("test.yaml:6:13: error: factors[0]: value many") != std::string::npos);
}

TEST_CASE("an empty range and a zero step are located errors") {
  CHECK(errors_of(kHead + "factors:\n  - path: agents.groups.agents.headcount\n    range: \"5:3:1\"\n")
            .find("test.yaml:6:12: error: factors[0].range: expected lo <= hi") != std::string::npos);
  CHECK(errors_of(kHead + "factors:\n  - path: agents.groups.agents.headcount\n    range: \"3:5:0\"\n")
            .find("factors[0].range: expected a step > 0") != std::string::npos);
}

TEST_CASE("impossible distribution parameters are located errors") {
  const std::string head = kHead + "design: random\nsamples: 4\nfactors:\n  - path: contact_types.calls.handle_time.mean_s\n    distribution: ";
  CHECK(errors_of(head + "{kind: uniform, lo: 5, hi: 1}\n").find("factors[0].distribution: expected lo < hi") != std::string::npos);
  CHECK(errors_of(head + "{kind: log_uniform, lo: 0, hi: 1}\n").find("expected 0 < lo < hi") != std::string::npos);
  CHECK(errors_of(head + "{kind: triangular, lo: 0, mode: 2, hi: 1}\n").find("lo <= mode <= hi") != std::string::npos);
  CHECK(errors_of(head + "{kind: truncated_normal, mean: 0, sd: -1}\n").find("expected sd > 0") != std::string::npos);
  CHECK(errors_of(head + "{kind: truncated_normal, mean: 0, sd: 1, lo: 50, hi: 60}\n").find("hold some probability") != std::string::npos);
  CHECK(errors_of(head + "{kind: choice, values: [1, 2], weights: [1]}\n").find("expected a list of 2 weights") != std::string::npos);
  CHECK(errors_of(head + "{kind: gamma, lo: 1, hi: 2}\n").find("factors[0].distribution.kind: expected uniform") != std::string::npos);
}

TEST_CASE("a design larger than max_points is refused, naming both numbers") {
  const auto e = errors_of(kHead + "max_points: 5\nfactors:\n  - path: agents.groups.agents.headcount\n    values: [3, 4, 5]\n"
                                   "  - path: contact_types.calls.handle_time.mean_s\n    values: [50, 60]\n");
  CHECK(e.find("test.yaml:4:13: error: max_points: the grid design needs 6 points, more than max_points 5") != std::string::npos);
}

TEST_CASE("unknown sweep keys and a missing scenario are reported together") {
  const auto e = errors_of("mode: run\nreplicatons: 2\n");
  CHECK(e.find("test.yaml:2:1: error: replicatons: unknown key") != std::string::npos);
  CHECK(e.find("scenario: expected the base scenario file") != std::string::npos);
}

TEST_CASE("sampled values stay inside their distribution's support and follow its quantiles") {
  using txsim::sweep::Distribution;
  using txsim::sweep::DistributionKind;
  Distribution tri;
  tri.kind = DistributionKind::Triangular;
  tri.lo = 0.0;
  tri.hi = 2.0;
  tri.mode = 0.5;
  CHECK(tri.quantile(0.25) == doctest::Approx(0.5));  // F(mode) = (mode - lo) / (hi - lo)
  Distribution log_uniform;
  log_uniform.kind = DistributionKind::LogUniform;
  log_uniform.lo = 1.0;
  log_uniform.hi = 100.0;
  CHECK(log_uniform.quantile(0.5) == doctest::Approx(10.0));
  Distribution normal;
  normal.kind = DistributionKind::TruncatedNormal;
  normal.mean = 10.0;
  normal.sd = 2.0;
  normal.lo = 9.0;
  CHECK(normal.quantile(1e-9) >= 9.0);
  CHECK(normal.quantile(0.5) > 10.0);  // truncation from below moves the median up
  Distribution lognormal;
  lognormal.kind = DistributionKind::TruncatedLognormal;
  lognormal.lo = 0.0;
  lognormal.mean = std::log(200.0);
  lognormal.sd = 0.5;
  CHECK(lognormal.quantile(0.5) == doctest::Approx(200.0));
}

TEST_CASE("every bundled sweep file loads, with every factor value valid on its base scenario") {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(txsim::testing::scenarios_dir() / "sweeps")) {
    if (entry.path().extension() != ".yaml") continue;
    CAPTURE(entry.path().string());
    CHECK_NOTHROW((void)txsim::sweep::load_sweep(entry.path()));
    ++files;
  }
  CHECK(files >= 18);
}
