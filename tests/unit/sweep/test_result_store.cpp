#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "sweep_texts.hpp"
#include "temp_dir.hpp"
#include "txsim/sweep/result_store.hpp"
#include "txsim/sweep/runner.hpp"
#include "txsim/sweep/wire.hpp"

namespace fs = std::filesystem;
using txsim::testing::TempDir;
using txsim::sweep::ResultStore;

namespace {

txsim::sweep::SweepOutcome run(const txsim::sweep::SweepSpec& spec, const fs::path& db, int threads, int shard = 0,
                               int shards = 1) {
  auto store = ResultStore::open_for(db, txsim::sweep::study_record(spec, "test", shards == 1 ? "" : std::to_string(shard) + "/" + std::to_string(shards)), false);
  txsim::sweep::SweepOptions options;
  options.threads = threads;
  options.shard_index = shard;
  options.shard_count = shards;
  return txsim::sweep::run_sweep(spec, store, options);
}

std::string dump(const fs::path& db) { return ResultStore::open_existing(db).canonical_dump(); }

}  // namespace

TEST_CASE("a sweep stores every point once, and a second run resumes with nothing left to do") {
  const TempDir dir("store-resume");
  const auto spec = txsim::testing::sweep_from(txsim::testing::kSmallRunSweep);
  const auto first = run(spec, dir.path / "a.db", 2);
  CHECK(first.evaluated == 9);
  CHECK(first.skipped == 0);
  const auto second = run(spec, dir.path / "a.db", 2);
  CHECK(second.evaluated == 0);
  CHECK(second.skipped == 9);
  const auto store = ResultStore::open_existing(dir.path / "a.db");
  CHECK(store.counts().points == 9);
  CHECK(store.study().sweep_sha256.size() == 64);
  CHECK(store.study().scenario_sha256 == spec.content_hash);
  REQUIRE(store.study().factor_bases.size() == 2);
  CHECK(store.study().factor_bases[1] == "60");  // the base scenario's mean handle time
}

TEST_CASE("the store is identical for one thread, two threads, and shards merged") {
  const TempDir dir("store-threads");
  const auto spec = txsim::testing::sweep_from(txsim::testing::kSmallRunSweep);
  run(spec, dir.path / "one.db", 1);
  run(spec, dir.path / "two.db", 2);
  run(spec, dir.path / "s0.db", 1, 0, 2);
  run(spec, dir.path / "s1.db", 2, 1, 2);
  txsim::sweep::merge_stores(dir.path / "merged.db", {dir.path / "s0.db", dir.path / "s1.db"}, "merge");
  const std::string reference = dump(dir.path / "one.db");
  CHECK(reference.find("replication_values\n0|0|baseline|0|offered|0|") != std::string::npos);
  CHECK(dump(dir.path / "two.db") == reference);
  CHECK(dump(dir.path / "merged.db") == reference);
  CHECK(dump(dir.path / "s0.db") != reference);
}

TEST_CASE("a store of another study is refused, naming the difference, unless fresh") {
  const TempDir dir("store-refuse");
  const auto spec = txsim::testing::sweep_from(txsim::testing::kSmallRunSweep);
  run(spec, dir.path / "a.db", 1);
  std::string other_text(txsim::testing::kSmallRunSweep);
  other_text.replace(other_text.find("seed: 7"), 7, "seed: 8");
  const auto other = txsim::testing::sweep_from(other_text);
  const auto record = txsim::sweep::study_record(other, "test", "");
  try {
    (void)ResultStore::open_for(dir.path / "a.db", record, false);
    FAIL("a store of another study was resumed");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("the sweep file's SHA-256 differs") != std::string::npos);
  }
  const auto fresh = ResultStore::open_for(dir.path / "a.db", record, true);
  CHECK(fresh.counts().points == 0);
}

TEST_CASE("a file that is not a store is refused") {
  const TempDir dir("store-foreign");
  const auto spec = txsim::testing::sweep_from(txsim::testing::kSmallRunSweep);
  {
    std::ofstream(dir.path / "notes.db") << "not a database at all, just some text that sqlite will not accept";
  }
  CHECK_THROWS_AS((void)ResultStore::open_for(dir.path / "notes.db", txsim::sweep::study_record(spec, "t", ""), false),
                  std::runtime_error);
}

TEST_CASE("a point that breaks validation is stored as invalid with its diagnostics and the sweep goes on") {
  const TempDir dir("store-invalid");
  // Each factor alone loads (the probe), but the grid also pairs a 4 h horizon with a 6 h warm-up.
  const auto spec = txsim::testing::sweep_from(R"(
scenario: validation/erlang_c_small.yaml
set: {horizon.arrivals: null, horizon.hours: 10, horizon.warmup_hours: 1}
mode: run
replications: 2
design: grid
factors:
  - path: horizon.hours
    values: [10, 4]
  - path: horizon.warmup_hours
    values: [1, 6]
)");
  const auto outcome = run(spec, dir.path / "a.db", 2);
  CHECK(outcome.evaluated == 4);
  CHECK(outcome.invalid == 1);
  int invalid = 0;
  txsim::sweep::for_each_point(ResultStore::open_existing(dir.path / "a.db"), [&](const txsim::sweep::StoredPoint& p) {
    if (p.valid) return;
    ++invalid;
    CHECK(p.point == 3);
    CHECK(p.diagnostics.find("horizon.warmup_hours: expected less than the horizon of 4 h, found 6") != std::string::npos);
  });
  CHECK(invalid == 1);
}

TEST_CASE("compare mode stores paired differences and a verdict per policy") {
  const TempDir dir("store-compare");
  const auto spec = txsim::testing::sweep_from(txsim::testing::kSmallCompareSweep);
  const auto outcome = run(spec, dir.path / "c.db", 2);
  CHECK(outcome.evaluated == 3);
  int diffs = 0;
  int verdicts = 0;
  txsim::sweep::for_each_tidy_row(ResultStore::open_existing(dir.path / "c.db"), {"index.cx"}, [&](const txsim::sweep::TidyRow& r) {
    if (r.variant == 0) {
      CHECK(std::isnan(r.diff_mean));
      CHECK(r.verdict.empty());
      return;
    }
    ++diffs;
    CHECK(r.diff_n == 2);
    if (!r.verdict.empty()) ++verdicts;
  });
  CHECK(diffs == 3 * 2);  // 3 points x (silo_push, unified)
  CHECK(verdicts == diffs);
}

TEST_CASE("a point's results survive encoding for another rank bit for bit") {
  const TempDir dir("store-wire");
  const auto spec = txsim::testing::sweep_from(txsim::testing::kSmallCompareSweep);
  const txsim::sweep::Design design(spec);
  const auto direct = txsim::sweep::evaluate_point(spec, design, 1, 1, nullptr);
  const auto decoded = txsim::sweep::decode(txsim::sweep::encode(direct));
  const auto record = txsim::sweep::study_record(spec, "t", "");
  {
    auto a = ResultStore::open_for(dir.path / "a.db", record, false);
    a.write(direct);
    auto b = ResultStore::open_for(dir.path / "b.db", record, false);
    b.write(decoded);
  }
  CHECK(dump(dir.path / "a.db") == dump(dir.path / "b.db"));
  CHECK_THROWS_AS(txsim::sweep::decode(txsim::sweep::encode(direct).substr(0, 100)), std::runtime_error);
}
