#pragma once
// Spec -> YAML: the schema visitor that writes. Every field is written, defaults included, so the
// output is the fully resolved scenario; what is unset (an optional value, a switched-off
// section) is left out, which reads back to the same unset state. Numbers use the shortest text
// that reads back to the same double, so print -> load -> print is byte-identical.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "io/detail/key_path.hpp"
#include "io/detail/schema.hpp"

namespace txsim::io::detail {

class YamlWriter {
 public:
  /// `comments` maps key paths to text written as a trailing `# comment` on that key's line.
  YamlWriter(YAML::Emitter& out, std::string path, const std::map<std::string, std::string>* comments = nullptr)
      : out_(out), path_(std::move(path)), comments_(comments) {}

  /// The next field is written as a bare value, without its key (for `get_value`).
  void omit_next_key() { omit_key_ = true; }

  template <class T>
  void value(const Field& f, const T& x) {
    key(f);
    scalar(x);
    comment(f);
  }
  template <class T>
  void value(const Field& f, const std::optional<T>& x) {
    if (x) value(f, *x);
  }
  template <class E, std::size_t N>
  void choice(const Field& f, const E& e, const std::array<std::string_view, N>& names) {
    key(f);
    out_ << std::string(names[static_cast<std::size_t>(e)]);
    comment(f);
  }
  void distribution(const Field& f, const rng::Distribution& d, bool none_allowed);
  template <class T>
  void list(const Field& f, const std::vector<T>& xs) {
    key(f);
    out_ << YAML::Flow << YAML::BeginSeq;
    for (const T& x : xs) scalar(x);
    out_ << YAML::EndSeq;
    comment(f);
  }
  void headcount(const Field& f, const std::vector<int>& xs) { list(f, xs); }
  void weekdays(const Field& f, const std::array<bool, model::kDaysPerWeek>& days);
  template <class Fn>
  void group(const Field& f, Fn&& fn) {
    key(f);
    const std::string outer = enter(f.key);
    out_ << YAML::BeginMap;
    fn();
    out_ << YAML::EndMap;
    path_ = outer;
  }
  template <class S>
  void section(const Field& f, const std::optional<S>& s) {
    if (!s) return;
    group(f, [&] { describe(*this, const_cast<S&>(*s)); });
  }
  template <class S>
  void named(const Field& f, const std::vector<S>& items, std::string_view /*noun*/) {
    key(f);
    const std::string outer = enter(f.key);
    if (items.empty()) {
      out_ << YAML::Flow << YAML::BeginMap << YAML::EndMap;
    } else {
      out_ << YAML::BeginMap;
      for (const S& item : items) {
        out_ << YAML::Key << quoted(item.name) << YAML::Value;
        const std::string collection = enter(item.name);
        write_struct(item);
        path_ = collection;
      }
      out_ << YAML::EndMap;
    }
    path_ = outer;
  }
  template <class S>
  void records(const Field& f, const std::vector<S>& items) {
    key(f);
    const std::string outer = enter(f.key);
    if (items.empty()) {
      out_ << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
    } else {
      out_ << YAML::BeginSeq;
      for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string list = path_;
        path_ = item_path(list, i);
        write_struct(items[i]);
        path_ = list;
      }
      out_ << YAML::EndSeq;
    }
    path_ = outer;
  }

  /// Writes `s` as a map of its fields. The description takes a mutable struct because the
  /// reader shares it; the writer only reads.
  template <class S>
  void write_struct(const S& s) {
    out_ << YAML::BeginMap;
    describe(*this, const_cast<S&>(s));
    out_ << YAML::EndMap;
  }

 private:
  // Names and free text are always double-quoted: a plain `null`, `true` or `1e3` would read back
  // as something else.
  struct Quoted {
    std::string_view text;
  };
  static Quoted quoted(std::string_view text) { return {text}; }
  friend YAML::Emitter& operator<<(YAML::Emitter& out, const Quoted& q) {
    return out << YAML::DoubleQuoted << std::string(q.text);
  }

  void key(const Field& f) {
    if (omit_key_) {
      omit_key_ = false;
      return;
    }
    out_ << YAML::Key << std::string(f.key) << YAML::Value;
  }
  std::string enter(std::string_view key) {
    std::string outer = path_;
    path_ = child_path(outer, key);
    return outer;
  }
  void comment(const Field& f) {
    if (comments_ == nullptr) return;
    const auto it = comments_->find(child_path(path_, f.key));
    if (it != comments_->end()) out_ << YAML::Comment(it->second);
  }
  void scalar(double x) { out_ << fmt::format("{}", x); }
  void scalar(int x) { out_ << fmt::format("{}", x); }
  void scalar(std::uint64_t x) { out_ << fmt::format("{}", x); }
  void scalar(bool x) { out_ << (x ? "true" : "false"); }
  void scalar(const std::string& x) { out_ << Quoted{x}; }

  YAML::Emitter& out_;
  std::string path_;
  const std::map<std::string, std::string>* comments_;
  bool omit_key_ = false;
};

}  // namespace txsim::io::detail
