#include "txsim/staffing/hiring_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <span>
#include <stdexcept>
#include <utility>

#include "staffing/detail/target_test.hpp"
#include "txsim/staffing/shift_schedule.hpp"
#include "txsim/stats/confidence.hpp"

namespace txsim::staffing {

namespace {

using model::ExKpi;
using model::Kpi;

constexpr double kDaysPerYear = 365.0;

constexpr std::size_t index(Kpi kpi) { return static_cast<std::size_t>(kpi); }
constexpr std::size_t index(ExKpi kpi) { return static_cast<std::size_t>(kpi); }

std::string clock(int interval, double interval_minutes) {
  const int minutes = static_cast<int>(std::lround(interval * interval_minutes));
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

std::vector<int> template_counts(const model::ScenarioSpec& spec) {
  std::vector<int> counts;
  for (const auto& shift : spec.agent_groups.front().shifts) counts.push_back(shift.count);
  return counts;
}

void require_plannable(const model::ScenarioSpec& spec, const HiringPlanOptions& options) {
  if (!spec.workforce)
    throw std::invalid_argument(
        "workforce: a hiring plan needs employee dynamics (a workforce section with attrition and hiring); this "
        "scenario has a fixed roster: use `txsim staff` without --hiring-plan");
  if (spec.workforce->hiring.mode == model::HiringMode::None)
    throw std::invalid_argument(
        "workforce.hiring.mode: a hiring plan sizes the seats that the requisition policy keeps filled, but mode none "
        "never hires; set it to replace or classes");
  if (spec.agent_groups.size() != 1)
    throw std::invalid_argument(fmt::format(
        "agents.groups: a hiring plan sizes one agent group; the scenario has {}", spec.agent_groups.size()));
  const auto& group = spec.agent_groups.front();
  const std::vector<int> counts = template_counts(spec);
  if (group.shifts.empty() || std::accumulate(counts.begin(), counts.end(), 0) == 0)
    throw std::invalid_argument(fmt::format(
        "agents.groups.{}: a hiring plan scales the group's shifts (their counts give the rota's shape); the group "
        "has no shift with agents",
        group.name));
  if (!spec.horizon.days)
    throw std::invalid_argument("horizon: a hiring plan is judged month by month; give the horizon in days");
  detail::require_test_options(options.targets, options.confidence, options.replications);
  if (options.max_seats < 1)
    throw std::invalid_argument(fmt::format("the seat cap must be >= 1, got {}", options.max_seats));
  const auto fraction = [](const std::optional<double>& value, const char* what) {
    if (value && !(*value >= 0.0 && *value < 1.0))
      throw std::invalid_argument(fmt::format("the planner's {} must be in [0, 1), got {}", what, *value));
  };
  fraction(options.planner_shrinkage, "shrinkage");
  fraction(options.planner_annual_attrition, "annual attrition");
}

// Samples of one month's KPI, one per replication that had a value there.
std::vector<double> month_samples(const experiment::ExperimentResult& result, std::size_t month, Kpi kpi) {
  std::vector<double> samples;
  for (const auto& r : result.replications) {
    const double v = r.months[month][index(kpi)];
    if (!std::isnan(v)) samples.push_back(v);
  }
  return samples;
}

double mean_of(const stats::Interval& interval) { return std::isnan(interval.mean) ? 0.0 : interval.mean; }

PlanOutcome outcome_of(experiment::ExperimentResult&& result, int seats, std::vector<int> counts,
                       const HiringPlanOptions& options, double horizon_days) {
  PlanOutcome out;
  out.seats = seats;
  out.shift_counts = std::move(counts);
  for (std::size_t m = 0; m < result.months.size(); ++m) {
    const auto& kpis = result.months[m];
    const auto& ex = result.ex_months[m];
    MonthOutcome month;
    month.month = static_cast<int>(m);
    month.days = static_cast<int>(std::min<double>(experiment::kDaysPerMonthBlock,
                                                   horizon_days - static_cast<double>(m) * experiment::kDaysPerMonthBlock));
    month.service_level = kpis[index(Kpi::ServiceLevel)].mean;
    month.abandon_rate = kpis[index(Kpi::AbandonRate)].mean;
    month.annualised_attrition = mean_of(ex[index(ExKpi::AnnualisedAttrition)]);
    month.quits = mean_of(ex[index(ExKpi::Quits)]);
    month.hires = mean_of(ex[index(ExKpi::Hires)]);
    month.employed = mean_of(ex[index(ExKpi::Employed)]);
    month.on_phones = mean_of(ex[index(ExKpi::OnPhones)]);
    month.absence_rate = mean_of(ex[index(ExKpi::AbsenceRate)]);
    month.cost = mean_of(ex[index(ExKpi::TotalCost)]);
    for (const auto& target : options.targets) {
      const std::vector<double> samples = month_samples(result, m, target.kpi);
      if (samples.empty()) continue;  // no contacts that month in any replication: nothing to miss
      const auto [bound, holds] = detail::check_target(samples, target, options.confidence);
      if (holds) continue;
      month.meets_targets = false;
      out.failures.push_back(fmt::format("{} in month {} (one-sided {:.0f}% bound {:.4f})", to_string(target), m + 1,
                                         100.0 * options.confidence, bound));
    }
    out.months.push_back(month);
  }
  out.total_cost = result.ex_total[index(ExKpi::TotalCost)];
  out.service_level = result.total[index(Kpi::ServiceLevel)].mean;
  out.abandon_rate = result.total[index(Kpi::AbandonRate)].mean;
  out.annualised_attrition = mean_of(result.ex_total[index(ExKpi::AnnualisedAttrition)]);
  out.hires = mean_of(result.ex_total[index(ExKpi::Hires)]);
  out.result = std::move(result);
  return out;
}

std::vector<double> replication_costs(const PlanOutcome& plan) {
  std::vector<double> costs;
  for (const auto& r : plan.result.replications) costs.push_back(r.ex_total[index(ExKpi::TotalCost)]);
  return costs;
}

}  // namespace

std::vector<int> apportion_seats(const std::vector<int>& template_counts, int seats) {
  std::vector<int> counts(template_counts.size(), 0);
  for (int s = 0; s < seats; ++s) {
    // D'Hondt: the next seat goes to the shift with the highest quotient c_j / (x_j + 1),
    // compared by cross-multiplication to stay exact; ties go to the earlier shift.
    std::size_t best = template_counts.size();
    for (std::size_t j = 0; j < template_counts.size(); ++j) {
      if (template_counts[j] <= 0) continue;
      if (best == template_counts.size() ||
          static_cast<long long>(template_counts[j]) * (counts[best] + 1) >
              static_cast<long long>(template_counts[best]) * (counts[j] + 1))
        best = j;
    }
    if (best == template_counts.size())
      throw std::invalid_argument("apportion_seats: the rota template has no shift with agents");
    ++counts[best];
  }
  return counts;
}

model::ScenarioSpec with_shift_counts(const model::ScenarioSpec& spec, const std::vector<int>& counts) {
  model::ScenarioSpec out = spec;
  auto& shifts = out.agent_groups.front().shifts;
  for (std::size_t j = 0; j < shifts.size(); ++j) shifts[j].count = counts[j];
  return out;
}

namespace {

struct PlannerRates {
  double shrinkage = 0.0;
  double annual_attrition = 0.0;
  double pipeline_share = 0.0;
};

PlannerRates planner_rates(const model::ScenarioSpec& spec, const HiringPlanOptions& options) {
  const model::WorkforceSpec& wf = *spec.workforce;
  PlannerRates rates;
  rates.shrinkage = options.planner_shrinkage.value_or(wf.absence.daily_probability);
  rates.annual_attrition = options.planner_annual_attrition.value_or(wf.attrition.annual_rate);
  // A seat that falls vacant is empty for the lead time and then off the phones in training.
  rates.pipeline_share = std::min(
      0.99, rates.annual_attrition * (wf.hiring.lead_time_days + wf.hiring.training_days) / kDaysPerYear);
  return rates;
}

// What the conventional planner predicts for a week with a rota: each weekday's intervals get
// the Erlang metrics of the agents the rota puts on the phones, kept after absence and the
// recruiting pipeline; a fractional agent interpolates linearly between the whole numbers
// around it. The week's KPIs weight intervals by their expected arrivals, as the simulated
// month's do.
class ErlangWeek {
 public:
  ErlangWeek(const model::ScenarioSpec& spec, std::span<const KpiTarget> targets, double keep)
      : workload_(workload_of(spec)),
        threshold_s_(spec.service_level_threshold_s),
        keep_(keep),
        shifts_(spec.agent_groups.front().shifts) {
    for (int d = 0; d < model::kDaysPerWeek; ++d)
      rates_per_s_.push_back(arrival_rates_per_hour(spec, static_cast<model::Weekday>(d)));
    for (auto& day : rates_per_s_)
      for (double& rate : day) rate /= 3600.0;
    for (const auto& shift : shifts_)
      cover_.push_back(coverage(ShiftPattern{shift.start_h, shift.length_h, shift.breaks}, spec.interval_minutes));
    for (const auto& t : targets) targets_.push_back(t);
  }

  /// The weekday and interval with demand that no shift with agents in `shape` reaches, if any.
  std::optional<std::pair<int, int>> uncovered(const std::vector<int>& shape) const {
    for (std::size_t d = 0; d < rates_per_s_.size(); ++d)
      for (std::size_t i = 0; i < rates_per_s_[d].size(); ++i)
        if (rates_per_s_[d][i] > 0.0 && on_phones(shape, d, i) <= 0.0)
          return std::pair{static_cast<int>(d), static_cast<int>(i)};
    return std::nullopt;
  }

  /// Whether the predicted week meets every target with this rota.
  bool meets_targets(const std::vector<int>& counts) const {
    double offered = 0.0;
    double answered_in_time = 0.0;
    double abandoned = 0.0;
    for (std::size_t d = 0; d < rates_per_s_.size(); ++d) {
      for (std::size_t i = 0; i < rates_per_s_[d].size(); ++i) {
        const double rate = rates_per_s_[d][i];
        if (rate <= 0.0) continue;
        const double agents = on_phones(counts, d, i) * keep_;
        const int below = static_cast<int>(std::floor(agents));
        const double above_share = agents - below;
        const Metrics low = metrics(rate, below);
        const Metrics high = metrics(rate, below + 1);
        offered += rate;
        answered_in_time += rate * ((1.0 - above_share) * low.service_level + above_share * high.service_level);
        abandoned += rate * ((1.0 - above_share) * low.abandon_rate + above_share * high.abandon_rate);
      }
    }
    if (offered <= 0.0) return true;
    return std::all_of(targets_.begin(), targets_.end(), [&](const KpiTarget& t) {
      if (t.kpi == Kpi::ServiceLevel) return answered_in_time / offered >= t.value;
      return abandoned / offered <= t.value;
    });
  }

 private:
  struct Metrics {
    double service_level = 0.0;
    double abandon_rate = 0.0;
  };

  double on_phones(const std::vector<int>& counts, std::size_t weekday, std::size_t interval) const {
    double total = 0.0;
    for (std::size_t j = 0; j < shifts_.size(); ++j)
      if (shifts_[j].weekdays[weekday]) total += counts[j] * cover_[j][interval];
    return total;
  }

  Metrics metrics(double rate_per_s, int agents) const {
    const double load = rate_per_s * workload_.mean_service_s;
    // Nobody answers: under Erlang A everyone abandons, under Erlang C the queue grows without
    // end; the same holds for Erlang C at or above 100% load.
    if (agents <= 0) return {0.0, workload_.model == analytic::QueueModel::ErlangC ? 0.0 : 1.0};
    if (workload_.model == analytic::QueueModel::ErlangC && agents <= load) return {0.0, 0.0};
    const analytic::QueueMetrics m = analytic::queue_metrics(workload_.model, rate_per_s, workload_.mean_service_s,
                                                             workload_.mean_patience_s, agents, threshold_s_);
    return {m.service_level, m.prob_abandon};
  }

  Workload workload_;
  double threshold_s_;
  double keep_;
  const std::vector<model::ShiftSpec>& shifts_;
  std::vector<std::vector<double>> rates_per_s_;
  std::vector<std::vector<double>> cover_;
  std::vector<KpiTarget> targets_;
};

int conventional_seats(const model::ScenarioSpec& spec, const HiringPlanOptions& options, const PlannerRates& rates) {
  const std::vector<int> shape = template_counts(spec);
  const ErlangWeek week(spec, options.targets, (1.0 - rates.shrinkage) * (1.0 - rates.pipeline_share));
  // An interval with demand that no shift reaches can never be staffed: say where, before any run.
  if (const auto gap = week.uncovered(shape))
    throw std::invalid_argument(fmt::format(
        "agents.groups.{}.shifts: contacts arrive on {} at {} but no shift of the rota covers that interval, so no "
        "number of hires can staff it",
        spec.agent_groups.front().name, model::to_string(static_cast<model::Weekday>(gap->first)),
        clock(gap->second, spec.interval_minutes)));
  // The prediction improves with every seat (D'Hondt never removes one from a shift): double,
  // then bisect.
  // Each guess is an Erlang evaluation of every interval of the week: long enough that a stop
  // must be seen between guesses, not only once the simulations start.
  const auto meets = [&](int seats) {
    if (options.stop && options.stop->load()) throw experiment::Cancelled();
    return week.meets_targets(apportion_seats(shape, seats));
  };
  int failing = 0;
  int passing = 1;
  while (!meets(passing)) {
    if (passing >= options.max_seats)
      throw std::domain_error(fmt::format(
          "the conventional plan needs more than the cap of {} seats (Erlang with shrinkage {:.3f} and a pipeline "
          "share of {:.3f})",
          options.max_seats, rates.shrinkage, rates.pipeline_share));
    failing = passing;
    passing = std::min(2 * passing, options.max_seats);
  }
  while (passing - failing > 1) {
    const int middle = failing + (passing - failing) / 2;
    (meets(middle) ? passing : failing) = middle;
  }
  return passing;
}

}  // namespace

int conventional_seats(const model::ScenarioSpec& spec, const HiringPlanOptions& options) {
  require_plannable(spec, options);
  return conventional_seats(spec, options, planner_rates(spec, options));
}

HiringPlan plan_hiring(const model::ScenarioSpec& spec, const HiringPlanOptions& options) {
  require_plannable(spec, options);
  const PlannerRates rates = planner_rates(spec, options);
  HiringPlan plan;
  plan.group = spec.agent_groups.front().name;
  plan.planner_shrinkage = rates.shrinkage;
  plan.planner_annual_attrition = rates.annual_attrition;
  plan.planner_pipeline_share = rates.pipeline_share;
  const int start = conventional_seats(spec, options, rates);
  plan.planner_hires_per_month = start * rates.annual_attrition * experiment::kDaysPerMonthBlock / kDaysPerYear;

  const std::vector<int> shape = template_counts(spec);
  experiment::ReplicationOptions run_options;
  run_options.seed = options.seed;
  run_options.replications = options.replications;
  run_options.threads = options.threads;
  run_options.stop = options.stop;
  run_options.detail = experiment::Detail::Day;
  std::map<int, PlanOutcome> simulated;
  const auto evaluate = [&](int seats) -> const PlanOutcome& {
    auto it = simulated.find(seats);
    if (it != simulated.end()) return it->second;
    ++plan.evaluations;
    plan.seats_tried.push_back(seats);
    std::vector<int> counts = apportion_seats(shape, seats);
    experiment::ExperimentResult result = experiment::run_replications(with_shift_counts(spec, counts), run_options);
    return simulated.emplace(seats, outcome_of(std::move(result), seats, std::move(counts), options, *spec.horizon.days))
        .first->second;
  };
  const auto passes = [&](int seats) { return evaluate(seats).failures.empty(); };

  // Bracket the least passing roster between a failing and a passing seat count, by steps that
  // double, then bisect.
  int failing = 0;  // 0 seats answer nothing: it fails whenever there is demand
  int passing = -1;
  if (passes(start)) {
    passing = start;
    for (int step = 1; passing - step >= 1; step *= 2) {
      if (!passes(passing - step)) {
        failing = passing - step;
        break;
      }
      passing -= step;
    }
  } else {
    failing = start;
    for (int step = 1;; step *= 2) {
      const int next = std::min(failing + step, options.max_seats);
      if (passes(next)) {
        passing = next;
        break;
      }
      if (next == options.max_seats)
        throw std::domain_error(fmt::format("no hiring plan up to the cap of {} seats meets every month's targets: {}",
                                            options.max_seats, evaluate(next).failures.front()));
      failing = next;
    }
  }
  while (passing - failing > 1) {
    const int middle = failing + (passing - failing) / 2;
    (passes(middle) ? passing : failing) = middle;
  }
  // A thin roster can cost more than a slightly fuller one (overtime, quits, rehiring and
  // training): go up while the next roster is cheaper over the same replications.
  for (int seats = passing; seats + 1 <= options.max_seats; ++seats) {
    if (!(evaluate(seats + 1).total_cost.mean < evaluate(seats).total_cost.mean)) break;
  }
  int best = -1;
  for (const auto& [seats, outcome] : simulated) {
    if (!outcome.failures.empty()) continue;
    if (best < 0 || outcome.total_cost.mean < simulated.at(best).total_cost.mean) best = seats;
  }
  plan.conventional = simulated.at(start);
  plan.optimised = simulated.at(best);
  const std::vector<double> optimised_costs = replication_costs(plan.optimised);
  const std::vector<double> conventional_costs = replication_costs(plan.conventional);
  std::vector<double> differences;
  for (std::size_t r = 0; r < optimised_costs.size(); ++r)
    differences.push_back(optimised_costs[r] - conventional_costs[r]);
  plan.cost_difference = stats::mean_ci(differences, 0.95);
  return plan;
}

}  // namespace txsim::staffing
