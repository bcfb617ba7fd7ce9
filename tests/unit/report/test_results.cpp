// Reading what a report is made from: a comparison's output directory (comparison.json and the
// resolved scenario beside it) and uncertainty results.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "txsim/experiment/comparison.hpp"
#include "txsim/io/comparison_writer.hpp"
#include "txsim/io/output_files.hpp"
#include "txsim/io/scenario_loader.hpp"
#include "txsim/report/assumptions.hpp"
#include "txsim/report/html_report.hpp"

namespace {

using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

struct TempDir {
  static inline int count = 0;
  fs::path path =
      fs::temp_directory_path() / ("txsim-results-test-" + std::to_string(::getpid()) + "-" + std::to_string(count++));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// A short comparison of the default story, as `txsim compare --set horizon.days=3 -r 2` runs it.
struct ShortComparison {
  txsim::io::LoadedStudy loaded;
  txsim::io::RunInfo info;
  txsim::experiment::Comparison comparison;

  ShortComparison() {
    const std::vector<txsim::io::Override> overrides{{"horizon.days", "3"}};
    loaded = txsim::io::load_study(std::string(TXSIM_SOURCE_DIR) + "/scenarios/default.yaml", overrides);
    txsim::experiment::ReplicationOptions options;
    options.replications = 2;
    options.threads = 2;
    options.detail = txsim::experiment::Detail::Day;
    comparison = txsim::experiment::run_comparison(loaded.study, options);
    info.scenario = loaded.study.centre.name;
    info.file = "scenarios/default.yaml";
    info.replications = 2;
    info.currency = loaded.study.centre.currency;
    info.provenance.scenario_sha256 = loaded.content_hash;
    info.provenance.overrides = {"horizon.days=3"};
    info.provenance.resolved_yaml = loaded.resolved_yaml;
  }
};

const ShortComparison& short_comparison() {
  static const ShortComparison c;
  return c;
}

const txsim::report::ReportContext kContext{"2026-01-01T00:00:00Z", "txsim report"};

// The page apart from its provenance section (when and how it was written).
std::string without_provenance(std::string html) {
  const std::string open = R"(<section id="provenance">)";
  const std::string close = "</section>";
  for (std::size_t start = html.find(open); start != std::string::npos; start = html.find(open, start)) {
    const std::size_t end = html.find(close, start);
    html.erase(start, end == std::string::npos ? std::string::npos : end + close.size() - start);
  }
  return html;
}

}  // namespace

TEST_CASE("a comparison's output directory carries its resolved scenario, whose hash is the provenance's") {
  const auto& c = short_comparison();
  const TempDir dir;
  txsim::io::write_comparison_outputs(dir.path / "out", c.info, c.comparison);
  const std::string text = read(dir.path / "out" / txsim::io::kResolvedScenarioFileName);
  CHECK(text == c.loaded.resolved_yaml);
  CHECK(read(dir.path / "out" / "provenance.json").find(std::string(txsim::io::kResolvedScenarioFileName)) !=
        std::string::npos);
}

TEST_CASE("report RESULTS gives the page compare --report gives, assumptions table included") {
  const auto& c = short_comparison();
  const TempDir dir;
  txsim::io::write_comparison_outputs(dir.path / "out", c.info, c.comparison);
  // What `compare --report` renders: the fresh results and the study at hand.
  txsim::report::ReportData fresh;
  fresh.comparison = txsim::io::comparison_json(c.info, c.comparison);
  fresh.assumptions = txsim::report::assumptions_json(c.loaded.study);
  const auto read_back = txsim::report::read_results(dir.path / "out");
  CHECK(read_back.warnings.empty());
  CHECK(read_back.data.assumptions == fresh.assumptions);
  const std::string from_compare = txsim::report::render_html(fresh, kContext);
  const std::string from_results = txsim::report::render_html(read_back.data, kContext);
  CHECK(from_results.find("<section id=\"assumptions\">") != std::string::npos);
  CHECK(from_compare == from_results);
  // The same through the comparison.json file itself.
  const auto by_file = txsim::report::read_results(dir.path / "out" / "comparison.json");
  CHECK(without_provenance(txsim::report::render_html(by_file.data, kContext)) == without_provenance(from_compare));
}

TEST_CASE("a resolved scenario that is not the one compared is refused, a missing one only warned about") {
  const auto& c = short_comparison();
  const TempDir dir;
  txsim::io::write_comparison_outputs(dir.path / "out", c.info, c.comparison);
  const fs::path scenario = dir.path / "out" / txsim::io::kResolvedScenarioFileName;
  write(scenario, read(scenario) + "# edited\n");
  CHECK_THROWS_WITH_AS(txsim::report::read_results(dir.path / "out"),
                       doctest::Contains("resolved_scenario.yaml: its SHA-256"), txsim::report::ResultsError);
  CHECK_THROWS_WITH_AS(txsim::report::read_results(dir.path / "out"),
                       doctest::Contains("the directory mixes files of different runs"), txsim::report::ResultsError);
  fs::remove(scenario);
  const auto read_back = txsim::report::read_results(dir.path / "out");
  REQUIRE(read_back.warnings.size() == 1);
  CHECK(read_back.warnings[0].find("resolved_scenario.yaml: not found") != std::string::npos);
  CHECK(read_back.data.assumptions.is_null());
  CHECK(txsim::report::render_html(read_back.data, kContext).find("id=\"assumptions\"") == std::string::npos);
}

TEST_CASE("uncertainty results beside the comparison are picked up, another study's with a warning") {
  const auto& c = short_comparison();
  const TempDir dir;
  txsim::io::write_comparison_outputs(dir.path / "out", c.info, c.comparison);
  json uncertainty = json::parse(read(std::string(TXSIM_SOURCE_DIR) + "/tests/data/report/uncertainty.json"));
  uncertainty["study"]["sha256"] = c.loaded.content_hash;
  write(dir.path / "out" / "uncertainty.json", uncertainty.dump());
  const auto same_study = txsim::report::read_results(dir.path / "out");
  CHECK(same_study.warnings.empty());
  CHECK(same_study.data.uncertainty == uncertainty);
  CHECK(txsim::report::render_html(same_study.data, kContext).find("<section id=\"robustness\">") != std::string::npos);

  // --uncertainty names results elsewhere: those of the fixture's own (other) study.
  const fs::path fixture = std::string(TXSIM_SOURCE_DIR) + "/tests/data/report/uncertainty.json";
  const auto other_study = txsim::report::read_results(dir.path / "out", fixture);
  REQUIRE(other_study.warnings.size() == 1);
  CHECK(other_study.warnings[0].find("another version of the study") != std::string::npos);
  CHECK(other_study.data.uncertainty_cautions == other_study.warnings);
}

TEST_CASE("uncertainty results that cannot be read are refused, naming the file") {
  const auto& c = short_comparison();
  const TempDir dir;
  txsim::io::write_comparison_outputs(dir.path / "out", c.info, c.comparison);
  CHECK_THROWS_WITH_AS(txsim::report::read_results(dir.path / "out", dir.path / "none"),
                       doctest::Contains("none: no such directory or file; expected an output directory of `txsim "
                                         "uncertainty -o`"),
                       txsim::report::ResultsError);
  fs::create_directories(dir.path / "u");
  write(dir.path / "u" / "uncertainty.json", "{\"study\": {}, \"policies\": 3}");
  CHECK_THROWS_WITH_AS(txsim::report::read_results(dir.path / "out", dir.path / "u"),
                       doctest::Contains("uncertainty.json: the results have no \"study\" or no \"policies\" list"),
                       txsim::report::ResultsError);
  write(dir.path / "u" / "uncertainty.json", "{\"policies\": [");
  CHECK_THROWS_WITH_AS(txsim::report::read_results(dir.path / "out", dir.path / "u"),
                       doctest::Contains("uncertainty.json: not valid JSON"), txsim::report::ResultsError);
}
