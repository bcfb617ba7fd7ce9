#pragma once
// The files a report inlines, compiled into the library (report_assets.cpp is generated from
// report/web/ and the pinned npm packages by cmake/embed_files.cmake).

#include <string_view>

namespace txsim::report::detail {

std::string_view page_template();   ///< report/web/template.html, with @NAME@ markers
std::string_view page_style();      ///< report/web/report.css
std::string_view page_script();     ///< report/web/report.js
std::string_view echarts_library(); ///< echarts/dist/echarts.min.js from the pinned package

}  // namespace txsim::report::detail
