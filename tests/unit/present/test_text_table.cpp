#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "txsim/present/text_table.hpp"

using txsim::present::Align;
using txsim::present::display_width;
using txsim::present::TextTable;

TEST_CASE("widths count code points, not bytes") {
  CHECK(display_width("\u0394 +0.7 \u00b10.1") == 11);
  CHECK(display_width("") == 0);
}

TEST_CASE("truncation marks the cut with an ellipsis") {
  CHECK(txsim::present::truncate_to_width("policy_with_a_long_name", 10) == "policy_wi\u2026");
  CHECK(txsim::present::truncate_to_width("short", 10) == "short");
}

TEST_CASE("wrapped text keeps its first indent and indents the rest") {
  const auto lines = txsim::present::wrap_text("  one two three four five", 14, 4);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "  one two");
  CHECK(lines[1] == "    three four");
  CHECK(lines[2] == "    five");
}

TEST_CASE("a table aligns its columns and splits multi-line headers") {
  TextTable t({"policy", "CX\nindex"}, {Align::Left, Align::Right});
  t.add_row({"baseline", "49"});
  t.add_row({"\u0394 unified", "+25"});
  const auto lines = t.render(80);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == std::string(14, ' ') + "CX");
  CHECK(lines[1] == "policy     index");
  CHECK(lines[2] == "baseline      49");
  CHECK(lines[3] == "\u0394 unified    +25");
}

TEST_CASE("a table wider than the limit pages its columns and repeats the key column") {
  std::vector<std::string> headers{"key"};
  std::vector<Align> aligns{Align::Left};
  for (int c = 0; c < 12; ++c) {
    headers.push_back("column_" + std::to_string(c));
    aligns.push_back(Align::Right);
  }
  TextTable t(headers, aligns);
  std::vector<std::string> row{"row"};
  for (int c = 0; c < 12; ++c) row.push_back(std::string(14, '9'));
  t.add_row(row);
  const auto lines = t.render(60);
  std::size_t pages = 0;
  for (const auto& line : lines) {
    CHECK(display_width(line) <= 60);
    if (line.starts_with("key")) ++pages;
  }
  CHECK(pages == 4);  // three 14-wide columns fit beside the key in 60
}

TEST_CASE("a cell wider than the whole line is truncated, never overflows") {
  TextTable t({"key", "value"}, {Align::Left, Align::Left});
  t.add_row({"k", std::string(300, 'x')});
  for (const auto& line : t.render(40)) CHECK(display_width(line) <= 40);
}

TEST_CASE("a row with the wrong number of cells is refused") {
  TextTable t({"a", "b"}, {Align::Left, Align::Right});
  CHECK_THROWS_AS(t.add_row({"only one"}), std::invalid_argument);
}
