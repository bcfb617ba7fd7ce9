#include "txsim/io/comparison_writer.hpp"

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
    policies.push_back(std::move(p));
  }
  return {{"provenance", provenance_json(info)},
          {"scenario", info.scenario},
          {"file", info.file},
          {"seed", info.seed},
          {"replications", info.replications},
          {"service_level_threshold_s", info.service_level_threshold_s},
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
