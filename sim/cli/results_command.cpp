#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <map>
#include <numeric>
#include <variant>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/sweep_command.hpp"
#include "txsim/sweep/result_store.hpp"
#include "txsim/sweep/staffing_store.hpp"

namespace txsim::cli {
namespace {

constexpr int kOk = 0;
constexpr std::size_t kSummaryRows = 20;
// Widest line of the tables `results` prints for a terminal.
constexpr std::size_t kWidth = 120;

// Headline columns of the summary table in run mode.
constexpr std::array<std::string_view, 4> kRunHeadline{"service_level", "abandon_rate", "mean_wait_s", "occupancy"};

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_number(double v) { return std::isfinite(v) ? fmt::format("{}", v) : std::string(); }

nlohmann::ordered_json json_number(double v) { return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(); }

nlohmann::ordered_json json_value(const std::optional<sweep::FactorValue>& v) {
  if (!v) return nullptr;
  if (std::isfinite(v->number)) return v->number;
  return v->text;
}

std::string value_text(const std::optional<sweep::FactorValue>& v) { return v ? v->text : std::string("(base)"); }

// Tidy export: one row per point x policy x KPI.
void export_rows(const sweep::ResultStore& store, const ResultsArgs& args) {
  const auto& study = store.study();
  const bool compare = study.mode == "compare";
  // Rows arrive in point order: only the current point's values are kept, so memory stays flat.
  std::optional<std::uint64_t> current;
  std::vector<std::optional<sweep::FactorValue>> values;
  const auto values_of = [&](std::uint64_t point) -> const std::vector<std::optional<sweep::FactorValue>>& {
    if (current != point) {
      values = sweep::stored_point_values(store, point);
      current = point;
    }
    return values;
  };
  if (args.format == "csv") {
    std::string header = "point";
    for (const auto& [name, paths] : study.factors) header += "," + csv_field(name);
    header += ",policy,kpi,mean,ci_lo,ci_hi,n";
    if (compare) header += ",diff_mean,diff_lo,diff_hi,diff_n,verdict";
    std::cout << header << '\n';
    sweep::for_each_tidy_row(store, args.kpis, [&](const sweep::TidyRow& r) {
      std::string line = std::to_string(r.point);
      for (const auto& v : values_of(r.point)) line += "," + (v ? csv_field(v->text) : std::string());
      line += fmt::format(",{},{},{},{},{},{}", csv_field(r.policy), csv_field(r.metric), csv_number(r.mean),
                          csv_number(r.ci_lo), csv_number(r.ci_hi), r.n);
      if (compare)
        line += fmt::format(",{},{},{},{},{}", csv_number(r.diff_mean), csv_number(r.diff_lo), csv_number(r.diff_hi),
                            r.diff_n, r.verdict);
      std::cout << line << '\n';
    });
    return;
  }
  // JSON: an array of records (pandas.read_json(orient="records"), jsonlite::fromJSON), streamed.
  std::cout << "[";
  bool first = true;
  sweep::for_each_tidy_row(store, args.kpis, [&](const sweep::TidyRow& r) {
    nlohmann::ordered_json row;
    row["point"] = r.point;
    const auto& v = values_of(r.point);
    for (std::size_t k = 0; k < v.size(); ++k) row[study.factors[k].first] = json_value(v[k]);
    row["policy"] = r.policy;
    row["kpi"] = r.metric;
    row["mean"] = json_number(r.mean);
    row["ci_lo"] = json_number(r.ci_lo);
    row["ci_hi"] = json_number(r.ci_hi);
    row["n"] = r.n;
    if (compare) {
      row["diff_mean"] = json_number(r.diff_mean);
      row["diff_lo"] = json_number(r.diff_lo);
      row["diff_hi"] = json_number(r.diff_hi);
      row["diff_n"] = r.diff_n;
      row["verdict"] = r.verdict;
    }
    std::cout << (first ? "\n  " : ",\n  ") << row.dump();
    first = false;
  });
  std::cout << "\n]\n";
}

// "+1.2" with a true minus sign, as in the docs' tables.
std::string signed_value(double v, int decimals) {
  if (!std::isfinite(v)) return "-";
  std::string text = fmt::format(fmt::runtime(fmt::format("{{:+.{}f}}", decimals)), v);
  if (text.front() == '-') text.replace(0, 1, "\u2212");
  return text;
}

std::string signed_interval(const sweep::TidyRow& r) {
  if (!std::isfinite(r.diff_mean)) return "-";
  if (!std::isfinite(r.diff_lo)) return signed_value(r.diff_mean, 1);
  return fmt::format("{} [{}, {}]", signed_value(r.diff_mean, 1), signed_value(r.diff_lo, 1), signed_value(r.diff_hi, 1));
}

std::string plain_interval(const sweep::TidyRow& r) {
  if (!std::isfinite(r.mean)) return "-";
  if (!std::isfinite(r.ci_lo)) return fmt::format("{:.4g}", r.mean);
  return fmt::format("{:.4g} [{:.4g}, {:.4g}]", r.mean, r.ci_lo, r.ci_hi);
}

// "**dominated**: customers pay, agents pay, costs rise" from the paired differences of CX, EX
// and cost: a side counts when its 95% CI excludes 0, as in the verdict itself.
std::string verdict_cell(const std::string& verdict, const std::array<const sweep::TidyRow*, 3>& sides) {
  static const std::map<std::string, std::string> heads{{"dominates", "dominates"},
                                                        {"is_dominated", "dominated"},
                                                        {"trade_off", "trade-off"},
                                                        {"no_difference", "no difference"}};
  constexpr std::array<std::array<const char*, 3>, 3> words{{{"customers gain", "customers pay", "CX n.s."},
                                                             {"agents gain", "agents pay", "EX n.s."},
                                                             {"costs fall", "costs rise", "cost n.s."}}};
  const auto head = heads.find(verdict);
  std::string text = "**" + (head == heads.end() ? verdict : head->second) + "**";
  std::string parts;
  for (std::size_t k = 0; k < 3; ++k) {
    if (!sides[k] || !std::isfinite(sides[k]->diff_mean)) continue;
    const auto& d = *sides[k];
    const char* word = d.diff_lo > 0.0 ? words[k][0] : d.diff_hi < 0.0 ? words[k][1] : words[k][2];
    parts += (parts.empty() ? "" : ", ") + std::string(word);
  }
  return parts.empty() ? text : text + ": " + parts;
}

// Markdown tables for docs: compare mode, per policy, the paired differences of the four indices,
// the NPV against the baseline and the verdict; run mode, the headline KPIs.
void print_markdown(const sweep::ResultStore& store) {
  const auto& study = store.study();
  const bool compare = study.mode == "compare";
  std::string factor_header;
  std::string factor_rule;
  for (const auto& [name, paths] : study.factors) {
    factor_header += "| " + name + " ";
    factor_rule += "|---";
  }
  std::map<std::uint64_t, std::string> values;
  std::map<std::uint64_t, std::string> invalid;
  // "(default)" marks the value the base study already has.
  const auto is_base = [&](std::size_t k, const sweep::FactorValue& v) {
    if (k >= study.factor_bases.size() || study.factor_bases[k].empty()) return false;
    const std::string& base = study.factor_bases[k];
    if (base == v.text) return true;
    char* end = nullptr;
    const double number = std::strtod(base.c_str(), &end);
    return end != base.c_str() && *end == '\0' && number == v.number;
  };
  sweep::for_each_point(store, [&](const sweep::StoredPoint& p) {
    std::string cells;
    for (std::size_t k = 0; k < p.values.size(); ++k) {
      const auto& v = p.values[k];
      cells += "| " + (v ? v->text + (is_base(k, *v) ? " (default)" : "") : std::string("(base)")) + " ";
    }
    values[p.point] = cells;
    if (!p.valid) invalid[p.point] = p.diagnostics.substr(0, p.diagnostics.find('\n'));
  });
  if (!compare) {
    fmt::print("{}", factor_header);
    for (const auto k : kRunHeadline) fmt::print("| {} ", k);
    fmt::print("|\n{}", factor_rule);
    for (std::size_t k = 0; k < kRunHeadline.size(); ++k) fmt::print("|---");
    fmt::print("|\n");
    std::map<std::uint64_t, std::string> rows;
    sweep::for_each_tidy_row(store, {kRunHeadline.begin(), kRunHeadline.end()},
                             [&](const sweep::TidyRow& r) { rows[r.point] += "| " + plain_interval(r) + " "; });
    for (const auto& [point, cells] : values)
      fmt::print("{}{}|\n", cells, invalid.count(point) ? "| invalid: " + invalid[point] + " " : rows[point]);
    return;
  }
  // Per policy, then per point: the rows of index.cx, ex, cost, tx and npv_vs_baseline.
  std::map<int, std::string> policies;
  std::map<int, std::map<std::uint64_t, std::vector<sweep::TidyRow>>> by_policy;
  sweep::for_each_tidy_row(store, {"index.cx", "index.ex", "index.cost", "index.tx", "npv_vs_baseline"},
                           [&](const sweep::TidyRow& r) {
                             if (r.variant == 0) return;
                             policies[r.variant] = r.policy;
                             by_policy[r.variant][r.point].push_back(r);
                           });
  for (const auto& [variant, policy] : policies) {
    fmt::print("`{}`\n\n{}| \u0394CX | \u0394EX | \u0394cost | \u0394TX | NPV [k] | verdict |\n{}|---|---|---|---|---|---|\n",
               policy, factor_header, factor_rule);
    for (const auto& [point, cells] : values) {
      if (invalid.count(point)) {
        fmt::print("{}| | | | | | invalid: {} |\n", cells, invalid[point]);
        continue;
      }
      const auto& rows = by_policy[variant][point];
      const auto find = [&](std::string_view metric) -> const sweep::TidyRow* {
        const auto it = std::find_if(rows.begin(), rows.end(), [&](const sweep::TidyRow& r) { return r.metric == metric; });
        return it == rows.end() ? nullptr : &*it;
      };
      const auto cell = [&](std::string_view metric) {
        const auto* r = find(metric);
        return r ? signed_interval(*r) : std::string("-");
      };
      const auto* npv = find("npv_vs_baseline");
      const auto* cx = find("index.cx");
      fmt::print("{}| {} | {} | {} | {} | {} | {} |\n", cells, cell("index.cx"), cell("index.ex"), cell("index.cost"),
                 cell("index.tx"), npv ? signed_value(npv->mean / 1000.0, 0) : "-",
                 verdict_cell(cx ? cx->verdict : "", {cx, find("index.ex"), find("index.cost")}));
    }
    fmt::print("\n");
  }
}

// ---- staffing stores: every table the analysis fills, as stored ----

std::string csv_value(const sweep::StoredValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return csv_number(*d);
  if (const auto* t = std::get_if<std::string>(&v)) return csv_field(*t);
  return {};
}

nlohmann::ordered_json json_stored(const sweep::StoredValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return json_number(*d);
  if (const auto* t = std::get_if<std::string>(&v)) return *t;
  return nullptr;
}

// Four significant digits for reading; text as it is, line breaks flattened.
std::string cell_text(const sweep::StoredValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return fmt::format("{:.4g}", *d);
  if (const auto* t = std::get_if<std::string>(&v)) {
    std::string text = *t;
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
  }
  return "-";
}

nlohmann::ordered_json json_records(const sweep::StoredTable& table) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& row : table.rows) {
    nlohmann::ordered_json record;
    for (std::size_t c = 0; c < table.columns.size(); ++c) record[table.columns[c]] = json_stored(row[c]);
    rows.push_back(std::move(record));
  }
  return rows;
}

// The study's row as (column, value) for the header; its long texts are left to the exports.
std::string study_line(const sweep::StoredTable& study, const std::string& label) {
  const auto value = [&](std::string_view column) {
    const auto it = std::find(study.columns.begin(), study.columns.end(), column);
    return it == study.columns.end() || study.rows.empty()
               ? std::string("-")
               : cell_text(study.rows.front()[static_cast<std::size_t>(it - study.columns.begin())]);
  };
  return fmt::format("staffing study ({}): txsim {}, txsim {}\n"
                     "scenario \"{}\" (SHA-256 {}), group {}\n"
                     "targets {} per {}\n"
                     "{} at confidence {}, {} replications, seed {}\n",
                     label, value("analysis"), value("txsim_version"), value("scenario_name"),
                     value("scenario_sha256").substr(0, 16), value("group_name"), value("targets"), value("per"),
                     value("test"), value("confidence"), value("replications"), value("seed"));
}

void print_staffing_store(const std::vector<sweep::StoredTable>& all, const ResultsArgs& args) {
  if (!args.kpis.empty())
    throw CLI::ValidationError("--kpi: a staffing store has no KPI rows; choose a table with --table");
  std::vector<const sweep::StoredTable*> tables;
  for (const auto& t : all)
    if (args.table.empty() ? t.name != "study" && t.name != "sessions" : t.name == args.table) tables.push_back(&t);
  if (!args.table.empty() && tables.empty()) {
    std::string names;
    for (const auto& t : all) names += (names.empty() ? "" : ", ") + t.name;
    throw CLI::ValidationError(fmt::format("--table: this store has no table \"{}\" (it has {})", args.table, names));
  }
  if (args.format == "csv") {
    if (tables.size() != 1)
      throw CLI::ValidationError("--format csv: a staffing store holds several tables; choose one with --table");
    const auto& t = *tables.front();
    std::string header;
    for (const auto& c : t.columns) header += (header.empty() ? "" : ",") + csv_field(c);
    std::cout << header << '\n';
    for (const auto& row : t.rows) {
      std::string line;
      for (std::size_t c = 0; c < row.size(); ++c) line += (c == 0 ? "" : ",") + csv_value(row[c]);
      std::cout << line << '\n';
    }
    return;
  }
  if (args.format == "json") {
    // One table: an array of records; all of them: an object of tables.
    if (!args.table.empty()) {
      std::cout << json_records(*tables.front()).dump(2) << '\n';
      return;
    }
    nlohmann::ordered_json out;
    for (const auto& t : all) out[t.name] = json_records(t);
    std::cout << out.dump(2) << '\n';
    return;
  }
  const bool markdown = args.format == "markdown";
  if (!markdown) fmt::print("{}", study_line(all.front(), args.db));
  for (const auto* t : tables) {
    std::vector<std::size_t> widths;
    for (const auto& c : t->columns) widths.push_back(c.size());
    std::vector<std::vector<std::string>> cells;
    for (const auto& row : t->rows) {
      auto& line = cells.emplace_back();
      for (std::size_t c = 0; c < row.size(); ++c) {
        line.push_back(cell_text(row[c]));
        widths[c] = std::max(widths[c], line.back().size());
      }
    }
    if (markdown) {
      fmt::print("`{}`\n\n|", t->name);
      for (const auto& c : t->columns) fmt::print(" {} |", c);
      fmt::print("\n|");
      for (std::size_t c = 0; c < t->columns.size(); ++c) fmt::print("---|");
      fmt::print("\n");
      for (const auto& line : cells) {
        fmt::print("|");
        for (const auto& cell : line) fmt::print(" {} |", cell);
        fmt::print("\n");
      }
      fmt::print("\n");
      continue;
    }
    // A table wider than the terminal is cut into column groups, each led by the key columns.
    fmt::print("\n{} ({} row{})\n", t->name, t->rows.size(), t->rows.size() == 1 ? "" : "s");
    const std::size_t keys = std::min(t->key.size(), t->columns.size());
    std::size_t key_width = 0;
    for (std::size_t c = 0; c < keys; ++c) key_width += widths[c] + 2;
    std::size_t first = keys;
    do {
      std::vector<std::size_t> shown(keys);
      std::iota(shown.begin(), shown.end(), std::size_t{0});
      for (std::size_t width = key_width; first < t->columns.size(); ++first) {
        if (shown.size() > keys && width + widths[first] > kWidth) break;
        width += widths[first] + 2;
        shown.push_back(first);
      }
      const auto print_row = [&](const auto& row) {
        std::string line;
        for (const std::size_t c : shown) line += fmt::format("{}{:>{}}", line.empty() ? "" : "  ", row[c], widths[c]);
        fmt::print("{}\n", line);
      };
      print_row(t->columns);
      for (const auto& line : cells) print_row(line);
      if (first < t->columns.size()) fmt::print("\n");
    } while (first < t->columns.size());
  }
}

}  // namespace

void print_results(const sweep::ResultStore& store, const std::string& label, const std::string& format) {
  if (format == "markdown") print_markdown(store);
  else print_store_summary(store, label);
}

void print_store_summary(const sweep::ResultStore& store, const std::string& label) {
  const auto& study = store.study();
  const auto counts = store.counts();
  const bool compare = study.mode == "compare";
  fmt::print("study {} ({}): {} design, {} mode, {} replications per point, seed {}{}\n", study.name, label, study.design,
             study.mode, study.replications, study.seed, study.shard.empty() ? "" : ", shard " + study.shard);
  fmt::print("points: {} of {} stored, {} invalid\n", counts.points, study.point_count, counts.invalid);
  for (const auto& [name, paths] : study.factors) fmt::print("  factor {}: {}\n", name, paths);

  // Per point: factor values, then verdicts per policy (compare) or headline KPI means (run).
  std::vector<std::string> columns;
  std::map<std::uint64_t, std::map<std::string, std::string>> cells;
  std::map<std::string, std::map<std::string, int>> verdict_counts;
  std::vector<std::string> metrics;
  if (!compare) metrics.assign(kRunHeadline.begin(), kRunHeadline.end());
  sweep::for_each_tidy_row(store, compare ? std::vector<std::string>{"index.cx"} : metrics, [&](const sweep::TidyRow& r) {
    const std::string column = compare ? r.policy : r.metric;
    if (compare && r.variant == 0) return;
    if (std::find(columns.begin(), columns.end(), column) == columns.end()) columns.push_back(column);
    if (compare) ++verdict_counts[r.policy][r.verdict];
    if (cells.size() < kSummaryRows || cells.count(r.point))
      cells[r.point][column] = compare ? r.verdict : (std::isfinite(r.mean) ? fmt::format("{:.4g}", r.mean) : "-");
  });
  for (const auto& [policy, by_verdict] : verdict_counts) {
    std::string line;
    for (const auto& [verdict, n] : by_verdict) line += fmt::format("{}{} {}", line.empty() ? "" : ", ", verdict, n);
    fmt::print("  {}: {}\n", policy, line);
  }
  std::string header = fmt::format("{:>7}", "point");
  for (const auto& [name, paths] : study.factors) header += fmt::format("  {:>14}", name.substr(0, 14));
  for (const auto& c : columns) header += fmt::format("  {:>14}", c.substr(0, 14));
  fmt::print("{}\n", header);
  std::size_t shown = 0;
  sweep::for_each_point(store, [&](const sweep::StoredPoint& p) {
    if (shown++ >= kSummaryRows) return;
    std::string line = fmt::format("{:>7}", p.point);
    for (const auto& v : p.values) line += fmt::format("  {:>14}", value_text(v));
    if (!p.valid) {
      const auto newline = p.diagnostics.find('\n');
      line += "  invalid: " + p.diagnostics.substr(0, newline);
    } else {
      for (const auto& c : columns) line += fmt::format("  {:>14}", cells[p.point][c]);
    }
    fmt::print("{}\n", line);
  });
  if (counts.points > kSummaryRows)
    fmt::print("  ... {} more points: txsim results {} --format csv\n", counts.points - kSummaryRows, label);
}

CLI::App* add_results_command(CLI::App& app, ResultsArgs& args) {
  auto* cmd = app.add_subcommand("results", "Summarise or export a result store (of a sweep, or of txsim staff --store); `results merge` joins a sweep's shard stores");
  cmd->add_option("db", args.db, "Result store (SQLite file written by txsim sweep, uncertainty or staff --store)");
  cmd->add_option("--format", args.format, "table (summary), markdown (tables for docs), csv or json (tidy: one row per point x policy x KPI)")
      ->check(CLI::IsMember({"table", "markdown", "csv", "json"}));
  cmd->add_option("--kpi", args.kpis, "Export only these KPIs (repeatable), e.g. --kpi index.cx --kpi service_level");
  cmd->add_option("--table", args.table,
                  "Staffing stores (txsim staff --store): only this table, e.g. staffing_intervals or hiring_months "
                  "(csv needs one)");
  auto* merge = cmd->add_subcommand("merge", "Join the stores of separate shards (--shard i/N) into a new store");
  merge->add_option("out", args.merge_out, "New result store to write")->required();
  merge->add_option("inputs", args.merge_inputs, "Shard stores")->required();
  cmd->require_subcommand(0, 1);
  return cmd;
}

int results_command(const ResultsArgs& args, const std::string& line) {
  try {
    if (!args.merge_out.empty()) {
      std::vector<std::filesystem::path> inputs(args.merge_inputs.begin(), args.merge_inputs.end());
      sweep::merge_stores(args.merge_out, inputs, line);
      const auto merged = sweep::ResultStore::open_existing(args.merge_out);
      print_store_summary(merged, args.merge_out);
      return kOk;
    }
    if (args.db.empty()) throw CLI::ValidationError("results: give a result store file, or `results merge OUT IN...`");
    if (sweep::is_staffing_store(args.db)) {
      print_staffing_store(sweep::read_staffing_store(args.db), args);
      return kOk;
    }
    if (!args.table.empty())
      throw CLI::ValidationError("--table: only staffing stores are read by table; a sweep's store exports tidy rows");
    const auto store = sweep::ResultStore::open_existing(args.db);
    if (args.format == "table" || args.format == "markdown") print_results(store, args.db, args.format);
    else export_rows(store, args);
  } catch (const CLI::ValidationError&) {
    throw;
  } catch (const std::runtime_error& e) {
    throw CLI::ValidationError(e.what());
  }
  return kOk;
}

}  // namespace txsim::cli
