#pragma once
// What a report is made from, read from the files txsim writes: the comparison results of
// `txsim compare --out` (comparison.json), the resolved scenario beside them (for the
// assumptions table) and, optionally, the results of `txsim uncertainty -o DIR`
// (uncertainty.json, for the robustness section).

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace txsim::report {

/// Results that cannot be read, do not have the layout txsim writes, or do not belong together.
class ResultsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Everything a report shows. Only `comparison` is required; a part left null leaves its
/// section out of the page.
struct ReportData {
  /// The comparison results, in the layout of io::comparison_json.
  nlohmann::ordered_json comparison;
  /// The assumptions table (assumptions_json of the study compared), or null when the study is
  /// not at hand.
  nlohmann::ordered_json assumptions;
  /// The uncertainty results (uncertainty.json of `txsim uncertainty`), or null.
  nlohmann::ordered_json uncertainty;
  /// Cautions about the uncertainty results that the robustness section states, e.g. that they
  /// were computed for another version of the study.
  std::vector<std::string> uncertainty_cautions;
};

/// Reads the comparison JSON from `results`: an output directory of `compare --out` (its
/// comparison.json) or the JSON file itself. Throws ResultsError naming the path and what is
/// wrong (missing, not JSON with the parser's position, no "policies").
[[nodiscard]] nlohmann::ordered_json read_comparison(const std::filesystem::path& results);

/// Reads uncertainty results from `results`: an output directory of `txsim uncertainty -o`
/// (its uncertainty.json) or the JSON file itself. Throws ResultsError naming the path when it
/// cannot be read or has no "policies" list of named entries.
[[nodiscard]] nlohmann::ordered_json read_uncertainty(const std::filesystem::path& results);

/// What the report of the results at `results` shows, with the warnings to print:
/// - the comparison (read_comparison);
/// - the assumptions table, built from the resolved scenario that `compare --out` writes beside
///   comparison.json (io::kResolvedScenarioFileName). Its SHA-256 must be the comparison's
///   provenance.scenario_sha256, else ResultsError (the directory mixes two runs). Results
///   without it (written before it existed) or whose scenario this version cannot read get a
///   warning and no assumptions table;
/// - the uncertainty results from `uncertainty` when not empty, else from uncertainty.json
///   beside comparison.json when present. Uncertainty results of another study (their
///   study.sha256 is not the comparison's scenario hash: often the same study run cheaper, on a
///   shorter horizon) are shown, not refused: a warning and a caution in the page say so; so do
///   policies the comparison does not have.
struct ReadResults {
  ReportData data;
  std::vector<std::string> warnings;  ///< one line each, without "warning: "
};
[[nodiscard]] ReadResults read_results(const std::filesystem::path& results,
                                       const std::filesystem::path& uncertainty = {});

/// The cautions (one sentence each) that uncertainty results call for next to `comparison`:
/// another study's hash, or policies the comparison does not have. Empty when they match.
[[nodiscard]] std::vector<std::string> uncertainty_cautions(const nlohmann::ordered_json& comparison,
                                                            const nlohmann::ordered_json& uncertainty);

}  // namespace txsim::report
