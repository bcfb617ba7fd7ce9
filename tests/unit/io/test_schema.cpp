// The schema as an API: the YAML writer round-trips, the key-path setter and getter, the
// parameter reference and the documentation generated from it, and the front door's warnings.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "scenario_files.hpp"
#include "txsim/io/check.hpp"
#include "txsim/io/scenario_loader.hpp"
#include "txsim/io/schema.hpp"

using txsim::experiment::StudySpec;
namespace io = txsim::io;

namespace {

std::string source_path(const std::string& relative) { return std::string(TXSIM_SOURCE_DIR) + "/" + relative; }

std::vector<std::filesystem::path> bundled_scenarios() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(source_path("scenarios")))
    if (entry.path().extension() == ".yaml" && entry.path().parent_path().filename() != "sweeps" &&
        entry.path().parent_path().filename() != "priors")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

// print -> load -> print: the text must come back byte for byte, and so the study.
void check_round_trip(const StudySpec& study, const std::string& label) {
  CAPTURE(label);
  const std::string printed = io::to_yaml(study);
  const io::LoadedStudy reloaded = io::parse_study(printed, label + " (printed)");
  CHECK(io::to_yaml(reloaded.study) == printed);
  CHECK(reloaded.resolved_yaml == printed);
}

std::string only_error(const std::function<void()>& action) {
  try {
    action();
  } catch (const io::ConfigError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    return io::to_string(e.diagnostics().front());
  }
  FAIL("no error");
  return {};
}

}  // namespace

TEST_CASE("every bundled scenario prints as YAML that loads back to the identical scenario") {
  const auto files = bundled_scenarios();
  REQUIRE(files.size() >= 10);
  for (const auto& file : files) {
    const io::LoadedStudy loaded = io::load_study(file);
    check_round_trip(loaded.study, file.filename().string());
  }
}

TEST_CASE("randomly changed valid studies round-trip through the writer") {
  // Numbers drawn across each field's whole range, on the default story (every section and
  // named map present). Fields tied to others by a rule (shares summing to 1, breaks inside
  // their shift, the warm-up inside the horizon) are left out; draws that still break a rule
  // are skipped, not counted.
  const StudySpec base = txsim::testing::load_bundled_study("default.yaml");
  std::vector<std::pair<std::string, const io::ParameterInfo*>> numeric;
  for (const io::ParameterInfo& p : io::parameter_reference()) {
    if (p.container || p.range.find_first_of("[(") != 0) continue;
    if (p.key_path.ends_with("share") || p.key_path.ends_with("warmup_hours") || p.key_path.find("shifts[i]") != std::string::npos)
      continue;
    for (const std::string& path : io::concrete_paths(base, p.key_path)) numeric.emplace_back(path, &p);
  }
  REQUIRE(numeric.size() > 100);
  std::mt19937_64 rng(20261201);
  int valid = 0;
  for (int trial = 0; trial < 150; ++trial) {
    CAPTURE(trial);
    StudySpec study = base;
    std::string changes;
    for (int k = 0; k < 6; ++k) {
      const auto& [path, info] = numeric[std::uniform_int_distribution<std::size_t>(0, numeric.size() - 1)(rng)];
      double lo = 0.0, hi = 0.0;
      char open = 0, close = 0;
      std::istringstream range(info->range);
      range >> open >> lo;
      range.ignore(1);
      range >> hi >> close;
      // Awkward values on purpose: many digits, tiny and huge magnitudes within the range.
      const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
      double value = lo + u * (hi - lo);
      if (open == '(' && value == lo) value = hi;
      const bool integer = info->key_path.ends_with("count") || info->key_path.ends_with("priority") ||
                           info->key_path.ends_with("capacity") || info->key_path.ends_with("arrivals");
      const std::string text = integer ? std::to_string(static_cast<long>(value)) : fmt::format("{}", value);
      changes += path + "=" + text + " ";
      io::set_value(study, path, text);
    }
    CAPTURE(changes);
    if (!io::check(study).errors.empty()) continue;
    ++valid;
    check_round_trip(study, "trial");
  }
  CHECK(valid >= 50);
}

TEST_CASE("a key-path setter types and range-checks a value, and the getter reads it back") {
  StudySpec study = txsim::testing::load_bundled_study("default.yaml");
  io::set_value(study, "agents.groups.generalists.shifts[2].count", "5");
  CHECK(study.centre.agent_groups[0].shifts[2].count == 5);
  CHECK(io::get_value(study, "agents.groups.generalists.shifts[2].count") == "5");
  io::set_value(study, "policies.unified.levers.root_cause_fix", "0.25");
  CHECK(io::get_value(study, "policies.unified.levers.root_cause_fix") == "0.25");
  io::set_value(study, "contact_types.billing.handle_time.mean_s", "240");
  CHECK(io::get_value(study, "contact_types.billing.handle_time") == "{distribution: lognormal, mean_s: 240, cv: 0.9}");
  io::set_value(study, "contact_types.billing.handle_time", "{distribution: gamma, mean_s: 200, cv: 0.5}");
  CHECK(study.centre.contact_types[0].handle_time.kind == txsim::rng::DistributionKind::Gamma);
  io::set_value(study, "demand.intraday_profile[17]", "6");
  CHECK(study.centre.demand.intraday_profile[17] == 6);
  CHECK(io::get_value(study, "horizon.hours") == "null");
  io::set_value(study, "horizon.days", "null");
  io::set_value(study, "horizon.hours", "12");
  CHECK_FALSE(study.centre.horizon.days.has_value());
  CHECK(study.centre.horizon.hours == 12.0);

  CHECK(only_error([&] { io::set_value(study, "contact_types.billing.balk_probability", "1.5"); }) ==
        "--set contact_types.billing.balk_probability=1.5: error: contact_types.billing.balk_probability: expected a "
        "number in [0, 1], found 1.5");
  CHECK(only_error([&] { io::set_value(study, "contact_types.biling.share", "0.5"); }) ==
        "--set contact_types.biling.share=0.5: error: contact_types.biling.share: unknown contact type \"biling\"; did "
        "you mean \"billing\"?");
  CHECK(only_error([&] { io::set_value(study, "workforce.fatige.rate_per_hour", "1"); }) ==
        "--set workforce.fatige.rate_per_hour=1: error: workforce.fatige: unknown key \"fatige\"; did you mean "
        "\"fatigue\"?");
  CHECK(only_error([&] { (void)io::get_value(study, "horizon.weeks"); }).find("unknown key \"weeks\"") != std::string::npos);
  // A failed set leaves the study as it was.
  CHECK(study.centre.contact_types[0].balk_probability == 0.03);
}

TEST_CASE("--set adds a policy, and null removes one") {
  StudySpec study = txsim::testing::load_bundled_study("default.yaml");
  const std::size_t before = study.policies.size();
  io::set_value(study, "policies.coaching.levers.manager_support", "0.5");
  REQUIRE(study.policies.size() == before + 1);
  CHECK(study.policies.back().name == "coaching");
  CHECK(study.policies.back().levers.manager_support == 0.5);
  CHECK(io::check(study).errors.empty());
  io::set_value(study, "policies.coaching", "null");
  CHECK(study.policies.size() == before);
  // A name one letter from an existing policy is taken for a typo, not a new policy.
  CHECK(only_error([&] { io::set_value(study, "policies.unifed.levers.empowerment", "0.5"); })
            .find("did you mean \"unified\"") != std::string::npos);
}

TEST_CASE("--set on the loader replaces typed values and never writes through a YAML alias") {
  const std::string yaml = R"(name: t
horizon: {hours: 8}
demand: {rate_per_hour: 100}
contact_types:
  billing: &type {share: 0.5, handle_time: {mean_s: 200}}
  tech: *type
agents:
  groups:
    all: {headcount: 5}
)";
  const io::Override set{"contact_types.billing.handle_time.mean_s", "300"};
  const StudySpec study = io::parse_study(yaml, "t.yaml", std::span(&set, 1)).study;
  CHECK(study.centre.contact_types[0].handle_time.mean == 300);
  CHECK(study.centre.contact_types[1].handle_time.mean == 200);
}

TEST_CASE("every parameter has a unit, a meaning, a range and a grade, and evidence names its source") {
  const auto& reference = io::parameter_reference();
  REQUIRE(reference.size() > 150);
  for (const io::ParameterInfo& p : reference) {
    CAPTURE(p.key_path);
    CHECK_FALSE(p.unit.empty());
    CHECK_FALSE(p.meaning.empty());
    CHECK_FALSE(p.range.empty());
    CHECK_FALSE(p.grade.empty());
    const bool evidence = p.grade == "peer_reviewed" || p.grade == "meta_analysis" || p.grade == "survey" ||
                          p.grade == "official_statistics" || p.grade == "vendor_claim";
    if (evidence) CHECK_FALSE(p.source.empty());
  }
  CHECK(io::find_parameter("contact_types.billing.share")->key_path == "contact_types.<name>.share");
  CHECK(io::find_parameter("agents.groups.x.shifts[3].breaks[0].duration_min")->key_path ==
        "agents.groups.<name>.shifts[i].breaks[i].duration_min");
  CHECK(io::find_parameter("policies.p.levers.empowerment")->default_value == "unset");
  CHECK(io::find_parameter("workforce.absence.daily_probability")->grade == "official_statistics");
  CHECK(io::find_parameter("horizon.dayz") == nullptr);
}

TEST_CASE("the parameter reference of docs/MODEL.md is the schema's, word for word") {
  std::ifstream in(source_path("docs/MODEL.md"));
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const std::string begin = "<!-- parameter reference: generated by `txsim schema`; do not edit by hand -->\n";
  const std::string end = "<!-- end of the parameter reference -->";
  const auto from = doc.find(begin);
  const auto to = doc.find(end);
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  const std::string documented = doc.substr(from + begin.size(), to - from - begin.size());
  // Regenerate with scripts/update-docs after changing the schema.
  CHECK(documented == io::parameter_reference_markdown());
}

TEST_CASE("warnings: demand with no agent staffed, load above capacity, headcount levers without a workforce") {
  StudySpec study = txsim::testing::load_bundled_study("default.yaml");
  CHECK(io::check(study).warnings.empty());

  // weekdays lists days: [monday, friday] is two days, not a range.
  StudySpec gap = study;
  for (auto& group : gap.centre.agent_groups)
    for (auto& shift : group.shifts) shift.weekdays = {true, false, false, false, true, false, false};
  const auto gap_warnings = io::check(gap).warnings;
  REQUIRE_FALSE(gap_warnings.empty());
  CHECK(gap_warnings.front().key_path == "agents.groups");
  CHECK(gap_warnings.front().message.find("tuesday 08:00-20:00") != std::string::npos);
  CHECK(gap_warnings.front().message.find("not a range") != std::string::npos);

  StudySpec overloaded = study;
  overloaded.centre.demand.daily_volume = 6000;
  const auto load_warnings = io::check(overloaded).warnings;
  REQUIRE(load_warnings.size() == 1);
  CAPTURE(load_warnings.front().message);
  CHECK(load_warnings.front().message.find("rho > 1") != std::string::npos);
  CHECK(load_warnings.front().message.find("monday 08:00-20:00 (rho up to") != std::string::npos);

  StudySpec no_workforce = study;
  no_workforce.centre.workforce.reset();
  std::erase_if(no_workforce.policies, [](const auto& p) { return p.name != "hire_more"; });
  bool cost_warning = false;
  for (const auto& w : io::check(no_workforce).warnings)
    cost_warning = cost_warning || w.key_path == "policies.hire_more.levers.headcount_change";
  CHECK(cost_warning);
}
