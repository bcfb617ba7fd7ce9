#include "txsim/report/results.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "txsim/io/content_hash.hpp"
#include "txsim/io/diagnostics.hpp"
#include "txsim/io/output_files.hpp"
#include "txsim/io/scenario_loader.hpp"
#include "report/detail/layout.hpp"
#include "txsim/report/assumptions.hpp"

namespace txsim::report {
namespace {

using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

constexpr std::string_view kUncertaintyFileName = "uncertainty.json";

std::string read_text(const fs::path& file, std::string_view what) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ResultsError(fmt::format("{}: cannot read the {}", file.string(), what));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// `results` itself, or `file_name` inside it when it is a directory.
fs::path results_file(const fs::path& results, std::string_view file_name, std::string_view expected) {
  std::error_code ec;
  if (!fs::exists(results, ec))
    throw ResultsError(fmt::format("{}: no such directory or file; expected {}", results.string(), expected));
  return fs::is_directory(results, ec) ? results / file_name : results;
}

json parse_json(const fs::path& file, std::string_view what) {
  const std::string text = read_text(file, what);
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    throw ResultsError(fmt::format("{}: not valid JSON: {}", file.string(), e.what()));
  }
}

}  // namespace

void detail::require_comparison_layout(const json& comparison) {
  if (!comparison.is_object() || !comparison.contains("policies") || !comparison.at("policies").is_array() ||
      comparison.at("policies").empty())
    throw ResultsError("the results have no \"policies\" list: not the output of txsim compare");
  for (const auto& p : comparison.at("policies"))
    if (!p.is_object() || !p.contains("name") || !p.at("name").is_string() || !p.contains("scores"))
      throw ResultsError("a policy of the results has no \"name\" or \"scores\": not the output of txsim compare");
}

namespace {

void require_uncertainty_layout(const json& uncertainty) {
  if (!uncertainty.is_object() || !uncertainty.contains("study") || !uncertainty.at("study").is_object() ||
      !uncertainty.contains("policies") || !uncertainty.at("policies").is_array())
    throw ResultsError("the results have no \"study\" or no \"policies\" list: not the output of txsim uncertainty");
  for (const auto& p : uncertainty.at("policies"))
    if (!p.is_object() || !p.contains("name") || !p.at("name").is_string())
      throw ResultsError("a policy of the results has no \"name\": not the output of txsim uncertainty");
}

std::string text_at(const json& root, const json::json_pointer& pointer) {
  return root.contains(pointer) && root.at(pointer).is_string() ? root.at(pointer).get<std::string>() : std::string();
}

// The assumptions table from the resolved scenario in `dir`, checked against the comparison's
// scenario hash; null (with a warning) when it cannot be had.
json assumptions_from(const fs::path& dir, const json& comparison, std::vector<std::string>& warnings) {
  const fs::path file = dir / io::kResolvedScenarioFileName;
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    warnings.push_back(fmt::format("{}: not found (results written before txsim wrote it, or moved without it): the "
                                   "report has no assumptions table",
                                   file.string()));
    return nullptr;
  }
  const std::string text = read_text(file, "resolved scenario");
  const std::string expected = text_at(comparison, "/provenance/scenario_sha256"_json_pointer);
  const std::string actual = io::sha256_hex(text);
  if (!expected.empty() && actual != expected)
    throw ResultsError(fmt::format("{}: its SHA-256 {} is not the scenario_sha256 {} of the comparison results: the "
                                   "directory mixes files of different runs",
                                   file.string(), actual, expected));
  try {
    return assumptions_json(io::parse_study(text, file.string()).study);
  } catch (const io::ConfigError& e) {
    warnings.push_back(fmt::format("{}: this version of txsim cannot read it, so the report has no assumptions "
                                   "table:\n{}",
                                   file.string(), e.what()));
    return nullptr;
  }
}

}  // namespace

json read_comparison(const fs::path& results) {
  const fs::path file =
      results_file(results, "comparison.json", "an output directory of `txsim compare --out` or its comparison.json");
  json out = parse_json(file, "comparison results");
  try {
    detail::require_comparison_layout(out);
  } catch (const ResultsError& e) {
    throw ResultsError(fmt::format("{}: {}", file.string(), e.what()));
  }
  return out;
}

json read_uncertainty(const fs::path& results) {
  const fs::path file = results_file(results, kUncertaintyFileName,
                                     "an output directory of `txsim uncertainty -o` or its uncertainty.json");
  json out = parse_json(file, "uncertainty results");
  try {
    require_uncertainty_layout(out);
  } catch (const ResultsError& e) {
    throw ResultsError(fmt::format("{}: {}", file.string(), e.what()));
  }
  return out;
}

std::vector<std::string> uncertainty_cautions(const json& comparison, const json& uncertainty) {
  std::vector<std::string> cautions;
  const std::string compared = text_at(comparison, "/provenance/scenario_sha256"_json_pointer);
  const std::string studied = text_at(uncertainty, "/study/sha256"_json_pointer);
  if (compared.empty() || studied.empty())
    cautions.push_back("The uncertainty results cannot be matched to the comparison: one of them does not record "
                       "the SHA-256 of its study.");
  else if (compared != studied)
    cautions.push_back(fmt::format(
        "The uncertainty results were computed for another version of the study (SHA-256 {}, file {}) than the "
        "comparison (SHA-256 {}), for example with a shorter horizon or other settings: read them as indicative "
        "of this comparison, not as its own.",
        studied.substr(0, 12), text_at(uncertainty, "/study/file"_json_pointer), compared.substr(0, 12)));
  std::set<std::string> compared_policies;
  for (const auto& p : comparison.at("policies")) compared_policies.insert(p.at("name").get<std::string>());
  std::vector<std::string> unknown;
  for (const auto& p : uncertainty.at("policies"))
    if (!compared_policies.contains(p.at("name").get<std::string>())) unknown.push_back(p.at("name").get<std::string>());
  if (!unknown.empty()) {
    std::string names;
    for (const auto& n : unknown) names += (names.empty() ? "" : ", ") + n;
    cautions.push_back(
        fmt::format("The uncertainty results hold policies the comparison does not have: {}.", names));
  }
  return cautions;
}

ReadResults read_results(const fs::path& results, const fs::path& uncertainty) {
  ReadResults out;
  ReportData& data = out.data;
  data.comparison = read_comparison(results);
  std::error_code ec;
  const fs::path parent = results.parent_path();
  const fs::path dir = fs::is_directory(results, ec) ? results : parent.empty() ? fs::path(".") : parent;
  data.assumptions = assumptions_from(dir, data.comparison, out.warnings);

  fs::path uncertainty_source = uncertainty;
  if (uncertainty_source.empty() && fs::exists(dir / kUncertaintyFileName, ec)) uncertainty_source = dir / kUncertaintyFileName;
  if (!uncertainty_source.empty()) {
    data.uncertainty = read_uncertainty(uncertainty_source);
    data.uncertainty_cautions = uncertainty_cautions(data.comparison, data.uncertainty);
    for (const auto& caution : data.uncertainty_cautions) out.warnings.push_back(caution);
  }
  return out;
}

}  // namespace txsim::report
