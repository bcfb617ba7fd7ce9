#include "report_command.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "txsim/report/assumptions.hpp"
#include "txsim/report/html_report.hpp"
#include "txsim/report/pdf.hpp"
#include "txsim/report/results.hpp"

namespace txsim::cli {
namespace {

// README.md, "Exit codes".
constexpr int kOk = 0;
constexpr int kBadInput = 2;
constexpr int kOutputError = 3;

std::string& command_line() {
  static std::string text;
  return text;
}

// A word as a POSIX shell would need it quoted to mean the same.
std::string shell_word(std::string_view word) {
  if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                              "_-./=:,+@%") == std::string_view::npos)
    return std::string(word);
  std::string out = "'";
  for (const char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

int write(const std::string& path, const std::string& pdf_path, const report::ReportData& data) {
  const std::string html = report::render_html(data, {report::utc_now(), command_line()});
  try {
    report::write_report(path, html);
    if (!pdf_path.empty()) report::write_pdf(path, pdf_path);
  } catch (const std::runtime_error& e) {
    fmt::print(stderr, "txsim: error: {}\n", e.what());
    return kOutputError;
  }
  return kOk;
}

}  // namespace

void set_command_line(int argc, char** argv) {
  std::string text;
  for (int i = 0; i < argc; ++i) text += (i == 0 ? "" : " ") + shell_word(argv[i]);
  command_line() = std::move(text);
}

void add_compare_report_options(CLI::App& compare, CompareReportArgs& args) {
  compare.add_option("--detail", args.detail,
                     "Table on stdout: summary (one row per policy, fits 120 columns) or full (every headline "
                     "KPI per policy; default summary)")
      ->check(CLI::IsMember({"summary", "full"}));
  auto* report = compare.add_option("--report", args.report_path,
                                    "Also write the self-contained HTML business-case report to this file");
  compare.add_option("--pdf", args.pdf_path, "Also print the report to this PDF file (needs Chromium)")->needs(report);
  compare.add_option("--uncertainty", args.uncertainty,
                     "Output directory of `txsim uncertainty -o` (or its uncertainty.json): the report's robustness "
                     "section")
      ->needs(report);
}

nlohmann::ordered_json read_compare_uncertainty(const CompareReportArgs& args) {
  if (args.uncertainty.empty()) return nullptr;
  try {
    return report::read_uncertainty(args.uncertainty);
  } catch (const report::ResultsError& e) {
    throw CLI::ValidationError(e.what());
  }
}

std::string comparison_table(const CompareReportArgs& args, const present::TableHeading& heading,
                             const experiment::Comparison& comparison) {
  return args.detail == "full" ? present::comparison_full_table(heading, comparison)
                               : present::comparison_summary_table(heading, comparison);
}

int write_compare_report(const CompareReportArgs& args, const nlohmann::ordered_json& comparison,
                         const experiment::StudySpec& study, nlohmann::ordered_json uncertainty) {
  report::ReportData data;
  data.comparison = comparison;
  data.assumptions = report::assumptions_json(study);
  if (!uncertainty.is_null()) {
    data.uncertainty_cautions = report::uncertainty_cautions(comparison, uncertainty);
    for (const auto& caution : data.uncertainty_cautions) fmt::print(stderr, "txsim: warning: {}\n", caution);
    data.uncertainty = std::move(uncertainty);
  }
  return write(args.report_path, args.pdf_path, data);
}

CLI::App* add_report_command(CLI::App& app, ReportArgs& args) {
  auto* cmd = app.add_subcommand(
      "report", "Write the HTML business-case report of a comparison (an output directory of compare --out)");
  cmd->add_option("results", args.results,
                  "Output directory of `txsim compare --out`, or its comparison.json; its resolved_scenario.yaml gives "
                  "the assumptions table, an uncertainty.json beside it the robustness section")
      ->required();
  cmd->add_option("-o,--output", args.output, "The HTML file to write")->required();
  cmd->add_option("--pdf", args.pdf_path, "Also print the report to this PDF file (needs Chromium)");
  cmd->add_option("--uncertainty", args.uncertainty,
                  "Output directory of `txsim uncertainty -o` (or its uncertainty.json) for the robustness section");
  return cmd;
}

int report_command(const ReportArgs& args) {
  report::ReadResults read;
  try {
    read = report::read_results(args.results, args.uncertainty);
  } catch (const report::ResultsError& e) {
    fmt::print(stderr, "txsim: error: {}\n", e.what());
    return kBadInput;
  }
  for (const auto& warning : read.warnings) fmt::print(stderr, "txsim: warning: {}\n", warning);
  return write(args.output, args.pdf_path, read.data);
}

}  // namespace txsim::cli
