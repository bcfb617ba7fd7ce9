#pragma once
// `txsim staff`: agents per interval that meet KPI targets, from the Erlang requirement refined
// by simulation, written back as a scenario.

#include "cli/erlang_command.hpp"

namespace txsim::cli {

Command add_staff_command(CLI::App& app);

}  // namespace txsim::cli
