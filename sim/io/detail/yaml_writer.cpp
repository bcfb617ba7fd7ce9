#include "io/detail/yaml_writer.hpp"

namespace txsim::io::detail {

void YamlWriter::distribution(const Field& f, const rng::Distribution& d, bool /*none_allowed*/) {
  using rng::DistributionKind;
  key(f);
  out_ << YAML::Flow << YAML::BeginMap;
  out_ << YAML::Key << "distribution" << YAML::Value << std::string(rng::to_string(d.kind));
  switch (d.kind) {
    case DistributionKind::None: break;
    case DistributionKind::Deterministic:
    case DistributionKind::Exponential: out_ << YAML::Key << "mean_s" << YAML::Value << fmt::format("{}", d.mean); break;
    case DistributionKind::Lognormal:
    case DistributionKind::Gamma:
      out_ << YAML::Key << "mean_s" << YAML::Value << fmt::format("{}", d.mean);
      out_ << YAML::Key << "cv" << YAML::Value << fmt::format("{}", d.cv);
      break;
    case DistributionKind::Weibull:
      out_ << YAML::Key << "mean_s" << YAML::Value << fmt::format("{}", d.mean);
      out_ << YAML::Key << "shape" << YAML::Value << fmt::format("{}", d.shape);
      break;
    case DistributionKind::Empirical:
      out_ << YAML::Key << "values_s" << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (double v : d.values) out_ << fmt::format("{}", v);
      out_ << YAML::EndSeq;
      break;
  }
  out_ << YAML::EndMap;
  comment(f);
}

void YamlWriter::weekdays(const Field& f, const std::array<bool, model::kDaysPerWeek>& days) {
  key(f);
  out_ << YAML::Flow << YAML::BeginSeq;
  for (std::size_t d = 0; d < days.size(); ++d)
    if (days[d]) out_ << std::string(kWeekdayNames[d]);
  out_ << YAML::EndSeq;
  comment(f);
}

}  // namespace txsim::io::detail
