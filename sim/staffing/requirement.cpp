#include "txsim/staffing/requirement.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace txsim::staffing {

namespace {

using analytic::QueueModel;

constexpr double kInf = std::numeric_limits<double>::infinity();

// Weekly agent-hours a group is staffed for: the weight of its speed in the pool.
double weekly_agent_hours(const model::AgentGroupSpec& group, const model::ScenarioSpec& spec) {
  double hours = 0.0;
  if (group.headcount.size() == 1) {
    hours = group.headcount.front() * 24.0 * model::kDaysPerWeek;
  } else {
    for (int agents : group.headcount) hours += agents * spec.interval_minutes / 60.0 * model::kDaysPerWeek;
  }
  for (const auto& shift : group.shifts) {
    const auto days = std::count(shift.weekdays.begin(), shift.weekdays.end(), true);
    hours += shift.count * shift.length_h * static_cast<double>(days);
  }
  return hours;
}

double pool_speed_multiplier(const model::ScenarioSpec& spec) {
  double weighted = 0.0;
  double hours = 0.0;
  for (const auto& group : spec.agent_groups) {
    const double h = weekly_agent_hours(group, spec);
    weighted += h * group.handle_time_multiplier;
    hours += h;
  }
  if (hours > 0.0) return weighted / hours;
  // No staffing yet to weight by: only an unambiguous speed will do.
  const double first = spec.agent_groups.empty() ? 1.0 : spec.agent_groups.front().handle_time_multiplier;
  for (const auto& group : spec.agent_groups) {
    if (group.handle_time_multiplier != first) {
      throw std::invalid_argument(fmt::format(
          "agents.groups: the groups work at different speeds (handle_time_multiplier {} and {}) and "
          "none is staffed, so the pool's mean speed is undefined; staff the groups or give them one speed",
          first, group.handle_time_multiplier));
    }
  }
  return first;
}

void require_targets(const RequirementTargets& targets, QueueModel model) {
  if (!targets.service_level && !targets.max_abandon_rate) {
    throw std::invalid_argument("no target: give a service level target, an abandon rate target, or both");
  }
  if (targets.service_level && !(*targets.service_level >= 0.0 && *targets.service_level < 1.0)) {
    throw std::invalid_argument(fmt::format(
        "service level target must be in [0, 1) (a service level of 1 is never reached with random arrivals), "
        "got {}",
        *targets.service_level));
  }
  if (targets.max_abandon_rate && !(*targets.max_abandon_rate > 0.0 && *targets.max_abandon_rate <= 1.0)) {
    throw std::invalid_argument(fmt::format(
        "abandon rate target must be in (0, 1] (some callers always abandon when they may), got {}",
        *targets.max_abandon_rate));
  }
  if (targets.max_abandon_rate && model == QueueModel::ErlangC) {
    throw std::invalid_argument(
        "abandon rate target: under Erlang C nobody abandons (no contact type has a patience "
        "distribution), so the target says nothing; give the contact types a patience or drop the target");
  }
  if (!(targets.threshold_s >= 0.0 && std::isfinite(targets.threshold_s))) {
    throw std::invalid_argument(
        fmt::format("service level threshold must be finite and >= 0 s, got {}", targets.threshold_s));
  }
  if (!(targets.shrinkage >= 0.0 && targets.shrinkage < 1.0)) {
    throw std::invalid_argument(fmt::format("shrinkage must be in [0, 1), got {}", targets.shrinkage));
  }
  if (!(targets.max_occupancy > 0.0 && targets.max_occupancy <= 1.0)) {
    throw std::invalid_argument(fmt::format("occupancy cap must be in (0, 1], got {}", targets.max_occupancy));
  }
}

IntervalRequirement interval_requirement(const Workload& workload, const RequirementTargets& targets,
                                         double rate_per_hour) {
  IntervalRequirement r;
  r.arrival_rate_per_hour = rate_per_hour;
  r.offered_load_erlangs = rate_per_hour / 3600.0 * workload.mean_service_s;
  if (rate_per_hour <= 0.0) {
    r.service_level = 1.0;
    return r;
  }
  const double rate_per_s = rate_per_hour / 3600.0;
  int agents = 1;
  if (targets.service_level) {
    agents = std::max(agents, analytic::agents_for_service_level(workload.model, rate_per_s, workload.mean_service_s,
                                                                 workload.mean_patience_s, targets.threshold_s,
                                                                 *targets.service_level));
  }
  if (targets.max_abandon_rate) {
    agents = std::max(agents, analytic::agents_for_abandon_rate(workload.model, rate_per_s, workload.mean_service_s,
                                                                workload.mean_patience_s, *targets.max_abandon_rate));
  }
  const auto metrics_with = [&](int n) {
    return analytic::queue_metrics(workload.model, rate_per_s, workload.mean_service_s, workload.mean_patience_s, n,
                                   targets.threshold_s);
  };
  analytic::QueueMetrics metrics = metrics_with(agents);
  // Occupancy is at most load / agents, so this ends by ceil(load / cap).
  while (metrics.occupancy > targets.max_occupancy) metrics = metrics_with(++agents);
  r.agents = agents;
  r.scheduled = static_cast<int>(std::ceil(agents / (1.0 - targets.shrinkage) - 1e-9));
  r.service_level = metrics.service_level;
  r.abandon_rate = metrics.prob_abandon;
  r.occupancy = metrics.occupancy;
  return r;
}

}  // namespace

Workload workload_of(const model::ScenarioSpec& spec) {
  double share = 0.0;
  double service_s = 0.0;
  double patience_s = 0.0;
  bool any_patience = false;
  bool all_exponential = true;
  for (const auto& type : spec.contact_types) {
    share += type.share;
    service_s += type.share * (type.handle_time.expected() + type.after_call_work.expected());
    if (type.patience.kind == rng::DistributionKind::None) {
      all_exponential = false;
      continue;
    }
    any_patience = true;
    all_exponential = all_exponential && type.patience.kind == rng::DistributionKind::Exponential;
    patience_s += type.share * type.patience.expected();
  }
  Workload w;
  w.mean_service_s = service_s / share * pool_speed_multiplier(spec);
  if (!any_patience) {
    w.model = QueueModel::ErlangC;
    w.mean_patience_s = kInf;
    w.reason = "Erlang C: no contact type has a patience distribution, so callers never abandon";
    return w;
  }
  // A type without patience waits forever; in the share-weighted mean it stands for the
  // longest patience the mixture allows, so it is left out rather than counted as infinite
  // (which would turn the whole queue into Erlang C) and the reason says so.
  double patient_share = 0.0;
  for (const auto& type : spec.contact_types) {
    if (type.patience.kind != rng::DistributionKind::None) patient_share += type.share;
  }
  w.model = QueueModel::ErlangA;
  w.mean_patience_s = patience_s / patient_share;
  w.reason = all_exponential
                 ? fmt::format("Erlang A: patience is exponential, mean {:.0f} s", w.mean_patience_s)
                 : fmt::format("Erlang A (approximation): patience is not exponential for every contact type; an "
                               "exponential patience of the same mean, {:.0f} s over the types that abandon, stands "
                               "in for it",
                               w.mean_patience_s);
  return w;
}

std::vector<double> arrival_rates_per_hour(const model::ScenarioSpec& spec, model::Weekday weekday) {
  const int n = spec.intervals_per_day();
  if (spec.demand.rate_per_hour) return std::vector<double>(n, *spec.demand.rate_per_hour);
  const double day_volume = spec.demand.daily_volume * spec.demand.day_of_week_factors[static_cast<int>(weekday)];
  const double interval_h = spec.interval_minutes / 60.0;
  std::vector<double> rates(n, day_volume / 24.0);
  const auto& profile = spec.demand.intraday_profile;
  if (profile.empty()) return rates;
  const double total = std::accumulate(profile.begin(), profile.end(), 0.0);
  for (int i = 0; i < n; ++i) rates[i] = day_volume * profile[i] / total / interval_h;
  return rates;
}

Requirement erlang_requirement(const model::ScenarioSpec& spec, const RequirementTargets& targets) {
  Requirement plan;
  plan.workload = workload_of(spec);
  require_targets(targets, plan.workload.model);
  plan.targets = targets;
  plan.interval_minutes = spec.interval_minutes;
  plan.intervals_per_day = spec.intervals_per_day();
  const int days = spec.demand.rate_per_hour ? 1 : model::kDaysPerWeek;
  for (int d = 0; d < days; ++d) {
    const auto weekday = static_cast<model::Weekday>(d);
    const std::vector<double> rates = arrival_rates_per_hour(spec, weekday);
    for (int i = 0; i < plan.intervals_per_day; ++i) {
      IntervalRequirement r = interval_requirement(plan.workload, targets, rates[i]);
      if (!spec.demand.rate_per_hour) r.weekday = weekday;
      r.interval = i;
      plan.intervals.push_back(r);
    }
  }
  return plan;
}

}  // namespace txsim::staffing
