// Priors files: the bundled evidence priors fit the default story, the reader rejects bad files
// with located errors, and a draw sets the study's values.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "txsim/io/check.hpp"
#include "txsim/io/priors.hpp"
#include "txsim/io/scenario_loader.hpp"
#include "txsim/io/schema.hpp"

namespace io = txsim::io;
using txsim::stats::PriorKind;

namespace {

std::string source_path(const std::string& relative) { return std::string(TXSIM_SOURCE_DIR) + "/" + relative; }

std::vector<io::Diagnostic> parse_errors(const std::string& text) {
  try {
    (void)io::parse_priors(text, "p.yaml");
  } catch (const io::ConfigError& e) {
    return e.diagnostics();
  }
  return {};
}

bool mentions(const std::vector<io::Diagnostic>& diagnostics, const std::string& key_path, const std::string& words) {
  for (const io::Diagnostic& d : diagnostics)
    if (d.key_path == key_path && d.message.find(words) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("the bundled evidence priors name existing parameters of the default story with valid ranges") {
  const io::PriorsFile priors = io::load_priors(source_path("scenarios/priors/evidence.yaml"));
  const io::LoadedStudy loaded = io::load_study(source_path("scenarios/default.yaml"));
  REQUIRE(priors.parameters.size() >= 20);
  for (const io::UncertainParameter& parameter : priors.parameters) {
    CAPTURE(parameter.key_path);
    CHECK_NOTHROW((void)io::get_value(loaded.study, parameter.key_path));
    const io::ParameterInfo* info = io::find_parameter(parameter.key_path);
    REQUIRE(info != nullptr);
    CHECK_FALSE(info->container);
    CHECK(parameter.prior.low < parameter.prior.high);
    CHECK(parameter.why.size() > 20);
    CHECK(parameter.line > 0);
  }
  // Every bound is a value the schema accepts for that parameter (its `range`).
  const std::vector<io::Diagnostic> problems = io::check_priors(priors, loaded.study);
  for (const io::Diagnostic& problem : problems) FAIL_CHECK(io::to_string(problem));
}

TEST_CASE("the unified policy's own effect sizes, ramp and implementation costs are among the evidence priors") {
  const io::PriorsFile priors = io::load_priors(source_path("scenarios/priors/evidence.yaml"));
  std::vector<std::string> paths;
  for (const io::UncertainParameter& parameter : priors.parameters) paths.push_back(parameter.key_path);
  for (const char* needed : {"policies.unified.levers.root_cause_fix", "lever_effects.empowerment_resolution_gain",
                             "lever_effects.support_attrition_relief", "contact_types.billing.digital_success_probability",
                             "customers.satisfaction.customer_value", "customers.frustration.per_forced_channel",
                             "lever_effects.root_cause_ramp_months", "lever_effects.tool_friction_handle_time_reduction",
                             "lever_costs.root_cause_fix.one_off", "lever_costs.manager_support.per_month"}) {
    CAPTURE(needed);
    CHECK(std::find(paths.begin(), paths.end(), needed) != paths.end());
  }
}

TEST_CASE("draws at the corners of the unit cube set every parameter to its bounds and pass the front door") {
  const io::PriorsFile priors = io::load_priors(source_path("scenarios/priors/evidence.yaml"));
  const io::LoadedStudy loaded = io::load_study(source_path("scenarios/default.yaml"));
  for (double corner : {0.0, 1.0}) {
    txsim::experiment::StudySpec study = loaded.study;
    io::apply_prior_draw(study, priors, std::vector<double>(priors.parameters.size(), corner));
    for (const io::UncertainParameter& parameter : priors.parameters) {
      CAPTURE(parameter.key_path);
      const double expected = corner == 0 ? parameter.prior.low : parameter.prior.high;
      CHECK(std::stod(io::get_value(study, parameter.key_path)) == expected);
    }
    CHECK_NOTHROW(io::require_valid(study, "draw"));
  }
  txsim::experiment::StudySpec study = loaded.study;
  CHECK_THROWS_AS(io::apply_prior_draw(study, priors, std::vector<double>{0.5}), std::invalid_argument);
  std::vector<double> outside(priors.parameters.size(), 0.5);
  outside.back() = 1.5;
  CHECK_THROWS_AS(io::apply_prior_draw(study, priors, outside), std::invalid_argument);
}

TEST_CASE("a priors file is read in file order with each distribution's parameters") {
  const io::PriorsFile priors = io::parse_priors(R"(priors:
  customers.satisfaction.customer_value: {distribution: loguniform, low: 100, high: 1000, why: firm-specific}
  lever_effects.pressure_fatigue_gain:
    distribution: triangular
    low: 0
    mode: 1
    high: 3
    why: "direction only"
)",
                                                 "p.yaml");
  REQUIRE(priors.parameters.size() == 2);
  CHECK(priors.parameters[0].key_path == "customers.satisfaction.customer_value");
  CHECK(priors.parameters[0].prior.kind == PriorKind::LogUniform);
  CHECK(priors.parameters[0].line == 2);
  CHECK(priors.parameters[1].prior.kind == PriorKind::Triangular);
  CHECK(priors.parameters[1].prior.mode == 1);
  CHECK(priors.parameters[1].why == "direction only");
}

TEST_CASE("bad priors are reported all at once, located, with the expected and the found value") {
  const std::vector<io::Diagnostic> errors = parse_errors(R"(priors:
  a.b: {distribution: normal, low: 0, high: 1, why: x}
  c.d: {distribution: uniform, low: 2, high: 1, why: x}
  e.f: {distribution: triangular, low: 0, mode: 5, high: 1, why: x}
  g.h: {distribution: loguniform, low: 0, high: 1, why: x}
  i.j: {distribution: uniform, low: 0, high: one, why: x}
  k.l: {distribution: uniform, low: 0, high: 1}
  m.n: {distribution: uniform, low: 0, hihg: 1, why: x}
  o.p: {distribution: uniform, low: 0, mode: 0.5, high: 1, why: x}
)");
  CHECK(mentions(errors, "priors.a.b.distribution", "unknown distribution \"normal\""));
  CHECK(mentions(errors, "priors.c.d.low", "expected low < high, found low 2 and high 1"));
  CHECK(mentions(errors, "priors.e.f.mode", "expected a mode in [0, 1], found 5"));
  CHECK(mentions(errors, "priors.g.h.low", "expected low > 0 for loguniform, found 0"));
  CHECK(mentions(errors, "priors.i.j.high", "expected a finite number, found \"one\""));
  CHECK(mentions(errors, "priors.k.l.why", "expected the evidence"));
  CHECK(mentions(errors, "priors.m.n.hihg", "did you mean \"high\""));
  CHECK(mentions(errors, "priors.o.p.mode", "a mode belongs to a triangular distribution"));
  for (const io::Diagnostic& d : errors) {
    CAPTURE(io::to_string(d));
    CHECK(d.file == "p.yaml");
    CHECK(d.line > 1);
  }
  CHECK(mentions(parse_errors("prior: {}\n"), "prior", "did you mean \"priors\""));
  CHECK(mentions(parse_errors("priors:\n  a.b: {distribution: uniform, low: 0, high: 1, why: x}\n  a.b: "
                              "{distribution: uniform, low: 0, high: 1, why: x}\n"),
                 "priors.a.b", "given twice"));
  CHECK_FALSE(parse_errors("priors: [\n").empty());
  CHECK_THROWS_AS((void)io::load_priors(source_path("scenarios/priors/missing.yaml")), io::ConfigError);
}

TEST_CASE("priors on unknown paths, on sections or outside the schema's range are reported against the study") {
  const io::LoadedStudy loaded = io::load_study(source_path("scenarios/default.yaml"));
  const io::PriorsFile priors = io::parse_priors(R"(priors:
  lever_effects.pressure_resolution_los: {distribution: uniform, low: 0, high: 1, why: misspelt}
  lever_effects: {distribution: uniform, low: 0, high: 1, why: a map}
  contact_types.voice.avoidable_share: {distribution: uniform, low: 0, high: 1, why: no such type}
  customers.channels.forced_success_multiplier: {distribution: uniform, low: 0.5, high: 1.2, why: above 1}
  lever_effects.empowerment_resolution_gain: {distribution: uniform, low: 0, high: 0.8, why: fine}
)",
                                                 "p.yaml");
  const std::vector<io::Diagnostic> problems = io::check_priors(priors, loaded.study);
  CHECK(problems.size() == 4);
  CHECK(mentions(problems, "priors.lever_effects.pressure_resolution_los", "did you mean \"pressure_resolution_loss\"?"));
  CHECK(mentions(problems, "priors.lever_effects", "a map, list or section"));
  CHECK(mentions(problems, "priors.contact_types.voice.avoidable_share", "the study has no value here"));
  CHECK(mentions(problems, "priors.customers.channels.forced_success_multiplier", "high 1.2 is outside the parameter's valid range [0, 1]"));
}
