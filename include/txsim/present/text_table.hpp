#pragma once
// Plain-text tables that never run off the edge of a terminal. Widths are counted in code
// points (every character txsim prints, "Δ" and "±" included, is one column wide). A table wider
// than the limit is cut into pages of whole columns, each repeating the key (first) column, and
// a cell wider than the limit on its own is truncated with "…".

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace txsim::present {

/// Display width of UTF-8 text [columns]: the number of code points.
[[nodiscard]] std::size_t display_width(std::string_view text) noexcept;

/// `text` cut to at most `width` columns, the last replaced by "…" when anything was cut.
[[nodiscard]] std::string truncate_to_width(std::string_view text, std::size_t width);

/// `text` broken at spaces into lines of at most `width` columns; the first line keeps the
/// text's leading spaces, the others start with `indent` spaces. A word longer than a line is cut.
[[nodiscard]] std::vector<std::string> wrap_text(std::string_view text, std::size_t width, std::size_t indent = 0);

enum class Align { Left, Right };

class TextTable {
 public:
  /// The first column is the key column, repeated on every page. A header may span several
  /// lines, separated by "\n".
  TextTable(std::vector<std::string> headers, std::vector<Align> aligns);

  /// Adds a row; it must have one cell per column (throws std::invalid_argument otherwise).
  void add_row(std::vector<std::string> cells);

  /// The table as lines of at most `max_width` columns (max_width >= 20): the heading lines,
  /// then the rows; pages after the first are separated by an empty line. Columns are two spaces
  /// apart.
  [[nodiscard]] std::vector<std::string> render(std::size_t max_width) const;

 private:
  std::vector<std::string> headers_;
  std::vector<Align> aligns_;
  std::vector<std::vector<std::string>> rows_;
};

/// The lines joined with "\n" after each.
[[nodiscard]] std::string join_lines(const std::vector<std::string>& lines);

}  // namespace txsim::present
