#pragma once
// CSV cells as RFC 4180 wants them, shared by the writers.

#include <cmath>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace txsim::io::detail {

/// A text cell: quoted, with inner quotes doubled, when it holds a comma, a quote or a line
/// break (names are user text); as it is otherwise.
inline std::string csv_text(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char ch : text) {
    if (ch == '"') quoted += '"';
    quoted += ch;
  }
  quoted += '"';
  return quoted;
}

/// A number cell: the shortest text that reads back to the same double; NaN is an empty cell.
inline std::string csv_number(double v) { return std::isnan(v) ? std::string() : fmt::format("{}", v); }

}  // namespace txsim::io::detail
