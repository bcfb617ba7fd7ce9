#include "txsim/staffing/search.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include "staffing/detail/target_test.hpp"
#include "txsim/stats/confidence.hpp"

namespace txsim::staffing {

namespace {

using model::Kpi;

constexpr std::size_t index(Kpi kpi) { return static_cast<std::size_t>(kpi); }

std::string_view kpi_name(Kpi kpi) { return model::kKpiInfo[index(kpi)].name; }

// One period's samples (one per replication with contacts in it) and its label.
struct Period {
  std::string label;
  std::vector<double> samples;
};

std::vector<Period> periods(const experiment::ExperimentResult& result, Scope scope, Kpi kpi) {
  std::vector<Period> out;
  const auto& reps = result.replications;
  const auto sample_if_any = [](Period& p, double v) {
    if (!std::isnan(v)) p.samples.push_back(v);
  };
  switch (scope) {
    case Scope::Horizon: {
      Period p{"the horizon", {}};
      for (const auto& r : reps) sample_if_any(p, r.total[index(kpi)]);
      out.push_back(std::move(p));
      break;
    }
    case Scope::Day: {
      const std::size_t days = reps.empty() ? 0 : reps.front().days.size();
      for (std::size_t d = 0; d < days; ++d) {
        Period p{fmt::format("day {}", d), {}};
        for (const auto& r : reps) sample_if_any(p, r.days[d][index(kpi)]);
        out.push_back(std::move(p));
      }
      break;
    }
    case Scope::Interval: {
      // Both targetable KPIs are ratios over offered contacts, so pooling an interval of the
      // day across days weights each day's value by its offered contacts.
      const auto n = static_cast<std::size_t>(result.intervals_per_day);
      for (std::size_t i = 0; i < n; ++i) {
        const int minutes = static_cast<int>(std::lround(static_cast<double>(i) * result.interval_s / 60.0));
        Period p{fmt::format("interval {:02}:{:02}", minutes / 60, minutes % 60), {}};
        for (const auto& r : reps) {
          double weighted = 0.0;
          double offered = 0.0;
          for (std::size_t k = i; k < r.intervals.size(); k += n) {
            const double v = r.intervals[k][index(kpi)];
            const double o = r.intervals[k][index(Kpi::Offered)];
            if (std::isnan(v) || o <= 0.0) continue;
            weighted += v * o;
            offered += o;
          }
          if (offered > 0.0) p.samples.push_back(weighted / offered);
        }
        out.push_back(std::move(p));
      }
      break;
    }
  }
  return out;
}

PeriodEstimate estimate(const std::vector<double>& samples, const KpiTarget& direction, double confidence) {
  PeriodEstimate e;
  e.samples = static_cast<int>(samples.size());
  if (samples.empty()) {
    e.mean = std::numeric_limits<double>::quiet_NaN();
    e.bound = e.mean;
    return e;
  }
  double sum = 0.0;
  for (double v : samples) sum += v;
  e.mean = sum / static_cast<double>(samples.size());
  e.bound = samples.size() < 2 ? std::numeric_limits<double>::quiet_NaN()
                               : detail::check_target(samples, direction, confidence).bound;
  return e;
}

std::vector<PeriodCheck> checks_of(const experiment::ExperimentResult& result, const SearchOptions& options) {
  std::vector<PeriodCheck> out;
  for (std::size_t t = 0; t < options.targets.size(); ++t) {
    const KpiTarget& target = options.targets[t];
    auto ps = periods(result, options.scope, target.kpi);
    for (std::size_t k = 0; k < ps.size(); ++k) {
      PeriodCheck c;
      c.target = t;
      c.period = static_cast<int>(k);
      c.estimate = estimate(ps[k].samples, target, options.confidence);
      // No contacts there in any replication: nothing to miss.
      c.holds = ps[k].samples.empty() || detail::check_target(ps[k].samples, target, options.confidence).holds;
      c.label = std::move(ps[k].label);
      out.push_back(std::move(c));
    }
  }
  return out;
}

// The periods where a target does not hold with the confidence, as the search reports them.
struct Failure {
  std::size_t period = 0;
  std::string text;
};

std::vector<Failure> failures(const experiment::ExperimentResult& result, const SearchOptions& options) {
  std::vector<Failure> out;
  for (const PeriodCheck& c : checks_of(result, options)) {
    if (c.holds) continue;
    // With one sample the test has no bound; the search names the single value, as before.
    const double bound = std::isnan(c.estimate.bound) ? c.estimate.mean : c.estimate.bound;
    out.push_back({static_cast<std::size_t>(c.period),
                   fmt::format("{} in {} (one-sided {:.0f}% bound {:.4f})", to_string(options.targets[c.target]),
                               c.label, 100.0 * options.confidence, bound)});
  }
  return out;
}

void require_options(const model::ScenarioSpec& spec, const SearchOptions& options) {
  if (spec.agent_groups.size() != 1)
    throw std::invalid_argument(fmt::format(
        "agents.groups: staffing sizes one agent group; the scenario has {}", spec.agent_groups.size()));
  if (spec.workforce)
    throw std::invalid_argument(
        "workforce: staffing by simulation needs a fixed roster; with employee dynamics the staffing changes the "
        "workforce it is measured on (hiring plans are a separate question)");
  detail::require_test_options(options.targets, options.confidence, options.replications);
  if (options.max_agents_per_interval < 1)
    throw std::invalid_argument(
        fmt::format("the agent cap must be >= 1 per interval, got {}", options.max_agents_per_interval));
}

double agent_hours_per_day(const std::vector<int>& agents, double interval_minutes) {
  double total = 0.0;
  for (int a : agents) total += a * interval_minutes / 60.0;
  return total;
}

}  // namespace

KpiTarget parse_target(std::string_view text) {
  const auto op = text.find_first_of("<>");
  if (op == std::string_view::npos || op + 1 >= text.size() || text[op + 1] != '=')
    throw std::invalid_argument(fmt::format(
        "target \"{}\": expected KPI>=VALUE or KPI<=VALUE, e.g. service_level>=0.8", text));
  const std::string_view name = text.substr(0, op);
  const std::string_view number = text.substr(op + 2);
  KpiTarget target;
  target.at_least = text[op] == '>';
  double value = 0.0;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (error != std::errc{} || end != number.data() + number.size() || !std::isfinite(value))
    throw std::invalid_argument(fmt::format("target \"{}\": \"{}\" is not a number", text, number));
  target.value = value;
  if (name == "service_level") {
    target.kpi = Kpi::ServiceLevel;
    if (!target.at_least)
      throw std::invalid_argument(fmt::format(
          "target \"{}\": a service level target is a lower bound; write service_level>={}", text, value));
    if (!(value >= 0.0 && value < 1.0))
      throw std::invalid_argument(fmt::format(
          "target \"{}\": a service level must be in [0, 1), since 1 is never reached with random arrivals", text));
  } else if (name == "abandon_rate") {
    target.kpi = Kpi::AbandonRate;
    if (target.at_least)
      throw std::invalid_argument(fmt::format(
          "target \"{}\": an abandon rate target is an upper bound; write abandon_rate<={}", text, value));
    if (!(value > 0.0 && value <= 1.0))
      throw std::invalid_argument(fmt::format(
          "target \"{}\": an abandon rate must be in (0, 1], since some callers abandon whenever they can", text));
  } else {
    const bool known = std::any_of(model::kKpiInfo.begin(), model::kKpiInfo.end(),
                                   [&](const model::KpiInfo& info) { return info.name == name; });
    throw std::invalid_argument(fmt::format("target \"{}\": {} \"{}\"; staffing targets service_level and abandon_rate",
                                            text, known ? "staffing cannot target the KPI" : "unknown KPI", name));
  }
  return target;
}

std::string to_string(const KpiTarget& target) {
  return fmt::format("{}{}{}", kpi_name(target.kpi), target.at_least ? ">=" : "<=", target.value);
}

model::ScenarioSpec with_headcount(const model::ScenarioSpec& spec, const std::vector<int>& agents) {
  model::ScenarioSpec out = spec;
  auto& group = out.agent_groups.front();
  group.shifts.clear();
  const bool uniform = std::all_of(agents.begin(), agents.end(), [&](int a) { return a == agents.front(); });
  group.headcount = uniform ? std::vector<int>{agents.front()} : agents;
  return out;
}

bool targets_hold(const experiment::ExperimentResult& result, const SearchOptions& options) {
  return failures(result, options).empty();
}

std::vector<PeriodCheck> check_targets(const experiment::ExperimentResult& result, const SearchOptions& options) {
  return checks_of(result, options);
}

std::vector<IntervalKpis> interval_kpis(const experiment::ExperimentResult& result, double confidence) {
  const auto service = periods(result, Scope::Interval, Kpi::ServiceLevel);
  const auto abandon = periods(result, Scope::Interval, Kpi::AbandonRate);
  std::vector<IntervalKpis> out(service.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].service_level = estimate(service[i].samples, {Kpi::ServiceLevel, true, 0.0}, confidence);
    out[i].abandon_rate = estimate(abandon[i].samples, {Kpi::AbandonRate, false, 0.0}, confidence);
  }
  return out;
}

StaffingPlan search_staffing(const model::ScenarioSpec& spec, const SearchOptions& options) {
  require_options(spec, options);
  const Requirement erlang = erlang_requirement(spec, detail::erlang_targets(spec, options.targets));

  const auto n = static_cast<std::size_t>(erlang.intervals_per_day);
  StaffingPlan plan;
  plan.group = spec.agent_groups.front().name;
  plan.erlang_agents.assign(n, 0);
  for (std::size_t k = 0; k < erlang.intervals.size(); ++k)
    plan.erlang_agents[k % n] = std::max(plan.erlang_agents[k % n], erlang.intervals[k].agents);
  for (std::size_t i = 0; i < n; ++i) {
    if (plan.erlang_agents[i] > options.max_agents_per_interval)
      throw std::domain_error(fmt::format(
          "the Erlang requirement already needs {} agents at {:02}:{:02}, above the cap of {} agents per interval",
          plan.erlang_agents[i], static_cast<int>(static_cast<double>(i) * spec.interval_minutes) / 60,
          static_cast<int>(static_cast<double>(i) * spec.interval_minutes) % 60, options.max_agents_per_interval));
  }

  // Constant demand is staffed with one headcount for the whole day, so that the answer is
  // the single-queue minimum; otherwise each interval of the day moves on its own.
  std::vector<std::vector<std::size_t>> blocks;
  if (spec.demand.rate_per_hour) {
    blocks.emplace_back();
    for (std::size_t i = 0; i < n; ++i) blocks.back().push_back(i);
  } else {
    for (std::size_t i = 0; i < n; ++i)
      if (erlang.intervals[i].arrival_rate_per_hour > 0.0 || plan.erlang_agents[i] > 0) blocks.push_back({i});
  }

  experiment::ReplicationOptions run_options;
  run_options.seed = options.seed;
  run_options.replications = options.replications;
  run_options.threads = options.threads;
  run_options.stop = options.stop;
  run_options.detail = experiment::Detail::Interval;
  // Lowering revisits staffings already simulated; remember their verdicts.
  std::map<std::vector<int>, std::vector<Failure>> seen;
  const auto evaluate = [&](const std::vector<int>& agents) -> const std::vector<Failure>& {
    auto it = seen.find(agents);
    if (it != seen.end()) return it->second;
    ++plan.evaluations;
    const auto result = experiment::run_replications(with_headcount(spec, agents), run_options);
    return seen.emplace(agents, failures(result, options)).first->second;
  };

  std::vector<int> agents = plan.erlang_agents;
  for (std::vector<Failure> failing = evaluate(agents); !failing.empty(); failing = evaluate(agents)) {
    std::vector<bool> failing_interval(n, options.scope != Scope::Interval);
    if (options.scope == Scope::Interval) {
      for (const auto& f : failing) failing_interval[f.period] = true;
    }
    bool raised = false;
    for (const auto& block : blocks) {
      if (std::none_of(block.begin(), block.end(), [&](std::size_t i) { return failing_interval[i]; })) continue;
      raised = true;
      for (std::size_t i : block) {
        if (agents[i] >= options.max_agents_per_interval)
          throw std::domain_error(fmt::format("target not met within the cap of {} agents per interval: {}",
                                              options.max_agents_per_interval, failing.front().text));
        ++agents[i];
      }
    }
    // A failure no interval's staffing can act on would otherwise loop for ever.
    if (!raised) throw std::domain_error(fmt::format("target not met and no interval to add agents to: {}", failing.front().text));
  }
  for (bool lowered = true; lowered;) {
    lowered = false;
    for (const auto& block : blocks) {
      std::vector<int> trial = agents;
      bool possible = true;
      for (std::size_t i : block) possible = possible && --trial[i] >= 0;
      if (possible && evaluate(trial).empty()) {
        agents = trial;
        lowered = true;
      }
    }
  }
  plan.agents = agents;
  plan.erlang_agent_hours_per_day = agent_hours_per_day(plan.erlang_agents, spec.interval_minutes);
  plan.agent_hours_per_day = agent_hours_per_day(agents, spec.interval_minutes);
  plan.result = experiment::run_replications(with_headcount(spec, agents), run_options);
  plan.interval_kpis = interval_kpis(plan.result, options.confidence);
  plan.checks = check_targets(plan.result, options);
  return plan;
}

}  // namespace txsim::staffing
