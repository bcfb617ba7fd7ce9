#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "txsim/calibrate/calibration.hpp"
#include "txsim/calibrate/report.hpp"
#include "txsim/calibrate/scenario_yaml.hpp"
#include "txsim/io/scenario_loader.hpp"

using namespace txsim::calibrate;

namespace {

CallLog parse(const std::string& text) {
  std::istringstream in(text);
  return parse_call_log(in, "log.csv");
}

const std::string kHeader = "arrival,type,outcome,wait_s,service_start,service_s,agent,customer,priority\n";

std::string row(int day, double seconds, const std::string& type, const std::string& outcome, double wait, double service,
                const std::string& agent, const std::string& customer = "") {
  // 2024-01-01 was a Monday.
  const std::string arrival = format_timestamp(19723 + day, seconds);
  const bool answered = outcome == "answered";
  return fmt::format("{},{},{},{},{},{},{},{},\n", arrival, type, outcome, wait,
                     answered ? format_timestamp(19723 + day, seconds + wait) : "", answered ? fmt::format("{}", service) : "",
                     answered ? agent : "", customer);
}

}  // namespace

TEST_CASE("arrival cells count contacts per weekday and interval; a day far above its weekday is flagged and left out") {
  std::string text = kHeader;
  // Four Mondays with 10 contacts in 09:00-10:00, the third with 60.
  for (int week = 0; week < 4; ++week) {
    const int n = week == 2 ? 60 : 10;
    for (int i = 0; i < n; ++i) text += row(7 * week, 9 * 3600 + 30.0 * i, "a", "answered", 0, 60, "A1");
  }
  CalibrateOptions options;
  const Calibration c = calibrate(parse(text), options);
  REQUIRE(c.arrivals.days.size() == 22);
  CHECK(c.arrivals.days[14].flag == "high");
  CHECK(c.arrivals.days[0].flag.empty());
  bool found = false;
  for (const auto& cell : c.arrivals.cells) {
    if (cell.weekday != txsim::model::Weekday::Monday || cell.interval != 9) continue;
    found = true;
    CHECK(cell.count.value == doctest::Approx(10.0));
    CHECK(cell.count.n == 3);
    CHECK(cell.rate_per_hour == doctest::Approx(10.0));
  }
  CHECK(found);
  CHECK(c.arrivals.intraday_profile[9] == doctest::Approx(1.0));
}

TEST_CASE("balks are abandonments at 0 s among contacts that queued; answered waits are censored patience") {
  std::string text = kHeader;
  text += row(0, 100, "a", "answered", 0, 60, "A1");    // straight to an agent: not queued
  text += row(0, 200, "a", "answered", 20, 60, "A1");   // censored at 20
  text += row(0, 300, "a", "abandoned", 0, 0, "");      // balk
  text += row(0, 400, "a", "abandoned", 10, 0, "");     // patience 10
  text += row(0, 500, "a", "abandoned", 30, 0, "");     // patience 30
  const Calibration c = calibrate(parse(text));
  REQUIRE(c.types.size() == 1);
  const TypeFit& t = c.types[0];
  CHECK(t.queued == 4);
  CHECK(t.balk_share.value == doctest::Approx(0.25));
  REQUIRE(t.kaplan_meier);
  // KM on {20+, 10, 30}: S(10) = 2/3, S(30) = 0.
  CHECK(t.kaplan_meier->survival_at(15) == doctest::Approx(2.0 / 3.0));
  CHECK(t.kaplan_meier->survival_at(30) == doctest::Approx(0.0));
  REQUIRE(!t.patience_fits.empty());
  CHECK(t.patience_fits[0].mean_s == doctest::Approx(60.0 / 2.0));  // (20 + 10 + 30) / 2 events
}

TEST_CASE("staffing counts distinct agents serving in an interval and their share of time talking") {
  std::string text = kHeader;
  // Agent A1 talks 09:00-09:30 and 09:40-09:50, A2 09:50-10:10.
  text += row(0, 9 * 3600, "a", "answered", 0, 1800, "A1");
  text += row(0, 9 * 3600 + 2400, "a", "answered", 0, 600, "A1");
  text += row(0, 9 * 3600 + 3000, "a", "answered", 0, 1200, "A2");
  const Calibration c = calibrate(parse(text));
  REQUIRE(c.staffing.size() == 24);
  CHECK(c.staffing[9].agents_seen == doctest::Approx(2.0));
  CHECK(c.staffing[9].agents_talking == doctest::Approx((1800.0 + 600 + 600) / 3600));
  CHECK(c.staffing[9].headcount == 2);
  CHECK(c.staffing[10].agents_seen == doctest::Approx(1.0));
  CHECK(c.staffing[10].agents_talking == doctest::Approx(600.0 / 3600));
  CHECK(c.staffing[8].days == 0);
}

TEST_CASE("the staffing scale multiplies the agents seen before rounding; out of range it is refused") {
  std::string text = kHeader;
  for (int a = 0; a < 10; ++a) text += row(0, 9 * 3600 + 60.0 * a, "a", "answered", 0, 600, fmt::format("A{}", a));
  CalibrateOptions options;
  options.staffing_scale = 0.65;
  const Calibration c = calibrate(parse(text), options);
  CHECK(c.staffing[9].agents_seen == doctest::Approx(10.0));
  CHECK(c.staffing[9].headcount == 7);  // round(6.5) away from zero
  CHECK(to_scenario(c, "s").spec.agent_groups[0].headcount[9] == 7);
  options.staffing_scale = 0.0;
  CHECK_THROWS_AS((void)calibrate(parse(text), options), std::invalid_argument);
}

namespace {

std::string with_priority(const std::string& line, int priority) {
  return fmt::format("{}{}\n", line.substr(0, line.size() - 1), priority);  // the last field, before the newline
}

}  // namespace

TEST_CASE("a type whose queued contacts nearly all share a priority gets it; a mixed type keeps 0 and says why") {
  std::string text = kHeader;
  // Type vip: 20 queued contacts, 19 at priority 2 (95%); type mass: 10 at priority 0, 10 at 1.
  for (int i = 0; i < 20; ++i) text += with_priority(row(0, 9 * 3600 + 90.0 * i, "vip", "answered", 30, 60, "A1"), i == 0 ? 1 : 2);
  for (int i = 0; i < 20; ++i) text += with_priority(row(0, 9 * 3600 + 90.0 * i + 45, "mass", "answered", 30, 60, "A2"), i % 2);
  // Contacts that did not queue do not count: the bank's log omits their priority.
  text += with_priority(row(0, 12 * 3600, "mass", "answered", 0, 60, "A2"), 7);
  const Calibration c = calibrate(parse(text));
  CalibratedScenario s = to_scenario(c, "s");
  REQUIRE(s.spec.contact_types.size() == 2);
  const auto& mass = s.spec.contact_types[0].name == "mass" ? s.spec.contact_types[0] : s.spec.contact_types[1];
  const auto& vip = s.spec.contact_types[0].name == "vip" ? s.spec.contact_types[0] : s.spec.contact_types[1];
  CHECK(vip.priority == 2);
  CHECK(mass.priority == 0);
  CHECK(s.comments["contact_types.vip.priority"] == "log priority 2 on 19 of n=20 queued contacts (95.0%)");
  CHECK(s.comments["contact_types.mass.priority"].starts_with("mixed priorities among n=20 queued contacts (0: 10, 1: 10)"));
  CalibrateOptions lower_first;
  lower_first.priority_higher_first = false;
  CHECK(to_scenario(calibrate(parse(text), lower_first), "s").spec.contact_types[0].priority +
            to_scenario(calibrate(parse(text), lower_first), "s").spec.contact_types[1].priority ==
        -2);
  const std::string yaml = scenario_yaml(s, "h");
  CHECK(txsim::io::parse_scenario(yaml, "s.yaml").contact_types.size() == 2);
  CHECK(yaml.find("# log priority 2 on 19 of n=20") != std::string::npos);
}

TEST_CASE("a redial is a call of the same customer soon after giving up") {
  std::string text = kHeader;
  text += row(0, 1000, "a", "abandoned", 50, 0, "", "C1");
  text += row(0, 1650, "a", "answered", 0, 60, "A1", "C1");  // 600 s after giving up: a redial
  text += row(0, 2000, "a", "abandoned", 10, 0, "", "C2");
  text += row(0, 9000, "a", "answered", 0, 60, "A1", "C2");  // beyond the hour
  text += row(0, 3000, "a", "answered", 0, 60, "A1", "C3");
  const Calibration c = calibrate(parse(text));
  REQUIRE(c.redials);
  CHECK(c.redials->abandoners == 2);
  CHECK(c.redials->share.value == doctest::Approx(0.5));
  CHECK(c.redials->mean_delay_s.value == doctest::Approx(600.0));
  CHECK(c.arrivals.redial_share_of_arrivals == doctest::Approx(1.0 / 5.0));
}

TEST_CASE("the calibrated scenario's YAML loads back with the fitted values and carries its comments") {
  std::string text = kHeader;
  for (int day = 0; day < 14; ++day)
    for (int i = 0; i < 40; ++i) {
      const double wait = (i % 5) * 7.0;
      text += row(day, 8 * 3600 + 400.0 * i + day, i % 3 == 0 ? "billing" : "sales", i % 7 == 3 ? "abandoned" : "answered",
                  wait, 50 + (i * 37 + day * 11) % 300, fmt::format("A{}", i % 6));
    }
  const Calibration c = calibrate(parse(text));
  const CalibratedScenario s = to_scenario(c, "fitted");
  const std::string yaml = scenario_yaml(s, "header line");
  const txsim::model::ScenarioSpec back = txsim::io::parse_scenario(yaml, "fitted.yaml");
  CHECK(back.name == "fitted");
  REQUIRE(back.contact_types.size() == 2);
  CHECK(back.contact_types[0].handle_time.kind == txsim::rng::DistributionKind::Lognormal);
  CHECK(back.contact_types[0].handle_time.mean == doctest::Approx(s.spec.contact_types[0].handle_time.mean).epsilon(1e-5));
  CHECK(back.demand.daily_volume == doctest::Approx(s.spec.demand.daily_volume).epsilon(1e-5));
  CHECK(back.agent_groups[0].headcount == s.spec.agent_groups[0].headcount);
  CHECK(*back.horizon.days == 14.0);
  CHECK(yaml.find("# header line") == 0);
  CHECK(yaml.find("balk_probability: ") != std::string::npos);
  CHECK(yaml.find("share of contacts; n=560, 95% CI") != std::string::npos);
  CHECK(yaml.find("after_call_work: {distribution: deterministic, mean_s: 0}  # not recorded in the log") != std::string::npos);
}

TEST_CASE("the report writes every table whole, with its header, and leaves no temporary file") {
  std::string text = kHeader;
  for (int i = 0; i < 50; ++i)
    text += row(i % 3, 9 * 3600 + 60.0 * i, "a", i % 5 == 0 ? "abandoned" : "answered", (i % 4) * 10.0, 30 + i, "A1");
  const Calibration c = calibrate(parse(text));
  const auto dir = std::filesystem::temp_directory_path() / "txsim_calibration_report_test";
  std::filesystem::remove_all(dir);
  write_report(dir, c);
  const std::vector<std::pair<std::string, std::string>> expected{
      {"arrivals.csv", "weekday,interval,start_h,days,mean_count,lo95,hi95,rate_per_hour"},
      {"days.csv", "date,weekday,contacts,expected,z,flag"},
      {"bursts.csv", "date,interval,contacts,expected,z"},
      {"handle_time.csv", "type,n,mu,mu_se,sigma,sigma_se,mean_s,mean_lo95_s,mean_hi95_s,cv,cv_lo95,cv_hi95,sample_mean_s,ks_distance,ks_p_value"},
      {"patience.csv", "type,model,parameter,from_s,value,std_error,log_likelihood,aic,mean_s,mean_lo95_s,mean_hi95_s,chosen,queued,balk_share,balk_lo95,balk_hi95"},
      {"kaplan_meier.csv", "type,time_s,at_risk,events,survival,std_error"},
      {"staffing.csv", "interval,start_h,days,agents_seen,agents_talking,talk_share,headcount"},
      {"problems.csv", "kind,count,first_line,meaning"},
      {"summary.json", "{"}};
  for (const auto& [name, header] : expected) {
    std::ifstream in(dir / name);
    REQUIRE_MESSAGE(in, name);
    std::string first;
    std::getline(in, first);
    CHECK_MESSAGE(first == header, name);
  }
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ++files;
    CHECK_MESSAGE(entry.path().filename().string().front() != '.', entry.path().string());
  }
  CHECK(files == expected.size());
  std::filesystem::remove_all(dir);
}
