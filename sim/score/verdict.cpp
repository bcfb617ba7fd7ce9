#include "txsim/score/verdict.hpp"

#include <cmath>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace txsim::score {
namespace {

enum class Sign { Better, Worse, NotSignificant };

Sign sign(const stats::Interval& d) {
  if (d.lo > 0.0) return Sign::Better;
  if (d.hi < 0.0) return Sign::Worse;
  return Sign::NotSignificant;
}

struct Side {
  std::string_view gains;  // "customers gain"
  std::string_view pays;   // "customers pay"
  std::string_view index;  // "CX"
  const stats::Interval* d;
};

}  // namespace

const char* to_string(Verdict v) noexcept {
  switch (v) {
    case Verdict::Dominates: return "dominates";
    case Verdict::IsDominated: return "is_dominated";
    case Verdict::TradeOff: return "trade_off";
    case Verdict::NoDifference: return "no_difference";
  }
  return "";
}

VerdictLine verdict(const stats::Interval& d_cx, const stats::Interval& d_ex, const stats::Interval& d_cost) {
  const Side sides[] = {{"customers gain", "customers pay", "CX", &d_cx},
                        {"agents gain", "agents pay", "EX", &d_ex},
                        {"costs fall", "costs rise", "cost", &d_cost}};
  bool better = false;
  bool worse = false;
  std::vector<std::string> parts;
  for (const Side& s : sides) {
    if (std::isnan(s.d->mean)) continue;
    switch (sign(*s.d)) {
      case Sign::Better:
        better = true;
        parts.push_back(fmt::format("{} ({} {:+.1f})", s.gains, s.index, s.d->mean));
        break;
      case Sign::Worse:
        worse = true;
        parts.push_back(fmt::format("{} ({} {:+.1f})", s.pays, s.index, s.d->mean));
        break;
      case Sign::NotSignificant:
        parts.push_back(fmt::format("{} {:+.1f} (n.s.)", s.index, s.d->mean));
        break;
    }
  }
  const Verdict v = better && worse ? Verdict::TradeOff
                    : better        ? Verdict::Dominates
                    : worse         ? Verdict::IsDominated
                                    : Verdict::NoDifference;
  const char* head = v == Verdict::TradeOff      ? "trade-off"
                     : v == Verdict::Dominates   ? "dominates the baseline"
                     : v == Verdict::IsDominated ? "dominated by the baseline"
                                                 : "no significant difference";
  return {v, parts.empty() ? std::string(head) : fmt::format("{}: {}", head, fmt::join(parts, ", "))};
}

}  // namespace txsim::score
