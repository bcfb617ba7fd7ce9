#include "report/detail/html.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "txsim/present/number_format.hpp"

namespace txsim::report::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The pointer of the object that holds `pointer`'s value: "/a/b/mean" -> "/a/b".
std::string parent_of(const std::string& pointer) {
  const auto slash = pointer.rfind('/');
  return slash == std::string::npos ? std::string() : pointer.substr(0, slash);
}

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string script_safe(const json& data) {
  const std::string text = data.dump();
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

const json* find(const json& root, const std::string& pointer) {
  try {
    const json::json_pointer p(pointer);
    return root.contains(p) ? &root.at(p) : nullptr;
  } catch (const json::exception&) {
    return nullptr;
  }
}

double number_at(const json& root, const std::string& pointer) {
  const json* v = find(root, pointer);
  return v != nullptr && v->is_number() ? v->get<double>() : kNaN;
}

std::string string_at(const json& root, const std::string& pointer) {
  const json* v = find(root, pointer);
  if (v == nullptr || v->is_null()) return "";
  return v->is_string() ? v->get<std::string>() : v->dump();
}

std::string pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (const char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string humanise(std::string_view key) {
  std::string out(key);
  for (char& c : out)
    if (c == '_') c = ' ';
  return out;
}

EstimatePaths estimate_paths(const std::string& pointer, bool difference) {
  const std::string mean = pointer + (difference ? "/diff" : "/mean");
  const std::string ci = pointer + (difference ? "/diff_ci95" : "/ci95");
  return {mean, ci + "/0", ci + "/1"};
}

stats::Interval read_estimate(const json& root, const EstimatePaths& paths) {
  const double mean = number_at(root, paths.mean);
  const double lo = paths.lo.empty() ? kNaN : number_at(root, paths.lo);
  const double hi = paths.hi.empty() ? kNaN : number_at(root, paths.hi);
  const bool has_bounds = std::isfinite(lo) && std::isfinite(hi);
  // The replications behind the interval when the results say; bounds alone say "an interval".
  const double n = number_at(root, parent_of(paths.mean) + "/n");
  const std::size_t count = std::isfinite(n) ? static_cast<std::size_t>(n) : has_bounds ? 2 : 1;
  return {mean, has_bounds ? (hi - lo) / 2.0 : std::numeric_limits<double>::infinity(), lo, hi, count, kNaN};
}

std::string number_span(const json& root, const std::string& pointer, std::string_view unit, int decimals, bool sign,
                        Source source) {
  const double value = number_at(root, pointer);
  const double factor = present::display_factor(unit);
  if (std::isnan(value)) return "<span class=\"na\">-</span>";
  return fmt::format(
      R"(<span class="num"{} data-path="{}" data-value="{}" data-scale="{}" data-decimals="{}">{}</span>)",
      source == Source::Uncertainty ? " data-source=\"uncertainty\"" : "", escape(pointer), value, factor, decimals,
      present::format_number(value * factor, decimals, sign));
}

std::string estimate_html(const json& root, const EstimatePaths& paths, const EstimateHtml& style) {
  const stats::Interval e = read_estimate(root, paths);
  if (std::isnan(e.mean)) return "<span class=\"na\">-</span>";
  const int decimals = present::estimate_decimals(e, style.unit);
  std::string out = number_span(root, paths.mean, style.unit, decimals, style.sign, style.source);
  if (std::isfinite(e.lo) && std::isfinite(e.hi))
    out += fmt::format(" <span class=\"ci\">[{}, {}]</span>",
                       number_span(root, paths.lo, style.unit, decimals, style.sign, style.source),
                       number_span(root, paths.hi, style.unit, decimals, style.sign, style.source));
  // Scores, fatigue, strain and the like are read without a unit.
  const auto kind = present::unit_kind(style.unit);
  if (!style.with_unit || kind == present::UnitKind::Score || kind == present::UnitKind::Other) return out;
  const std::string label = present::unit_label(style.unit, style.currency, style.sign);
  return kind == present::UnitKind::Money ? fmt::format("<span class=\"unit\">{}</span> {}", escape(label), out)
                                          : fmt::format("{} <span class=\"unit\">{}</span>", out, escape(label));
}

}  // namespace txsim::report::detail
