#pragma once
// Finding one field of a study by key path, through the same description every other schema
// visitor walks. The Locator follows the path's steps down the description; at the target it
// hands the field to a leaf handler (a reader for `--set`, a writer for get_value), and inside a
// target that is itself a map it forwards every field to that handler's visitor.

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "io/detail/context.hpp"
#include "io/detail/key_path.hpp"
#include "io/detail/schema.hpp"
#include "io/detail/suggest.hpp"

namespace txsim::io::detail {

/// Leaf is a handler with:
///   using Target = <visitor type>;
///   bool is_null() const;                        the new value is null (a setter) ; false for a getter
///   bool may_create() const;                      missing sections and creatable entries may be made
///   template <class Call> void at(const Field&, const std::string& parent, Call call);  call(Target&)
///   template <class S> void entry(S& item, const std::string& path);                 a whole named entry or record
///   template <class T> void element(T& x, const std::string& path);                  one item of a list of numbers
///   void parameter(const Field&, const std::string& parent, const std::string& key, rng::Distribution&);  one parameter
///   void cleared(const std::string& path);                                            a null applied
///   void owns(const std::string& path);      the path was made on the way, or is where the path went wrong
template <class Leaf>
class Locator {
 public:
  using Target = typename Leaf::Target;

  Locator(Context& ctx, std::string_view key_path, std::span<const PathStep> steps, Leaf& leaf)
      : ctx_(ctx), key_path_(key_path), steps_(steps), leaf_(leaf), candidates_(steps.size()) {}

  /// True when the path named a field (an error may still have been reported for its value).
  [[nodiscard]] bool found() const noexcept { return found_; }
  /// Reports the step where the path left the description, at the path up to that step, with a
  /// "did you mean".
  void report_unknown() {
    if (found_ || failed_) return;
    const std::size_t d = std::min(reached_, steps_.size() - 1);
    const PathStep& step = steps_[d];
    const std::string at = prefix(d + 1);
    leaf_.owns(at);
    if (step.is_index) {
      const std::string where = d == 0 ? std::string("the scenario") : prefix(d);
      ctx_.error(at, fmt::format("expected a key of {}, found the index [{}]", where, step.index));
      return;
    }
    ctx_.error(at, unknown_name_message("key", step.key, candidates_[d]));
  }

  template <class T>
  void value(const Field& f, T& x) {
    if (forwarding()) return fwd_->value(f, x);
    if (!match(f)) return;
    if (!last()) return not_a_map(f);
    found_ = true;
    if constexpr (is_optional<T>::value) {
      if (leaf_.is_null()) {
        x.reset();
        return leaf_.cleared(here(f));
      }
    }
    if (null_not_allowed(f)) return;
    leaf_.at(f, path_, [&](Target& t) { t.value(f, x); });
  }
  template <class E, std::size_t N>
  void choice(const Field& f, E& e, const std::array<std::string_view, N>& names) {
    if (forwarding()) return fwd_->choice(f, e, names);
    if (!match(f)) return;
    if (!last()) return not_a_map(f);
    found_ = true;
    if (null_not_allowed(f)) return;
    leaf_.at(f, path_, [&](Target& t) { t.choice(f, e, names); });
  }
  void distribution(const Field& f, rng::Distribution& d, bool none_allowed) {
    if (forwarding()) return fwd_->distribution(f, d, none_allowed);
    if (!match(f)) return;
    found_ = true;  // the distribution or one of its parameters: nothing lies deeper
    if (!last()) {
      // `handle_time.mean_s`: one parameter of a distribution, read as a partial distribution.
      if (depth_ + 2 != steps_.size() || steps_[depth_ + 1].is_index) return not_a_map(f);
      const std::string parameter = steps_[depth_ + 1].key;
      if (null_not_allowed(f)) return;
      leaf_.parameter(f, here(f), parameter, d);
      return;
    }
    if (null_not_allowed(f)) return;
    leaf_.at(f, path_, [&](Target& t) { t.distribution(f, d, none_allowed); });
  }
  template <class T>
  void list(const Field& f, std::vector<T>& xs) {
    if (forwarding()) return fwd_->list(f, xs);
    if (!match(f)) return;
    found_ = true;  // the list or one of its items
    if (last()) {
      if (null_not_allowed(f)) return;
      return leaf_.at(f, path_, [&](Target& t) { t.list(f, xs); });
    }
    element_of(f, xs);
  }
  void headcount(const Field& f, std::vector<int>& xs) {
    if (forwarding()) return fwd_->headcount(f, xs);
    if (!match(f)) return;
    found_ = true;  // the list or one of its items
    if (last()) {
      if (null_not_allowed(f)) return;
      return leaf_.at(f, path_, [&](Target& t) { t.headcount(f, xs); });
    }
    element_of(f, xs);
  }
  void weekdays(const Field& f, std::array<bool, model::kDaysPerWeek>& days) {
    if (forwarding()) return fwd_->weekdays(f, days);
    if (!match(f)) return;
    if (!last()) return not_a_map(f);
    found_ = true;
    if (null_not_allowed(f)) return;
    leaf_.at(f, path_, [&](Target& t) { t.weekdays(f, days); });
  }
  template <class Fn>
  void group(const Field& f, Fn&& fn) {
    if (forwarding()) return fwd_->group(f, fn);
    if (!match(f)) return;
    if (last()) {
      found_ = true;
      if (null_not_allowed(f)) return;
      return leaf_.at(f, path_, [&](Target& t) { forward_to(t, [&] { t.group(f, fn); }); });
    }
    descend(f, 1, fn);
  }
  template <class S>
  void section(const Field& f, std::optional<S>& s) {
    if (forwarding()) return fwd_->section(f, s);
    if (!match(f)) return;
    if (last()) {
      found_ = true;
      if (leaf_.is_null()) {
        s.reset();
        return leaf_.cleared(here(f));
      }
      return leaf_.at(f, path_, [&](Target& t) { t.section(f, s); });
    }
    if (!s) {
      if (!leaf_.may_create()) return fail(fmt::format("{} is not set", here(f)));
      s.emplace();  // like a `workforce: {}` section in the file: switched on, every key defaulted
      leaf_.owns(here(f));
    }
    descend(f, 1, [&] { describe(*this, *s); });
  }
  template <class S>
  void named(const Field& f, std::vector<S>& items, std::string_view noun) {
    if (forwarding()) return fwd_->named(f, items, noun);
    if (!match(f)) return;
    if (last()) {
      found_ = true;
      if (null_not_allowed(f)) return;
      return leaf_.at(f, path_, [&](Target& t) { t.named(f, items, noun); });
    }
    const PathStep& step = steps_[depth_ + 1];
    const std::string collection = here(f);
    if (step.is_index) return fail(fmt::format("expected a name in {}, found the index [{}]", collection, step.index));
    auto it = std::find_if(items.begin(), items.end(), [&](const S& item) { return item.name == step.key; });
    if (it == items.end()) {
      const bool creatable = std::any_of(kNamedCollections.begin(), kNamedCollections.end(), [&](const NamedCollection& c) {
        return c.key_path == collection && c.creatable;
      });
      // A new policy or segment is made on the way to a deeper key, unless its name is so close to
      // an existing one that it is most likely that one misspelt.
      const bool misspelt = closest_match(step.key, names_of(items)).has_value();
      if (!creatable || misspelt || !leaf_.may_create() || (leaf_.is_null() && depth_ + 2 == steps_.size()))
        return fail(unknown_entry(noun, items, step.key, collection));
      S item{};
      item.name = step.key;
      items.push_back(std::move(item));
      it = std::prev(items.end());
      leaf_.owns(child_path(collection, step.key));
    }
    const std::string entry_path = child_path(collection, step.key);
    if (depth_ + 2 == steps_.size()) {
      found_ = true;
      if (leaf_.is_null()) {
        items.erase(it);
        return leaf_.cleared(entry_path);
      }
      return leaf_.entry(*it, entry_path);
    }
    descend(f, 2, [&] { describe(*this, *it); });
  }
  template <class S>
  void records(const Field& f, std::vector<S>& items) {
    if (forwarding()) return fwd_->records(f, items);
    if (!match(f)) return;
    if (last()) {
      found_ = true;
      if (null_not_allowed(f)) return;
      return leaf_.at(f, path_, [&](Target& t) { t.records(f, items); });
    }
    const PathStep& step = steps_[depth_ + 1];
    const std::string list = here(f);
    if (!step.is_index) return fail(fmt::format("expected an index such as {}[0], found the key \"{}\"", list, step.key));
    if (step.index >= items.size())
      return fail(fmt::format("expected an index below {} ({} has {} items), found {}", items.size(), list,
                              items.size(), step.index));
    if (depth_ + 2 == steps_.size()) {
      found_ = true;
      if (null_not_allowed(f)) return;
      return leaf_.entry(items[step.index], item_path(list, step.index));
    }
    descend(f, 2, [&] { describe(*this, items[step.index]); });
  }

 private:
  template <class T>
  struct is_optional : std::false_type {};
  template <class T>
  struct is_optional<std::optional<T>> : std::true_type {};

  [[nodiscard]] bool forwarding() const noexcept { return fwd_ != nullptr; }
  [[nodiscard]] bool last() const noexcept { return depth_ + 1 == steps_.size(); }
  [[nodiscard]] std::string here(const Field& f) const { return child_path(path_, f.key); }
  [[nodiscard]] std::string prefix(std::size_t steps) const {
    std::string path;
    for (std::size_t i = 0; i < steps; ++i) path = append_step(path, steps_[i]);
    return path;
  }

  bool match(const Field& f) {
    if (done() || depth_ >= steps_.size()) return false;
    candidates_[depth_].push_back(f.key);
    return !steps_[depth_].is_index && steps_[depth_].key == f.key;
  }
  [[nodiscard]] bool done() const noexcept { return found_ || failed_; }

  template <class Fn>
  void descend(const Field& f, std::size_t steps, Fn&& fn) {
    const std::string outer = path_;
    path_ = here(f);
    if (steps == 2) path_ = append_step(path_, steps_[depth_ + 1]);
    depth_ += steps;
    reached_ = std::max(reached_, depth_);
    fn();
    depth_ -= steps;
    path_ = outer;
  }

  template <class Fn>
  void forward_to(Target& t, Fn&& fn) {
    fwd_ = &t;
    fn();
    fwd_ = nullptr;
  }

  template <class T>
  void element_of(const Field& f, std::vector<T>& xs) {
    const PathStep& step = steps_[depth_ + 1];
    const std::string list = here(f);
    if (!step.is_index || depth_ + 2 != steps_.size())
      return fail(fmt::format("expected {} or an item such as {}[0], found {}", list, list, key_path_));
    if (step.index >= xs.size())
      return fail(fmt::format("expected an index below {} ({} has {} items), found {}", xs.size(), list, xs.size(),
                              step.index));
    if (null_not_allowed(f)) return;
    leaf_.element(xs[step.index], item_path(list, step.index));
  }

  void not_a_map(const Field& f) {
    fail(fmt::format("{} is a single value; it has no key \"{}\"", here(f), steps_[depth_ + 1].is_index
                                                                                ? fmt::format("[{}]", steps_[depth_ + 1].index)
                                                                                : steps_[depth_ + 1].key));
  }
  bool null_not_allowed(const Field& f) {
    if (!leaf_.is_null()) return false;
    fail(fmt::format("expected a value for {}, found null (only optional keys, sections and named entries can be "
                     "removed)",
                     here(f)));
    return true;
  }
  template <class S>
  static std::vector<std::string_view> names_of(const std::vector<S>& items) {
    std::vector<std::string_view> names;
    for (const S& item : items) names.emplace_back(item.name);
    return names;
  }
  template <class S>
  static std::string unknown_entry(std::string_view noun, const std::vector<S>& items, std::string_view name,
                                   const std::string& collection) {
    const std::vector<std::string_view> names = names_of(items);
    if (names.empty()) return fmt::format("unknown {} \"{}\" ({} has none)", noun, name, collection);
    return unknown_name_message(noun, name, names);
  }
  void fail(std::string message) {
    failed_ = true;
    ctx_.error(std::string(key_path_), std::move(message));
  }

  Context& ctx_;
  std::string_view key_path_;
  std::span<const PathStep> steps_;
  Leaf& leaf_;
  std::vector<std::vector<std::string_view>> candidates_;
  std::string path_;
  std::size_t depth_ = 0;
  std::size_t reached_ = 0;
  bool found_ = false;
  bool failed_ = false;
  Target* fwd_ = nullptr;
};

}  // namespace txsim::io::detail
