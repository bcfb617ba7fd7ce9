#include "txsim/sweep/result_store.hpp"

#include "sweep/detail/sqlite_statement.hpp"
#include "sweep/detail/store_file.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>
#include <sqlite3.h>

#include "txsim/io/content_hash.hpp"
#include "txsim/io/schema.hpp"
#include "txsim/version.hpp"

namespace txsim::sweep {
namespace {

using detail::exec;
using detail::open_db;
using detail::remove_store_files;
using detail::Statement;

constexpr const char* kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE study(
  name TEXT NOT NULL, sweep_file TEXT NOT NULL, sweep_text TEXT NOT NULL, sweep_sha256 TEXT NOT NULL,
  scenario_file TEXT NOT NULL, scenario_text TEXT NOT NULL, scenario_sha256 TEXT NOT NULL,
  txsim_version TEXT NOT NULL, command_line TEXT NOT NULL, mode TEXT NOT NULL, design TEXT NOT NULL,
  seed INTEGER NOT NULL, replications INTEGER NOT NULL, point_count INTEGER NOT NULL, shard TEXT NOT NULL);
CREATE TABLE factors(factor INTEGER PRIMARY KEY, name TEXT NOT NULL, paths TEXT NOT NULL, base TEXT NOT NULL);
CREATE TABLE points(point INTEGER PRIMARY KEY, status TEXT NOT NULL, diagnostics TEXT NOT NULL,
  saltelli_row INTEGER, saltelli_matrix INTEGER);
CREATE TABLE point_values(point INTEGER NOT NULL, factor INTEGER NOT NULL, value TEXT NOT NULL, number REAL,
  PRIMARY KEY(point, factor)) WITHOUT ROWID;
CREATE TABLE replication_values(point INTEGER NOT NULL, variant INTEGER NOT NULL, policy TEXT NOT NULL,
  metric_index INTEGER NOT NULL, metric TEXT NOT NULL, replication INTEGER NOT NULL, value REAL,
  PRIMARY KEY(point, variant, metric_index, replication)) WITHOUT ROWID;
CREATE TABLE summaries(point INTEGER NOT NULL, variant INTEGER NOT NULL, policy TEXT NOT NULL,
  metric_index INTEGER NOT NULL, metric TEXT NOT NULL, mean REAL, ci_lo REAL, ci_hi REAL, n INTEGER NOT NULL,
  diff_mean REAL, diff_lo REAL, diff_hi REAL, diff_n INTEGER,
  PRIMARY KEY(point, variant, metric_index)) WITHOUT ROWID;
CREATE TABLE verdicts(point INTEGER NOT NULL, variant INTEGER NOT NULL, policy TEXT NOT NULL,
  verdict TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY(point, variant)) WITHOUT ROWID;
CREATE TABLE uncertainty_verdicts(policy TEXT NOT NULL, basis TEXT NOT NULL, verdict TEXT NOT NULL,
  probability REAL NOT NULL, lo REAL NOT NULL, hi REAL NOT NULL, count INTEGER NOT NULL, draws INTEGER NOT NULL,
  PRIMARY KEY(policy, basis, verdict)) WITHOUT ROWID;
CREATE TABLE uncertainty_differences(policy TEXT NOT NULL, metric TEXT NOT NULL, mean REAL, p05 REAL, p95 REAL,
  variance REAL, noise_variance REAL, draws INTEGER NOT NULL, PRIMARY KEY(policy, metric)) WITHOUT ROWID;
CREATE TABLE uncertainty_sobol(policy TEXT NOT NULL, metric TEXT NOT NULL, parameter TEXT NOT NULL,
  first_order REAL, first_order_lo REAL, first_order_hi REAL, total REAL, total_lo REAL, total_hi REAL,
  rows INTEGER NOT NULL, PRIMARY KEY(policy, metric, parameter)) WITHOUT ROWID;
CREATE TABLE uncertainty_tornado(policy TEXT NOT NULL, metric TEXT NOT NULL, parameter TEXT NOT NULL,
  low_value REAL NOT NULL, high_value REAL NOT NULL, at_low REAL, at_high REAL, at_base REAL,
  PRIMARY KEY(policy, metric, parameter)) WITHOUT ROWID;
)sql";

// Tables compared by canonical_dump, with their key order.
constexpr std::array<std::pair<const char*, const char*>, 11> kResultTables{{
    {"meta", "key"},
    {"factors", "factor"},
    {"points", "point"},
    {"point_values", "point, factor"},
    {"replication_values", "point, variant, metric_index, replication"},
    {"summaries", "point, variant, metric_index"},
    {"verdicts", "point, variant"},
    {"uncertainty_verdicts", "policy, basis, verdict"},
    {"uncertainty_differences", "policy, metric"},
    {"uncertainty_sobol", "policy, metric, parameter"},
    {"uncertainty_tornado", "policy, metric, parameter"},
}};

// Interval bounds are NULL when undefined (NaN) or infinite (one replication).
double finite_or_nan(double v) { return std::isfinite(v) ? v : std::numeric_limits<double>::quiet_NaN(); }

StudyRecord read_study(sqlite3* db) {
  Statement s(db,
              "SELECT name, sweep_file, sweep_text, sweep_sha256, scenario_file, scenario_text, scenario_sha256, "
              "txsim_version, command_line, mode, design, seed, replications, point_count, shard FROM study");
  if (!s.step()) throw std::runtime_error("result store: no study recorded");
  StudyRecord r;
  r.name = s.text(0);
  r.sweep_file = s.text(1);
  r.sweep_text = s.text(2);
  r.sweep_sha256 = s.text(3);
  r.scenario_file = s.text(4);
  r.scenario_text = s.text(5);
  r.scenario_sha256 = s.text(6);
  r.txsim_version = s.text(7);
  r.command_line = s.text(8);
  r.mode = s.text(9);
  r.design = s.text(10);
  r.seed = static_cast<std::uint64_t>(s.integer(11));
  r.replications = static_cast<int>(s.integer(12));
  r.point_count = static_cast<std::uint64_t>(s.integer(13));
  r.shard = s.text(14);
  Statement f(db, "SELECT name, paths, base FROM factors ORDER BY factor");
  while (f.step()) {
    r.factors.emplace_back(f.text(0), f.text(1));
    r.factor_bases.push_back(f.text(2));
  }
  return r;
}

void write_study(sqlite3* db, const StudyRecord& r) {
  detail::write_meta(db, detail::kSweepStoreKind, kStoreSchemaVersion);
  Statement s(db,
              "INSERT INTO study(name, sweep_file, sweep_text, sweep_sha256, scenario_file, scenario_text, "
              "scenario_sha256, txsim_version, command_line, mode, design, seed, replications, point_count, shard) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, r.name).bind(2, r.sweep_file).bind(3, r.sweep_text).bind(4, r.sweep_sha256).bind(5, r.scenario_file);
  s.bind(6, r.scenario_text).bind(7, r.scenario_sha256).bind(8, r.txsim_version).bind(9, r.command_line);
  s.bind(10, r.mode).bind(11, r.design).bind(12, static_cast<std::int64_t>(r.seed));
  s.bind(13, static_cast<std::int64_t>(r.replications)).bind(14, static_cast<std::int64_t>(r.point_count));
  s.bind(15, r.shard).run();
  Statement f(db, "INSERT INTO factors(factor, name, paths, base) VALUES (?, ?, ?, ?)");
  for (std::size_t i = 0; i < r.factors.size(); ++i) {
    f.bind(1, static_cast<std::int64_t>(i)).bind(2, r.factors[i].first).bind(3, r.factors[i].second);
    f.bind(4, i < r.factor_bases.size() ? r.factor_bases[i] : std::string()).run();
  }
}

// The first identity field in which two studies differ, or nullopt. Shards of one study differ
// only in `shard`, which `with_shard` includes.
std::optional<std::string> difference(const StudyRecord& stored, const StudyRecord& now, bool with_shard) {
  const auto text = [](const std::string& a, const std::string& b, const char* what) -> std::optional<std::string> {
    if (a == b) return std::nullopt;
    return fmt::format("{} differs (store: {}, now: {})", what, a.substr(0, 16), b.substr(0, 16));
  };
  if (auto d = text(stored.sweep_sha256, now.sweep_sha256, "the sweep file's SHA-256")) return d;
  if (auto d = text(stored.scenario_sha256, now.scenario_sha256, "the base scenario's SHA-256")) return d;
  if (auto d = text(stored.txsim_version, now.txsim_version, "the txsim version")) return d;
  if (with_shard)
    if (auto d = text(stored.shard.empty() ? "all" : stored.shard, now.shard.empty() ? "all" : now.shard, "the shard"))
      return d;
  if (stored.point_count != now.point_count)
    return fmt::format("the number of points differs (store: {}, now: {})", stored.point_count, now.point_count);
  return std::nullopt;
}

}  // namespace

StudyRecord study_record(const SweepSpec& spec, std::string command_line, std::string shard) {
  StudyRecord r;
  r.name = spec.name;
  r.sweep_file = spec.file;
  r.sweep_text = spec.text;
  r.sweep_sha256 = io::sha256_hex(spec.text);
  r.scenario_file = spec.scenario_file.string();
  r.scenario_text = spec.resolved_yaml;
  r.scenario_sha256 = spec.content_hash;
  r.txsim_version = kVersion;
  r.command_line = std::move(command_line);
  r.mode = to_string(spec.mode);
  r.design = to_string(spec.design);
  r.seed = spec.seed;
  r.replications = spec.replications;
  r.point_count = point_count(spec);
  r.shard = std::move(shard);
  for (const Factor& f : spec.factors) {
    std::string paths;
    for (const auto& p : f.paths) paths += (paths.empty() ? "" : ", ") + p;
    r.factors.emplace_back(f.name, paths);
    std::string base;
    if (!f.paths.empty()) {
      try {
        base = io::get_value(spec.base, f.paths.front());
      } catch (const io::ConfigError&) {
        // A path the base leaves unset has no base value to show.
      }
    }
    r.factor_bases.push_back(std::move(base));
  }
  return r;
}

struct ResultStore::Impl {
  sqlite3* db = nullptr;
  StudyRecord study;
  ~Impl() { sqlite3_close(db); }
};

ResultStore::ResultStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ResultStore::ResultStore(ResultStore&&) noexcept = default;
ResultStore& ResultStore::operator=(ResultStore&&) noexcept = default;
ResultStore::~ResultStore() = default;

namespace {

// Refuses a file that is no sweep store of this schema version, saying what it is instead.
void require_sweep_store(sqlite3* db, const std::filesystem::path& file, const char* remedy) {
  const auto identity = detail::store_identity(db);
  if (!identity) throw std::runtime_error(fmt::format("{} is not a txsim result store{}", file.string(), remedy));
  if (identity->kind == detail::kStaffingStoreKind)
    throw std::runtime_error(
        fmt::format("{} is a staffing result store (txsim staff --store), not a sweep's{}", file.string(), remedy));
  if (identity->schema_version != kStoreSchemaVersion)
    throw std::runtime_error(fmt::format("{} has store schema version {}, this txsim reads and writes version {}{}",
                                         file.string(), identity->schema_version, kStoreSchemaVersion, remedy));
}

}  // namespace

ResultStore ResultStore::open_for(const std::filesystem::path& file, const StudyRecord& study, bool fresh) {
  if (fresh) remove_store_files(file);
  if (!std::filesystem::exists(file)) {
    detail::create_store(file, [&](sqlite3* db) {
      exec(db, kSchema);
      exec(db, detail::kSessionsTable);
      write_study(db, study);
    });
  }
  auto impl = std::make_unique<Impl>();
  impl->db = open_db(file, SQLITE_OPEN_READWRITE);
  sqlite3* db = impl->db;
  require_sweep_store(db, file, "; give another --db, or --fresh to replace it");
  detail::use_wal(db);
  impl->study = read_study(db);
  if (const auto d = difference(impl->study, study, true))
    throw std::runtime_error(fmt::format("{} holds another study (\"{}\"): {}; use --fresh to start anew",
                                         file.string(), impl->study.name, *d));
  return ResultStore(std::move(impl));
}

ResultStore ResultStore::open_existing(const std::filesystem::path& file) {
  if (!std::filesystem::is_regular_file(file))
    throw std::runtime_error(fmt::format("cannot open the result store {}: no such file", file.string()));
  auto impl = std::make_unique<Impl>();
  // Read-write when the file allows it (SQLite falls back to read-only otherwise): a store left
  // by a killed writer may hold a write-ahead log that only a read-write connection can recover.
  // Reading writes nothing else.
  impl->db = open_db(file, SQLITE_OPEN_READWRITE);
  require_sweep_store(impl->db, file, "");
  impl->study = read_study(impl->db);
  return ResultStore(std::move(impl));
}

const StudyRecord& ResultStore::study() const noexcept { return impl_->study; }
sqlite3* ResultStore::handle() const noexcept { return impl_->db; }

std::vector<bool> ResultStore::finished_points() const {
  std::vector<bool> done(impl_->study.point_count, false);
  Statement s(impl_->db, "SELECT point FROM points");
  while (s.step()) {
    const auto p = static_cast<std::uint64_t>(s.integer(0));
    if (p < done.size()) done[p] = true;
  }
  return done;
}

StoreCounts ResultStore::counts() const {
  Statement s(impl_->db, "SELECT count(*), coalesce(sum(status = 'invalid'), 0) FROM points");
  s.step();
  return {static_cast<std::uint64_t>(s.integer(0)), static_cast<std::uint64_t>(s.integer(1))};
}

void ResultStore::write(const PointResult& r) {
  sqlite3* db = impl_->db;
  exec(db, "BEGIN IMMEDIATE");
  try {
    Statement exists(db, "SELECT 1 FROM points WHERE point = ?");
    exists.bind(1, static_cast<std::int64_t>(r.point));
    if (exists.step()) {
      exec(db, "ROLLBACK");
      return;
    }
    const auto point = static_cast<std::int64_t>(r.point);
    Statement p(db, "INSERT INTO points(point, status, diagnostics, saltelli_row, saltelli_matrix) VALUES (?, ?, ?, ?, ?)");
    p.bind(1, point).bind(2, std::string(r.valid ? "ok" : "invalid")).bind(3, r.diagnostics);
    if (r.role) {
      p.bind(4, static_cast<std::int64_t>(r.role->row)).bind(5, static_cast<std::int64_t>(r.role->matrix));
    } else {
      p.bind_null(4).bind_null(5);
    }
    p.run();
    Statement v(db, "INSERT INTO point_values(point, factor, value, number) VALUES (?, ?, ?, ?)");
    for (std::size_t k = 0; k < r.values.size(); ++k)
      if (r.values[k]) v.bind(1, point).bind(2, static_cast<std::int64_t>(k)).bind(3, r.values[k]->text).bind(4, r.values[k]->number).run();
    Statement rep(db,
                  "INSERT INTO replication_values(point, variant, policy, metric_index, metric, replication, value) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)");
    Statement sum(db,
                  "INSERT INTO summaries(point, variant, policy, metric_index, metric, mean, ci_lo, ci_hi, n, "
                  "diff_mean, diff_lo, diff_hi, diff_n) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const MetricResult& m : r.metrics) {
      for (std::size_t i = 0; i < m.replications.size(); ++i) {
        rep.bind(1, point).bind(2, static_cast<std::int64_t>(m.variant)).bind(3, m.policy);
        rep.bind(4, static_cast<std::int64_t>(m.metric_index)).bind(5, m.metric);
        rep.bind(6, static_cast<std::int64_t>(i)).bind(7, m.replications[i]).run();
      }
      sum.bind(1, point).bind(2, static_cast<std::int64_t>(m.variant)).bind(3, m.policy);
      sum.bind(4, static_cast<std::int64_t>(m.metric_index)).bind(5, m.metric);
      sum.bind(6, m.summary.mean).bind(7, finite_or_nan(m.summary.lo)).bind(8, finite_or_nan(m.summary.hi));
      sum.bind(9, static_cast<std::int64_t>(std::isnan(m.summary.mean) ? 0 : m.summary.n));
      if (m.difference && !std::isnan(m.difference->mean)) {
        sum.bind(10, m.difference->mean).bind(11, finite_or_nan(m.difference->lo)).bind(12, finite_or_nan(m.difference->hi));
        sum.bind(13, static_cast<std::int64_t>(m.difference->n));
      } else {
        sum.bind_null(10).bind_null(11).bind_null(12).bind_null(13);
      }
      sum.run();
    }
    Statement ver(db, "INSERT INTO verdicts(point, variant, policy, verdict, text) VALUES (?, ?, ?, ?, ?)");
    for (const VerdictResult& vr : r.verdicts)
      ver.bind(1, point).bind(2, static_cast<std::int64_t>(vr.variant)).bind(3, vr.policy).bind(4, vr.verdict).bind(5, vr.text).run();
    exec(db, "COMMIT");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void ResultStore::add_session(const std::string& command_line, int threads, int ranks) {
  detail::add_session(impl_->db, command_line, threads, ranks);
}

std::string ResultStore::canonical_dump() const {
  std::string out;
  out += "study\n";
  Statement study(impl_->db,
                  "SELECT name, sweep_file, sweep_sha256, scenario_file, scenario_sha256, txsim_version, mode, design, "
                  "seed, replications, point_count, shard FROM study");
  detail::dump_rows(study, out);
  for (const auto& [table, key] : kResultTables) {
    out += table;
    out += '\n';
    Statement s(impl_->db, fmt::format("SELECT * FROM {} ORDER BY {}", table, key).c_str());
    detail::dump_rows(s, out);
  }
  return out;
}

void for_each_tidy_row(const ResultStore& store, const std::vector<std::string>& metrics,
                       const std::function<void(const TidyRow&)>& row) {
  std::string sql =
      "SELECT s.point, s.variant, s.policy, s.metric, s.mean, s.ci_lo, s.ci_hi, s.n, s.diff_mean, s.diff_lo, "
      "s.diff_hi, s.diff_n, coalesce(v.verdict, '') FROM summaries s LEFT JOIN verdicts v "
      "ON v.point = s.point AND v.variant = s.variant";
  if (!metrics.empty()) {
    sql += " WHERE s.metric IN (";
    for (std::size_t i = 0; i < metrics.size(); ++i) sql += i == 0 ? "?" : ", ?";
    sql += ")";
  }
  sql += " ORDER BY s.point, s.variant, s.metric_index";
  Statement s(store.handle(), sql.c_str());
  for (std::size_t i = 0; i < metrics.size(); ++i) s.bind(static_cast<int>(i + 1), metrics[i]);
  const auto real = [&](int c) {
    return sqlite3_column_type(s.get(), c) == SQLITE_NULL ? std::numeric_limits<double>::quiet_NaN()
                                                          : sqlite3_column_double(s.get(), c);
  };
  TidyRow r;
  while (s.step()) {
    r.point = static_cast<std::uint64_t>(s.integer(0));
    r.variant = static_cast<int>(s.integer(1));
    r.policy = s.text(2);
    r.metric = s.text(3);
    r.mean = real(4);
    r.ci_lo = real(5);
    r.ci_hi = real(6);
    r.n = s.integer(7);
    r.diff_mean = real(8);
    r.diff_lo = real(9);
    r.diff_hi = real(10);
    r.diff_n = s.integer(11);
    r.verdict = s.text(12);
    row(r);
  }
}

void for_each_point(const ResultStore& store, const std::function<void(const StoredPoint&)>& visit) {
  const std::size_t factors = store.study().factors.size();
  Statement points(store.handle(), "SELECT point, status, diagnostics FROM points ORDER BY point");
  Statement values(store.handle(), "SELECT point, factor, value, number FROM point_values ORDER BY point, factor");
  bool more_values = values.step();
  StoredPoint p;
  while (points.step()) {
    p.point = static_cast<std::uint64_t>(points.integer(0));
    p.valid = points.text(1) == "ok";
    p.diagnostics = points.text(2);
    p.values.assign(factors, std::nullopt);
    while (more_values && static_cast<std::uint64_t>(values.integer(0)) < p.point) more_values = values.step();
    while (more_values && static_cast<std::uint64_t>(values.integer(0)) == p.point) {
      const auto k = static_cast<std::size_t>(values.integer(1));
      const double number = sqlite3_column_type(values.get(), 3) == SQLITE_NULL
                                ? std::numeric_limits<double>::quiet_NaN()
                                : sqlite3_column_double(values.get(), 3);
      if (k < factors) p.values[k] = FactorValue{values.text(2), number};
      more_values = values.step();
    }
    visit(p);
  }
}

std::vector<std::optional<FactorValue>> stored_point_values(const ResultStore& store, std::uint64_t point) {
  std::vector<std::optional<FactorValue>> out(store.study().factors.size());
  Statement s(store.handle(), "SELECT factor, value, number FROM point_values WHERE point = ?");
  s.bind(1, static_cast<std::int64_t>(point));
  while (s.step()) {
    const auto k = static_cast<std::size_t>(s.integer(0));
    const double number = sqlite3_column_type(s.get(), 2) == SQLITE_NULL ? std::numeric_limits<double>::quiet_NaN()
                                                                         : sqlite3_column_double(s.get(), 2);
    if (k < out.size()) out[k] = FactorValue{s.text(1), number};
  }
  return out;
}

void merge_stores(const std::filesystem::path& out, const std::vector<std::filesystem::path>& inputs,
                  const std::string& command_line) {
  if (inputs.empty()) throw std::runtime_error("results merge: no input stores");
  if (std::filesystem::exists(out))
    throw std::runtime_error(fmt::format("results merge: {} exists; merge into a new file", out.string()));
  StudyRecord study;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const ResultStore in = ResultStore::open_existing(inputs[i]);
    if (i == 0) {
      study = in.study();
    } else if (const auto d = difference(study, in.study(), false)) {
      throw std::runtime_error(fmt::format("results merge: {} belongs to another study than {}: {}",
                                           inputs[i].string(), inputs[0].string(), *d));
    }
  }
  study.shard.clear();
  study.command_line = command_line;
  const auto partial = out.string() + ".partial";
  remove_store_files(partial);
  {
    ResultStore merged = ResultStore::open_for(partial, study, false);
    sqlite3* db = merged.handle();
    for (const auto& in : inputs) {
      Statement attach(db, "ATTACH DATABASE ? AS shard");
      attach.bind(1, in.string()).run();
      exec(db, "BEGIN IMMEDIATE");
      // Points are deterministic: a point in two inputs holds the same values, and one copy is kept.
      exec(db,
           "INSERT OR IGNORE INTO points SELECT * FROM shard.points;"
           "INSERT OR IGNORE INTO point_values SELECT * FROM shard.point_values;"
           "INSERT OR IGNORE INTO replication_values SELECT * FROM shard.replication_values;"
           "INSERT OR IGNORE INTO summaries SELECT * FROM shard.summaries;"
           "INSERT OR IGNORE INTO verdicts SELECT * FROM shard.verdicts;");
      exec(db, "COMMIT");
      exec(db, "DETACH DATABASE shard");
    }
    // Back to a rollback journal: every page is in the main file before the rename.
    exec(db, "PRAGMA journal_mode=DELETE");
  }
  // Only a complete merge gets the final name.
  std::filesystem::rename(partial, out);
  std::error_code ignored;
  std::filesystem::remove(partial + "-wal", ignored);
  std::filesystem::remove(partial + "-shm", ignored);
}

}  // namespace txsim::sweep
