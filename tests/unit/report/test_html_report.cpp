#include <doctest/doctest.h>

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "txsim/io/scenario_loader.hpp"
#include "txsim/report/assumptions.hpp"
#include "txsim/report/html_report.hpp"
#include "txsim/report/pdf.hpp"

namespace {

using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

json estimate(double mean, double lo, double hi, bool with_diff, double diff = 0.0) {
  json e = {{"mean", mean}, {"ci95", {lo, hi}}};
  e["diff"] = with_diff ? json(diff) : json(nullptr);
  e["diff_ci95"] = with_diff ? json{diff - std::abs(diff) / 2, diff + std::abs(diff) / 2} : json(nullptr);
  e["n"] = 10;
  return e;
}

// The smallest results a report accepts: a baseline and one policy, no employee dynamics and no
// monthly series.
json small_comparison(const std::string& policy_name, const std::string& description) {
  json policies = json::array();
  for (int i = 0; i < 2; ++i) {
    const bool policy = i == 1;
    json p = {{"name", policy ? policy_name : "baseline"}, {"description", policy ? description : ""}, {"levers", ""}};
    for (const char* index : {"cx", "ex", "cost", "tx"}) p["scores"][index] = estimate(50.0 + i, 45.0, 55.0, policy, 4.2);
    p["kpis"]["service_level"] = estimate(0.8, 0.78, 0.82, policy, 0.05);
    p["kpis"]["service_level"]["unit"] = "fraction";
    p["kpis"]["first_contact_resolution"] = estimate(0.7, 0.68, 0.72, policy, -0.03);
    p["business_case"]["total_cost_incl_churn"] = estimate(1234567.0, 1200000.0, 1270000.0, policy, -20000.0);
    p["npv_vs_baseline"] = policy ? json{{"mean", 19000.0}, {"ci95", {15000.0, 23000.0}}, {"n", 10}} : json(nullptr);
    p["verdict"] = policy ? json{{"verdict", "dominates"}, {"text", "dominates the baseline"}} : json(nullptr);
    policies.push_back(p);
  }
  return {{"scenario", "small"}, {"file", "small.yaml"}, {"seed", 7}, {"replications", 10},
          {"confidence_level", 0.95}, {"discount_rate_per_year", 0.08}, {"events", 1000}, {"policies", policies}};
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// One directory per process and use: CTest runs each test case as its own process, in parallel.
struct TempDir {
  static inline int count = 0;
  fs::path path =
      fs::temp_directory_path() / ("txsim-report-test-" + std::to_string(::getpid()) + "-" + std::to_string(count++));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

const txsim::report::ReportContext kContext{"2026-01-01T00:00:00Z", "txsim report out -o r.html"};

txsim::report::ReportData data(json comparison) {
  txsim::report::ReportData d;
  d.comparison = std::move(comparison);
  return d;
}

std::string render(json comparison) { return txsim::report::render_html(data(std::move(comparison)), kContext); }

}  // namespace

TEST_CASE("names and descriptions with markup are escaped, and the embedded results cannot end their script") {
  const std::string html = render(small_comparison("<b>bold</b>", "</script><script>alert(1)</script>"));
  CHECK(html.find("<b>bold</b>") == std::string::npos);
  CHECK(html.find("&lt;b&gt;bold&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("alert(1)</script>") == std::string::npos);
  // the results, the uncertainty results, the charting library, the page script
  CHECK(count(html, "</script>") == 4);
}

TEST_CASE("every number names the result it shows") {
  const std::string html = render(small_comparison("fix", ""));
  CHECK(html.find(R"(data-path="/policies/1/scores/cx/diff" data-value="4.2" data-scale="1" data-decimals="1">+4.2<)") !=
        std::string::npos);
  CHECK(html.find(R"(data-path="/policies/1/kpis/service_level/diff" data-value="0.05" data-scale="100")") !=
        std::string::npos);
}

TEST_CASE("the summary gives each policy's verdict with its numbers and what moved") {
  const std::string html = render(small_comparison("fix", ""));
  CHECK(html.find("<strong>fix</strong> dominates the baseline: customers gain (CX") != std::string::npos);
  CHECK(html.find("first-contact resolution fell") != std::string::npos);
  CHECK(html.find("Net present value of its savings") != std::string::npos);
}

TEST_CASE("results without monthly series or employee dynamics leave those parts out") {
  const std::string html = render(small_comparison("fix", ""));
  CHECK(html.find("id=\"months\"") == std::string::npos);
  CHECK(html.find("data-chart=\"cashflow\"") == std::string::npos);
  CHECK(html.find("data-chart=\"tradeoff\"") != std::string::npos);
  CHECK(html.find("Headcount") == std::string::npos);
}

TEST_CASE("the page loads nothing from outside") {
  const std::string html = render(small_comparison("fix", ""));
  CHECK(html.find("src=\"http") == std::string::npos);
  CHECK(html.find("href=\"http") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
}

TEST_CASE("the provenance names the results and how the report was made") {
  json results = small_comparison("fix", "");
  results["provenance"] = {{"scenario_sha256", "abc123"}};
  const std::string html = render(results);
  CHECK(html.find("txsim report out -o r.html") != std::string::npos);
  CHECK(html.find("2026-01-01T00:00:00Z") != std::string::npos);
  CHECK(html.find("abc123") != std::string::npos);
}

TEST_CASE("results that are not a comparison are refused, naming the file") {
  const TempDir dir;
  CHECK_THROWS_WITH_AS(txsim::report::read_comparison(dir.path / "missing.json"),
                       doctest::Contains("missing.json: no such directory or file"), txsim::report::ResultsError);
  std::ofstream(dir.path / "bad.json") << "{\"policies\": [";
  CHECK_THROWS_WITH_AS(txsim::report::read_comparison(dir.path / "bad.json"),
                       doctest::Contains("bad.json: not valid JSON"), txsim::report::ResultsError);
  std::ofstream(dir.path / "summary.json") << "{\"kpis\": {}}";
  CHECK_THROWS_WITH_AS(txsim::report::read_comparison(dir.path / "summary.json"),
                       doctest::Contains("summary.json: the results have no \"policies\""),
                       txsim::report::ResultsError);
}

TEST_CASE("an output directory is read through its comparison.json") {
  const TempDir dir;
  std::ofstream(dir.path / "comparison.json") << small_comparison("fix", "").dump();
  CHECK(txsim::report::read_comparison(dir.path).at("policies").at(1).at("name") == "fix");
}

TEST_CASE("a report is written whole or not at all") {
  const TempDir dir;
  txsim::report::write_report(dir.path / "r.html", "<p>page</p>");
  CHECK(read(dir.path / "r.html") == "<p>page</p>");
  CHECK_FALSE(fs::exists(dir.path / "r.html.partial"));
  CHECK_THROWS_WITH_AS(txsim::report::write_report(dir.path / "no" / "such" / "r.html", "x"),
                       doctest::Contains("r.html: cannot write the report"), std::runtime_error);
}

TEST_CASE("a PDF without a browser to print it is an error naming the PDF and the browser") {
  const TempDir dir;
  txsim::report::write_report(dir.path / "r.html", "<p>page</p>");
  CHECK_THROWS_WITH_AS(txsim::report::write_pdf(dir.path / "r.html", dir.path / "r.pdf", "/no/such/chromium"),
                       doctest::Contains("r.pdf: cannot print the PDF: could not run /no/such/chromium"),
                       std::runtime_error);
  CHECK_FALSE(fs::exists(dir.path / "r.pdf"));
  CHECK_FALSE(fs::exists(dir.path / "r.pdf.partial"));
}

TEST_CASE("money is labelled with the results' currency") {
  json results = small_comparison("fix", "");
  results["currency"] = "CHF";
  const std::string html = render(results);
  CHECK(html.find("Money in CHF") != std::string::npos);
  CHECK(html.find("<span class=\"unit\">CHF</span>") != std::string::npos);
  CHECK(html.substr(0, html.find("<script")).find("EUR") == std::string::npos);
}

TEST_CASE("the assumptions table lists what rests on assumptions and what differs from the defaults") {
  const auto loaded = txsim::io::load_study(std::string(TXSIM_SOURCE_DIR) + "/scenarios/default.yaml", {});
  const json rows = txsim::report::assumptions_json(loaded.study);
  bool balk = false;
  for (const auto& row : rows) {
    const std::string grade = row.at("grade");
    CHECK((grade == "assumption" || grade == "vendor_claim" || row.at("value") != row.at("default")));
    if (row.at("key_path") == "contact_types.billing.balk_probability") {
      balk = true;
      CHECK(row.at("grade") == "assumption");
      CHECK(row.at("value") == "0.03");
    }
  }
  CHECK(balk);
  txsim::report::ReportData with_rows = data(small_comparison("fix", ""));
  with_rows.assumptions = rows;
  const std::string html = txsim::report::render_html(with_rows, kContext);
  CHECK(html.find("<section id=\"assumptions\">") != std::string::npos);
  CHECK(html.find("contact_types.billing.balk_probability") != std::string::npos);
}

namespace {

// Component scores as io::comparison_json writes them under each policy, made by hand: a CX
// component with a weight, an EX component reported but not scored (weight 0), and a cost one.
json with_components(json results) {
  results["policies"][0]["components"] = json::parse(R"({
    "service_level": {"index": "cx", "weight": 0.25, "mean": 71.4, "ci95": [68.2, 74.6],
                      "diff_mean": null, "diff_ci95": null},
    "fatigue_mean": {"index": "ex", "weight": 0, "mean": 55.0, "ci95": [50.0, 60.0],
                     "diff_mean": null, "diff_ci95": null},
    "cost_per_issue": {"index": "cost", "weight": 1, "mean": 48.25, "ci95": [47.5, 49.0],
                       "diff_mean": null, "diff_ci95": null}})");
  results["policies"][1]["components"] = json::parse(R"({
    "service_level": {"index": "cx", "weight": 0.25, "mean": 80.9, "ci95": [77.1, 84.7],
                      "diff_mean": 9.5, "diff_ci95": [7.25, 11.75]},
    "fatigue_mean": {"index": "ex", "weight": 0, "mean": 41.0, "ci95": [36.0, 46.0],
                     "diff_mean": -14.0, "diff_ci95": [-17.0, -11.0]},
    "cost_per_issue": {"index": "cost", "weight": 1, "mean": 52.0, "ci95": [51.0, 53.0],
                       "diff_mean": 3.75, "diff_ci95": [3.0, 4.5]}})");
  return results;
}

}  // namespace

TEST_CASE("component scores are shown per index with their weights and paired differences") {
  const std::string html = render(with_components(small_comparison("fix", "")));
  CHECK(html.find("<h3>Component scores</h3>") != std::string::npos);
  CHECK(count(html, "<table class=\"component-scores\"") == 3);
  CHECK(html.find(R"(data-index="cx")") < html.find(R"(data-index="ex")"));
  CHECK(html.find(R"(data-index="ex")") < html.find(R"(data-index="cost")"));
  CHECK(html.find(R"(data-path="/policies/0/components/service_level/weight" data-value="0.25" data-scale="1" data-decimals="2">0.25<)") !=
        std::string::npos);
  // Weight 0: reported beside the index, not scored into it.
  CHECK(count(html, "<td class=\"unscored\">") == 1);
  CHECK(html.find("<th>fatigue</th><td class=\"unscored\">reported, not scored</td>") != std::string::npos);
  // Scores to the precision of their intervals (half-width 1.9 -> one decimal), differences signed.
  CHECK(html.find(R"(data-path="/policies/1/components/service_level/mean" data-value="80.9" data-scale="1" data-decimals="1">80.9<)") !=
        std::string::npos);
  CHECK(html.find(R"(data-path="/policies/1/components/service_level/diff_mean" data-value="9.5" data-scale="1" data-decimals="1">+9.5<)") !=
        std::string::npos);
  CHECK(html.find(R"(data-path="/policies/1/components/cost_per_issue/diff_ci95/1" data-value="4.5" data-scale="1" data-decimals="2">+4.50<)") !=
        std::string::npos);
  // The baseline has no difference to show.
  CHECK(html.find("/policies/0/components/service_level/diff_mean") == std::string::npos);
  // The measured KPIs stay, under their own heading.
  CHECK(html.find("<h3>The measurements behind them</h3>") != std::string::npos);
  CHECK(html.find("/policies/1/kpis/service_level/diff") != std::string::npos);
}

TEST_CASE("without component scores the scorecard shows the measured components as before") {
  const std::string html = render(small_comparison("fix", ""));
  CHECK(html.find("Component scores") == std::string::npos);
  CHECK(html.find("reported, not scored") == std::string::npos);
  CHECK(html.find("<h3>Components</h3>") != std::string::npos);
  CHECK(html.find("/policies/1/kpis/first_contact_resolution/diff") != std::string::npos);
}

TEST_CASE("the business case shows every line of the results, and figures a policy carries beside its NPV") {
  json results = small_comparison("fix", "");
  for (int i = 0; i < 2; ++i) {
    auto& p = results["policies"][i];
    p["business_case"]["operating_cost"] = estimate(900000.0, 880000.0, 920000.0, i == 1, -15000.0);
    p["business_case"]["implementation"] = estimate(i == 1 ? 40000.0 : 0.0, i == 1 ? 40000.0 : 0.0,
                                                    i == 1 ? 40000.0 : 0.0, i == 1, 40000.0);
    p["business_case"]["implementation"]["unit"] = "currency";
    p["break_even_budget"] = i == 1 ? json{{"mean", 61000.0}, {"ci95", {52000.0, 70000.0}}, {"n", 10}} : json(nullptr);
    p["implementation_cost"] = {{"one_off", i == 1 ? 30000.0 : 0.0}, {"per_month", i == 1 ? 1500.0 : 0.0}};
  }
  const std::string html = render(results);
  const auto section = html.substr(html.find("<section id=\"business-case\">"));
  const auto table = section.substr(0, section.find("</table>"));
  // In the results' order, then the NPV, then the policy's own figures.
  CHECK(table.find("total cost incl. churn") < table.find("operating cost (excl. churn)"));
  CHECK(table.find("operating cost (excl. churn)") < table.find("<th>implementation"));
  CHECK(table.find("<th>implementation") < table.find("NPV of savings"));
  CHECK(table.find("<th>implementation") < table.find("implementation cost: one-off"));
  CHECK(table.find("implementation cost: per month") < table.find("NPV of savings"));
  CHECK(table.find(R"(data-path="/policies/1/implementation_cost/one_off" data-value="30000")") != std::string::npos);
  CHECK(table.find("NPV of savings") < table.find("break-even implementation budget"));
  CHECK(html.find("still pay for itself over the horizon (break-even budget): <span class=\"unit\">EUR</span> <span "
                  "class=\"num\" data-path=\"/policies/1/break_even_budget/mean\"") != std::string::npos);
  // An estimate is one row, not a row per member.
  CHECK(table.find("NPV of savings: mean") == std::string::npos);
  CHECK(table.find("break-even implementation budget: ") == std::string::npos);
  CHECK(table.find(R"(data-path="/policies/1/business_case/implementation/diff")") != std::string::npos);
  CHECK(table.find(R"(data-path="/policies/1/break_even_budget/mean" data-value="61000")") != std::string::npos);
  // Nothing for the baseline, which has no break-even budget, and no difference where none is given.
  CHECK(table.find("/policies/0/break_even_budget") == std::string::npos);
  CHECK(table.find("/policies/1/break_even_budget/diff") == std::string::npos);
}

namespace {

json fixture_uncertainty() {
  std::ifstream in(std::string(TXSIM_SOURCE_DIR) + "/tests/data/report/uncertainty.json");
  return json::parse(in);
}

// The small comparison under the names of the fixture's policies.
json comparison_for_fixture() {
  json results = small_comparison("silo_push", "");
  results["policies"].push_back(results["policies"][1]);
  results["policies"][2]["name"] = "unified";
  results["provenance"] = {{"scenario_sha256", std::string(64, '0')}};
  return results;
}

}  // namespace

TEST_CASE("uncertainty results add a robustness section whose numbers name the uncertainty results") {
  txsim::report::ReportData d = data(comparison_for_fixture());
  d.uncertainty = fixture_uncertainty();
  const std::string html = txsim::report::render_html(d, kContext);
  CHECK(html.find("<a href=\"#robustness\">Robustness</a>") != std::string::npos);
  const auto from = html.find("<section id=\"robustness\">");
  REQUIRE(from != std::string::npos);
  const std::string section = html.substr(from, html.find("</section>", from) - from);
  CHECK(section.find("112 points of a Saltelli design with 16 base samples") != std::string::npos);
  // Verdict probabilities in percent, at the precision of their intervals (half-width 8.6 pp).
  CHECK(section.find(R"(<span class="num" data-source="uncertainty" data-path="/policies/1/verdicts/dominates/p" data-value="0.7321" data-scale="100" data-decimals="1">73.2<)") !=
        std::string::npos);
  CHECK(count(section, "data-chart=\"verdicts\"") == 1);
  // The spread of each difference, and the share of its variance that is noise (3.0 / 48.0).
  CHECK(section.find(R"(data-path="/policies/1/differences/cx/p05" data-value="6.5")") != std::string::npos);
  CHECK(section.find(R"(data-numerator="/policies/1/differences/cx/noise_variance" data-denominator="/policies/1/differences/cx/variance" data-scale="100" data-decimals="0">6<)") !=
        std::string::npos);
  // One Sobol and one tornado chart per policy and difference.
  CHECK(count(section, "data-chart=\"sobol\"") == 10);
  CHECK(count(section, "data-chart=\"tornado\"") == 10);
  CHECK(section.find(R"(data-chart="tornado" data-policy="1" data-metric="npv")") != std::string::npos);
  // The three strongest parameters of each difference, the strongest first.
  const json& cx = d.uncertainty["policies"][0]["sobol"]["cx"];
  std::size_t strongest = 0;
  for (std::size_t k = 1; k < cx.size(); ++k)
    if (cx[k]["total"]["estimate"].get<double>() > cx[strongest]["total"]["estimate"].get<double>()) strongest = k;
  CHECK(section.find(fmt::format(R"(data-path="/policies/0/sobol/cx/{}/total/estimate")", strongest)) !=
        std::string::npos);
  CHECK(count(section, "/total/estimate\"") == 2 * 5 * 3);
  // The priors, with why.
  CHECK(section.find("no study of forced against chosen self-service success") != std::string::npos);
  // The uncertainty results are embedded for the charts.
  CHECK(html.find("<script type=\"application/json\" id=\"txsim-uncertainty\">{\"txsim_version\"") !=
        std::string::npos);
}

TEST_CASE("without uncertainty results there is no robustness section") {
  const std::string html = render(comparison_for_fixture());
  CHECK(html.find("id=\"robustness\"") == std::string::npos);
  CHECK(html.find("#robustness") == std::string::npos);
  CHECK(html.find("<script type=\"application/json\" id=\"txsim-uncertainty\">null</script>") != std::string::npos);
}

TEST_CASE("uncertainty results of another study or with other policies get a caution") {
  json uncertainty = fixture_uncertainty();
  CHECK(txsim::report::uncertainty_cautions(comparison_for_fixture(), uncertainty).empty());
  uncertainty["study"]["sha256"] = std::string(64, 'a');
  uncertainty["policies"][1]["name"] = "unified_v2";
  const auto cautions = txsim::report::uncertainty_cautions(comparison_for_fixture(), uncertainty);
  REQUIRE(cautions.size() == 2);
  CHECK(cautions[0].find("another version of the study (SHA-256 aaaaaaaaaaaa") != std::string::npos);
  CHECK(cautions[1].find("policies the comparison does not have: unified_v2") != std::string::npos);
  txsim::report::ReportData d = data(comparison_for_fixture());
  d.uncertainty = uncertainty;
  d.uncertainty_cautions = cautions;
  const std::string html = txsim::report::render_html(d, kContext);
  CHECK(count(html, "<p class=\"caution\">") == 2);
}
