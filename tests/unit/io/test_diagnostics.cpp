#include <doctest/doctest.h>

#include <string>

#include "txsim/io/diagnostics.hpp"

using txsim::io::ConfigError;
using txsim::io::Diagnostic;

TEST_CASE("a located diagnostic prints as file:line:col: error: key.path: message") {
  const Diagnostic d{"bank.yaml", 14, 7, "agents.groups.frontline.skills[1]", "unknown contact type \"vip\""};
  CHECK(to_string(d) == "bank.yaml:14:7: error: agents.groups.frontline.skills[1]: unknown contact type \"vip\"");
}

TEST_CASE("a diagnostic without a line leaves out the position") {
  const Diagnostic d{"--set queue.capacity=-3", 0, 0, "queue.capacity", "expected a number >= 0, found -3"};
  CHECK(to_string(d) == "--set queue.capacity=-3: error: queue.capacity: expected a number >= 0, found -3");
}

TEST_CASE("a diagnostic without a key path prints only the message") {
  const Diagnostic d{"bank.yaml", 3, 0, "", "end of map not found"};
  CHECK(to_string(d) == "bank.yaml:3: error: end of map not found");
}

TEST_CASE("a config error holds every diagnostic and prints one per line") {
  const ConfigError error({{"a.yaml", 1, 1, "name", "first"}, {"a.yaml", 2, 3, "queue", "second"}});
  CHECK(error.diagnostics().size() == 2);
  CHECK(std::string(error.what()) == "a.yaml:1:1: error: name: first\na.yaml:2:3: error: queue: second");
}
