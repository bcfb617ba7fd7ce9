#include <doctest/doctest.h>

#include <array>
#include <string_view>

#include "io/detail/key_path.hpp"
#include "io/detail/suggest.hpp"

using namespace txsim::io::detail;

TEST_CASE("edit distance counts a swap of neighbouring letters as one edit") {
  CHECK(edit_distance("mean_s", "mena_s") == 1);
  CHECK(edit_distance("mean", "mean_s") == 2);
  CHECK(edit_distance("", "cv") == 2);
  CHECK(edit_distance("share", "share") == 0);
}

TEST_CASE("a close misspelling is matched and an unrelated word is not") {
  constexpr std::array<std::string_view, 3> keys{"mean_s", "cv", "shape"};
  CHECK(closest_match("mean", keys) == "mean_s");
  CHECK(closest_match("shpae", keys) == "shape");
  CHECK_FALSE(closest_match("x", keys).has_value());
  CHECK_FALSE(closest_match("priority", keys).has_value());
}

TEST_CASE("an unknown name lists the known ones when nothing is close") {
  constexpr std::array<std::string_view, 2> names{"billing", "tech"};
  CHECK(unknown_name_message("contact type", "biling", names) == "unknown contact type \"biling\"; did you mean \"billing\"?");
  CHECK(unknown_name_message("contact type", "vip", names) == "unknown contact type \"vip\" (known: billing, tech)");
}

TEST_CASE("a key path splits into keys and list indices") {
  const auto steps = split_key_path("agents.groups.frontline.shifts[0].count");
  REQUIRE(steps.has_value());
  REQUIRE(steps->size() == 6);
  CHECK((*steps)[3].key == "shifts");
  CHECK((*steps)[4].is_index);
  CHECK((*steps)[4].index == 0);
  CHECK((*steps)[5].key == "count");
}

TEST_CASE("malformed key paths are rejected") {
  for (std::string_view bad : {"", ".a", "a.", "a..b", "a[", "a[]", "a[x]", "[0]", "a]b"}) {
    CAPTURE(bad);
    CHECK_FALSE(split_key_path(bad).has_value());
  }
}

TEST_CASE("the parent of a key path drops its last key or index") {
  CHECK(parent_path("a.b[2]") == "a.b");
  CHECK(parent_path("a.b") == "a");
  CHECK(parent_path("a") == "");
  CHECK(is_within("a.b[1].c", "a.b"));
  CHECK_FALSE(is_within("a.bc", "a.b"));
}
