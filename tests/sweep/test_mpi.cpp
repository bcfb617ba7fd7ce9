// `mpirun -np 2 txsim sweep` on loopback: the store equals a single process's, value for value.

#include <doctest/doctest.h>

#include <string>

#include "process.hpp"
#include "txsim/sweep/result_store.hpp"

using namespace txsim::testing;

TEST_CASE("a sweep over two MPI ranks stores exactly what one process stores") {
  const TempDir dir("mpi");
  const std::string sweep = sweep_file(dir.path);
  const std::string single = (dir.path / "single.db").string();
  const std::string ranks = (dir.path / "ranks.db").string();
  REQUIRE(wait_exit(spawn({TXSIM_BINARY, "sweep", sweep, "--db", single, "--threads", "2", "--quiet"})) == 0);
  // --allow-run-as-root: CI runs as root; --oversubscribe: more ranks than cores is fine here.
  REQUIRE(wait_exit(spawn({TXSIM_MPIEXEC, "-np", "2", "--oversubscribe", "--allow-run-as-root", TXSIM_BINARY, "sweep",
                           sweep, "--db", ranks, "--threads", "1", "--quiet"})) == 0);
  const auto expected = txsim::sweep::ResultStore::open_existing(single).canonical_dump();
  const auto store = txsim::sweep::ResultStore::open_existing(ranks);
  CHECK(store.counts().points == 40);
  CHECK(store.canonical_dump() == expected);
}

TEST_CASE("bad input under MPI is reported once and ends every rank with exit code 2") {
  const TempDir dir("mpi-bad");
  const auto file = dir.path / "bad.yaml";
  std::ofstream(file) << "scenario: " << TXSIM_SOURCE_DIR << "/scenarios/default.yaml\nreplications: 0\n";
  const int code = wait_exit(spawn({TXSIM_MPIEXEC, "-np", "2", "--oversubscribe", "--allow-run-as-root", TXSIM_BINARY,
                                    "sweep", file.string(), "--db", (dir.path / "x.db").string(), "--quiet"}));
  CHECK(code == 2);
}

TEST_CASE("an uncertainty study over two MPI ranks stores the points and the analysis one process stores") {
  const TempDir dir("mpi-uncertainty");
  const std::string priors = std::string(TXSIM_SOURCE_DIR) + "/tests/sweep/data/small_priors.yaml";
  const std::string study = std::string(TXSIM_SOURCE_DIR) + "/scenarios/default.yaml";
  const auto command = [&](const std::string& name) {
    return std::vector<std::string>{TXSIM_BINARY, "uncertainty", study, "--priors", priors, "-n", "4", "-r", "2",
                                    "--set", "horizon.days=2", "--set", "policies.deflection_only=null", "--set",
                                    "policies.root_cause_only=null", "--set", "policies.hire_more=null", "--threads", "1",
                                    "--quiet", "--store", (dir.path / (name + ".db")).string(), "-o",
                                    (dir.path / name).string()};
  };
  REQUIRE(wait_exit(spawn(command("single"))) == 0);
  std::vector<std::string> mpi{TXSIM_MPIEXEC, "-np", "2", "--oversubscribe", "--allow-run-as-root"};
  for (const std::string& word : command("ranks")) mpi.push_back(word);
  REQUIRE(wait_exit(spawn(mpi)) == 0);
  const auto expected = txsim::sweep::ResultStore::open_existing(dir.path / "single.db").canonical_dump();
  const auto store = txsim::sweep::ResultStore::open_existing(dir.path / "ranks.db");
  CHECK(store.counts().points == 21);
  CHECK(store.canonical_dump() == expected);
}
