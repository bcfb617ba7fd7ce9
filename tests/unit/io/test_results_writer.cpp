#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "scenario_builders.hpp"
#include "txsim/io/results_writer.hpp"

namespace {

txsim::experiment::ExperimentResult small_workforce_experiment() {
  txsim::experiment::ReplicationOptions options;
  options.replications = 2;
  options.detail = txsim::experiment::Detail::Day;
  return txsim::experiment::run_replications(txsim::testing::workforce_centre(10, 300, 10), options);
}

std::size_t lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

TEST_CASE("the replications CSV has one row per replication, period and KPI") {
  const auto r = small_workforce_experiment();
  std::ostringstream out;
  txsim::io::write_replications_csv(out, r);
  // Per replication: customer KPIs for total, 1 type, 1 month, 2 weeks, 10 days; employee KPIs
  // for total, 1 month, 2 weeks, 10 days.
  const std::size_t per_rep = (1 + 1 + 1 + 2 + 10) * txsim::model::kKpiCount + (1 + 1 + 2 + 10) * txsim::model::kExKpiCount;
  CHECK(lines(out.str()) == 1 + 2 * per_rep);
  CHECK(out.str().starts_with("replication,scope,day,interval,contact_type,start_s,kpi,value\n0,total,,,,0,offered,"));
  CHECK(out.str().find("\n1,week,7,,,604800,absence_rate,") != std::string::npos);
}

TEST_CASE("the agents CSV has one row per agent and replication") {
  const auto r = small_workforce_experiment();
  std::ostringstream out;
  txsim::io::write_agents_csv(out, r);
  CHECK(lines(out.str()) == 1 + r.replications[0].agents.size() + r.replications[1].agents.size());
  CHECK(out.str().find("\n0,0,agents,0,1,") != std::string::npos);
}

TEST_CASE("the JSON summary holds the documented blocks") {
  const auto r = small_workforce_experiment();
  const auto json = nlohmann::json::parse(txsim::io::summary_json({"workforce", "f.yaml", 1, 2, 20.0, {}}, r).dump());
  for (const char* key : {"scenario", "seed", "replications", "kpis", "ex", "contact_types", "months", "weeks", "days",
                          "ex_months", "ex_weeks", "ex_days"})
    CHECK_MESSAGE(json.contains(key), key);
  CHECK(json["replications"] == 2);
  const auto& sl = json["kpis"]["service_level"];
  CHECK(sl["ci95"].size() == 2);
  CHECK(sl["ci95"][0].get<double>() <= sl["mean"].get<double>());
  CHECK(json["ex"]["employed"]["unit"] == "agents");
  CHECK(json["days"].size() == 10);
}

TEST_CASE("names with commas, quotes or line breaks are quoted per RFC 4180 in every CSV") {
  auto spec = txsim::testing::workforce_centre(5, 100, 2);
  spec.contact_types[0].name = "billing, \"urgent\"";
  spec.agent_groups[0].name = "team\nA";
  txsim::experiment::ReplicationOptions options;
  options.replications = 1;
  const auto r = txsim::experiment::run_replications(spec, options);
  std::ostringstream summary;
  txsim::io::write_summary_csv(summary, r);
  CHECK(summary.str().find("\ncontact_type,,,\"billing, \"\"urgent\"\"\",0,offered,") != std::string::npos);
  std::ostringstream agents;
  txsim::io::write_agents_csv(agents, r);
  CHECK(agents.str().find("\n0,0,\"team\nA\",0,") != std::string::npos);
}

TEST_CASE("the JSON summary and the provenance block say where the numbers come from") {
  const auto r = small_workforce_experiment();
  txsim::io::RunInfo info{"workforce", "f.yaml", 42, 2, 20.0, {}};
  info.provenance.scenario_sha256 = std::string(64, 'a');
  info.provenance.overrides = {"horizon.days=10"};
  info.provenance.command_line = {"txsim", "run", "f.yaml", "--seed", "42"};
  const auto json = nlohmann::json::parse(txsim::io::summary_json(info, r).dump());
  const auto& p = json["provenance"];
  CHECK(p["txsim_version"] == txsim::kVersion);
  CHECK(p["scenario"] == "workforce");
  CHECK(p["scenario_file"] == "f.yaml");
  CHECK(p["scenario_sha256"] == std::string(64, 'a'));
  CHECK(p["seed"] == 42);
  CHECK(p["replications"] == 2);
  CHECK(p["overrides"] == nlohmann::json::array({"horizon.days=10"}));
  CHECK(p["command_line"][3] == "--seed");
  CHECK(nlohmann::json::parse(txsim::io::provenance_json(info).dump()) == json["provenance"]);
}

TEST_CASE("the summary reports the contacts still waiting at the end of each replication") {
  // Overloaded for 2 hours (rho = 2): contacts are still queued when the horizon ends.
  auto spec = txsim::testing::single_queue(120.0, txsim::rng::Distribution::exponential(120.0), 2);
  spec.horizon.arrivals.reset();
  spec.horizon.hours = 2.0;
  txsim::experiment::ReplicationOptions options;
  options.replications = 3;
  const auto result = txsim::experiment::run_replications(spec, options);
  const auto json = txsim::io::summary_json(txsim::io::RunInfo{}, result);
  REQUIRE(json.at("waiting_at_end").size() == 3);
  for (std::size_t r = 0; r < 3; ++r) {
    const auto& rep = result.replications[r];
    const auto kpi = [&](txsim::model::Kpi k) { return rep.total[static_cast<std::size_t>(k)]; };
    CHECK(json.at("waiting_at_end")[r].get<std::uint64_t>() == rep.waiting_at_end);
    CHECK(rep.waiting_at_end > 0);
    CHECK(kpi(txsim::model::Kpi::Offered) == kpi(txsim::model::Kpi::Answered) + kpi(txsim::model::Kpi::Abandoned) +
                                                 kpi(txsim::model::Kpi::Blocked) +
                                                 static_cast<double>(rep.waiting_at_end));
  }
}
