#include <doctest/doctest.h>

#include <sys/resource.h>

#include <csignal>
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "txsim/experiment/replications.hpp"
#include "txsim/io/output_files.hpp"

namespace fs = std::filesystem;
using txsim::io::OutputSet;

namespace {

// A fresh, empty directory for one test case.
fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("txsim-test-output-files-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }

// Names in `dir`, hidden ones included, sorted.
std::string listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  std::string out;
  for (const auto& n : names) out += n + " ";
  return out;
}

void write_set(const fs::path& dir, bool replace, const std::string& csv_text) {
  OutputSet set(dir, {replace, nullptr});
  set.write("summary.csv", [&](std::ostream& out) { out << csv_text; });
  set.write("summary.json", [](std::ostream& out) { out << "{}\n"; });
  set.commit({{"seed", 7}});
}

}  // namespace

TEST_CASE("a committed set holds its files and a provenance.json that lists them with their sizes") {
  const fs::path dir = scratch("commit");
  write_set(dir, false, "a,b\n1,2\n");
  CHECK(listing(dir) == "provenance.json summary.csv summary.json ");
  CHECK(read(dir / "summary.csv") == "a,b\n1,2\n");
  const auto provenance = nlohmann::json::parse(read(dir / "provenance.json"));
  CHECK(provenance["seed"] == 7);
  REQUIRE(provenance["files"].size() == 2);
  CHECK(provenance["files"][0]["name"] == "summary.csv");
  CHECK(provenance["files"][0]["bytes"] == 8);
  CHECK(provenance["files"][1]["name"] == "summary.json");
}

TEST_CASE("an output directory holding an earlier run's files is refused unless replacing is asked for") {
  const fs::path dir = scratch("conflict");
  write_file(dir / "notes.txt", "mine");
  write_set(dir, false, "old\n");  // files that are not txsim's do not count as an earlier run
  CHECK_THROWS_AS(write_set(dir, false, "new\n"), txsim::io::OutputConflict);
  CHECK_THROWS_AS(txsim::io::check_output_dir(dir, false), txsim::io::OutputConflict);
  CHECK_NOTHROW(txsim::io::check_output_dir(dir, true));
  CHECK(read(dir / "summary.csv") == "old\n");
  try {
    write_set(dir, false, "new\n");
  } catch (const txsim::io::OutputConflict& e) {
    CHECK(std::string(e.what()).find("summary.csv") != std::string::npos);
  }
}

TEST_CASE("replacing a set removes every file of the earlier one, not only those written again") {
  const fs::path dir = scratch("replace");
  write_file(dir / "agents.csv", "from an earlier run with employee dynamics\n");
  write_file(dir / "comparison.json", "{}\n");
  write_file(dir / "notes.txt", "mine");
  write_set(dir, true, "new\n");
  CHECK(listing(dir) == "notes.txt provenance.json summary.csv summary.json ");
  CHECK(read(dir / "summary.csv") == "new\n");
}

TEST_CASE("a set that fails or is stopped before commit leaves the directory as it was") {
  const fs::path dir = scratch("abandon");
  write_set(dir, false, "old\n");
  const std::string before = listing(dir);
  {
    OutputSet set(dir, {true, nullptr});
    set.write("summary.csv", [](std::ostream& out) { out << "new\n"; });
    CHECK_THROWS_AS(set.write("summary.json", [](std::ostream&) { throw std::runtime_error("no JSON"); }),
                    std::runtime_error);
  }
  CHECK(listing(dir) == before);
  CHECK(read(dir / "summary.csv") == "old\n");

  std::atomic<bool> stop{false};
  {
    OutputSet set(dir, {true, &stop});
    set.write("summary.csv", [](std::ostream& out) { out << "new\n"; });
    stop = true;
    CHECK_THROWS_AS(set.write("summary.json", [](std::ostream& out) { out << std::string(1 << 20, 'x'); }),
                    txsim::experiment::Cancelled);
    CHECK_THROWS_AS(set.commit({}), txsim::experiment::Cancelled);
  }
  CHECK(listing(dir) == before);
}

TEST_CASE("output errors name the path and the operating system's reason") {
  const fs::path dir = scratch("errors");
  write_file(dir / "plain-file", "");
  try {
    OutputSet set(dir / "plain-file" / "out", {});
    FAIL("a directory below a file was accepted");
  } catch (const txsim::io::OutputError& e) {
    const std::string message = e.what();
    CHECK(message.find("plain-file") != std::string::npos);
    CHECK(message.find("Not a directory") != std::string::npos);
  }
  CHECK_THROWS_AS(txsim::io::check_output_dir(dir / "plain-file", false), txsim::io::OutputError);
}

TEST_CASE("JSON text never throws on names that are not UTF-8") {
  nlohmann::ordered_json json = {{"name", std::string("caf\xE9 \xFF")}};
  std::string text;
  CHECK_NOTHROW(text = txsim::io::json_text(json));
  CHECK(text == "{\n  \"name\": \"caf\xEF\xBF\xBD \xEF\xBF\xBD\"\n}\n");
}

TEST_CASE("a write that the system refuses is reported with its reason, and leaves no file behind") {
  const fs::path dir = scratch("refused-write");
  // A file size limit makes write() fail the way a full disk does, without filling one.
  rlimit saved{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
  const auto saved_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = saved;
  small.rlim_cur = 4096;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  std::string message;
  try {
    OutputSet set(dir, {});
    set.write("replications.csv", [](std::ostream& out) { out << std::string(1 << 20, 'x'); });
  } catch (const txsim::io::OutputError& e) {
    message = e.what();
  }
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, saved_handler);
  CHECK(message == "cannot write " + (dir / "replications.csv").string() + ": File too large");
  CHECK(listing(dir).empty());
}
