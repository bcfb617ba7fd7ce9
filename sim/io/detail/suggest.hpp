#pragma once
// "Did you mean" suggestions for misspelt keys and names.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace txsim::io::detail {

/// Optimal-string-alignment distance: insertions, deletions, substitutions and transpositions
/// of adjacent characters each cost 1.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is close enough to be a plausible misspelling
/// (distance <= 2, or <= a third of the longer word, and less than the length of `word`).
std::optional<std::string_view> closest_match(std::string_view word, std::span<const std::string_view> candidates);

/// "a, b, c".
std::string join(std::span<const std::string_view> words, std::string_view separator = ", ");

/// `unknown <what> "word"; did you mean "x"?`, or `unknown <what> "word" (known: a, b)` when no
/// candidate is close.
std::string unknown_name_message(std::string_view what, std::string_view word,
                                 std::span<const std::string_view> candidates);

}  // namespace txsim::io::detail
