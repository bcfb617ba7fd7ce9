// The routing rules, checked on the per-contact trace of whole runs: first come, first served
// within a priority (across contact types too), higher priorities first, and the longest-idle
// agent for a contact that finds several agents free. Each rule is checked on every contact of a
// run, so that a change to the rule (serving the newest head, say) fails here and not only in a
// golden file.
#include <doctest/doctest.h>

// GCC 12 at -O3 reports a false -Wrestrict inside std::string assignment (GCC bug 105329).
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12
#pragma GCC diagnostic ignored "-Wrestrict"
#endif

#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

#include "scenario_builders.hpp"
#include "txsim/model/contact_trace.hpp"
#include "txsim/model/simulate.hpp"

using txsim::model::TracedContact;
using txsim::model::TracedOutcome;
using txsim::rng::Distribution;

namespace {

class Recorder : public txsim::model::ContactTraceSink {
 public:
  void record(const TracedContact& contact) noexcept override { contacts.push_back(contact); }
  std::vector<TracedContact> contacts;
};

// Answered contacts in the order they were answered (the trace is written at each fate).
std::vector<TracedContact> answered(const txsim::model::ScenarioSpec& spec, std::uint64_t seed) {
  Recorder recorder;
  txsim::model::RunControl control;
  control.trace = &recorder;
  (void)txsim::model::simulate(spec, {seed, 0}, control);
  std::vector<TracedContact> out;
  for (const TracedContact& c : recorder.contacts)
    if (c.outcome == TracedOutcome::Answered) out.push_back(c);
  return out;
}

// Two contact types in one queue system: `rate` contacts/hour in all, shared half and half.
txsim::model::ScenarioSpec two_types(double rate, int agents, int priority_a, int priority_b) {
  auto spec = txsim::testing::single_queue(rate, Distribution::deterministic(100.0), agents, Distribution::none(), 3000);
  spec.contact_types[0].name = "a";
  spec.contact_types[0].share = 0.5;
  spec.contact_types[0].priority = priority_a;
  auto b = spec.contact_types[0];
  b.name = "b";
  b.priority = priority_b;
  spec.contact_types.push_back(b);
  return spec;
}

}  // namespace

TEST_CASE("within a priority the contact that waited longest is served first, whatever its type") {
  // rho = 0.97 on 3 agents: long queues of both types. Without abandonment, first come first
  // served means contacts start service in the order they arrived.
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    CAPTURE(seed);
    const auto contacts = answered(two_types(104.0, 3, 0, 0), seed);
    REQUIRE(contacts.size() == 3000);
    std::size_t out_of_order = 0, waited = 0;
    for (std::size_t i = 1; i < contacts.size(); ++i) {
      out_of_order += contacts[i].arrival_s < contacts[i - 1].arrival_s;
      waited += contacts[i].wait_s > 0;
    }
    CHECK(out_of_order == 0);
    CHECK(waited > 1000);  // the rule was exercised
  }
}

TEST_CASE("a higher priority is served first: no lower-priority contact starts while one waits") {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    CAPTURE(seed);
    const auto contacts = answered(two_types(104.0, 3, 1, 0), seed);
    // Intervals during which a priority-1 contact waited.
    std::vector<std::pair<double, double>> high_waits;
    for (const auto& c : contacts)
      if (c.priority == 1 && c.wait_s > 0) high_waits.emplace_back(c.arrival_s, c.arrival_s + c.wait_s);
    REQUIRE(high_waits.size() > 100);
    std::size_t violations = 0, low_waited = 0;
    for (const auto& c : contacts) {
      if (c.priority != 0) continue;
      low_waited += c.wait_s > 0;
      const double start = c.arrival_s + c.wait_s;
      for (const auto& [from, to] : high_waits) violations += from < start && start < to;
    }
    CHECK(violations == 0);
    CHECK(low_waited > 100);
    // Within each priority, first come first served still holds.
    for (int priority : {0, 1}) {
      double last = -1.0;
      std::size_t out_of_order = 0;
      for (const auto& c : contacts) {
        if (c.priority != priority) continue;
        out_of_order += c.arrival_s < last;
        last = c.arrival_s;
      }
      CHECK(out_of_order == 0);
    }
  }
}

TEST_CASE("a contact that finds several agents free goes to the one idle longest") {
  // rho = 0.4 on 4 agents: arrivals often find several agents free.
  auto spec = txsim::testing::single_queue(57.6, Distribution::deterministic(100.0), 4, Distribution::none(), 3000);
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    CAPTURE(seed);
    std::map<std::uint32_t, double> free_since;  // agents that have served at least once
    std::size_t checked = 0, wrong = 0;
    for (const auto& c : answered(spec, seed)) {
      if (c.wait_s == 0 && free_since.size() == 4) {
        // The idle agents at this arrival and the one idle longest, if unique.
        double earliest = 1e300, second = 1e300;
        std::uint32_t longest = UINT32_MAX;
        for (const auto& [agent, since] : free_since) {
          if (since > c.arrival_s) continue;
          if (since < earliest) {
            second = earliest;
            earliest = since;
            longest = agent;
          } else if (since < second) {
            second = since;
          }
        }
        if (longest != UINT32_MAX && second > earliest) {
          ++checked;
          wrong += c.agent != longest;
        }
      }
      free_since[c.agent] = c.arrival_s + c.wait_s + c.talk_s;
    }
    CHECK(checked > 500);
    CHECK(wrong == 0);
  }
}
