#include <doctest/doctest.h>

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

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

}  // namespace

TEST_CASE("names and descriptions with markup are escaped, and the embedded results cannot end their script") {
  const std::string html = txsim::report::render_html(
      small_comparison("<b>bold</b>", "</script><script>alert(1)</script>"), kContext);
  CHECK(html.find("<b>bold</b>") == std::string::npos);
  CHECK(html.find("&lt;b&gt;bold&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("alert(1)</script>") == std::string::npos);
  CHECK(count(html, "</script>") == 3);  // the results, the charting library, the page script
}

TEST_CASE("every number names the result it shows") {
  const std::string html = txsim::report::render_html(small_comparison("fix", ""), kContext);
  CHECK(html.find(R"(data-path="/policies/1/scores/cx/diff" data-value="4.2" data-scale="1" data-decimals="1">+4.2<)") !=
        std::string::npos);
  CHECK(html.find(R"(data-path="/policies/1/kpis/service_level/diff" data-value="0.05" data-scale="100")") !=
        std::string::npos);
}

TEST_CASE("the summary gives each policy's verdict with its numbers and what moved") {
  const std::string html = txsim::report::render_html(small_comparison("fix", ""), kContext);
  CHECK(html.find("<strong>fix</strong> dominates the baseline: customers gain (CX") != std::string::npos);
  CHECK(html.find("first-contact resolution fell") != std::string::npos);
  CHECK(html.find("Net present value of its savings") != std::string::npos);
}

TEST_CASE("results without monthly series or employee dynamics leave those parts out") {
  const std::string html = txsim::report::render_html(small_comparison("fix", ""), kContext);
  CHECK(html.find("id=\"months\"") == std::string::npos);
  CHECK(html.find("data-chart=\"cashflow\"") == std::string::npos);
  CHECK(html.find("data-chart=\"tradeoff\"") != std::string::npos);
  CHECK(html.find("Headcount") == std::string::npos);
}

TEST_CASE("the page loads nothing from outside") {
  const std::string html = txsim::report::render_html(small_comparison("fix", ""), kContext);
  CHECK(html.find("src=\"http") == std::string::npos);
  CHECK(html.find("href=\"http") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
}

TEST_CASE("the provenance names the results and how the report was made") {
  json results = small_comparison("fix", "");
  results["provenance"] = {{"scenario_sha256", "abc123"}};
  const std::string html = txsim::report::render_html(results, kContext);
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
  const std::string html = txsim::report::render_html(results, kContext);
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
  json results = small_comparison("fix", "");
  results["assumptions"] = rows;
  const std::string html = txsim::report::render_html(results, kContext);
  CHECK(html.find("<section id=\"assumptions\">") != std::string::npos);
  CHECK(html.find("contact_types.billing.balk_probability") != std::string::npos);
}
