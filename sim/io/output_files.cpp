#include "txsim/io/output_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ostream>
#include <streambuf>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "txsim/experiment/replications.hpp"

namespace txsim::io {
namespace {

namespace fs = std::filesystem;

// Keep in step with the writers (results_writer.cpp, comparison_writer.cpp, sweep/uncertainty.cpp)
// and README "Outputs".
// The manifest comes first: commit() removes the names in this order.
constexpr std::array<std::string_view, 13> kOutputFileNames{
    kProvenanceFileName, "replications.csv",       "summary.csv",     "summary.json",
    "agents.csv",        "comparison.csv",          "comparison_summary.csv", "comparison.json",
    "uncertainty.json",  "verdict_probabilities.csv", "differences.csv", "sobol.csv", "tornado.csv",
};

std::string reason(int error_number) { return std::generic_category().message(error_number); }

// A stream buffer over a file descriptor that keeps the operating system's reason for a failed
// write (std::ofstream only sets badbit) and gives up as soon as the stop flag is raised.
class FileBuffer : public std::streambuf {
 public:
  FileBuffer(int fd, const std::atomic<bool>* stop) : fd_(fd), stop_(stop) { reset(); }

  [[nodiscard]] int error() const noexcept { return error_; }
  [[nodiscard]] bool stopped() const noexcept { return stopped_; }
  [[nodiscard]] std::uintmax_t bytes() const noexcept { return bytes_; }

 protected:
  int_type overflow(int_type ch) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  void reset() { setp(buffer_.data(), buffer_.data() + buffer_.size()); }

  bool drain() {
    if (error_ != 0 || stopped_) return false;
    if (stop_ != nullptr && stop_->load(std::memory_order_relaxed)) {
      stopped_ = true;
      return false;
    }
    const char* next = pbase();
    auto left = static_cast<std::size_t>(pptr() - pbase());
    while (left > 0) {
      const ssize_t n = ::write(fd_, next, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return false;
      }
      next += n;
      left -= static_cast<std::size_t>(n);
      bytes_ += static_cast<std::uintmax_t>(n);
    }
    reset();
    return true;
  }

  int fd_;
  const std::atomic<bool>* stop_;
  int error_ = 0;
  bool stopped_ = false;
  std::uintmax_t bytes_ = 0;
  std::array<char, 1 << 16> buffer_{};
};

// Makes renames and removals in `dir` durable. Some file systems cannot sync a directory
// (EINVAL); the renames are still atomic there.
void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw OutputError(fmt::format("cannot open {}: {}", dir.string(), reason(errno)));
  const int result = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (result != 0 && error != EINVAL)
    throw OutputError(fmt::format("cannot sync {}: {}", dir.string(), reason(error)));
}

std::vector<std::string> earlier_files(const fs::path& dir) {
  std::vector<std::string> found;
  for (const std::string_view name : kOutputFileNames) {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(dir / name, ec))) found.emplace_back(name);
  }
  return found;
}

void refuse_earlier_set(const fs::path& dir) {
  const std::vector<std::string> found = earlier_files(dir);
  if (found.empty()) return;
  std::string names;
  for (const auto& name : found) names += (names.empty() ? "" : ", ") + name;
  throw OutputConflict(fmt::format("{} holds the files of an earlier run ({}); replace them with --force, or "
                                   "choose another directory",
                                   dir.string(), names));
}

fs::path make_staging_dir(const fs::path& dir) {
  std::string pattern = (dir / ".txsim-staging-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    throw OutputError(fmt::format("cannot write into {}: {}", dir.string(), reason(errno)));
  return pattern;
}

void prepare(const fs::path& dir, bool replace) {
  if (dir.empty()) throw OutputError("the output directory is an empty path");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw OutputError(fmt::format("cannot create output directory {}: {}", dir.string(), ec.message()));
  if (!fs::is_directory(dir, ec))
    throw OutputError(fmt::format("cannot use {} as output directory: it is not a directory", dir.string()));
  if (!replace) refuse_earlier_set(dir);
}

}  // namespace

std::span<const std::string_view> output_file_names() { return kOutputFileNames; }

void check_output_dir(const fs::path& dir, bool replace) {
  prepare(dir, replace);
  const fs::path staging = make_staging_dir(dir);
  std::error_code ec;
  fs::remove(staging, ec);
}

OutputSet::OutputSet(fs::path dir, OutputOptions options) : dir_(std::move(dir)), options_(options) {
  prepare(dir_, options_.replace);
  staging_ = make_staging_dir(dir_);
}

OutputSet::~OutputSet() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

void OutputSet::throw_if_stopped() const {
  if (options_.stop != nullptr && options_.stop->load(std::memory_order_relaxed)) throw experiment::Cancelled();
}

void OutputSet::write(std::string_view name, const std::function<void(std::ostream&)>& body) {
  throw_if_stopped();
  const fs::path final_path = dir_ / name;
  const fs::path staged = staging_ / name;
  const int fd = ::open(staged.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw OutputError(fmt::format("cannot write {}: {}", final_path.string(), reason(errno)));
  FileBuffer buffer(fd, options_.stop);
  std::ostream out(&buffer);
  int error = 0;
  try {
    body(out);
    out.flush();
    error = buffer.error();
    if (error == 0 && !out && !buffer.stopped()) error = EIO;
    if (error == 0 && !buffer.stopped() && ::fsync(fd) != 0) error = errno;
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0 && error == 0) error = errno;
  if (buffer.stopped()) throw experiment::Cancelled();
  if (error != 0) throw OutputError(fmt::format("cannot write {}: {}", final_path.string(), reason(error)));
  staged_.push_back({std::string(name), buffer.bytes()});
}

void OutputSet::commit(nlohmann::ordered_json provenance) {
  throw_if_stopped();
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const StagedFile& f : staged_) files.push_back({{"name", f.name}, {"bytes", f.bytes}});
  provenance["files"] = std::move(files);
  const std::string manifest = json_text(provenance);
  write(kProvenanceFileName, [&](std::ostream& out) { out << manifest; });
  if (!options_.replace) refuse_earlier_set(dir_);

  // From here on the set is committed whatever happens to the stop flag: the steps are a few
  // removals and renames. The old manifest goes first and the earlier set is removed whole
  // before any new file arrives, so that the directory never mixes files of two runs and a
  // manifest is only ever beside its own set.
  for (const std::string_view name : kOutputFileNames) {
    if (::unlink((dir_ / name).c_str()) != 0 && errno != ENOENT)
      throw OutputError(fmt::format("cannot remove {}: {}", (dir_ / name).string(), reason(errno)));
  }
  sync_directory(dir_);
  for (const StagedFile& f : staged_) {
    if (::rename((staging_ / f.name).c_str(), (dir_ / f.name).c_str()) != 0)
      throw OutputError(fmt::format("cannot write {}: {}", (dir_ / f.name).string(), reason(errno)));
  }
  sync_directory(dir_);
  committed_ = true;
  std::error_code ec;
  fs::remove(staging_, ec);
}

std::string json_text(const nlohmann::ordered_json& json) {
  return json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
}

}  // namespace txsim::io
