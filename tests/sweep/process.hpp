#pragma once
// Running the txsim binary as a child process, for the sweep process tests.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "temp_dir.hpp"

extern char** environ;

namespace txsim::testing {

namespace fs = std::filesystem;

inline pid_t spawn(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(rc == 0);
  return pid;
}

inline int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

inline std::string sweep_file(const fs::path& dir) {
  const fs::path file = dir / "kill.yaml";
  std::ofstream(file) << "scenario: " << TXSIM_SOURCE_DIR << "/scenarios/validation/erlang_c_small.yaml\n"
                      << "set: {horizon.arrivals: 20000, horizon.warmup_hours: 0}\n"
                         "mode: run\nreplications: 3\nseed: 11\ndesign: latin_hypercube\nsamples: 40\n"
                         "factors:\n"
                         "  - path: agents.groups.agents.headcount\n    distribution: {kind: choice, values: [3, 4, 5]}\n"
                         "  - path: contact_types.calls.handle_time.mean_s\n"
                         "    distribution: {kind: triangular, lo: 40, mode: 55, hi: 70}\n";
  return file.string();
}


}  // namespace txsim::testing
