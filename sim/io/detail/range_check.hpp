#pragma once
// The schema visitor that checks each value against its field's range, whatever filled the spec
// (a file, `--set`, a sweep, Python). Names and text must be valid UTF-8. Distributions are
// checked against the parameters of their kind. Issues carry scenario key paths.

#include <string>
#include <vector>

#include "io/detail/key_path.hpp"
#include "io/detail/schema.hpp"

namespace txsim::io::detail {

/// "[0, 1]", ">= 0", "> 0", "(0, 1]", "one of 15, 30, 60" or "any".
std::string range_text(const Range& range, bool integer);
/// True when `text` is well-formed UTF-8 with no NUL.
bool is_valid_utf8(std::string_view text) noexcept;

class RangeChecker {
 public:
  explicit RangeChecker(std::string path = {}) : path_(std::move(path)) {}

  void value(const Field& f, const double& x) { check_number(f, x, false); }
  void value(const Field& f, const int& x) { check_number(f, x, true); }
  void value(const Field& f, const std::uint64_t& x) { check_number(f, static_cast<double>(x), true); }
  void value(const Field&, const bool&) {}
  void value(const Field& f, const std::string& x) { check_text(at(f), x); }
  template <class T>
  void value(const Field& f, const std::optional<T>& x) {
    if (x) value(f, *x);
  }
  template <class E, std::size_t N>
  void choice(const Field&, const E&, const std::array<std::string_view, N>&) {}
  void distribution(const Field& f, const rng::Distribution& d, bool none_allowed);
  void list(const Field& f, const std::vector<double>& xs) {
    for (std::size_t i = 0; i < xs.size(); ++i) check_number_at(item_path(at(f), i), f.range, xs[i], false);
  }
  void list(const Field& f, const std::vector<std::string>& xs) {
    for (std::size_t i = 0; i < xs.size(); ++i) check_text(item_path(at(f), i), xs[i]);
  }
  void headcount(const Field& f, const std::vector<int>& xs) {
    for (std::size_t i = 0; i < xs.size(); ++i) check_number_at(item_path(at(f), i), f.range, xs[i], true);
  }
  void weekdays(const Field&, const std::array<bool, model::kDaysPerWeek>&) {}
  template <class Fn>
  void group(const Field& f, Fn&& fn) {
    const std::string outer = path_;
    path_ = at(f);
    fn();
    path_ = outer;
  }
  template <class S>
  void section(const Field& f, std::optional<S>& s) {
    if (s) group(f, [&] { describe(*this, *s); });
  }
  template <class S>
  void named(const Field& f, std::vector<S>& items, std::string_view /*noun*/) {
    const std::string collection = at(f);
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string outer = path_;
      path_ = items[i].name.empty() ? item_path(collection, i) : child_path(collection, items[i].name);
      check_text(path_, items[i].name);
      describe(*this, items[i]);
      path_ = outer;
    }
  }
  template <class S>
  void records(const Field& f, std::vector<S>& items) {
    const std::string list = at(f);
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string outer = path_;
      path_ = item_path(list, i);
      describe(*this, items[i]);
      path_ = outer;
    }
  }

  [[nodiscard]] std::vector<model::SpecIssue> take() { return std::move(issues_); }

 private:
  [[nodiscard]] std::string at(const Field& f) const { return child_path(path_, f.key); }
  void check_number(const Field& f, double x, bool integer) { check_number_at(at(f), f.range, x, integer); }
  void check_number_at(std::string path, const Range& range, double x, bool integer);
  void check_text(std::string path, const std::string& text);

  std::string path_;
  std::vector<model::SpecIssue> issues_;
};

}  // namespace txsim::io::detail
