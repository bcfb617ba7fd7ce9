#include "txsim/io/results_writer.hpp"

#include <cmath>
#include <ostream>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "io/detail/csv.hpp"

namespace txsim::io {
namespace {

using experiment::ExperimentResult;
using experiment::kDaysPerMonthBlock;
using experiment::kDaysPerWeekBlock;
using experiment::Summary;

using detail::csv_number;
using detail::csv_text;

// The identifying columns of one row group: scope,day,interval,contact_type,start_s. `day` is
// the first day of the period (the day itself for day and interval scopes).
struct Period {
  const char* scope;
  std::string day;
  std::string interval;
  std::string contact_type;
  double start_s;
};

Period total_period() { return {"total", "", "", "", 0.0}; }
Period block_period(const char* scope, std::size_t block, int block_days) {
  const std::size_t first_day = block * static_cast<std::size_t>(block_days);
  return {scope, fmt::format("{}", first_day), "", "", static_cast<double>(first_day) * 86400.0};
}
Period interval_period(const ExperimentResult& r, std::size_t i) {
  const auto per_day = static_cast<std::size_t>(r.intervals_per_day);
  return {"interval", fmt::format("{}", i / per_day), fmt::format("{}", i % per_day), "",
          static_cast<double>(i) * r.interval_s};
}
Period type_period(const ExperimentResult& r, std::size_t t) {
  return {"contact_type", "", "", csv_text(r.type_names[t]), 0.0};
}

// The periods of one KPI family (customer or employee) of one replication or of the summary.
template <class Values>
struct Periods {
  const Values* total;
  const std::vector<Values>* types;  // null for employee KPIs
  const std::vector<Values>* days;
  const std::vector<Values>* weeks;
  const std::vector<Values>* months;
  const std::vector<Values>* intervals;  // null for employee KPIs
};

// Visits every kept period in a fixed order: total, contact types, months, weeks, days, intervals.
template <class Values, class Emit>
void for_each_period(const ExperimentResult& r, const Periods<Values>& p, Emit emit) {
  emit(total_period(), *p.total);
  if (p.types != nullptr)
    for (std::size_t t = 0; t < p.types->size(); ++t) emit(type_period(r, t), (*p.types)[t]);
  for (std::size_t m = 0; m < p.months->size(); ++m) emit(block_period("month", m, kDaysPerMonthBlock), (*p.months)[m]);
  for (std::size_t w = 0; w < p.weeks->size(); ++w) emit(block_period("week", w, kDaysPerWeekBlock), (*p.weeks)[w]);
  for (std::size_t d = 0; d < p.days->size(); ++d) emit(block_period("day", d, 1), (*p.days)[d]);
  if (p.intervals != nullptr)
    for (std::size_t i = 0; i < p.intervals->size(); ++i) emit(interval_period(r, i), (*p.intervals)[i]);
}

template <std::size_t N>
void write_value_rows(std::ostream& out, const std::string& prefix, const Period& p,
                      const std::array<model::KpiInfo, N>& info, const std::array<double, N>& v) {
  for (std::size_t k = 0; k < N; ++k)
    fmt::print(out, "{}{},{},{},{},{},{},{}\n", prefix, p.scope, p.day, p.interval, p.contact_type, csv_number(p.start_s),
               info[k].name, csv_number(v[k]));
}

template <std::size_t N>
void write_summary_rows(std::ostream& out, const Period& p, const std::array<model::KpiInfo, N>& info,
                        const Summary<N>& s) {
  for (std::size_t k = 0; k < N; ++k)
    fmt::print(out, "{},{},{},{},{},{},{},{},{},{}\n", p.scope, p.day, p.interval, p.contact_type, csv_number(p.start_s),
               info[k].name, csv_number(s[k].mean), csv_number(s[k].lo), csv_number(s[k].hi), s[k].n);
}

nlohmann::ordered_json number(double v) {
  return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

template <std::size_t N>
nlohmann::ordered_json kpi_block(const std::array<model::KpiInfo, N>& info, const Summary<N>& s) {
  nlohmann::ordered_json kpis = nlohmann::ordered_json::object();
  for (std::size_t k = 0; k < N; ++k) {
    kpis[std::string(info[k].name)] = {{"mean", number(s[k].mean)},
                                       {"ci95", {number(s[k].lo), number(s[k].hi)}},
                                       {"n", s[k].n},
                                       {"unit", std::string(info[k].unit)}};
  }
  return kpis;
}

template <std::size_t N>
nlohmann::ordered_json kpi_blocks(const std::array<model::KpiInfo, N>& info, const std::vector<Summary<N>>& periods) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& p : periods) out.push_back(kpi_block(info, p));
  return out;
}

const char* to_string(model::ExitCause cause) {
  switch (cause) {
    case model::ExitCause::None: return "";
    case model::ExitCause::Quit: return "quit";
  }
  return "";
}

}  // namespace

void write_replications_csv(std::ostream& out, const ExperimentResult& result) {
  out << "replication,scope,day,interval,contact_type,start_s,kpi,value\n";
  for (std::size_t r = 0; r < result.replications.size(); ++r) {
    const auto& rep = result.replications[r];
    const std::string prefix = fmt::format("{},", r);
    for_each_period(result, Periods<model::KpiValues>{&rep.total, &rep.types, &rep.days, &rep.weeks, &rep.months, &rep.intervals},
                    [&](const Period& p, const model::KpiValues& v) { write_value_rows(out, prefix, p, model::kKpiInfo, v); });
    if (!result.has_workforce) continue;
    for_each_period(result, Periods<model::ExKpiValues>{&rep.ex_total, nullptr, &rep.ex_days, &rep.ex_weeks, &rep.ex_months, nullptr},
                    [&](const Period& p, const model::ExKpiValues& v) { write_value_rows(out, prefix, p, model::kExKpiInfo, v); });
  }
}

void write_summary_csv(std::ostream& out, const ExperimentResult& result) {
  out << "scope,day,interval,contact_type,start_s,kpi,mean,ci95_lo,ci95_hi,n\n";
  for_each_period(result,
                  Periods<experiment::KpiSummary>{&result.total, &result.types, &result.days, &result.weeks, &result.months,
                                                  &result.intervals},
                  [&](const Period& p, const experiment::KpiSummary& s) { write_summary_rows(out, p, model::kKpiInfo, s); });
  if (!result.has_workforce) return;
  for_each_period(result,
                  Periods<experiment::ExKpiSummary>{&result.ex_total, nullptr, &result.ex_days, &result.ex_weeks,
                                                    &result.ex_months, nullptr},
                  [&](const Period& p, const experiment::ExKpiSummary& s) { write_summary_rows(out, p, model::kExKpiInfo, s); });
}

void write_agents_csv(std::ostream& out, const ExperimentResult& result) {
  out << "replication,agent,group,seat,initial,hire_day,phones_day,exit_day,exit_cause,contacts_handled,"
         "mean_fatigue,logged_in_hours,days_worked,days_absent,strain\n";
  for (std::size_t r = 0; r < result.replications.size(); ++r) {
    const auto& agents = result.replications[r].agents;
    for (std::size_t a = 0; a < agents.size(); ++a) {
      const model::AgentRecord& x = agents[a];
      fmt::print(out, "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", r, a, csv_text(result.group_names[x.group]), x.seat,
                 x.initial ? 1 : 0, x.hire_day, x.phones_day, x.exit_day >= 0 ? fmt::format("{}", x.exit_day) : "",
                 to_string(x.exit_cause), x.contacts_handled, csv_number(x.mean_fatigue()), csv_number(x.logged_in_s / 3600.0),
                 x.days_worked, x.days_absent, csv_number(x.strain));
    }
  }
}

nlohmann::ordered_json provenance_json(const RunInfo& info) {
  return {{"txsim_version", info.provenance.txsim_version},
          {"scenario", info.scenario},
          {"scenario_file", info.file},
          {"scenario_sha256", info.provenance.scenario_sha256},
          {"seed", info.seed},
          {"replications", info.replications},
          {"overrides", info.provenance.overrides},
          {"command_line", info.provenance.command_line}};
}

nlohmann::ordered_json summary_json(const RunInfo& info, const ExperimentResult& result) {
  nlohmann::ordered_json types = nlohmann::ordered_json::object();
  for (std::size_t t = 0; t < result.types.size(); ++t)
    types[result.type_names[t]] = kpi_block(model::kKpiInfo, result.types[t]);
  nlohmann::ordered_json out = {{"provenance", provenance_json(info)},
                                {"scenario", info.scenario},
                                {"file", info.file},
                                {"seed", info.seed},
                                {"replications", info.replications},
                                {"service_level_threshold_s", info.service_level_threshold_s},
                                {"confidence_level", 0.95},
                                {"events", result.events},
                                {"kpis", kpi_block(model::kKpiInfo, result.total)}};
  if (result.has_workforce) out["ex"] = kpi_block(model::kExKpiInfo, result.ex_total);
  // The end state of each replication: contacts still waiting when a days/hours horizon ended
  // (counted in `offered` but in no outcome), so that offered = answered + abandoned + blocked +
  // waiting_at_end can be checked.
  nlohmann::ordered_json waiting = nlohmann::ordered_json::array();
  for (const auto& r : result.replications) waiting.push_back(r.waiting_at_end);
  out["waiting_at_end"] = waiting;
  out["contact_types"] = types;
  out["months"] = kpi_blocks(model::kKpiInfo, result.months);
  out["weeks"] = kpi_blocks(model::kKpiInfo, result.weeks);
  out["days"] = kpi_blocks(model::kKpiInfo, result.days);
  if (result.has_workforce) {
    out["ex_months"] = kpi_blocks(model::kExKpiInfo, result.ex_months);
    out["ex_weeks"] = kpi_blocks(model::kExKpiInfo, result.ex_weeks);
    out["ex_days"] = kpi_blocks(model::kExKpiInfo, result.ex_days);
  }
  return out;
}

void write_outputs(const std::filesystem::path& dir, const RunInfo& info, const ExperimentResult& result,
                   const OutputOptions& options) {
  OutputSet set(dir, options);
  set.write("replications.csv", [&](std::ostream& o) { write_replications_csv(o, result); });
  set.write("summary.csv", [&](std::ostream& o) { write_summary_csv(o, result); });
  set.write("summary.json", [&](std::ostream& o) { o << json_text(summary_json(info, result)); });
  if (result.has_workforce) set.write("agents.csv", [&](std::ostream& o) { write_agents_csv(o, result); });
  set.commit(provenance_json(info));
}

}  // namespace txsim::io
