#pragma once
// The one checked front door. Every front end (the CLI, the Python module, sweeps) checks a study
// here once before running it; the simulation core then trusts it and checks invariants only in
// TXSIM_VALIDATE builds. Nothing a user types reaches the core unchecked.

#include <vector>

#include "txsim/experiment/study.hpp"
#include "txsim/io/diagnostics.hpp"
#include "txsim/model/scenario.hpp"

namespace txsim::io {

struct CheckResult {
  /// Values outside their schema range, broken rules between fields (centre, policies,
  /// scorecard), and policies whose variant of the centre would be invalid. Empty = runnable.
  std::vector<model::SpecIssue> errors;
  /// Likely mistakes that do not stop a run: demand in intervals with no agent, offered load
  /// above staffed capacity, headcount levers without employee dynamics (their agents cost
  /// nothing). Each names the intervals or keys concerned.
  std::vector<model::SpecIssue> warnings;
};

/// Every error and warning of `study`, by scenario key path.
[[nodiscard]] CheckResult check(const experiment::StudySpec& study);

/// Throws ConfigError (file label `label`, key paths without line numbers) when check() finds
/// an error.
void require_valid(const experiment::StudySpec& study, std::string_view label = "scenario");

}  // namespace txsim::io
