#pragma once
// A directory of output files: created on construction, each file written whole or reported.

#include <filesystem>
#include <fstream>
#include <ostream>
#include <stdexcept>

#include <fmt/format.h>

namespace txsim::io::detail {

class OutputDir {
 public:
  /// Creates `dir` (and parents) if needed; throws std::runtime_error naming it when it cannot.
  explicit OutputDir(std::filesystem::path dir) : dir_(std::move(dir)) {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) throw std::runtime_error(fmt::format("cannot create output directory {}: {}", dir_.string(), ec.message()));
  }

  /// Writes `name` with `body(std::ostream&)`; throws std::runtime_error naming the file when the
  /// file cannot be opened or a write fails.
  template <class Body>
  void write(const char* name, Body body) const {
    const auto path = dir_ / name;
    std::ofstream out(path);
    if (out) body(static_cast<std::ostream&>(out));
    if (!out) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
  }

 private:
  std::filesystem::path dir_;
};

}  // namespace txsim::io::detail
