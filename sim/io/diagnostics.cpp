#include "txsim/io/diagnostics.hpp"

#include <fmt/format.h>

#include "txsim/kernel/assert.hpp"

namespace txsim::io {
namespace {

std::string join_lines(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics) {
    if (!text.empty()) text += '\n';
    text += to_string(d);
  }
  return text;
}

}  // namespace

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

ConfigError::ConfigError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_lines(diagnostics)), diagnostics_(std::move(diagnostics)) {
  TXSIM_ASSERT(!diagnostics_.empty(), "a ConfigError needs at least one diagnostic");
}

}  // namespace txsim::io
