#pragma once
// A PDF of an HTML report, printed by headless Chromium with the page's print stylesheet
// (A4 landscape). Optional: the HTML report is complete without it.

#include <filesystem>
#include <string>

namespace txsim::report {

/// The Chromium executable used for PDFs: $TXSIM_CHROMIUM when set, else "chromium" (looked up
/// on PATH).
[[nodiscard]] std::string chromium_executable();

/// Prints the report `html` to `pdf` with `chromium` run headless, offline (no sandbox, GPU,
/// network services or first-run steps) and with a fresh profile that is removed afterwards.
/// The PDF is written to a temporary file and renamed into place once complete. Throws
/// std::runtime_error naming the PDF when the browser cannot be started, fails or writes
/// nothing.
void write_pdf(const std::filesystem::path& html, const std::filesystem::path& pdf,
               const std::string& chromium = chromium_executable());

}  // namespace txsim::report
