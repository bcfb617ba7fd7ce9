#pragma once
// Located error messages for bad input, printed compiler-style so that editors and CI logs can
// jump to the offending line:
//
//   scenarios/bank.yaml:14:7: error: agents.groups.frontline.skills[1]: unknown contact type "vip" (known: billing, tech)
//   --set queue.capacity=-3: error: queue.capacity: expected a number >= 0, found -3

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace txsim::io {

/// One problem with the input, located as precisely as the source allows.
struct Diagnostic {
  std::string file;      ///< file name as given by the user, or "--set key=value" for an override
  int line = 0;          ///< 1-based line; 0 when unknown
  int column = 0;        ///< 1-based column; 0 when unknown
  std::string key_path;  ///< scenario key path ("contact_types.billing.share"); empty for syntax errors
  std::string message;   ///< what was expected and what was found
  bool warning = false;  ///< a likely mistake that does not stop a run ("warning:" instead of "error:")
};

/// `file:line:col: error: key.path: message` ("warning:" for a warning); ":line:col" is left out
/// when unknown and "key.path: " when there is no key path.
std::string to_string(const Diagnostic& diagnostic);

/// How many diagnostics a message shows; a file with a million bad values would otherwise
/// print a million lines.
inline constexpr std::size_t kMaxShownDiagnostics = 50;

/// One line per diagnostic, at most `limit` of them, then "... and N more error(s)"; no final
/// newline.
std::string to_string(const std::vector<Diagnostic>& diagnostics, std::size_t limit = kMaxShownDiagnostics);

/// Bad input: every problem found, not just the first. what() is to_string(diagnostics()): one
/// line per diagnostic, the first kMaxShownDiagnostics of them.
class ConfigError : public std::runtime_error {
 public:
  /// Precondition: `diagnostics` is not empty.
  explicit ConfigError(std::vector<Diagnostic> diagnostics);

  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace txsim::io
