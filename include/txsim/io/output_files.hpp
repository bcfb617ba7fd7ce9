#pragma once
// Output files a user can trust: a run's files appear together, complete, or not at all.
//
// An OutputSet stages every file in a hidden directory inside the output directory
// (".txsim-staging-XXXXXX": same file system, so the final renames are atomic), each file
// fsync'd. commit() then removes the files of an earlier set, renames the new files into place
// and writes provenance.json last: it lists every file of the set with its size, so a directory
// with provenance.json holds one complete set, and one without it holds no complete set. A
// failure or a stop before commit() leaves the directory as it was (the destructor removes the
// staging directory); a process killed outright leaves only the hidden staging directory.

#include <atomic>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace txsim::io {

/// An output that could not be written: the message names the path and the operating system's
/// reason ("cannot write out/summary.csv: No space left on device").
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The output directory holds an earlier run's files and replacing them was not asked for.
class OutputConflict : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OutputOptions {
  /// Replace an earlier run's files (every file of output_file_names(), so that no file of
  /// the earlier set stays beside the new one). Default: refuse with OutputConflict.
  bool replace = false;
  /// When set and read true, writing stops before the set is committed and throws
  /// experiment::Cancelled; the directory is left as it was.
  const std::atomic<bool>* stop = nullptr;
};

/// Every file name txsim writes into an output directory, whatever the command: the files that
/// make a directory "hold an earlier run".
std::span<const std::string_view> output_file_names();

/// The name of the file written last into every set: provenance and the list of files.
inline constexpr std::string_view kProvenanceFileName = "provenance.json";

/// The scenario a comparison ran, resolved (every default explicit, overrides applied: the text
/// whose SHA-256 is the provenance's scenario_sha256), written beside comparison.json so that a
/// report made later from the directory knows the study (its assumptions table) and the run can
/// be repeated from the directory alone.
inline constexpr std::string_view kResolvedScenarioFileName = "resolved_scenario.yaml";

/// Checks, before a long run, that `dir` can take a new set: creates it (and its parents) if
/// needed and tries a staging directory in it. Throws OutputError when it cannot, and
/// OutputConflict when it holds an earlier run's files and `replace` is false.
void check_output_dir(const std::filesystem::path& dir, bool replace);

class OutputSet {
 public:
  /// Checks `dir` as check_output_dir() does and creates the staging directory.
  OutputSet(std::filesystem::path dir, OutputOptions options);
  /// Removes the staging directory and whatever it holds unless the set was committed.
  ~OutputSet();
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;

  /// Writes the staged file `name` with `body`, then flushes and fsyncs it. Throws OutputError
  /// naming the final path and the reason when any write fails, experiment::Cancelled when
  /// the stop flag is raised.
  void write(std::string_view name, const std::function<void(std::ostream&)>& body);

  /// Moves the staged files into the directory, replacing an earlier set, and writes
  /// provenance.json last: `provenance` plus "files": [{"name", "bytes"}]. Throws
  /// experiment::Cancelled (nothing changed) when the stop flag is raised on entry, OutputError
  /// when a rename fails.
  void commit(nlohmann::ordered_json provenance);

 private:
  struct StagedFile {
    std::string name;
    std::uintmax_t bytes = 0;
  };

  void throw_if_stopped() const;

  std::filesystem::path dir_;
  std::filesystem::path staging_;
  OutputOptions options_;
  std::vector<StagedFile> staged_;
  bool committed_ = false;
};

/// JSON text as written to files and standard output: two-space indentation and a final
/// newline. Text that is not valid UTF-8 (a name in Latin-1) never throws: each invalid byte
/// becomes U+FFFD.
std::string json_text(const nlohmann::ordered_json& json);

}  // namespace txsim::io
