#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "txsim/io/scenario_loader.hpp"

using namespace txsim;

namespace {

constexpr std::string_view kMinimal = R"(name: t
horizon: {hours: 8}
demand: {rate_per_hour: 100}
contact_types:
  billing: {}
agents:
  groups:
    all: {headcount: 5}
)";

std::vector<io::Diagnostic> diagnostics_of(std::string_view yaml) {
  try {
    io::parse_scenario(yaml, "t.yaml");
  } catch (const io::ConfigError& error) {
    return error.diagnostics();
  }
  FAIL("the scenario loaded without errors");
  return {};
}

// The one diagnostic of `yaml`, printed.
std::string only_error_of(std::string_view yaml) {
  const auto diagnostics = diagnostics_of(yaml);
  REQUIRE(diagnostics.size() == 1);
  return to_string(diagnostics.front());
}

// Sets an environment variable for the lifetime of the guard.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
  ~ScopedEnv() { ::unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
};

// A valid scenario whose 1000 agent groups alias one list of 1000 aliased shifts: a million
// shifts from a few tens of kilobytes.
std::string billion_laughs() {
  std::string yaml = "name: laughs\nhorizon: {days: 1}\ndemand: {rate_per_hour: 10}\ncontact_types: {a: {}}\n"
                     "agents:\n  groups:\n    g0:\n      shifts: &shifts\n        - &s {start_h: 8, length_h: 8, count: 1}\n";
  for (int i = 1; i < 1000; ++i) yaml += "        - *s\n";
  for (int i = 1; i < 1000; ++i) yaml += "    g" + std::to_string(i) + ": {shifts: *shifts}\n";
  return yaml;
}

}  // namespace

TEST_CASE("documents after the first are an error located at the second") {
  CHECK(only_error_of(std::string(kMinimal) + "---\nname: other\n")
            .starts_with("t.yaml:10:1: error: found a second YAML document"));
  CHECK(only_error_of(std::string(kMinimal) + "---\n").starts_with("t.yaml:"));
}

TEST_CASE("an empty file or one with only comments is located at 1:1") {
  CHECK(only_error_of("").starts_with("t.yaml:1:1: error: expected a scenario"));
  CHECK(only_error_of("# nothing yet\n\n").starts_with("t.yaml:1:1: error: expected a scenario"));
}

TEST_CASE("a NUL byte is a located error that does not print the byte") {
  std::string yaml(kMinimal);
  yaml.insert(yaml.find("billing") + 3, 1, '\0');  // line 5, column 3 + 3
  const std::string message = only_error_of(yaml);
  CHECK(message.starts_with("t.yaml:5:6: error: found a NUL byte"));
  CHECK(message.find('\0') == std::string::npos);
}

TEST_CASE("CR and CR LF line breaks read as LF, with the same line numbers") {
  std::string cr(kMinimal);
  std::string crlf;
  for (char& ch : cr)
    if (ch == '\n') ch = '\r';
  for (const char ch : kMinimal) crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
  CHECK(io::parse_scenario(cr, "t.yaml").agent_groups.at(0).headcount.at(0) == 5);
  CHECK(io::parse_scenario(crlf, "t.yaml").agent_groups.at(0).headcount.at(0) == 5);
  std::string bad = cr;
  bad.replace(bad.find("100"), 3, "-1");
  CHECK(only_error_of(bad).starts_with("t.yaml:3:"));
}

TEST_CASE("nesting deeper than the limit is a located error, before and beyond yaml-cpp's own limit") {
  for (const int depth : {io::kMaxScenarioDepth + 5, 5000}) {
    const std::string yaml = "name: t\ndescription: " + std::string(static_cast<std::size_t>(depth), '[') +
                             std::string(static_cast<std::size_t>(depth), ']') + "\n";
    const std::string message = only_error_of(yaml);
    CHECK_MESSAGE(message.starts_with("t.yaml:2:"), message);
    CHECK(message.find("nesting deeper than 64 levels") != std::string::npos);
  }
}

TEST_CASE("YAML aliases that expand a small file into a million values are refused quickly") {
  const auto started = std::chrono::steady_clock::now();
  const std::string message = only_error_of(billion_laughs());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(message.find("expands to more than 250000 values through YAML aliases") != std::string::npos);
  // Expanding it used to take minutes; the budget stops the walk after 250,000 values.
  CHECK(seconds < 5.0);
  // Moderate use of aliases stays fine.
  CHECK_NOTHROW(io::parse_scenario(std::string(kMinimal) + "description: &d text\nqueue: {}\n", "t.yaml"));
}

TEST_CASE("scenario files and texts larger than the cap are refused, and the cap can be raised") {
  {
    const ScopedEnv cap("TXSIM_MAX_SCENARIO_BYTES", "100");
    CHECK(only_error_of(kMinimal).find("larger than 100 bytes") != std::string::npos);
    const auto file = std::filesystem::temp_directory_path() / "txsim-test-input-limits.yaml";
    std::ofstream(file) << kMinimal;
    CHECK_THROWS_AS(io::load_scenario(file), io::ConfigError);
    std::filesystem::remove(file);
  }
  {
    const ScopedEnv cap("TXSIM_MAX_SCENARIO_BYTES", "1000");
    CHECK_NOTHROW(io::parse_scenario(kMinimal, "t.yaml"));
  }
  {
    const ScopedEnv cap("TXSIM_MAX_SCENARIO_BYTES", "lots");
    CHECK(only_error_of(kMinimal).starts_with("environment variable TXSIM_MAX_SCENARIO_BYTES: error: expected a "
                                              "positive whole number of bytes"));
  }
  CHECK_THROWS_AS(io::load_scenario("/dev/zero"), io::ConfigError);
}

TEST_CASE("a file with more values than the limit is refused before it is parsed, and the limit can be raised") {
  std::string values = "1";
  for (int i = 1; i < 2000; ++i) values += ",1";
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("billing: {}"), 11,
               "billing: {handle_time: {distribution: empirical, values_s: [" + values + "]}}");
  {
    const ScopedEnv cap("TXSIM_MAX_SCENARIO_VALUES", "1000");
    const std::string message = only_error_of(yaml);
    CHECK(message.starts_with("t.yaml:5:"));
    CHECK(message.find("more than 1000 values") != std::string::npos);
    CHECK(message.find("TXSIM_MAX_SCENARIO_VALUES") != std::string::npos);
  }
  {
    const ScopedEnv cap("TXSIM_MAX_SCENARIO_VALUES", "3000");
    CHECK(io::parse_scenario(yaml, "t.yaml").contact_types.at(0).handle_time.values.size() == 2000);
  }
}

TEST_CASE("a hundred thousand bad values are collected in linear time and shown up to the cap") {
  constexpr int kValues = 131072;
  std::string values;
  for (int i = 0; i < kValues; ++i) values += i == 0 ? "-1" : ",-1";
  std::string yaml(kMinimal);
  yaml.replace(yaml.find("billing: {}"), 11,
               "billing: {handle_time: {distribution: empirical, values_s: [" + values + "]}}");
  const auto started = std::chrono::steady_clock::now();
  try {
    io::parse_scenario(yaml, "t.yaml");
    FAIL("negative handle times were accepted");
  } catch (const io::ConfigError& error) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CHECK(error.diagnostics().size() == kValues);
    // Quadratic bookkeeping took 38 s here; linear takes well under a second (more under sanitizers).
    CHECK(seconds < 15.0);
    const std::string shown = error.what();
    CHECK(std::count(shown.begin(), shown.end(), '\n') == static_cast<long>(io::kMaxShownDiagnostics));
    CHECK(shown.ends_with("... and 131022 more error(s)"));
  }
}
