#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "txsim/calibrate/call_log.hpp"
#include "txsim/io/diagnostics.hpp"

using namespace txsim::calibrate;

namespace {

CallLog parse(const std::string& text, ReadOptions options = {}) {
  std::istringstream in(text);
  return parse_call_log(in, "log.csv", options);
}

// The diagnostics of a log that must fail, one string each.
std::vector<std::string> errors(const std::string& text, ReadOptions options = {}) {
  try {
    (void)parse(text, options);
  } catch (const txsim::io::ConfigError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(txsim::io::to_string(d));
    return out;
  }
  FAIL("the log was accepted");
  return {};
}

const std::string kHeader = "arrival,type,outcome,wait_s,service_start,service_s,agent,customer,priority\n";

}  // namespace

TEST_CASE("a well-formed log is read with times relative to midnight of its first day") {
  const CallLog log = parse(kHeader +
                            "1999-02-01 07:00:10,PS,served,5,1999-02-01 07:00:15,100,A01,C1,2\n"
                            "1999-02-01 07:01:00,NW,abandoned,30,,,,C2,\n"
                            "1999-02-02 00:00:01.5,PS,blocked,,,,,,\n");
  REQUIRE(log.calls.size() == 3);
  CHECK(log.first_date == "1999-02-01");
  CHECK(log.first_weekday == txsim::model::Weekday::Monday);
  CHECK(log.days == 2);
  CHECK(log.types == std::vector<std::string>{"PS", "NW"});
  const CallRecord& a = log.calls[0];
  CHECK(a.arrival_s == doctest::Approx(7 * 3600 + 10));
  CHECK(a.wait_s == 5);
  CHECK(a.service_start_s == doctest::Approx(7 * 3600 + 15));
  CHECK(a.service_s == 100);
  CHECK(a.agent == 0);
  CHECK(a.customer == 0);
  CHECK(a.priority == 2);
  CHECK(a.line == 2);
  CHECK(log.calls[1].outcome == Outcome::Abandoned);
  CHECK(log.calls[1].priority == kNone);
  CHECK(log.calls[2].outcome == Outcome::Blocked);
  CHECK(log.calls[2].arrival_s == doctest::Approx(86401.5));
  CHECK(log.calls[2].day() == 1);
  CHECK(log.problems.empty());
}

TEST_CASE("columns with other names are mapped with --columns, and queue exit gives the wait") {
  ReadOptions options;
  options.columns = {{"arrival", "q_start"}, {"queue_exit", "q_exit"}, {"outcome", "fate"}};
  const CallLog log = parse("q_start,q_exit,fate\n2024-03-01 10:00:00,2024-03-01 10:00:42,HANG\n", options);
  REQUIRE(log.calls.size() == 1);
  CHECK(log.calls[0].wait_s == doctest::Approx(42));
  CHECK(log.calls[0].outcome == Outcome::Abandoned);
  CHECK(log.types.empty());
  CHECK(log.first_weekday == txsim::model::Weekday::Friday);
}

TEST_CASE("an unparseable timestamp is located by file, line, column and field") {
  const auto e = errors(kHeader + "1999-02-01 07:00:10,PS,served,5,,100,A01,,\n1999-02-30 07:00:00,PS,served,0,,1,A01,,\n");
  REQUIRE(e.size() == 1);
  CHECK(e[0] == "log.csv:3:1: error: arrival: expected a timestamp YYYY-MM-DD HH:MM:SS, found \"1999-02-30 07:00:00\"");
}

TEST_CASE("a service that starts long before the contact arrived is an error; within the tolerance it is counted") {
  const std::string late = kHeader + "1999-02-01 07:00:10,PS,served,0,1999-02-01 06:00:00,100,A01,,\n";
  const auto e = errors(late);
  REQUIRE(e.size() == 1);
  CHECK(e[0].starts_with("log.csv:2:33: error: service_start: events out of order: service starts 3610 s before"));
  const CallLog log = parse(kHeader + "1999-02-01 07:00:10,PS,served,0,1999-02-01 06:59:10,100,A01,,\n");
  REQUIRE(log.problems.size() == 1);
  CHECK(log.problems[0].kind == "service_start_before_queue_exit");
  CHECK(log.problems[0].count == 1);
  CHECK(log.problems[0].first_line == 2);
}

TEST_CASE("a queue exit before arrival and a service end before its start are out of order") {
  const auto e = errors("arrival,queue_exit,outcome\n2024-03-01 10:00:00,2024-03-01 09:59:00,answered\n");
  REQUIRE(e.size() == 1);
  CHECK(e[0] == "log.csv:2:21: error: queue_exit: events out of order: the contact left the queue 60.000 s before it arrived");
  const auto f = errors("arrival,wait_s,outcome,service_start,service_end\n"
                        "2024-03-01 10:00:00,0,answered,2024-03-01 10:00:00,2024-03-01 09:00:00\n");
  REQUIRE(f.size() == 1);
  CHECK(f[0].find("service_end: events out of order") != std::string::npos);
}

TEST_CASE("unknown outcome codes are errors naming the code and the known ones; every bad row is reported") {
  const auto e = errors(kHeader + "1999-02-01 07:00:10,PS,transferred,5,,100,A01,,\n1999-02-01 07:00:11,PS,served,x,,100,A01,,\n");
  REQUIRE(e.size() == 2);
  CHECK(e[0].starts_with("log.csv:2:24: error: outcome: unknown outcome code \"transferred\" (known: answered"));
  CHECK(e[1] == "log.csv:3:31: error: wait_s: expected a number of seconds, found \"x\"");
}

TEST_CASE("a missing required column, a bad mapping and an empty log are errors on line 1") {
  const auto e = errors("arrival,type,wait_s\n1999-02-01 07:00:10,PS,5\n");
  REQUIRE(e.size() == 1);
  CHECK(e[0].starts_with("log.csv:1: error: outcome: missing required column \"outcome\" (columns: arrival, type, wait_s)"));
  ReadOptions options;
  options.columns = {{"arival", "x"}};
  CHECK(errors(kHeader + "1999-02-01 07:00:10,PS,served,5,,100,A01,,\n", options)[0].find("arival: unknown field") !=
        std::string::npos);
  CHECK(errors("")[0] == "log.csv:1: error: empty log: expected a header line naming the columns, found nothing");
  CHECK(errors(kHeader)[0] == "log.csv:1: error: empty log: the header is there but no contact follows it");
}

TEST_CASE("a row with the wrong number of fields or an unclosed quote is located") {
  CHECK(errors(kHeader + "1999-02-01 07:00:10,PS,served\n")[0].starts_with("log.csv:2:24: error: expected 9 fields"));
  CHECK(errors(kHeader + "1999-02-01 07:00:10,\"PS,served,5,,100,A01,,\n")[0] == "log.csv:2: error: a quoted field is not closed");
}

TEST_CASE("recoverable problems are counted with their first line, and the rows kept") {
  const CallLog log = parse(kHeader +
                            "1999-02-01 07:00:10,PS,served,5,,,A01,,\n"
                            "1999-02-01 07:00:20,PS,served,0,1999-02-01 07:00:20,0,,,\n"
                            "1999-02-01 07:00:30,PS,abandoned,9,1999-02-01 07:00:39,3,,,\n"
                            "1999-02-01 07:00:40,PS,served,5,,,A02,,\n");
  CHECK(log.calls.size() == 4);
  const auto count = [&](const std::string& kind) -> std::pair<std::size_t, std::uint32_t> {
    for (const auto& p : log.problems)
      if (p.kind == kind) return {p.count, p.first_line};
    return {0, 0};
  };
  CHECK(count("answered_without_service_time") == std::pair<std::size_t, std::uint32_t>{2, 2});
  CHECK(count("zero_service_time") == std::pair<std::size_t, std::uint32_t>{1, 3});
  CHECK(count("answered_without_agent") == std::pair<std::size_t, std::uint32_t>{1, 3});
  CHECK(count("unanswered_with_service_record") == std::pair<std::size_t, std::uint32_t>{1, 4});
}

TEST_CASE("timestamps round-trip and know their weekdays") {
  std::int64_t day = 0;
  double seconds = 0.0;
  REQUIRE(parse_timestamp("2001-01-01T23:59:59.250", day, seconds));
  CHECK(weekday_of(day) == txsim::model::Weekday::Monday);
  CHECK(seconds == doctest::Approx(86399.25));
  CHECK(format_timestamp(day, seconds) == "2001-01-01 23:59:59.250");
  CHECK(format_timestamp(day, 86400.0 + 61.0) == "2001-01-02 00:01:01.000");
  CHECK_FALSE(parse_timestamp("2001-02-29 00:00:00", day, seconds));
  CHECK_FALSE(parse_timestamp("2001-01-01 24:00:00", day, seconds));
  CHECK_FALSE(parse_timestamp("01/02/2001 10:00", day, seconds));
  CHECK(parse_timestamp("2000-02-29 00:00:00", day, seconds));
}
