#include "txsim/calibrate/scenario_yaml.hpp"

#include <cctype>
#include <sstream>

#include <fmt/format.h>

namespace txsim::calibrate {
namespace {

// A plain scalar when it cannot be misread (a word that YAML 1.1 would read as a boolean or
// null, or anything with punctuation, is double-quoted).
std::string scalar(const std::string& text) {
  bool plain = !text.empty() && (std::isalpha(static_cast<unsigned char>(text[0])) != 0 || text[0] == '_');
  for (const char ch : text)
    plain = plain && (std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '_' || ch == '-');
  std::string lowered;
  for (const char ch : text) lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (const char* word : {"y", "n", "yes", "no", "true", "false", "on", "off", "null"})
    plain = plain && lowered != word;
  if (plain) return text;
  std::string quoted = "\"";
  for (const char ch : text) {
    if (ch == '"' || ch == '\\') quoted += '\\';
    quoted += ch;
  }
  return quoted + "\"";
}

std::string number(double v) { return fmt::format("{:.6g}", v); }

std::string distribution(const rng::Distribution& d) {
  switch (d.kind) {
    case rng::DistributionKind::None: return "{distribution: none}";
    case rng::DistributionKind::Deterministic: return fmt::format("{{distribution: deterministic, mean_s: {}}}", number(d.mean));
    case rng::DistributionKind::Exponential: return fmt::format("{{distribution: exponential, mean_s: {}}}", number(d.mean));
    case rng::DistributionKind::Lognormal:
      return fmt::format("{{distribution: lognormal, mean_s: {}, cv: {}}}", number(d.mean), number(d.cv));
    case rng::DistributionKind::Gamma:
      return fmt::format("{{distribution: gamma, mean_s: {}, cv: {}}}", number(d.mean), number(d.cv));
    case rng::DistributionKind::Weibull:
      return fmt::format("{{distribution: weibull, mean_s: {}, shape: {}}}", number(d.mean), number(d.shape));
    case rng::DistributionKind::Empirical: {
      std::vector<std::string> values;
      for (const double v : d.values) values.push_back(number(v));
      return fmt::format("{{distribution: empirical, values_s: [{}]}}", fmt::join(values, ", "));
    }
  }
  return "{}";
}

class Writer {
 public:
  explicit Writer(const std::map<std::string, std::string>& comments) : comments_(comments) {}

  void line(int indent, const std::string& text, const std::string& key_path = "") {
    out_ << std::string(static_cast<std::size_t>(indent * 2), ' ') << text;
    if (const auto it = comments_.find(key_path); !key_path.empty() && it != comments_.end()) out_ << "  # " << it->second;
    out_ << '\n';
  }
  void comment(const std::string& text) { out_ << "# " << text << '\n'; }
  [[nodiscard]] std::string str() const { return out_.str(); }

 private:
  const std::map<std::string, std::string>& comments_;
  std::ostringstream out_;
};

}  // namespace

std::string scenario_yaml(const CalibratedScenario& scenario, const std::string& header_comment) {
  const model::ScenarioSpec& s = scenario.spec;
  Writer w(scenario.comments);
  std::istringstream header(header_comment);
  for (std::string text; std::getline(header, text);) w.comment(text);
  w.line(0, "name: " + scalar(s.name));
  w.line(0, "description: " + scalar(s.description));
  w.line(0, "interval_minutes: " + number(s.interval_minutes));
  w.line(0, "service_level_threshold_s: " + number(s.service_level_threshold_s));
  w.line(0, "");
  w.line(0, "horizon:");
  w.line(1, "days: " + number(*s.horizon.days), "horizon.days");
  w.line(1, std::string("start_weekday: ") + model::to_string(s.horizon.start_weekday), "horizon.start_weekday");
  w.line(0, "");
  w.line(0, "demand:");
  w.line(1, "daily_volume: " + number(s.demand.daily_volume), "demand.daily_volume");
  std::vector<std::string> profile;
  for (const double p : s.demand.intraday_profile) profile.push_back(fmt::format("{:.5f}", p));
  w.line(1, fmt::format("intraday_profile: [{}]", fmt::join(profile, ", ")), "demand.intraday_profile");
  w.line(1, "day_of_week_factors:");
  for (int d = 0; d < model::kDaysPerWeek; ++d) {
    const char* day = model::to_string(static_cast<model::Weekday>(d));
    w.line(2, fmt::format("{}: {}", day, number(s.demand.day_of_week_factors[static_cast<std::size_t>(d)])),
           fmt::format("demand.day_of_week_factors.{}", day));
  }
  w.line(1, "busyness_shape: " + number(s.demand.busyness_shape), "demand.busyness_shape");
  w.line(0, "");
  w.line(0, "contact_types:");
  for (const auto& t : s.contact_types) {
    const std::string key = "contact_types." + t.name;
    w.line(1, scalar(t.name) + ":");
    w.line(2, "share: " + number(t.share), key + ".share");
    w.line(2, "handle_time: " + distribution(t.handle_time), key + ".handle_time");
    w.line(2, "after_call_work: " + distribution(t.after_call_work), key + ".after_call_work");
    w.line(2, "patience: " + distribution(t.patience), key + ".patience");
    w.line(2, "balk_probability: " + number(t.balk_probability), key + ".balk_probability");
    if (t.redial_probability > 0.0)
      w.line(2, fmt::format("redial: {{probability: {}, delay: {}}}", number(t.redial_probability), distribution(t.redial_delay)),
             key + ".redial");
  }
  w.line(0, "");
  w.line(0, "agents:");
  w.line(1, "groups:");
  for (const auto& g : s.agent_groups) {
    w.line(2, scalar(g.name) + ":");
    std::vector<std::string> headcount;
    for (const int h : g.headcount) headcount.push_back(std::to_string(h));
    w.line(3, fmt::format("headcount: [{}]", fmt::join(headcount, ", ")), "agents.groups." + g.name + ".headcount");
  }
  return w.str();
}

}  // namespace txsim::calibrate
