#pragma once
// `txsim staff`: agents per interval that meet KPI targets, from the Erlang requirement refined
// by simulation, written back as a scenario.

#include <string>

#include "cli/erlang_command.hpp"

namespace txsim::cli {

/// `command_line` goes into the study and sessions of a --store.
Command add_staff_command(CLI::App& app, std::string command_line);

}  // namespace txsim::cli
