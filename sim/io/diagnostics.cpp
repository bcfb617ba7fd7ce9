#include "txsim/io/diagnostics.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "txsim/kernel/assert.hpp"

namespace txsim::io {

std::string to_string(const Diagnostic& diagnostic) {
  std::string location = diagnostic.file;
  if (diagnostic.line > 0) {
    location += fmt::format(":{}", diagnostic.line);
    if (diagnostic.column > 0) location += fmt::format(":{}", diagnostic.column);
  }
  const char* severity = diagnostic.warning ? "warning" : "error";
  if (diagnostic.key_path.empty()) return fmt::format("{}: {}: {}", location, severity, diagnostic.message);
  return fmt::format("{}: {}: {}: {}", location, severity, diagnostic.key_path, diagnostic.message);
}

std::string to_string(const std::vector<Diagnostic>& diagnostics, std::size_t limit) {
  std::string text;
  const std::size_t shown = std::min(limit, diagnostics.size());
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) text += '\n';
    text += to_string(diagnostics[i]);
  }
  if (shown < diagnostics.size()) text += fmt::format("\n... and {} more error(s)", diagnostics.size() - shown);
  return text;
}

ConfigError::ConfigError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(to_string(diagnostics)), diagnostics_(std::move(diagnostics)) {
  TXSIM_ASSERT(!diagnostics_.empty(), "a ConfigError needs at least one diagnostic");
}

}  // namespace txsim::io
