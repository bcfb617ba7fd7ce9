#include "txsim/report/assumptions.hpp"

#include "txsim/io/schema.hpp"

namespace txsim::report {

nlohmann::ordered_json assumptions_json(const experiment::StudySpec& study) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& info : io::parameter_reference()) {
    if (info.container) continue;
    const bool assumed = info.grade == "assumption" || info.grade == "vendor_claim";
    for (const std::string& path : io::concrete_paths(study, info.key_path)) {
      const std::string value = io::get_value(study, path);
      if (!assumed && value == info.default_value) continue;
      rows.push_back({{"key_path", path},
                      {"value", value},
                      {"default", info.default_value},
                      {"unit", info.unit},
                      {"source", info.source},
                      {"grade", info.grade},
                      {"meaning", info.meaning}});
    }
  }
  return rows;
}

}  // namespace txsim::report
