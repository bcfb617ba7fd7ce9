#pragma once
// The calibration report: tidy CSV tables (one row per estimate) and one JSON document.
//
//   summary.json      every estimate, the row problems and the notes
//   arrivals.csv      weekday, interval, days, mean count, its interval, rate per hour
//   days.csv          date, weekday, contacts, expected, z, flag
//   bursts.csv        flagged intervals
//   handle_time.csv   type, n, lognormal mu/sigma with standard errors, mean, cv, KS
//   patience.csv      type, model, parameter, value, std_error, log L, AIC, mean and interval, chosen
//   kaplan_meier.csv  type, time_s, at_risk, events, survival, std_error
//   staffing.csv      interval, days, agents seen, agents talking, talk share, headcount
//   problems.csv      kind, count, first line, meaning
// Each file is written to a temporary name and renamed into place, so that a file that exists
// is complete.

#include <filesystem>
#include <nlohmann/json.hpp>

#include "txsim/calibrate/calibration.hpp"

namespace txsim::calibrate {

[[nodiscard]] nlohmann::ordered_json to_json(const Calibration& calibration);

/// Throws std::runtime_error naming the file when a file cannot be written.
void write_report(const std::filesystem::path& dir, const Calibration& calibration);

/// Writes `text` to `path` through a temporary file in the same directory and a rename. Throws
/// std::runtime_error naming the file on failure (the temporary file is removed).
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace txsim::calibrate
