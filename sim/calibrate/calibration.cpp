#include "txsim/calibrate/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <unordered_set>

#include <fmt/format.h>

#include "txsim/stats/confidence.hpp"

namespace txsim::calibrate {
namespace {

constexpr double kZ95 = 1.959963984540054;
constexpr double kSecondsPerDay = 86400.0;

// Wilson score interval of a proportion (Wilson 1927): well behaved near 0 and 1.
Estimate proportion(std::size_t successes, std::size_t trials) {
  if (trials == 0) return {0.0, 0.0, 1.0, 0};
  const auto n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = kZ95 * kZ95;
  const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const double half = kZ95 * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
  return {p, std::max(0.0, centre - half), std::min(1.0, centre + half), trials};
}

// Mean of a few day-level values with a t interval; a single day gets a Poisson interval.
Estimate mean_of_days(const std::vector<double>& values) {
  if (values.empty()) return {};
  const double mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
  if (values.size() == 1) {
    const double half = kZ95 * std::sqrt(mean);
    return {mean, std::max(0.0, mean - half), mean + half, 1};
  }
  const auto ci = stats::mean_ci(values);
  return {mean, std::max(0.0, ci.lo), ci.hi, values.size()};
}

double negative_binomial_sd(double mean, double shape) {
  return std::sqrt(std::max(mean, 1.0) + (std::isfinite(shape) && shape > 0 ? mean * mean / shape : 0.0));
}

void fit_patience(TypeFit& fit, const std::vector<stats::SurvivalObservation>& obs, int pieces) {
  std::size_t events = 0;
  for (const auto& o : obs) events += o.event && o.time_s > 0 ? 1 : 0;
  if (obs.empty()) return;
  fit.kaplan_meier = stats::kaplan_meier(obs);
  if (events == 0) return;
  fit.patience_fits.push_back(stats::fit_exponential(obs));
  if (events >= 2) {
    fit.patience_fits.push_back(stats::fit_weibull(obs));
    fit.patience_fits.push_back(stats::fit_lognormal(obs));
    const auto b = stats::event_quantile_breakpoints(obs, pieces);
    fit.patience_fits.push_back(stats::fit_piecewise_hazard(obs, b));
  }
  fit.chosen_patience = 0;
  for (std::size_t i = 1; i < fit.patience_fits.size(); ++i)
    if (fit.patience_fits[i].aic < fit.patience_fits[fit.chosen_patience].aic) fit.chosen_patience = i;
}

TypeFit fit_type(const std::string& name, const std::vector<const CallRecord*>& calls, std::size_t all_contacts,
                 const CalibrateOptions& options) {
  TypeFit fit;
  fit.name = name;
  fit.share = proportion(calls.size(), all_contacts);
  std::vector<stats::SurvivalObservation> obs;
  std::size_t balked = 0;
  for (const CallRecord* r : calls) {
    if (r->outcome == Outcome::Answered && r->service_s > 0.0) fit.handle_values_s.push_back(r->service_s);
    if (r->outcome == Outcome::Blocked) continue;
    const bool queued = r->outcome == Outcome::Abandoned || r->wait_s > 0.0;
    if (!queued) continue;
    ++fit.queued;
    if (r->priority != kNone) ++fit.priorities[r->priority];
    if (r->outcome == Outcome::Abandoned && r->wait_s <= 0.0) {
      ++balked;
      continue;
    }
    obs.push_back({r->wait_s, r->outcome == Outcome::Abandoned});
  }
  fit.balk_share = proportion(balked, fit.queued);
  if (!fit.handle_values_s.empty())
    fit.handle_sample_mean_s = std::accumulate(fit.handle_values_s.begin(), fit.handle_values_s.end(), 0.0) /
                               static_cast<double>(fit.handle_values_s.size());
  if (fit.handle_values_s.size() >= 2) {
    const bool varied = std::any_of(fit.handle_values_s.begin(), fit.handle_values_s.end(),
                                    [&](double v) { return v != fit.handle_values_s.front(); });
    if (varied) fit.handle = stats::fit_lognormal(fit.handle_values_s);
  }
  fit_patience(fit, obs, options.patience_pieces);
  return fit;
}

}  // namespace

Calibration calibrate(const CallLog& log, const CalibrateOptions& options) {
  if (options.interval_minutes != 15.0 && options.interval_minutes != 30.0 && options.interval_minutes != 60.0)
    throw std::invalid_argument(fmt::format("interval: expected 15, 30 or 60 minutes, found {}", options.interval_minutes));
  if (!(options.outlier_z > 0) || !(options.burst_z > 0) || options.patience_pieces < 1 || options.empirical_points < 10 ||
      !(options.redial_window_s > 0) || !(options.staffing_scale > 0 && options.staffing_scale <= 10) ||
      !(options.priority_dominance > 0.5 && options.priority_dominance <= 1))
    throw std::invalid_argument("calibrate: options out of range (outlier_z, burst_z, redial window > 0; pieces >= 1; "
                                "empirical points >= 10; staffing scale in (0, 10]; priority dominance in (0.5, 1])");
  Calibration c;
  c.file = log.file;
  c.options = options;
  c.days = log.days;
  c.first_date = log.first_date;
  c.first_weekday = log.first_weekday;
  c.problems = log.problems;
  c.contacts = log.calls.size();
  for (const auto& r : log.calls) {
    c.answered += r.outcome == Outcome::Answered ? 1 : 0;
    c.abandoned += r.outcome == Outcome::Abandoned ? 1 : 0;
    c.blocked += r.outcome == Outcome::Blocked ? 1 : 0;
  }

  // --- redials (before arrivals: the scenario's volumes count first attempts)
  std::size_t redial_calls = 0;
  if (log.has_customers) {
    std::vector<const CallRecord*> known;
    for (const auto& r : log.calls)
      if (r.customer != kNone) known.push_back(&r);
    std::sort(known.begin(), known.end(), [](const CallRecord* a, const CallRecord* b) {
      return a->customer != b->customer ? a->customer < b->customer : a->arrival_s < b->arrival_s;
    });
    RedialFit redial;
    std::vector<double> delays;
    for (std::size_t i = 0; i < known.size(); ++i) {
      const CallRecord& r = *known[i];
      if (r.outcome == Outcome::Answered) continue;
      ++redial.abandoners;
      const double gave_up = r.arrival_s + r.wait_s;
      if (i + 1 < known.size() && known[i + 1]->customer == r.customer) {
        const double delay = known[i + 1]->arrival_s - gave_up;
        if (delay >= 0.0 && delay <= options.redial_window_s) delays.push_back(delay);
      }
    }
    redial_calls = delays.size();
    redial.share = proportion(delays.size(), redial.abandoners);
    if (!delays.empty()) {
      redial.mean_delay_s = mean_of_days(delays);
      std::sort(delays.begin(), delays.end());
      redial.median_delay_s = delays[delays.size() / 2];
    }
    c.redials = redial;
  }

  // --- arrivals
  const double interval_s = options.interval_minutes * 60.0;
  const int per_day = static_cast<int>(std::lround(1440.0 / options.interval_minutes));
  const auto days = static_cast<std::size_t>(log.days);
  std::vector<std::vector<double>> counts(days, std::vector<double>(static_cast<std::size_t>(per_day), 0.0));
  for (const auto& r : log.calls) {
    const auto day = static_cast<std::size_t>(r.day());
    const auto interval = std::min(per_day - 1, static_cast<int>((r.arrival_s - static_cast<double>(day) * kSecondsPerDay) / interval_s));
    counts[day][static_cast<std::size_t>(interval)] += 1.0;
  }
  ArrivalFit& a = c.arrivals;
  std::vector<double> totals(days);
  for (std::size_t d = 0; d < days; ++d) {
    totals[d] = std::accumulate(counts[d].begin(), counts[d].end(), 0.0);
    const auto w = log.weekday(static_cast<int>(d));
    a.days.push_back({static_cast<int>(d), "", w, static_cast<std::size_t>(totals[d]), 0, 0, ""});
    ++a.days_per_weekday[static_cast<std::size_t>(w)];
  }
  {
    std::int64_t first_day = 0;
    double unused = 0.0;
    parse_timestamp(log.first_date + " 00:00:00", first_day, unused);
    for (auto& day : a.days) day.date = format_timestamp(first_day + day.day, 0.0).substr(0, 10);
  }
  const auto weekday_index = [&](std::size_t d) { return static_cast<int>(log.weekday(static_cast<int>(d))); };
  // Flag outlying days, refit the busyness without them, until the flags settle.
  std::vector<bool> flagged(days, false);
  double shape = std::numeric_limits<double>::infinity();
  for (int round = 0; round < 5; ++round) {
    std::vector<double> used_counts;
    std::vector<int> used_groups;
    for (std::size_t d = 0; d < days; ++d) {
      if (flagged[d]) continue;
      used_counts.push_back(totals[d]);
      used_groups.push_back(weekday_index(d));
    }
    try {
      a.busyness = stats::fit_overdispersion(used_counts, used_groups);
      shape = a.busyness->shape_ml;
    } catch (const std::invalid_argument&) {
      a.busyness.reset();  // fewer than two days of any weekday: no day-level spread to measure
    }
    bool changed = false;
    for (std::size_t d = 0; d < days; ++d) {
      double sum = 0.0;
      int k = 0;
      for (std::size_t e = 0; e < days; ++e)
        if (e != d && !flagged[e] && weekday_index(e) == weekday_index(d)) sum += totals[e], ++k;
      if (k == 0) continue;
      const double expected = sum / k;
      const double z = (totals[d] - expected) / negative_binomial_sd(expected, shape);
      a.days[d].expected = expected;
      a.days[d].z = z;
      const bool out = std::abs(z) > options.outlier_z;
      if (out != flagged[d]) flagged[d] = out, changed = true;
      a.days[d].flag = out ? (z < 0 ? "low" : "high") : "";
    }
    if (!changed) break;
  }
  // Interval bursts on unflagged days.
  std::vector<std::vector<bool>> burst(days, std::vector<bool>(static_cast<std::size_t>(per_day), false));
  for (std::size_t d = 0; d < days; ++d) {
    if (flagged[d]) continue;
    for (int i = 0; i < per_day; ++i) {
      const auto ii = static_cast<std::size_t>(i);
      double sum = 0.0;
      int k = 0;
      for (std::size_t e = 0; e < days; ++e)
        if (e != d && !flagged[e] && weekday_index(e) == weekday_index(d)) sum += counts[e][ii], ++k;
      if (k == 0) continue;
      const double expected = sum / k;
      const double z = (counts[d][ii] - expected) / negative_binomial_sd(expected, shape);
      if (z > options.burst_z) {
        burst[d][ii] = true;
        a.bursts.push_back({static_cast<int>(d), a.days[d].date, i, static_cast<std::size_t>(counts[d][ii]), expected, z});
      }
    }
  }
  std::array<double, model::kDaysPerWeek> weekday_volume{};
  std::vector<double> pooled_profile(static_cast<std::size_t>(per_day), 0.0);
  for (int w = 0; w < model::kDaysPerWeek; ++w) {
    if (a.days_per_weekday[static_cast<std::size_t>(w)] == 0) continue;
    for (int i = 0; i < per_day; ++i) {
      std::vector<double> values;
      for (std::size_t d = 0; d < days; ++d)
        if (weekday_index(d) == w && !flagged[d] && !burst[d][static_cast<std::size_t>(i)])
          values.push_back(counts[d][static_cast<std::size_t>(i)]);
      if (values.empty()) continue;
      const Estimate e = mean_of_days(values);
      a.cells.push_back({static_cast<model::Weekday>(w), i, e, e.value * 3600.0 / interval_s});
      weekday_volume[static_cast<std::size_t>(w)] += e.value;
      pooled_profile[static_cast<std::size_t>(i)] += e.value;
    }
  }
  // Volumes of first attempts: identified redials are taken out in proportion.
  a.redial_share_of_arrivals = c.contacts > 0 ? static_cast<double>(redial_calls) / static_cast<double>(c.contacts) : 0.0;
  const double first_attempt_factor = 1.0 - a.redial_share_of_arrivals;
  int weekdays_seen = 0;
  double volume_sum = 0.0;
  for (int w = 0; w < model::kDaysPerWeek; ++w) {
    if (a.days_per_weekday[static_cast<std::size_t>(w)] == 0) continue;
    ++weekdays_seen;
    volume_sum += weekday_volume[static_cast<std::size_t>(w)];
  }
  const double reference = weekdays_seen > 0 ? volume_sum / weekdays_seen : 0.0;
  // Model-based variances: a weekday's mean day volume over k days has variance
  // (V + V^2 / a) / k under the negative binomial (Poisson when a is infinite), which works with
  // a single day per weekday, where a sample variance would not exist.
  std::array<double, model::kDaysPerWeek> volume_var{};
  double reference_var = 0.0;
  for (int w = 0; w < model::kDaysPerWeek; ++w) {
    const auto wi = static_cast<std::size_t>(w);
    std::size_t used = 0;
    for (std::size_t d = 0; d < days; ++d) used += weekday_index(d) == w && !flagged[d] ? 1 : 0;
    if (used == 0) continue;
    const double sd = negative_binomial_sd(weekday_volume[wi], shape);
    volume_var[wi] = sd * sd / static_cast<double>(used);
    reference_var += volume_var[wi] / (static_cast<double>(weekdays_seen) * weekdays_seen);
  }
  std::size_t days_used = 0;
  for (std::size_t d = 0; d < days; ++d) days_used += flagged[d] ? 0 : 1;
  for (int w = 0; w < model::kDaysPerWeek; ++w) {
    const auto wi = static_cast<std::size_t>(w);
    if (a.days_per_weekday[wi] == 0 || reference <= 0) {
      a.day_of_week_factors[wi] = {1.0, 1.0, 1.0, 0};  // not in the log: n = 0 says so
      continue;
    }
    if (weekday_volume[wi] <= 0) {
      a.day_of_week_factors[wi] = {0.0, 0.0, 0.0, a.days_per_weekday[wi]};  // closed on this weekday
      continue;
    }
    const double factor = weekday_volume[wi] / reference;
    const double log_se = std::sqrt(volume_var[wi] / (weekday_volume[wi] * weekday_volume[wi]) +
                                    reference_var / (reference * reference));
    a.day_of_week_factors[wi] = {factor, factor * std::exp(-kZ95 * log_se), factor * std::exp(kZ95 * log_se),
                                 a.days_per_weekday[wi]};
  }
  const double half = kZ95 * std::sqrt(reference_var);
  a.daily_volume = {reference * first_attempt_factor, std::max(0.0, reference - half) * first_attempt_factor,
                    (reference + half) * first_attempt_factor, days_used};
  if (volume_sum > 0)
    for (double& p : pooled_profile) p /= volume_sum;
  a.intraday_profile = pooled_profile;

  // --- types
  std::vector<std::vector<const CallRecord*>> by_type(std::max<std::size_t>(1, log.types.size()));
  std::vector<const CallRecord*> all;
  for (const auto& r : log.calls) {
    by_type[static_cast<std::size_t>(r.type)].push_back(&r);
    all.push_back(&r);
  }
  const std::vector<std::string> names = log.types.empty() ? std::vector<std::string>{"all"} : log.types;
  c.pooled = fit_type("all", all, c.contacts, options);
  for (std::size_t t = 0; t < names.size(); ++t) {
    TypeFit fit = fit_type(names[t], by_type[t], c.contacts, options);
    fit.pooled_handle = !fit.handle || fit.handle->n < options.min_type_sample;
    std::size_t events = 0;
    if (!fit.patience_fits.empty()) events = fit.patience_fits[0].events;
    fit.pooled_patience = events < options.min_type_sample;
    c.types.push_back(std::move(fit));
  }

  // --- staffing: agents seen serving and their talk time, per day x interval
  if (log.has_agents) {
    const std::size_t cells = days * static_cast<std::size_t>(per_day);
    std::vector<std::vector<std::int32_t>> seen(cells);
    std::vector<double> talk(cells, 0.0);
    for (const auto& r : log.calls) {
      if (r.outcome != Outcome::Answered || r.agent == kNone || r.service_start_s < 0.0 || r.service_s < 0.0) continue;
      const double start = r.service_start_s, end = r.service_start_s + r.service_s;
      for (auto k = static_cast<std::size_t>(start / interval_s); k < cells; ++k) {
        const double lo = static_cast<double>(k) * interval_s, hi = lo + interval_s;
        if (lo > end || (lo == end && r.service_s > 0)) break;
        seen[k].push_back(r.agent);
        talk[k] += std::max(0.0, std::min(end, hi) - std::max(start, lo));
      }
    }
    for (int i = 0; i < per_day; ++i) {
      StaffingCell cell;
      cell.interval = i;
      double agents = 0.0, talking = 0.0;
      for (std::size_t d = 0; d < days; ++d) {
        auto& s = seen[d * static_cast<std::size_t>(per_day) + static_cast<std::size_t>(i)];
        std::sort(s.begin(), s.end());
        s.erase(std::unique(s.begin(), s.end()), s.end());
        if (s.empty()) continue;
        ++cell.days;
        agents += static_cast<double>(s.size());
        talking += talk[d * static_cast<std::size_t>(per_day) + static_cast<std::size_t>(i)] / interval_s;
      }
      if (cell.days > 0) {
        cell.agents_seen = agents / static_cast<double>(cell.days);
        cell.agents_talking = talking / static_cast<double>(cell.days);
        cell.talk_share = cell.agents_talking / cell.agents_seen;
        cell.headcount = static_cast<int>(std::lround(options.staffing_scale * cell.agents_seen));
      }
      c.staffing.push_back(cell);
    }
  }

  c.notes.push_back("Handle time is talk time only: call logs do not record after-call work, so the scenario's "
                    "after_call_work is 0 s. Add the centre's wrap-up time by hand.");
  c.notes.push_back(fmt::format(
      "Staffing rule: headcount per interval = round({}mean number of distinct agents seen serving in that "
      "interval, over the days on which any agent served then). The log does not say who was logged in; "
      "agents who were available but idle are missed, and agents who served only part of an interval "
      "count whole. talk_share shows how much of the counted agent time was talk.",
      options.staffing_scale == 1.0 ? std::string() : fmt::format("{:g} x ", options.staffing_scale)));
  c.notes.push_back("The scenario has one intraday profile for all weekdays, scaled by day-of-week factors; the "
                    "per-weekday profiles are in arrivals.csv.");
  if (!log.has_customers) c.notes.push_back("No customer ids: redials cannot be identified; the scenario has none.");
  return c;
}

}  // namespace txsim::calibrate
