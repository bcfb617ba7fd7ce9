#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "txsim/calibrate/calibration.hpp"
#include "txsim/experiment/study.hpp"
#include "txsim/io/check.hpp"

namespace txsim::calibrate {
namespace {

std::string interval_comment(const Estimate& e, std::string_view what, int precision = 4) {
  return fmt::format("{}; n={}, 95% CI [{:.{}g}, {:.{}g}]", what, e.n, e.lo, precision, e.hi, precision);
}

// Evenly spaced quantiles (i + 1/2) / points of a fitted patience: the empirical distribution
// that reproduces a piecewise-constant hazard, which the scenario cannot state directly.
std::vector<double> quantile_points(const stats::SurvivalFit& fit, int points) {
  std::vector<double> values;
  for (int i = 0; i < points; ++i) values.push_back(fit.quantile((i + 0.5) / points));
  return values;
}

std::vector<double> handle_quantile_points(std::vector<double> values, int points) {
  std::sort(values.begin(), values.end());
  std::vector<double> out;
  for (int i = 0; i < points; ++i) {
    const auto k = static_cast<std::size_t>((i + 0.5) / points * static_cast<double>(values.size()));
    out.push_back(values[std::min(k, values.size() - 1)]);
  }
  return out;
}

rng::Distribution patience_distribution(const stats::SurvivalFit& f, int points) {
  switch (f.model) {
    case stats::SurvivalModel::Exponential: return rng::Distribution::exponential(f.mean_s);
    case stats::SurvivalModel::Weibull: return rng::Distribution::weibull(f.mean_s, f.parameters[0].value);
    case stats::SurvivalModel::Lognormal:
      return rng::Distribution::lognormal(f.mean_s, std::sqrt(std::expm1(f.parameters[1].value * f.parameters[1].value)));
    case stats::SurvivalModel::PiecewiseHazard: return rng::Distribution::empirical(quantile_points(f, points));
  }
  return rng::Distribution::none();
}

// A scenario gives each type one priority; the log gives each contact one. A type whose queued
// contacts nearly all carry one priority gets it (mapped to the scenario's higher-first order);
// a mixed type keeps the default, and the comment says how to model the classes instead.
// Returns the comment for the type's priority; nullopt when the log has no priorities.
std::optional<std::string> set_priority(model::ContactTypeSpec& type, const TypeFit& fit, const CalibrateOptions& options) {
  if (fit.priorities.empty()) return std::nullopt;
  std::size_t total = 0;
  auto dominant = fit.priorities.begin();
  for (auto it = fit.priorities.begin(); it != fit.priorities.end(); ++it) {
    total += it->second;
    if (it->second > dominant->second) dominant = it;
  }
  const double share = static_cast<double>(dominant->second) / static_cast<double>(total);
  if (share >= options.priority_dominance) {
    type.priority = options.priority_higher_first ? dominant->first : -dominant->first;
    return fmt::format("log priority {} on {} of n={} queued contacts ({:.1f}%){}", dominant->first, dominant->second,
                       total, 100.0 * share,
                       options.priority_higher_first ? "" : "; negated, since the log serves lower numbers first");
  }
  std::vector<std::string> counts;
  for (const auto& [priority, n] : fit.priorities) counts.push_back(fmt::format("{}: {}", priority, n));
  return fmt::format("mixed priorities among n={} queued contacts ({}): a type has one priority, so it stays 0; "
                     "calibrate with --columns type=priority to make each priority class a type",
                     total, fmt::join(counts, ", "));
}

}  // namespace

CalibratedScenario to_scenario(const Calibration& c, const std::string& name) {
  CalibratedScenario out;
  model::ScenarioSpec& s = out.spec;
  auto& comments = out.comments;
  s.name = name;
  s.description = fmt::format("Calibrated from {}: {} contacts over {} days from {}", c.file, c.contacts, c.days,
                              c.first_date);
  s.interval_minutes = c.options.interval_minutes;
  s.horizon.days = static_cast<double>(c.days);
  s.horizon.start_weekday = c.first_weekday;

  const ArrivalFit& a = c.arrivals;
  s.demand.daily_volume = a.daily_volume.value;
  comments["demand.daily_volume"] =
      interval_comment(a.daily_volume, fmt::format("first attempts on a factor-1 day ({:.1f}% identified redials removed)",
                                                   100.0 * a.redial_share_of_arrivals));
  s.demand.intraday_profile = a.intraday_profile;
  comments["demand.intraday_profile"] = "share of a day's contacts per interval, pooled over weekdays (arrivals.csv has each weekday)";
  for (int w = 0; w < model::kDaysPerWeek; ++w) {
    const auto& e = a.day_of_week_factors[static_cast<std::size_t>(w)];
    s.demand.day_of_week_factors[static_cast<std::size_t>(w)] = e.value;
    comments[fmt::format("demand.day_of_week_factors.{}", model::to_string(static_cast<model::Weekday>(w)))] =
        e.n == 0 ? "no such day in the log: assumed 1" : interval_comment(e, "day volume / mean day volume", 3);
  }
  if (a.busyness && std::isfinite(a.busyness->shape_ml)) {
    s.demand.busyness_shape = a.busyness->shape_ml;
    comments["demand.busyness_shape"] =
        fmt::format("Gamma day-level busyness, maximum likelihood; n={} days, 95% CI [{:.3g}, {}], moments {:.3g}",
                    a.busyness->n, a.busyness->shape_lo,
                    std::isfinite(a.busyness->shape_hi) ? fmt::format("{:.3g}", a.busyness->shape_hi) : "Poisson",
                    a.busyness->shape_moments);
  } else {
    s.demand.busyness_shape = 0.0;
    comments["demand.busyness_shape"] = a.busyness ? fmt::format("no overdispersion found over {} days (Poisson)", a.busyness->n)
                                                   : "too few days of a weekday to measure day-level overdispersion";
  }

  double share_sum = 0.0;
  for (const auto& t : c.types) share_sum += t.share.value;
  for (const auto& t : c.types) {
    model::ContactTypeSpec type;
    type.name = t.name;
    const std::string key = "contact_types." + t.name;
    type.share = t.share.value / share_sum;
    comments[key + ".share"] = interval_comment(t.share, "share of contacts");
    const TypeFit& handle_source = t.pooled_handle ? c.pooled : t;
    const std::string pooled_note = t.pooled_handle ? fmt::format(" (pooled over all types: only {} talk times of this type)", t.handle_values_s.size()) : "";
    if (c.options.handle_time_model == HandleTimeModel::Empirical && !handle_source.handle_values_s.empty()) {
      type.handle_time = rng::Distribution::empirical(handle_quantile_points(handle_source.handle_values_s, c.options.empirical_points));
      comments[key + ".handle_time"] = fmt::format("empirical talk time, {} quantiles of n={}{}", c.options.empirical_points,
                                                   handle_source.handle_values_s.size(), pooled_note);
    } else if (handle_source.handle) {
      const auto& h = *handle_source.handle;
      type.handle_time = rng::Distribution::lognormal(h.mean, h.cv);
      comments[key + ".handle_time"] =
          fmt::format("lognormal talk time by maximum likelihood; n={}, mean 95% CI [{:.4g}, {:.4g}], cv [{:.3g}, {:.3g}], "
                      "KS distance {:.3f}{}",
                      h.n, h.mean_lo, h.mean_hi, h.cv_lo, h.cv_hi, h.ks_distance, pooled_note);
    } else {
      comments[key + ".handle_time"] = "no talk times in the log: the schema default, an assumption";
    }
    type.after_call_work = rng::Distribution::deterministic(0.0);
    comments[key + ".after_call_work"] = "not recorded in the log (talk time only): add the centre's wrap-up time";
    type.patience = rng::Distribution::none();
    comments[key + ".patience"] = "no abandonment after a wait in the log: callers never give up";
    type.balk_probability = t.balk_share.value;
    comments[key + ".balk_probability"] = interval_comment(t.balk_share, "abandoned at 0 s among contacts that queued");
    if (c.redials && c.redials->abandoners > 0) {
      type.redial_probability = std::min(c.redials->share.value, 0.99);
      type.redial_delay = rng::Distribution::exponential(std::max(1.0, c.redials->mean_delay_s.value));
      comments[key + ".redial"] =
          fmt::format("all types; {} of n={} abandoners called again within {:.0f} s (95% CI [{:.3g}, {:.3g}]); mean delay "
                      "{:.4g} s [{:.4g}, {:.4g}]",
                      static_cast<std::size_t>(std::lround(c.redials->share.value * static_cast<double>(c.redials->abandoners))),
                      c.redials->abandoners, c.options.redial_window_s, c.redials->share.lo, c.redials->share.hi,
                      c.redials->mean_delay_s.value, c.redials->mean_delay_s.lo, c.redials->mean_delay_s.hi);
    }
    if (auto note = set_priority(type, t, c.options)) comments[key + ".priority"] = std::move(*note);
    s.contact_types.push_back(std::move(type));
  }

  model::AgentGroupSpec group;
  group.name = "agents";
  const bool agents_seen = std::any_of(c.staffing.begin(), c.staffing.end(), [](const StaffingCell& cell) { return cell.headcount > 0; });
  if (agents_seen) {
    for (const auto& cell : c.staffing) group.headcount.push_back(cell.headcount);
    comments["agents.groups.agents.headcount"] =
        "round(mean distinct agents seen serving per interval); see staffing.csv for days and talk share";
  } else {
    group.headcount = {1};
    comments["agents.groups.agents.headcount"] = "no agent seen serving in the log (agent ids or service starts missing): 1 agent, an assumption to edit";
  }
  s.agent_groups.push_back(std::move(group));

  // The schema bounds some parameters (a lognormal's cv, a Weibull's shape). Each type gets the
  // patience fit with the lowest AIC that the schema accepts, and a lognormal talk time the
  // schema rejects gives way to the empirical one; the comments say so.
  const auto has_error = [&](const std::string& prefix) {
    experiment::StudySpec study;
    study.centre = s;
    const auto issues = io::check(study).errors;
    return std::any_of(issues.begin(), issues.end(), [&](const model::SpecIssue& i) { return i.key_path.starts_with(prefix); });
  };
  for (std::size_t t = 0; t < c.types.size(); ++t) {
    const TypeFit& fit = c.types[t];
    model::ContactTypeSpec& type = s.contact_types[t];
    const std::string key = "contact_types." + fit.name;
    const TypeFit& handle_source = fit.pooled_handle ? c.pooled : fit;
    if (has_error(key + ".handle_time.") && !handle_source.handle_values_s.empty()) {
      type.handle_time = rng::Distribution::empirical(handle_quantile_points(handle_source.handle_values_s, c.options.empirical_points));
      comments[key + ".handle_time"] = fmt::format("empirical talk time, {} quantiles of n={}: the lognormal fit (cv {:.3g}) is "
                                                   "outside the schema's range",
                                                   c.options.empirical_points, handle_source.handle_values_s.size(),
                                                   handle_source.handle ? handle_source.handle->cv : 0.0);
    }
    const TypeFit& source = fit.pooled_patience ? c.pooled : fit;
    std::vector<std::size_t> order(source.patience_fits.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(),
              [&](std::size_t i, std::size_t j) { return source.patience_fits[i].aic < source.patience_fits[j].aic; });
    std::vector<std::string> rejected;
    for (const std::size_t k : order) {
      const stats::SurvivalFit& f = source.patience_fits[k];
      type.patience = patience_distribution(f, c.options.empirical_points);
      if (has_error(key + ".patience.")) {
        rejected.push_back(fmt::format("{} (AIC {:.1f})", stats::to_string(f.model), f.aic));
        continue;
      }
      comments[key + ".patience"] = fmt::format(
          "{} ({} of 4 censored fits{}{}); n={} waits, {} abandonments; mean {:.4g} s, 95% CI [{:.4g}, {:.4g}]{}",
          stats::to_string(f.model), rejected.empty() ? "lowest AIC" : "lowest AIC the schema accepts",
          rejected.empty() ? "" : fmt::format("; {} outside its ranges", fmt::join(rejected, ", ")),
          f.model == stats::SurvivalModel::PiecewiseHazard ? "; written as its quantiles" : "", f.observations, f.events,
          f.mean_s, f.mean_lo_s, f.mean_hi_s,
          fit.pooled_patience ? " (pooled over all types: too few abandonments of this type)" : "");
      break;
    }
  }
  return out;
}

}  // namespace txsim::calibrate
