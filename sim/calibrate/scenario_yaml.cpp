#include "txsim/calibrate/scenario_yaml.hpp"

#include <sstream>

#include "txsim/experiment/study.hpp"
#include "txsim/io/schema.hpp"

namespace txsim::calibrate {

std::string scenario_yaml(const CalibratedScenario& scenario, const std::string& header_comment) {
  experiment::StudySpec study;
  study.centre = scenario.spec;
  std::string text;
  std::istringstream header(header_comment);
  for (std::string line; std::getline(header, line);) text += "# " + line + "\n";
  return text + io::to_yaml(study, scenario.comments);
}

}  // namespace txsim::calibrate
