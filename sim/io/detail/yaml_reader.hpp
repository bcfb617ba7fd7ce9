#pragma once
// YAML -> spec: the schema visitor that reads. It walks a struct's description (schema.hpp) and
// takes each key from the YAML map in hand; keys the description never asked for are reported as
// unknown, with a "did you mean" among those it did. Absent keys keep the value already in the
// spec, so the same reader fills defaults from a file and patches one value for `--set`. Ranges
// are not checked here (range_check.hpp does it on the spec, whatever filled it).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "io/detail/context.hpp"
#include "io/detail/key_path.hpp"
#include "io/detail/schema.hpp"

namespace txsim::io::detail {

/// `"abc"` for a scalar, `a list`, `a map` or `an empty value`, as in context.hpp's describe().
bool type_error(Context& ctx, const std::string& path, std::string_view expected, const YAML::Node& found);

/// Scalar and enum readers shared with the override parser. Each reports its own error.
bool read_scalar(Context& ctx, const YAML::Node& node, const std::string& path, bool& out);
bool read_scalar(Context& ctx, const YAML::Node& node, const std::string& path, double& out);
bool read_scalar(Context& ctx, const YAML::Node& node, const std::string& path, int& out);
bool read_scalar(Context& ctx, const YAML::Node& node, const std::string& path, std::uint64_t& out);
bool read_scalar(Context& ctx, const YAML::Node& node, const std::string& path, std::string& out);
std::optional<std::size_t> read_name(Context& ctx, const YAML::Node& node, const std::string& path,
                                     std::string_view what, std::span<const std::string_view> names);
bool read_distribution(Context& ctx, const YAML::Node& node, const std::string& path, rng::Distribution& out);
bool read_weekdays(Context& ctx, const YAML::Node& node, const std::string& path, std::array<bool, model::kDaysPerWeek>& out);
bool read_headcount(Context& ctx, const YAML::Node& node, const std::string& path, std::vector<int>& out);

class YamlReader {
 public:
  /// Reads fields from `map` (a YAML map; anything else is reported) at key path `path`.
  YamlReader(Context& ctx, const YAML::Node& map, std::string path) : ctx_(ctx) { open(map, std::move(path)); }
  YamlReader(const YamlReader&) = delete;
  YamlReader& operator=(const YamlReader&) = delete;
  /// Reports the keys of the outermost map that no field asked for.
  ~YamlReader() { close(); }

  template <class T>
  void value(const Field& f, T& out) {
    if (const Entry* e = find(f)) read_scalar(ctx_, e->value, e->path, out);
  }
  template <class T>
  void value(const Field& f, std::optional<T>& out) {
    const Entry* e = find(f);
    if (e == nullptr) return;
    T value = out.value_or(T{});
    if (read_scalar(ctx_, e->value, e->path, value)) out = std::move(value);
  }
  template <class E, std::size_t N>
  void choice(const Field& f, E& out, const std::array<std::string_view, N>& names) {
    const Entry* e = find(f);
    if (e == nullptr) return;
    if (const auto index = read_name(ctx_, e->value, e->path, noun(f), names)) out = static_cast<E>(*index);
  }
  void distribution(const Field& f, rng::Distribution& out, bool /*none_allowed: a range rule*/) {
    if (const Entry* e = find(f)) read_distribution(ctx_, e->value, e->path, out);
  }
  template <class T>
  void list(const Field& f, std::vector<T>& out) {
    const Entry* e = find(f);
    if (e == nullptr) return;
    if (!e->value.IsSequence()) {
      type_error(ctx_, e->path, "a list", e->value);
      return;
    }
    // A list is taken whole or not at all, so a bad item cannot shift the others.
    std::vector<T> items(e->value.size());
    bool ok = true;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string item = item_path(e->path, i);
      ctx_.record(item, e->value[i].Mark());
      ok = read_scalar(ctx_, e->value[i], item, items[i]) && ok;
    }
    if (ok) out = std::move(items);
  }
  void headcount(const Field& f, std::vector<int>& out) {
    if (const Entry* e = find(f)) read_headcount(ctx_, e->value, e->path, out);
  }
  void weekdays(const Field& f, std::array<bool, model::kDaysPerWeek>& out) {
    if (const Entry* e = find(f)) read_weekdays(ctx_, e->value, e->path, out);
  }
  template <class Fn>
  void group(const Field& f, Fn&& fn) {
    const Entry* e = find(f);
    if (e == nullptr || !open(e->value, e->path)) return;
    fn();
    close();
  }
  template <class S>
  void section(const Field& f, std::optional<S>& out) {
    const Entry* e = find(f);
    if (e == nullptr) return;
    // Present, even as `{}` or with no value at all, switches the mechanism on with every key
    // defaulted.
    if (e->value.IsNull()) {
      if (!out) out.emplace();
      return;
    }
    if (!open(e->value, e->path)) return;
    if (!out) out.emplace();
    describe(*this, *out);
    close();
  }
  /// Entries of a map from user-chosen names, in file order; the collection is replaced.
  template <class S>
  void named(const Field& f, std::vector<S>& out, std::string_view /*noun*/) {
    const Entry* e = find(f);
    if (e == nullptr) return;
    if (!e->value.IsMap()) {
      type_error(ctx_, e->path, "a map from names to entries", e->value);
      return;
    }
    std::vector<S> items;
    for (const Entry& entry : entries_of(e->value, e->path)) {
      S item{};
      item.name = entry.name;
      read_struct(entry.value, entry.path, item);
      items.push_back(std::move(item));
    }
    out = std::move(items);
  }
  template <class S>
  void records(const Field& f, std::vector<S>& out) {
    const Entry* e = find(f);
    if (e == nullptr) return;
    if (!e->value.IsSequence()) {
      type_error(ctx_, e->path, "a list", e->value);
      return;
    }
    // Taken whole when every item is a map, so that a bad item cannot shift the others; a bad
    // value inside an item keeps that field's default, as anywhere else.
    std::vector<S> items(e->value.size());
    bool maps = true;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string item = item_path(e->path, i);
      ctx_.record(item, e->value[i].Mark());
      maps = e->value[i].IsMap() && maps;
      read_struct(e->value[i], item, items[i]);
    }
    if (maps) out = std::move(items);
  }

  /// Reads `node` (a map) into `out` through its description.
  template <class S>
  void read_struct(const YAML::Node& node, const std::string& path, S& out) {
    if (!open(node, path)) return;
    describe(*this, out);
    close();
  }

 private:
  struct Entry {
    std::string name;
    YAML::Node key;
    YAML::Node value;
    std::string path;
  };
  struct Frame {
    std::string path;
    std::vector<Entry> entries;
    std::vector<std::string_view> asked;
  };

  // Enum fields name what they hold in their unit ("weekday", "hiring mode").
  static std::string_view noun(const Field& f) { return f.unit; }
  std::vector<Entry> entries_of(const YAML::Node& map, const std::string& path);
  bool open(const YAML::Node& node, std::string path);
  void close();
  const Entry* find(const Field& f);

  Context& ctx_;
  std::vector<Frame> frames_;
};

}  // namespace txsim::io::detail
