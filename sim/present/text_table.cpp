#include "txsim/present/text_table.hpp"

#include <algorithm>
#include <stdexcept>

namespace txsim::present {
namespace {

constexpr std::size_t kGap = 2;
constexpr std::size_t kMinWidth = 20;

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::string pad(const std::string& cell, std::size_t width, Align align) {
  const std::size_t w = display_width(cell);
  const std::string fill(width > w ? width - w : 0, ' ');
  return align == Align::Left ? cell + fill : fill + cell;
}

}  // namespace

std::size_t display_width(std::string_view text) noexcept {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation_byte(c); }));
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string(text);
  if (width == 0) return {};
  std::string out;
  std::size_t columns = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_continuation_byte(text[i])) {
      if (columns == width - 1) break;
      ++columns;
    }
    out += text[i];
  }
  return out + "\u2026";
}

std::vector<std::string> wrap_text(std::string_view text, std::size_t width, std::size_t indent) {
  std::vector<std::string> lines;
  std::string line;
  const auto limit = [&] { return lines.empty() ? width : width - std::min(indent, width - 1); };
  const auto flush = [&] {
    lines.push_back((lines.empty() ? std::string() : std::string(indent, ' ')) + line);
    line.clear();
  };
  // Leading spaces are the caller's indentation of the first line.
  std::size_t start = text.find_first_not_of(' ');
  if (start == std::string_view::npos) start = text.size();
  line.assign(start, ' ');
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    std::string word(text.substr(start, end - start));
    start = end + 1;
    if (word.empty()) continue;
    const bool blank = line.find_first_not_of(' ') == std::string::npos;
    if (!blank && display_width(line) + 1 + display_width(word) > limit()) flush();
    if (line.find_first_not_of(' ') != std::string::npos) line += ' ';
    line += word;
    if (display_width(line) > limit()) line = truncate_to_width(line, limit());
  }
  if (!line.empty() || lines.empty()) flush();
  return lines;
}

TextTable::TextTable(std::vector<std::string> headers, std::vector<Align> aligns)
    : headers_(std::move(headers)), aligns_(std::move(aligns)) {
  if (headers_.empty() || headers_.size() != aligns_.size())
    throw std::invalid_argument("TextTable: one alignment per header, at least one column");
}

void TextTable::add_row(std::vector<std::string> cells) {
  if (cells.size() != headers_.size())
    throw std::invalid_argument("TextTable: a row has " + std::to_string(cells.size()) + " cells, expected " +
                                std::to_string(headers_.size()));
  rows_.push_back(std::move(cells));
}

std::vector<std::string> TextTable::render(std::size_t max_width) const {
  max_width = std::max(max_width, kMinWidth);
  const std::size_t columns = headers_.size();
  // Headers may span lines ("service\nlevel %"); shorter ones are bottom-aligned.
  std::vector<std::vector<std::string>> header_lines(columns);
  std::size_t header_height = 1;
  for (std::size_t c = 0; c < columns; ++c) {
    std::size_t start = 0;
    while (true) {
      const std::size_t end = headers_[c].find('\n', start);
      header_lines[c].push_back(headers_[c].substr(start, end == std::string::npos ? std::string::npos : end - start));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    header_height = std::max(header_height, header_lines[c].size());
  }
  std::vector<std::vector<std::string>> header_rows(header_height, std::vector<std::string>(columns));
  for (std::size_t c = 0; c < columns; ++c)
    for (std::size_t l = 0; l < header_lines[c].size(); ++l)
      header_rows[header_height - header_lines[c].size() + l][c] = header_lines[c][l];

  std::vector<std::size_t> widths(columns);
  for (std::size_t c = 0; c < columns; ++c) {
    widths[c] = 0;
    for (const auto& line : header_lines[c]) widths[c] = std::max(widths[c], display_width(line));
    for (const auto& row : rows_) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  // The key column takes at most half the line, so that every page shows some values.
  widths[0] = std::min(widths[0], max_width / 2);
  for (std::size_t c = 1; c < columns; ++c) widths[c] = std::min(widths[c], max_width - widths[0] - kGap);

  // Pages of whole columns after the key column.
  std::vector<std::vector<std::size_t>> pages;
  std::size_t used = widths[0];
  for (std::size_t c = 1; c < columns; ++c) {
    if (pages.empty() || used + kGap + widths[c] > max_width) {
      pages.emplace_back();
      used = widths[0];
    }
    pages.back().push_back(c);
    used += kGap + widths[c];
  }
  if (pages.empty()) pages.emplace_back();

  std::vector<std::string> lines;
  const auto line_of = [&](const std::vector<std::string>& cells, const std::vector<std::size_t>& page) {
    std::string line = pad(truncate_to_width(cells[0], widths[0]), widths[0], aligns_[0]);
    for (std::size_t c : page)
      line += std::string(kGap, ' ') + pad(truncate_to_width(cells[c], widths[c]), widths[c], aligns_[c]);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line;
  };
  for (std::size_t p = 0; p < pages.size(); ++p) {
    if (p > 0) lines.emplace_back();
    for (const auto& header : header_rows) lines.push_back(line_of(header, pages[p]));
    for (const auto& row : rows_) lines.push_back(line_of(row, pages[p]));
  }
  return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + '\n';
  return out;
}

}  // namespace txsim::present
