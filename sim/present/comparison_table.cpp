#include "txsim/present/comparison_table.hpp"

#include <cmath>
#include <functional>

#include <fmt/format.h>

#include "txsim/policy/policy.hpp"
#include "txsim/present/number_format.hpp"
#include "txsim/present/text_table.hpp"

namespace txsim::present {
namespace {

using experiment::Comparison;
using experiment::Variant;

constexpr std::string_view kDelta = "\u0394";

// A column of the tables: a heading, the unit of its values and how to read them from a variant.
struct Metric {
  std::string heading;
  std::string_view unit;
  std::function<stats::Interval(const Variant&)> summary;
  std::function<stats::Interval(const Variant&)> diff;
};

const experiment::HeadlineKpi& headline(std::string_view name) {
  for (const auto& h : experiment::kHeadlineKpis)
    if (h.name == name) return h;
  throw std::logic_error(fmt::format("no headline KPI named {}", name));
}

Metric headline_metric(std::string heading, std::string_view name) {
  const auto& h = headline(name);
  return {std::move(heading), experiment::info(h).unit,
          [&h](const Variant& v) { return experiment::summary_of(v, h); },
          [&h](const Variant& v) { return experiment::diff_of(v, h); }};
}

Metric score_metric(std::string heading, std::size_t k) {
  return {std::move(heading), score::kScoreInfo[k].unit, [k](const Variant& v) { return v.score_summary[k]; },
          [k](const Variant& v) { return v.score_diff[k]; }};
}

Metric business_case_metric(std::string heading, std::size_t k) {
  return {std::move(heading), score::kBusinessCaseInfo[k].unit,
          [k](const Variant& v) { return v.business_case_summary[k]; },
          [k](const Variant& v) { return v.business_case_diff[k]; }};
}

constexpr std::size_t kWages = 0;
constexpr std::size_t kImplementation = 4;
static_assert(score::kBusinessCaseInfo[kImplementation].name == "implementation");
constexpr std::size_t kCostPerIssue = score::kBusinessCaseCount - 1;
static_assert(score::kBusinessCaseInfo[kCostPerIssue].name == "cost_per_issue");

std::string heading_line(const TableHeading& h) {
  return fmt::format("scenario {}, seed {}, {} replications, money in {}", h.scenario, h.seed, h.replications,
                     h.currency);
}

void append_wrapped(std::string& out, std::string_view text, std::size_t width, std::size_t indent) {
  out += join_lines(wrap_text(text, width, indent));
}

// Percentages and money name their unit below the heading; scores, counts and the like need none.
std::string heading_with_unit(const Metric& m, const std::string& currency) {
  const UnitKind kind = unit_kind(m.unit);
  if (kind != UnitKind::Fraction && kind != UnitKind::Money) return m.heading;
  const char* separator = m.heading.find('\n') == std::string::npos ? "\n" : " ";
  return m.heading + separator + unit_label(m.unit, currency);
}

// What each policy costs to implement, what it saves with and without churned revenue, and the
// one-off budget at which it would break even.
std::string business_case_table(const TableHeading& heading, const Comparison& c, std::size_t max_width) {
  const EstimateStyle mean_style{heading.currency, false, true, false};
  const EstimateStyle diff_style{heading.currency, true, true, false};
  const std::string& cur = heading.currency;
  // The NPV with churned revenue is in the indices table; this one adds what it rests on.
  TextTable table({"policy", "one-off\n" + cur, "per month\n" + cur, "operating\ncost " + cur,
                   "incl. churn\n" + cur, "NPV excl.\nchurn " + cur, "break-even\nbudget " + cur},
                  {Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right});
  // A cost the study states, not an estimate: no interval (n = 1).
  const auto money = [&](double x) { return format_estimate(stats::Interval{x, 0.0, x, x, 1, 0.0}, "currency", mean_style); };
  for (std::size_t i = 0; i < c.variants.size(); ++i) {
    const Variant& v = c.variants[i];
    const bool baseline = i == 0;
    const auto cost = [&](std::size_t k) {
      return baseline ? format_estimate(v.business_case_summary[k], "currency", mean_style)
                      : format_estimate(v.business_case_diff[k], "currency", diff_style);
    };
    const auto value = [&](const stats::Interval& x) { return baseline ? std::string() : format_estimate(x, "currency", diff_style); };
    table.add_row({baseline ? v.name : std::string(kDelta) + " " + v.name, baseline ? "" : money(v.implementation.one_off),
                   baseline ? "" : money(v.implementation.per_month), cost(score::kBusinessCaseOperating),
                   cost(score::kBusinessCaseTotal), value(v.npv_excl_churn_summary), value(v.break_even_budget_summary)});
  }
  return join_lines(table.render(max_width));
}

}  // namespace

std::string_view verdict_label(score::Verdict verdict) noexcept {
  switch (verdict) {
    case score::Verdict::Dominates: return "dominates";
    case score::Verdict::IsDominated: return "dominated";
    case score::Verdict::TradeOff: return "trade-off";
    case score::Verdict::NoDifference: return "no difference";
  }
  return "";
}

std::string comparison_summary_table(const TableHeading& heading, const Comparison& c, std::size_t max_width) {
  const EstimateStyle mean_style{heading.currency, false, true, false};
  const EstimateStyle diff_style{heading.currency, true, true, false};

  const auto table_of = [&](const std::vector<Metric>& metrics, bool with_npv_and_verdict) {
    std::vector<std::string> headers{"policy"};
    std::vector<Align> aligns{Align::Left};
    for (const auto& m : metrics) {
      headers.push_back(heading_with_unit(m, heading.currency));
      aligns.push_back(Align::Right);
    }
    if (with_npv_and_verdict) {
      headers.push_back("NPV vs baseline\n" + heading.currency);
      aligns.push_back(Align::Right);
      headers.push_back("verdict");
      aligns.push_back(Align::Left);
    }
    TextTable table(std::move(headers), std::move(aligns));
    for (std::size_t i = 0; i < c.variants.size(); ++i) {
      const Variant& v = c.variants[i];
      const bool baseline = i == 0;
      std::vector<std::string> row{baseline ? v.name : std::string(kDelta) + " " + v.name};
      for (const auto& m : metrics)
        row.push_back(baseline ? format_estimate(m.summary(v), m.unit, mean_style)
                               : format_estimate(m.diff(v), m.unit, diff_style));
      if (with_npv_and_verdict) {
        row.push_back(baseline ? "" : format_estimate(v.npv_summary, "currency", diff_style));
        row.push_back(v.verdict ? std::string(verdict_label(v.verdict->verdict)) : "");
      }
      table.add_row(std::move(row));
    }
    return join_lines(table.render(max_width));
  };

  std::string out;
  append_wrapped(out, heading_line(heading), max_width, 2);
  append_wrapped(out,
                 fmt::format("baseline: mean \u00b1 95% CI half-width, or [lo, hi] where the interval is cut at "
                             "the range of the quantity (e.g. 0%); {} policy: paired difference policy - baseline "
                             "(common random numbers) \u00b1 half-width; % differences in points (pp)",
                             kDelta),
                 max_width, 2);
  for (std::size_t i = 1; i < c.variants.size(); ++i)
    append_wrapped(out, fmt::format("  {}: {}", c.variants[i].name, policy::describe(c.variants[i].levers)),
                   max_width, 4);
  out += "\nindices (0-100, higher is better)\n";
  out += table_of({score_metric("CX", 0), score_metric("EX", 1), score_metric("cost", 2), score_metric("TX", 3)},
                  true);
  out += "\nkey KPIs\n";
  out += table_of({headline_metric("service\nlevel", "service_level"), headline_metric("abandoned", "abandon_rate"),
                   headline_metric("FCR", "first_contact_resolution"), headline_metric("fatigue", "fatigue_mean"),
                   headline_metric("attrition", "annualised_attrition"),
                   business_case_metric("wages", kWages), business_case_metric("cost/issue", kCostPerIssue)},
                  false);
  out += "\n";
  append_wrapped(out,
                 "business case (whole run): implementation cost, cost without and with churned revenue, NPV without "
                 "it, and the one-off budget at which the NPV would be 0",
                 max_width, 2);
  out += business_case_table(heading, c, max_width);
  out += "\nverdicts (a difference counts when its 95% CI excludes 0):\n";
  for (std::size_t i = 1; i < c.variants.size(); ++i)
    append_wrapped(out,
                   fmt::format("  {}: {}", c.variants[i].name,
                               c.variants[i].verdict ? c.variants[i].verdict->text : std::string()),
                   max_width, 4);
  return out;
}

std::string comparison_full_table(const TableHeading& heading, const Comparison& c, std::size_t max_width) {
  const EstimateStyle mean_style{heading.currency, false, false, false};
  const EstimateStyle diff_style{heading.currency, true, false, false};
  std::vector<Metric> metrics;
  for (std::size_t k = 0; k < score::kScoreCount; ++k)
    metrics.push_back(score_metric(std::string(score::kScoreInfo[k].name) + " index", k));
  for (const auto& h : experiment::kHeadlineKpis) metrics.push_back(headline_metric(std::string(h.name), h.name));
  metrics.push_back(business_case_metric(std::string(score::kBusinessCaseInfo[kWages].name), kWages));
  metrics.push_back(business_case_metric(std::string(score::kBusinessCaseInfo[kImplementation].name), kImplementation));
  metrics.push_back(business_case_metric("cost_per_issue", kCostPerIssue));

  std::vector<std::string> headers{""};
  std::vector<Align> aligns{Align::Left};
  for (const auto& v : c.variants) {
    headers.push_back(v.name);
    aligns.push_back(Align::Right);
  }
  TextTable table(headers, aligns);
  // Scores, fatigue and the like are read without a unit.
  const auto labelled = [&](std::string text, const Metric& m, bool difference) {
    const UnitKind kind = unit_kind(m.unit);
    if (kind == UnitKind::Score || kind == UnitKind::Other) return text;
    return text + " (" + unit_label(m.unit, heading.currency, difference) + ")";
  };
  for (const auto& m : metrics) {
    std::vector<std::string> means{labelled(m.heading, m, false)};
    std::vector<std::string> diffs{labelled("  " + std::string(kDelta), m, true)};
    for (std::size_t i = 0; i < c.variants.size(); ++i) {
      means.push_back(format_estimate(m.summary(c.variants[i]), m.unit, mean_style));
      diffs.push_back(i == 0 ? "" : format_estimate(m.diff(c.variants[i]), m.unit, diff_style));
    }
    table.add_row(std::move(means));
    table.add_row(std::move(diffs));
  }
  // NPVs and break-even budgets are themselves differences with the baseline: one row each.
  for (const experiment::PolicyValue& value : experiment::kPolicyValues) {
    std::vector<std::string> row{std::string(value.name) + " (" + heading.currency + ")"};
    for (std::size_t i = 0; i < c.variants.size(); ++i)
      row.push_back(i == 0 ? "" : format_estimate(c.variants[i].*value.summary, "currency", diff_style));
    table.add_row(std::move(row));
  }

  std::string out;
  append_wrapped(out, heading_line(heading), max_width, 2);
  append_wrapped(out,
                 fmt::format("mean [95% CI]; {} = policy - baseline, paired: common random numbers; % differences "
                             "in points (pp)",
                             kDelta),
                 max_width, 2);
  for (std::size_t i = 1; i < c.variants.size(); ++i)
    append_wrapped(out, fmt::format("  {}: {}", c.variants[i].name, policy::describe(c.variants[i].levers)),
                   max_width, 4);
  out += join_lines(table.render(max_width));
  out += "verdicts (a difference counts when its 95% CI excludes 0):\n";
  for (std::size_t i = 1; i < c.variants.size(); ++i)
    append_wrapped(out,
                   fmt::format("  {}: {}", c.variants[i].name,
                               c.variants[i].verdict ? c.variants[i].verdict->text : std::string()),
                   max_width, 4);
  return out;
}

std::string run_table(const TableHeading& heading, const experiment::ExperimentResult& result,
                      double service_level_threshold_s) {
  std::string out = fmt::format("scenario {}  seed {}  replications {}  (service level threshold {} s)\n",
                                heading.scenario, heading.seed, heading.replications, service_level_threshold_s);
  const EstimateStyle style{heading.currency, false, false, false};
  const auto section = [&](std::string_view title, const auto& info, const auto& summary) {
    TextTable table({std::string(title), "mean [95% CI]", "unit"}, {Align::Left, Align::Right, Align::Left});
    for (std::size_t k = 0; k < info.size(); ++k)
      table.add_row({std::string(info[k].name), format_estimate(summary[k], info[k].unit, style),
                     unit_label(info[k].unit, heading.currency)});
    out += join_lines(table.render(kTerminalWidth));
  };
  section("customer kpi", model::kKpiInfo, result.total);
  if (result.has_workforce) section("employee kpi", model::kExKpiInfo, result.ex_total);
  return out;
}

std::string throughput_line(std::uint64_t events, double wall_s) {
  const double rate = wall_s > 0 ? static_cast<double>(events) / wall_s : 0.0;
  return fmt::format("{} events in {:.2f} s ({:.2f} million events/s)\n", events, wall_s, rate / 1e6);
}

}  // namespace txsim::present
