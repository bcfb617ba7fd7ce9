#include "txsim/io/comparison_writer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <ostream>
#include <stdexcept>
#include <string>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "io/detail/csv.hpp"
#include "txsim/policy/policy.hpp"

namespace txsim::io {
namespace {

using experiment::Comparison;
using experiment::Summary;
using experiment::Variant;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr stats::Interval kNoInterval{kNaN, kNaN, kNaN, kNaN, 0, kNaN};

using detail::csv_number;
using detail::csv_text;

nlohmann::ordered_json number(double v) {
  return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

// One metric family of a variant: names, per-replication values, summary and paired difference.
template <std::size_t N>
struct Family {
  const char* prefix;  // "" for KPIs, "score." and "business_case." for the others
  const std::array<model::KpiInfo, N>* info;
  std::vector<std::array<double, N>> values;  // per replication
  const Summary<N>* summary;
  const Summary<N>* diff;
};

template <class T, class Get>
auto per_replication(const std::vector<T>& items, Get get) {
  std::vector<decltype(get(items.front()))> out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(get(item));
  return out;
}

// Visits the families of a variant in output order: customer KPIs, employee KPIs (with
// dynamics), indices, business case.
template <class Visit>
void for_each_family(const Variant& v, Visit visit) {
  const auto& reps = v.result.replications;
  visit(Family<model::kKpiCount>{"", &model::kKpiInfo,
                                 per_replication(reps, [](const experiment::ReplicationKpis& r) { return r.total; }),
                                 &v.result.total, &v.kpi_diff});
  if (v.result.has_workforce)
    visit(Family<model::kExKpiCount>{"", &model::kExKpiInfo,
                                     per_replication(reps, [](const experiment::ReplicationKpis& r) { return r.ex_total; }),
                                     &v.result.ex_total, &v.ex_kpi_diff});
  visit(Family<score::kScoreCount>{"score.", &score::kScoreInfo,
                                   per_replication(v.scores, [](const score::Scores& s) { return score::values(s); }),
                                   &v.score_summary, &v.score_diff});
  visit(Family<score::kComponentCount>{
      "component.", &score::kComponentInfo,
      per_replication(v.component_scores, [](const score::ComponentScores& c) { return c; }),
      &v.component_summary, &v.component_diff});
  visit(Family<score::kBusinessCaseCount>{
      "business_case.", &score::kBusinessCaseInfo,
      per_replication(v.business_cases, [](const score::BusinessCase& b) { return score::values(b); }),
      &v.business_case_summary, &v.business_case_diff});
}

bool is_baseline(const Comparison& c, const Variant& v) { return &v == &c.variants.front(); }

void write_summary_row(std::ostream& out, const std::string& policy, const std::string& metric,
                       const stats::Interval& s, const stats::Interval& d) {
  fmt::print(out, "{},{},{},{},{},{},{},{},{}\n", csv_text(policy), metric, csv_number(s.mean), csv_number(s.lo),
             csv_number(s.hi), csv_number(d.mean), csv_number(d.lo), csv_number(d.hi), s.n);
}

nlohmann::ordered_json ci(double lo, double hi) { return {number(lo), number(hi)}; }

nlohmann::ordered_json entry(const stats::Interval& s, const stats::Interval& d, bool baseline) {
  return {{"mean", number(s.mean)},
          {"ci95", ci(s.lo, s.hi)},
          {"diff", baseline ? nullptr : number(d.mean)},
          {"diff_ci95", baseline ? nlohmann::ordered_json(nullptr) : ci(d.lo, d.hi)},
          {"n", s.n}};
}

template <std::size_t N>
nlohmann::ordered_json block(const std::array<model::KpiInfo, N>& info, const Summary<N>& s, const Summary<N>& d,
                             bool baseline, bool with_unit) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (std::size_t k = 0; k < N; ++k) {
    auto e = entry(s[k], d[k], baseline);
    if (with_unit) e["unit"] = std::string(info[k].unit);
    out[std::string(info[k].name)] = std::move(e);
  }
  return out;
}

// The 0-100 component scores of a variant, each with its index and weight (0: reported beside
// the index, not scored), mean and CI, and paired difference from the baseline.
nlohmann::ordered_json components_json(const Comparison& c, const Variant& v, bool baseline) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (std::size_t k = 0; k < score::kComponentCount; ++k) {
    const stats::Interval& s = v.component_summary[k];
    const stats::Interval& d = v.component_diff[k];
    out[std::string(score::kComponentInfo[k].name)] = {
        {"index", std::string(score::to_string(score::component_index(k)))},
        {"weight", number(c.component_weights[k])},
        {"mean", number(s.mean)},
        {"ci95", ci(s.lo, s.hi)},
        {"diff_mean", baseline ? nullptr : number(d.mean)},
        {"diff_ci95", baseline ? nlohmann::ordered_json(nullptr) : ci(d.lo, d.hi)},
        {"n", s.n}};
  }
  return out;
}

// Monthly series of a variant for reports: the month's summaries of a few customer and employee
// KPIs, and its business case with the paired difference from the baseline's same month (the
// cash flows behind the NPV). Months are 30-day blocks from day 0; the last may be shorter.
constexpr std::array kMonthlyKpis{model::Kpi::ServiceLevel,       model::Kpi::AbandonRate, model::Kpi::Offered,
                                  model::Kpi::FirstContactResolution, model::Kpi::RepeatContactRate,
                                  model::Kpi::Satisfaction,        model::Kpi::ChurnRate,   model::Kpi::Occupancy};
constexpr std::array kMonthlyExKpis{model::ExKpi::Employed,     model::ExKpi::OnPhones,           model::ExKpi::Present,
                                    model::ExKpi::AbsenceRate,  model::ExKpi::AnnualisedAttrition, model::ExKpi::Quits,
                                    model::ExKpi::FatigueMean,  model::ExKpi::StrainMean};

std::vector<std::array<double, score::kBusinessCaseCount>> monthly_business_cases(const Variant& v, std::size_t month) {
  std::vector<std::array<double, score::kBusinessCaseCount>> out;
  for (const auto& r : v.result.replications) {
    const model::ExKpiValues* ex = v.result.has_workforce && month < r.ex_months.size() ? &r.ex_months[month] : nullptr;
    out.push_back(score::values(score::business_case(r.months[month], ex)));
  }
  return out;
}

nlohmann::ordered_json monthly_series_json(const Variant& v, const Variant& baseline) {
  const bool is_base = &v == &baseline;
  nlohmann::ordered_json months = nlohmann::ordered_json::array();
  for (std::size_t m = 0; m < v.result.months.size(); ++m) {
    const std::size_t start_day = m * experiment::kDaysPerMonthBlock;
    const std::size_t days = std::min<std::size_t>(experiment::kDaysPerMonthBlock, v.result.days.size() - start_day);
    nlohmann::ordered_json month = {{"month", m}, {"start_day", start_day}, {"days", days}};
    auto& kpis = month["kpis"] = nlohmann::ordered_json::object();
    for (const auto k : kMonthlyKpis) {
      const auto& s = v.result.months[m][static_cast<std::size_t>(k)];
      kpis[std::string(model::info(k).name)] = {{"mean", number(s.mean)}, {"ci95", ci(s.lo, s.hi)}, {"n", s.n}};
    }
    if (v.result.has_workforce && m < v.result.ex_months.size()) {
      auto& ex = month["ex"] = nlohmann::ordered_json::object();
      for (const auto k : kMonthlyExKpis) {
        const auto& s = v.result.ex_months[m][static_cast<std::size_t>(k)];
        ex[std::string(model::info(k).name)] = {{"mean", number(s.mean)}, {"ci95", ci(s.lo, s.hi)}, {"n", s.n}};
      }
    }
    const auto mine = monthly_business_cases(v, m);
    std::vector<const std::array<double, score::kBusinessCaseCount>*> pointers;
    for (const auto& values : mine) pointers.push_back(&values);
    const auto summary = experiment::summarise(pointers, score::kBusinessCaseInfo);
    const auto base = m < baseline.result.months.size() ? monthly_business_cases(baseline, m)
                                                        : std::vector<std::array<double, score::kBusinessCaseCount>>{};
    auto& cases = month["business_case"] = nlohmann::ordered_json::object();
    for (std::size_t k = 0; k < score::kBusinessCaseCount; ++k) {
      std::vector<double> a;
      std::vector<double> b;
      for (std::size_t r = 0; r < mine.size() && r < base.size(); ++r) {
        if (std::isnan(mine[r][k]) || std::isnan(base[r][k])) continue;
        a.push_back(mine[r][k]);
        b.push_back(base[r][k]);
      }
      const bool paired = !is_base && !a.empty();
      cases[std::string(score::kBusinessCaseInfo[k].name)] =
          entry(summary[k], paired ? stats::paired_difference_ci(a, b, 0.95) : kNoInterval, !paired);
    }
    months.push_back(std::move(month));
  }
  return months;
}

}  // namespace

void write_comparison_csv(std::ostream& out, const Comparison& comparison) {
  out << "policy,replication,metric,value\n";
  for (const Variant& v : comparison.variants) {
    const std::string policy = csv_text(v.name);
    std::vector<std::string> lines(v.result.replications.size());
    for_each_family(v, [&](const auto& family) {
      for (std::size_t r = 0; r < family.values.size(); ++r)
        for (std::size_t k = 0; k < family.values[r].size(); ++k)
          lines[r] += fmt::format("{},{},{}{},{}\n", policy, r, family.prefix, (*family.info)[k].name,
                                  csv_number(family.values[r][k]));
    });
    for (std::size_t r = 0; r < v.npv_vs_baseline.size(); ++r)
      lines[r] += fmt::format("{},{},npv_vs_baseline,{}\n", policy, r, csv_number(v.npv_vs_baseline[r]));
    for (const auto& l : lines) out << l;
  }
}

void write_comparison_summary_csv(std::ostream& out, const Comparison& comparison) {
  out << "policy,metric,mean,ci95_lo,ci95_hi,diff_mean,diff_ci95_lo,diff_ci95_hi,n\n";
  for (const Variant& v : comparison.variants) {
    for_each_family(v, [&](const auto& family) {
      for (std::size_t k = 0; k < family.info->size(); ++k)
        write_summary_row(out, v.name, family.prefix + std::string((*family.info)[k].name), (*family.summary)[k],
                          (*family.diff)[k]);
    });
    if (!is_baseline(comparison, v)) write_summary_row(out, v.name, "npv_vs_baseline", v.npv_summary, kNoInterval);
  }
}

nlohmann::ordered_json comparison_json(const RunInfo& info, const Comparison& comparison) {
  nlohmann::ordered_json policies = nlohmann::ordered_json::array();
  for (const Variant& v : comparison.variants) {
    const bool baseline = is_baseline(comparison, v);
    nlohmann::ordered_json p = {{"name", v.name},
                                {"description", v.description},
                                {"levers", policy::describe(v.levers)}};
    p["scores"] = block(score::kScoreInfo, v.score_summary, v.score_diff, baseline, false);
    p["components"] = components_json(comparison, v, baseline);
    p["kpis"] = block(model::kKpiInfo, v.result.total, v.kpi_diff, baseline, true);
    if (v.result.has_workforce) p["ex"] = block(model::kExKpiInfo, v.result.ex_total, v.ex_kpi_diff, baseline, true);
    p["business_case"] =
        block(score::kBusinessCaseInfo, v.business_case_summary, v.business_case_diff, baseline, true);
    p["npv_vs_baseline"] = baseline ? nlohmann::ordered_json(nullptr)
                                    : nlohmann::ordered_json{{"mean", number(v.npv_summary.mean)},
                                                             {"ci95", ci(v.npv_summary.lo, v.npv_summary.hi)},
                                                             {"n", v.npv_summary.n}};
    p["verdict"] = v.verdict ? nlohmann::ordered_json{{"verdict", score::to_string(v.verdict->verdict)},
                                                      {"text", v.verdict->text}}
                             : nlohmann::ordered_json(nullptr);
    p["months"] = monthly_series_json(v, comparison.variants.front());
    policies.push_back(std::move(p));
  }
  return {{"provenance", provenance_json(info)},
          {"scenario", info.scenario},
          {"file", info.file},
          {"seed", info.seed},
          {"replications", info.replications},
          {"service_level_threshold_s", info.service_level_threshold_s},
          {"currency", info.currency},
          {"confidence_level", 0.95},
          {"discount_rate_per_year", comparison.discount_rate_per_year},
          {"events", comparison.events},
          {"policies", std::move(policies)}};
}

void write_comparison_outputs(const std::filesystem::path& dir, const RunInfo& info, const Comparison& comparison,
                              const OutputOptions& options) {
  OutputSet set(dir, options);
  set.write("comparison.csv", [&](std::ostream& o) { write_comparison_csv(o, comparison); });
  set.write("comparison_summary.csv", [&](std::ostream& o) { write_comparison_summary_csv(o, comparison); });
  set.write("comparison.json", [&](std::ostream& o) { o << json_text(comparison_json(info, comparison)); });
  set.commit(provenance_json(info));
}

}  // namespace txsim::io
