#include <doctest/doctest.h>

#include <limits>
#include <string>

#include "txsim/score/verdict.hpp"

using txsim::score::Verdict;
using txsim::score::verdict;
using txsim::stats::Interval;

namespace {

Interval diff(double mean, double half_width) {
  return {mean, half_width, mean - half_width, mean + half_width, 10, half_width};
}
const Interval kNone = diff(std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN());

}  // namespace

TEST_CASE("a policy better on one index and worse on none dominates") {
  const auto v = verdict(diff(6.1, 2.0), diff(0.5, 1.0), diff(-0.4, 1.0));
  CHECK(v.verdict == Verdict::Dominates);
  CHECK(v.text == "dominates the baseline: customers gain (CX +6.1), EX +0.5 (n.s.), cost -0.4 (n.s.)");
}

TEST_CASE("a policy worse on one index and better on none is dominated") {
  const auto v = verdict(diff(0.2, 1.0), diff(-9.4, 3.0), diff(-3.0, 1.0));
  CHECK(v.verdict == Verdict::IsDominated);
  CHECK(v.text == "dominated by the baseline: CX +0.2 (n.s.), agents pay (EX -9.4), costs rise (cost -3.0)");
}

TEST_CASE("a policy better on one index and worse on another is a trade-off naming who gains and who pays") {
  const auto v = verdict(diff(6.1, 2.0), diff(-9.4, 3.0), diff(2.0, 2.5));
  CHECK(v.verdict == Verdict::TradeOff);
  CHECK(v.text == "trade-off: customers gain (CX +6.1), agents pay (EX -9.4), cost +2.0 (n.s.)");
  CHECK(verdict(diff(-1.0, 0.5), diff(0.0, 0.1), diff(4.0, 1.0)).text ==
        "trade-off: customers pay (CX -1.0), EX +0.0 (n.s.), costs fall (cost +4.0)");
}

TEST_CASE("no interval excluding 0 is no difference") {
  const auto v = verdict(diff(1.0, 2.0), diff(-1.0, 2.0), diff(0.0, 0.0));
  CHECK(v.verdict == Verdict::NoDifference);
  CHECK(v.text == "no significant difference: CX +1.0 (n.s.), EX -1.0 (n.s.), cost +0.0 (n.s.)");
}

TEST_CASE("an interval touching 0 does not count") {
  CHECK(verdict(diff(1.0, 1.0), kNone, kNone).verdict == Verdict::NoDifference);
}

TEST_CASE("NaN differences are ignored") {
  const auto v = verdict(diff(3.0, 1.0), kNone, diff(-2.0, 1.0));
  CHECK(v.verdict == Verdict::TradeOff);
  CHECK(v.text == "trade-off: customers gain (CX +3.0), costs rise (cost -2.0)");
  const auto none = verdict(kNone, kNone, kNone);
  CHECK(none.verdict == Verdict::NoDifference);
  CHECK(none.text == "no significant difference");
}

TEST_CASE("one replication claims nothing: infinite intervals are never significant") {
  constexpr double inf = std::numeric_limits<double>::infinity();
  const Interval single{5.0, inf, -inf, inf, 1, std::numeric_limits<double>::quiet_NaN()};
  CHECK(verdict(single, single, single).verdict == Verdict::NoDifference);
}
