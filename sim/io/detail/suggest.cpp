#include "io/detail/suggest.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

#include <fmt/format.h>

namespace txsim::io::detail {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rolling rows suffice: a transposition looks two rows back.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  std::iota(previous.begin(), previous.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string_view> closest_match(std::string_view word, std::span<const std::string_view> candidates) {
  std::optional<std::string_view> best;
  std::size_t best_distance = 0;
  for (std::string_view candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    const std::size_t tolerance = std::max<std::size_t>(2, std::max(word.size(), candidate.size()) / 3);
    if (distance > tolerance || distance >= word.size()) continue;
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string join(std::span<const std::string_view> words, std::string_view separator) {
  return fmt::format("{}", fmt::join(words, separator));
}

std::string unknown_name_message(std::string_view what, std::string_view word,
                                 std::span<const std::string_view> candidates) {
  if (const auto match = closest_match(word, candidates))
    return fmt::format("unknown {} \"{}\"; did you mean \"{}\"?", what, word, *match);
  return fmt::format("unknown {} \"{}\" (known: {})", what, word, join(candidates));
}

}  // namespace txsim::io::detail
