#include "txsim/report/pdf.hpp"

#include <cerrno>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

extern char** environ;

namespace txsim::report {
namespace {

// A profile directory of its own, removed when done, so that no user profile or earlier run
// changes what is printed.
class TemporaryProfile {
 public:
  TemporaryProfile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "txsim-chromium-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary browser profile");
    path_ = pattern;
  }
  ~TemporaryProfile() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TemporaryProfile(const TemporaryProfile&) = delete;
  TemporaryProfile& operator=(const TemporaryProfile&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Runs `args` (args[0] looked up on PATH) with its output discarded: Chromium logs harmless
// complaints (no D-Bus, no GPU) that would bury txsim's own messages. Returns the exit status,
// or -1 when it could not be started or did not exit normally.
int run_quietly(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return -1;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A file URL of an absolute path, with the characters a URL gives meaning escaped.
std::string file_url(const std::filesystem::path& absolute) {
  std::string out = "file://";
  for (const unsigned char c : absolute.string()) {
    if (c == '%' || c == '#' || c == '?' || c == ' ' || c < 0x20 || c >= 0x7f)
      out += fmt::format("%{:02X}", c);
    else
      out += static_cast<char>(c);
  }
  return out;
}

}  // namespace

std::string chromium_executable() {
  const char* configured = std::getenv("TXSIM_CHROMIUM");
  return configured != nullptr && *configured != '\0' ? configured : "chromium";
}

void write_pdf(const std::filesystem::path& html, const std::filesystem::path& pdf, const std::string& chromium) {
  const TemporaryProfile profile;
  std::filesystem::path partial = pdf;
  partial += ".partial";
  std::error_code ec;
  std::filesystem::remove(partial, ec);
  const std::filesystem::path page = std::filesystem::absolute(html);
  // The virtual-time budget lets the page script draw the charts before printing.
  const int status = run_quietly({chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                                  "--no-first-run", "--disable-background-networking", "--disable-component-update",
                                  "--disable-sync", "--user-data-dir=" + profile.path().string(),
                                  "--no-pdf-header-footer", "--virtual-time-budget=10000",
                                  "--print-to-pdf=" + partial.string(), file_url(page)});
  const bool written = std::filesystem::exists(partial, ec) && std::filesystem::file_size(partial, ec) > 0;
  if (status != 0 || !written) {
    std::filesystem::remove(partial, ec);
    throw std::runtime_error(
        status == -1 ? fmt::format("{}: cannot print the PDF: could not run {} (install Chromium, or name it in "
                                   "TXSIM_CHROMIUM)",
                                   pdf.string(), chromium)
                     : fmt::format("{}: cannot print the PDF: {} exited with status {}", pdf.string(), chromium,
                                   status));
  }
  std::filesystem::rename(partial, pdf, ec);
  if (ec) {
    std::filesystem::remove(partial, ec);
    throw std::runtime_error(fmt::format("{}: cannot write the PDF", pdf.string()));
  }
}

}  // namespace txsim::report
