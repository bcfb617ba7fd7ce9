#include "txsim/io/results_writer.hpp"

#include <cmath>
#include <fstream>
#include <ostream>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

namespace txsim::io {
namespace {

using experiment::ExperimentResult;
using experiment::KpiSummary;
using model::kKpiCount;
using model::kKpiInfo;

// Shortest text that reads back to the same double; NaN becomes an empty cell.
std::string cell(double v) { return std::isnan(v) ? std::string() : fmt::format("{}", v); }

// The identifying columns of one row group: scope,day,interval,contact_type,start_s.
struct Period {
  const char* scope;
  std::string day;
  std::string interval;
  std::string contact_type;
  double start_s;
};

Period total_period() { return {"total", "", "", "", 0.0}; }
Period day_period(std::size_t d) { return {"day", fmt::format("{}", d), "", "", static_cast<double>(d) * 86400.0}; }
Period interval_period(const ExperimentResult& r, std::size_t i) {
  const auto per_day = static_cast<std::size_t>(r.intervals_per_day);
  return {"interval", fmt::format("{}", i / per_day), fmt::format("{}", i % per_day), "",
          static_cast<double>(i) * r.interval_s};
}
Period type_period(const ExperimentResult& r, std::size_t t) { return {"contact_type", "", "", r.type_names[t], 0.0}; }

// Visits every kept period in a fixed order: total, contact types, days, intervals.
template <class Values, class Emit>
void for_each_period(const ExperimentResult& r, const Values& total, const std::vector<Values>& types,
                     const std::vector<Values>& days, const std::vector<Values>& intervals, Emit emit) {
  emit(total_period(), total);
  for (std::size_t t = 0; t < types.size(); ++t) emit(type_period(r, t), types[t]);
  for (std::size_t d = 0; d < days.size(); ++d) emit(day_period(d), days[d]);
  for (std::size_t i = 0; i < intervals.size(); ++i) emit(interval_period(r, i), intervals[i]);
}

void write_kpi_rows(std::ostream& out, const std::string& prefix, const Period& p, const model::KpiValues& v) {
  for (std::size_t k = 0; k < kKpiCount; ++k)
    fmt::print(out, "{}{},{},{},{},{},{},{}\n", prefix, p.scope, p.day, p.interval, p.contact_type, cell(p.start_s),
               kKpiInfo[k].name, cell(v[k]));
}

void write_summary_rows(std::ostream& out, const Period& p, const KpiSummary& s) {
  for (std::size_t k = 0; k < kKpiCount; ++k)
    fmt::print(out, "{},{},{},{},{},{},{},{},{},{}\n", p.scope, p.day, p.interval, p.contact_type, cell(p.start_s),
               kKpiInfo[k].name, cell(s[k].mean), cell(s[k].lo), cell(s[k].hi), s[k].n);
}

nlohmann::ordered_json number(double v) { return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr); }

nlohmann::ordered_json kpi_block(const KpiSummary& s) {
  nlohmann::ordered_json kpis = nlohmann::ordered_json::object();
  for (std::size_t k = 0; k < kKpiCount; ++k) {
    kpis[std::string(kKpiInfo[k].name)] = {{"mean", number(s[k].mean)},
                                           {"ci95", {number(s[k].lo), number(s[k].hi)}},
                                           {"n", s[k].n},
                                           {"unit", std::string(kKpiInfo[k].unit)}};
  }
  return kpis;
}

}  // namespace

void write_replications_csv(std::ostream& out, const ExperimentResult& result) {
  out << "replication,scope,day,interval,contact_type,start_s,kpi,value\n";
  for (std::size_t r = 0; r < result.replications.size(); ++r) {
    const auto& rep = result.replications[r];
    const std::string prefix = fmt::format("{},", r);
    for_each_period(result, rep.total, rep.types, rep.days, rep.intervals,
                    [&](const Period& p, const model::KpiValues& v) { write_kpi_rows(out, prefix, p, v); });
  }
}

void write_summary_csv(std::ostream& out, const ExperimentResult& result) {
  out << "scope,day,interval,contact_type,start_s,kpi,mean,ci95_lo,ci95_hi,n\n";
  for_each_period(result, result.total, result.types, result.days, result.intervals,
                  [&](const Period& p, const KpiSummary& s) { write_summary_rows(out, p, s); });
}

nlohmann::ordered_json summary_json(const RunInfo& info, const ExperimentResult& result) {
  nlohmann::ordered_json days = nlohmann::ordered_json::array();
  for (const KpiSummary& d : result.days) days.push_back(kpi_block(d));
  nlohmann::ordered_json types = nlohmann::ordered_json::object();
  for (std::size_t t = 0; t < result.types.size(); ++t) types[result.type_names[t]] = kpi_block(result.types[t]);
  return {{"scenario", info.scenario},
          {"file", info.file},
          {"seed", info.seed},
          {"replications", info.replications},
          {"service_level_threshold_s", info.service_level_threshold_s},
          {"confidence_level", 0.95},
          {"events", result.events},
          {"kpis", kpi_block(result.total)},
          {"contact_types", types},
          {"days", days}};
}

void write_outputs(const std::filesystem::path& dir, const RunInfo& info, const ExperimentResult& result) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot create output directory {}: {}", dir.string(), ec.message()));
  const auto write = [&](const char* name, auto&& body) {
    const auto path = dir / name;
    std::ofstream out(path);
    if (out) body(out);
    if (!out) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
  };
  write("replications.csv", [&](std::ostream& o) { write_replications_csv(o, result); });
  write("summary.csv", [&](std::ostream& o) { write_summary_csv(o, result); });
  write("summary.json", [&](std::ostream& o) { o << summary_json(info, result).dump(2) << '\n'; });
}

}  // namespace txsim::io
