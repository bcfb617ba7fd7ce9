#pragma once
// The result store of a sweep: one SQLite file (WAL mode), one transaction per finished point,
// so that a killed sweep loses at most the points in flight and a rerun resumes where it
// stopped. It is created under a temporary name and renamed when its study is committed; these
// file conventions are shared with the staffing store (staffing_store.hpp), whose files it
// refuses by their meta kind. Tables and columns are documented in README.md ("Result store
// tables"):
//
//   meta(key, value)                      schema_version and the store's kind
//   study(...)                            one row: sweep and scenario text and SHA-256, txsim
//                                         version, first command line, seed, replications, mode,
//                                         design, point_count, shard ("" or "i/N")
//   factors(factor, name, paths, base)    paths joined by ", " (tied factors); base value
//   points(point, status, diagnostics, saltelli_row, saltelli_matrix)
//   point_values(point, factor, value, number)      the factor values applied (YAML text, number)
//   replication_values(point, variant, policy, metric_index, metric, replication, value)
//   summaries(point, variant, policy, metric_index, metric, mean, ci_lo, ci_hi, n,
//             diff_mean, diff_lo, diff_hi, diff_n)   diff_* = paired policy - baseline (compare)
//   verdicts(point, variant, policy, verdict, text)  compare mode, one row per policy
//   uncertainty_verdicts, uncertainty_differences, uncertainty_sobol, uncertainty_tornado
//                                         the analysis of `txsim uncertainty` (sweep/uncertainty.hpp);
//                                         empty in other stores
//   sessions(session, started_at, command_line, threads, ranks)   each invocation; not results
//
// Undefined values (a NaN KPI, the CI of one replication) are NULL.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "txsim/stats/confidence.hpp"
#include "txsim/sweep/design.hpp"

struct sqlite3;  // SQLite's connection handle

namespace txsim::sweep {

/// Bumped whenever a table or column changes; a store of another version is refused.
inline constexpr int kStoreSchemaVersion = 3;

/// What identifies a study; a store resumes only the study it was made for.
struct StudyRecord {
  std::string name;
  std::string sweep_file;
  std::string sweep_text;
  std::string sweep_sha256;
  std::string scenario_file;
  std::string scenario_text;
  std::string scenario_sha256;
  std::string txsim_version;
  std::string command_line;
  std::string mode;
  std::string design;
  std::uint64_t seed = 1;
  int replications = 1;
  std::uint64_t point_count = 0;
  std::string shard;  ///< "" for every point, "i/N" for the points p with p % N == i
  std::vector<std::pair<std::string, std::string>> factors;  ///< (name, paths)
  /// Per factor, its value in the base study (YAML flow text, io::get_value of its first path);
  /// "" for cases.
  std::vector<std::string> factor_bases;
};

/// The study record of a sweep spec.
StudyRecord study_record(const SweepSpec& spec, std::string command_line, std::string shard);

/// One metric of one variant at one point.
struct MetricResult {
  int variant = 0;          ///< 0 = baseline (or the scenario in run mode), then policies in order
  std::string policy;       ///< "baseline" or the policy's name
  int metric_index = 0;     ///< order of the metric within the variant
  std::string metric;       ///< KPI name, index.cx, business_case.total, npv_vs_baseline, ...
  std::vector<double> replications;  ///< by replication index
  stats::Interval summary{};
  std::optional<stats::Interval> difference;  ///< paired policy - baseline, compare mode only
};

struct VerdictResult {
  int variant = 0;
  std::string policy;
  std::string verdict;  ///< score::to_string(Verdict)
  std::string text;
};

/// Everything a point produced; plain data, so that it can travel between ranks.
struct PointResult {
  std::uint64_t point = 0;
  std::vector<std::optional<FactorValue>> values;  ///< one per factor; nullopt = base value
  std::optional<SaltelliRole> role;
  bool valid = true;
  std::string diagnostics;  ///< why the point is invalid, one diagnostic per line
  std::vector<MetricResult> metrics;
  std::vector<VerdictResult> verdicts;
};

/// Counts for summaries and progress.
struct StoreCounts {
  std::uint64_t points = 0;   ///< finished points in the store
  std::uint64_t invalid = 0;  ///< of which invalid
};

class ResultStore {
 public:
  /// Opens (or creates) the store for `study`. An existing store made for another study, by
  /// another schema version, or not a txsim store at all is refused with std::runtime_error
  /// naming the difference, unless `fresh`, which deletes it first.
  static ResultStore open_for(const std::filesystem::path& file, const StudyRecord& study, bool fresh);
  /// Opens an existing store read-only. Throws std::runtime_error when it is not one.
  static ResultStore open_existing(const std::filesystem::path& file);

  ResultStore(ResultStore&&) noexcept;
  ResultStore& operator=(ResultStore&&) noexcept;
  ~ResultStore();

  [[nodiscard]] const StudyRecord& study() const noexcept;
  /// Finished points, by point index (size study().point_count).
  [[nodiscard]] std::vector<bool> finished_points() const;
  [[nodiscard]] StoreCounts counts() const;

  /// Writes one finished point in one transaction. A point already stored is left as it is.
  void write(const PointResult& result);
  /// Records this invocation in `sessions`.
  void add_session(const std::string& command_line, int threads, int ranks);

  /// Every table but `sessions` and the study's command line, rows in key order, numbers with
  /// round-trip precision: two stores with equal dumps hold the same results.
  [[nodiscard]] std::string canonical_dump() const;

  /// The SQLite connection, for the readers below and merge_stores.
  [[nodiscard]] ::sqlite3* handle() const noexcept;

 private:
  struct Impl;
  explicit ResultStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// One row of the tidy export: a point x variant x metric summary (valid points only).
struct TidyRow {
  std::uint64_t point = 0;
  int variant = 0;
  std::string policy;
  std::string metric;
  double mean = 0.0;  ///< NaN when undefined
  double ci_lo = 0.0;
  double ci_hi = 0.0;
  std::int64_t n = 0;
  double diff_mean = 0.0;  ///< NaN outside compare mode and for the baseline
  double diff_lo = 0.0;
  double diff_hi = 0.0;
  std::int64_t diff_n = 0;
  std::string verdict;  ///< compare mode, policies only
};

/// Calls `row` for each summary row in (point, variant, metric) order; `metrics` empty = all.
void for_each_tidy_row(const ResultStore& store, const std::vector<std::string>& metrics,
                       const std::function<void(const TidyRow&)>& row);

/// A stored point's status and factor values (nullopt where a factor stayed at the base).
struct StoredPoint {
  std::uint64_t point = 0;
  bool valid = true;
  std::string diagnostics;
  std::vector<std::optional<FactorValue>> values;
};

/// Calls `visit` for each stored point in point order.
void for_each_point(const ResultStore& store, const std::function<void(const StoredPoint&)>& visit);

/// The factor values of one stored point (nullopt where a factor stayed at the base).
std::vector<std::optional<FactorValue>> stored_point_values(const ResultStore& store, std::uint64_t point);

/// Joins shard stores of one study into `out` (created; must not exist). Throws
/// std::runtime_error when the inputs belong to different studies.
void merge_stores(const std::filesystem::path& out, const std::vector<std::filesystem::path>& inputs,
                  const std::string& command_line);

}  // namespace txsim::sweep
