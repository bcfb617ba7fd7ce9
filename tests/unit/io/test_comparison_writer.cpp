#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario_builders.hpp"
#include "txsim/experiment/comparison.hpp"
#include "txsim/io/comparison_writer.hpp"

namespace {

// A queue compared with a policy whose name needs CSV quoting: one comma, one quote.
const txsim::experiment::Comparison& small_comparison() {
  static const txsim::experiment::Comparison comparison = [] {
    txsim::experiment::StudySpec study;
    study.centre = txsim::testing::single_queue(100, txsim::rng::Distribution::exponential(180), 7,
                                                txsim::rng::Distribution::exponential(300), 2000);
    txsim::policy::PolicySpec policy;
    policy.name = "fewer, \"leaner\"";
    policy.levers.headcount_change = -0.2;
    study.policies.push_back(policy);
    txsim::experiment::ReplicationOptions options;
    options.replications = 3;
    return txsim::experiment::run_comparison(study, options);
  }();
  return comparison;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Splits one CSV record per RFC 4180 (quoted fields, doubled quotes).
std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (quoted && ch == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (ch == '"') {
      quoted = !quoted;
    } else if (ch == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += ch;
    }
  }
  return fields;
}

constexpr const char* kPolicyName = "fewer, \"leaner\"";

}  // namespace

TEST_CASE("the comparison CSV has one row per variant, replication and metric, names quoted per RFC 4180") {
  std::ostringstream out;
  txsim::io::write_comparison_csv(out, small_comparison());
  const auto lines = lines_of(out.str());
  REQUIRE(!lines.empty());
  CHECK(lines[0] == "policy,replication,metric,value");
  // Per replication: customer KPIs, indices and business-case items; the policy adds its NPV.
  const std::size_t metrics =
      txsim::model::kKpiCount + txsim::score::kScoreCount + txsim::score::kComponentCount +
      txsim::score::kBusinessCaseCount;
  CHECK(lines.size() == 1 + 3 * metrics + 3 * (metrics + 1));
  std::size_t policy_rows = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto fields = fields_of(lines[i]);
    REQUIRE_MESSAGE(fields.size() == 4, lines[i]);
    CHECK((fields[0] == "baseline" || fields[0] == kPolicyName));
    policy_rows += fields[0] == kPolicyName ? 1 : 0;
  }
  CHECK(policy_rows == 3 * (metrics + 1));
  CHECK(out.str().find("\n\"fewer, \"\"leaner\"\"\",2,npv_vs_baseline,") != std::string::npos);
}

TEST_CASE("the comparison summary CSV has a difference for policies only, and n") {
  std::ostringstream out;
  txsim::io::write_comparison_summary_csv(out, small_comparison());
  const auto lines = lines_of(out.str());
  CHECK(lines[0] == "policy,metric,mean,ci95_lo,ci95_hi,diff_mean,diff_ci95_lo,diff_ci95_hi,n");
  bool saw_baseline = false;
  bool saw_policy = false;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto f = fields_of(lines[i]);
    REQUIRE_MESSAGE(f.size() == 9, lines[i]);
    if (f[1] != "service_level") continue;
    if (f[0] == "baseline") {
      saw_baseline = true;
      CHECK(f[5].empty());
      CHECK(f[8] == "3");
    } else {
      saw_policy = true;
      CHECK(f[0] == kPolicyName);
      // Fewer agents at the same demand: the service level falls.
      CHECK(std::stod(f[5]) < 0.0);
      CHECK(std::stod(f[6]) <= std::stod(f[5]));
    }
  }
  CHECK(saw_baseline);
  CHECK(saw_policy);
}

TEST_CASE("the comparison JSON carries provenance, the baseline first with null differences") {
  txsim::io::RunInfo info{"single-queue", "q.yaml", 9, 3, 20.0, {}};
  info.provenance.scenario_sha256 = "abc";
  info.provenance.overrides = {"queue.capacity=3"};
  info.provenance.command_line = {"txsim", "compare", "q.yaml"};
  const auto json = nlohmann::json::parse(txsim::io::comparison_json(info, small_comparison()).dump());
  CHECK(json["provenance"]["txsim_version"] == txsim::kVersion);
  CHECK(json["provenance"]["scenario_sha256"] == "abc");
  CHECK(json["provenance"]["seed"] == 9);
  CHECK(json["provenance"]["overrides"][0] == "queue.capacity=3");
  CHECK(json["provenance"]["command_line"].size() == 3);
  REQUIRE(json["policies"].size() == 2);
  CHECK(json["policies"][0]["name"] == "baseline");
  CHECK(json["policies"][0]["scores"]["tx"]["diff"].is_null());
  CHECK(json["policies"][0]["npv_vs_baseline"].is_null());
  CHECK(json["policies"][1]["name"] == kPolicyName);
  CHECK(json["policies"][1]["kpis"]["service_level"]["diff"].get<double>() < 0.0);
  CHECK(json["policies"][1]["verdict"]["text"].is_string());
}

TEST_CASE("the comparison JSON carries each policy's component scores with index, weight and paired difference") {
  txsim::io::RunInfo info{"single-queue", "q.yaml", 9, 3, 20.0, {}};
  const auto json = nlohmann::json::parse(txsim::io::comparison_json(info, small_comparison()).dump());
  const auto& base = json["policies"][0]["components"];
  const auto& policy = json["policies"][1]["components"];
  REQUIRE(base.size() == txsim::score::kComponentCount);
  CHECK(base["service_level"]["index"] == "cx");
  CHECK(base["absence_rate"]["index"] == "ex");
  CHECK(base["cost_per_issue"]["index"] == "cost");
  CHECK(base["fatigue_mean"]["weight"] == 0.0);
  CHECK(base["occupancy"]["weight"] == 1.0);
  CHECK(base["service_level"]["mean"].is_number());
  CHECK(base["service_level"]["ci95"].size() == 2);
  CHECK(base["service_level"]["diff_mean"].is_null());
  CHECK(base["service_level"]["diff_ci95"].is_null());
  // Fewer agents: service scores lower, the difference paired over 3 replications.
  CHECK(policy["service_level"]["diff_mean"].get<double>() < 0.0);
  CHECK(policy["service_level"]["diff_ci95"].size() == 2);
  CHECK(policy["service_level"]["n"] == 3);
  // No customer journeys: no issues to cost, so the cost components are undefined (null, not 0).
  CHECK(policy["cost_per_issue"]["mean"].is_null());
}
