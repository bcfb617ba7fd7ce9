#include "txsim/stats/survival.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include <boost/math/distributions/normal.hpp>

#include "detail/optimise.hpp"

namespace txsim::stats {
namespace {

constexpr double kZ95 = 1.959963984540054;

void check_times(std::span<const SurvivalObservation> observations) {
  for (std::size_t i = 0; i < observations.size(); ++i) {
    const double t = observations[i].time_s;
    if (!(t >= 0.0) || !std::isfinite(t))
      throw std::invalid_argument("survival observation " + std::to_string(i) + ": time " + std::to_string(t) +
                                  " s is not a finite non-negative number");
  }
}

// Observations with time > 0 and their event count; at least one event is required.
struct Informative {
  std::vector<SurvivalObservation> obs;
  std::size_t events = 0;
  double total_time = 0.0;
};

Informative informative(std::span<const SurvivalObservation> observations, const char* what) {
  check_times(observations);
  Informative r;
  for (const auto& o : observations) {
    if (o.time_s <= 0.0) continue;
    r.obs.push_back(o);
    r.events += o.event ? 1 : 0;
    r.total_time += o.time_s;
  }
  if (r.events == 0)
    throw std::invalid_argument(std::string(what) + ": no event with a positive time among " +
                                std::to_string(observations.size()) + " observations; nothing to fit");
  return r;
}

// log of the standard normal upper tail, accurate far into the tail where erfc underflows.
double log_normal_tail(double z) {
  if (z < 30.0) return std::log(0.5 * std::erfc(z / std::sqrt(2.0)));
  return -0.5 * z * z - std::log(z * std::sqrt(2.0 * M_PI)) + std::log1p(-1.0 / (z * z));
}

void finish(SurvivalFit& fit, double log_mean, double log_mean_se) {
  fit.aic = 2.0 * fit.parameter_count - 2.0 * fit.log_likelihood;
  fit.mean_s = std::exp(log_mean);
  fit.mean_lo_s = std::exp(log_mean - kZ95 * log_mean_se);
  fit.mean_hi_s = std::exp(log_mean + kZ95 * log_mean_se);
}

double piecewise_cumulative_hazard(const std::vector<double>& b, const std::vector<ParameterEstimate>& h, double t) {
  double cumulative = 0.0;
  for (std::size_t j = 0; j < b.size() && t > b[j]; ++j) {
    const double end = j + 1 < b.size() ? std::min(t, b[j + 1]) : t;
    cumulative += h[j].value * (end - b[j]);
  }
  return cumulative;
}

double piecewise_mean(const std::vector<double>& b, const std::vector<double>& hazards) {
  double mean = 0.0, survival = 1.0;
  for (std::size_t j = 0; j < b.size(); ++j) {
    if (j + 1 == b.size()) {
      mean += survival / hazards[j];
    } else {
      const double length = b[j + 1] - b[j];
      mean += survival * -std::expm1(-hazards[j] * length) / hazards[j];
      survival *= std::exp(-hazards[j] * length);
    }
  }
  return mean;
}

}  // namespace

std::string_view to_string(SurvivalModel model) noexcept {
  switch (model) {
    case SurvivalModel::Exponential: return "exponential";
    case SurvivalModel::Weibull: return "weibull";
    case SurvivalModel::Lognormal: return "lognormal";
    case SurvivalModel::PiecewiseHazard: return "piecewise_hazard";
  }
  return "?";
}

double KaplanMeier::survival_at(double t_s) const noexcept {
  double s = 1.0;
  for (const auto& step : steps) {
    if (step.time_s > t_s) break;
    s = step.survival;
  }
  return s;
}

KaplanMeier kaplan_meier(std::span<const SurvivalObservation> observations) {
  check_times(observations);
  std::vector<SurvivalObservation> sorted(observations.begin(), observations.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.time_s < b.time_s; });
  KaplanMeier km;
  if (sorted.empty()) return km;
  km.horizon_s = sorted.back().time_s;
  double survival = 1.0, greenwood = 0.0;
  std::vector<double> greenwood_terms;
  std::size_t i = 0;
  while (i < sorted.size()) {
    const double t = sorted[i].time_s;
    const std::size_t at_risk = sorted.size() - i;
    std::size_t events = 0;
    for (; i < sorted.size() && sorted[i].time_s == t; ++i) events += sorted[i].event ? 1 : 0;
    if (events == 0) continue;
    const auto n = static_cast<double>(at_risk), d = static_cast<double>(events);
    survival *= 1.0 - d / n;
    const double term = at_risk > events ? d / (n * (n - d)) : 0.0;
    greenwood += term;
    greenwood_terms.push_back(term);
    km.steps.push_back({t, at_risk, events, survival, survival * std::sqrt(greenwood)});
  }
  // Area under the step curve up to the horizon, and the areas A_j beyond each event time.
  const std::size_t m = km.steps.size();
  std::vector<double> area_after(m + 1, 0.0);
  for (std::size_t j = m; j-- > 0;) {
    const double next = j + 1 < m ? km.steps[j + 1].time_s : km.horizon_s;
    area_after[j] = area_after[j + 1] + km.steps[j].survival * (next - km.steps[j].time_s);
  }
  km.restricted_mean_s = (m > 0 ? km.steps[0].time_s : km.horizon_s) + area_after[0];
  double var = 0.0;
  for (std::size_t j = 0; j < m; ++j) var += area_after[j] * area_after[j] * greenwood_terms[j];
  km.restricted_mean_se_s = std::sqrt(var);
  return km;
}

double SurvivalFit::survival_at(double t_s) const noexcept {
  if (t_s <= 0.0) return 1.0;
  switch (model) {
    case SurvivalModel::Exponential: return std::exp(-t_s / parameters[0].value);
    case SurvivalModel::Weibull: return std::exp(-std::pow(t_s / parameters[1].value, parameters[0].value));
    case SurvivalModel::Lognormal:
      return 0.5 * std::erfc((std::log(t_s) - parameters[0].value) / parameters[1].value / std::sqrt(2.0));
    case SurvivalModel::PiecewiseHazard: return std::exp(-piecewise_cumulative_hazard(breakpoints_s, parameters, t_s));
  }
  return 1.0;
}

double SurvivalFit::quantile(double p) const noexcept {
  const double target = -std::log1p(-p);  // cumulative hazard at the quantile
  switch (model) {
    case SurvivalModel::Exponential: return parameters[0].value * target;
    case SurvivalModel::Weibull: return parameters[1].value * std::pow(target, 1.0 / parameters[0].value);
    case SurvivalModel::Lognormal: {
      const boost::math::normal unit;
      return std::exp(parameters[0].value + parameters[1].value * boost::math::quantile(unit, p));
    }
    case SurvivalModel::PiecewiseHazard: {
      double cumulative = 0.0;
      for (std::size_t j = 0; j < breakpoints_s.size(); ++j) {
        const double h = parameters[j].value;
        const double length =
            j + 1 < breakpoints_s.size() ? breakpoints_s[j + 1] - breakpoints_s[j] : std::numeric_limits<double>::infinity();
        if (cumulative + h * length >= target) return breakpoints_s[j] + (target - cumulative) / h;
        cumulative += h * length;
      }
      return std::numeric_limits<double>::infinity();
    }
  }
  return 0.0;
}

SurvivalFit fit_exponential(std::span<const SurvivalObservation> observations) {
  const Informative data = informative(observations, "fit_exponential");
  const auto d = static_cast<double>(data.events);
  const double mean = data.total_time / d;
  SurvivalFit fit;
  fit.model = SurvivalModel::Exponential;
  fit.observations = data.obs.size();
  fit.events = data.events;
  fit.parameter_count = 1;
  fit.parameters = {{"mean_s", mean, mean / std::sqrt(d)}};
  fit.log_likelihood = -d * std::log(mean) - data.total_time / mean;
  finish(fit, std::log(mean), 1.0 / std::sqrt(d));
  return fit;
}

SurvivalFit fit_weibull(std::span<const SurvivalObservation> observations) {
  const Informative data = informative(observations, "fit_weibull");
  double sum_log_event_times = 0.0;
  for (const auto& o : data.obs) sum_log_event_times += o.event ? std::log(o.time_s) : 0.0;
  const auto d = static_cast<double>(data.events);
  // theta = (log k, log scale).
  const auto log_likelihood = [&](const detail::Point2& theta) {
    const double k = std::exp(theta[0]), log_scale = theta[1];
    double sum_power = 0.0;
    for (const auto& o : data.obs) sum_power += std::exp(k * (std::log(o.time_s) - log_scale));
    return d * (theta[0] - log_scale) + (k - 1.0) * (sum_log_event_times - d * log_scale) - sum_power;
  };
  const detail::Point2 start{0.0, std::log(data.total_time / d)};
  const detail::Point2 best = detail::maximise_nelder_mead(log_likelihood, start, {0.3, 0.3});
  const auto cov = detail::inverse_observed_information(log_likelihood, best);
  const auto log_mean = [](const detail::Point2& th) { return th[1] + std::lgamma(1.0 + std::exp(-th[0])); };
  SurvivalFit fit;
  fit.model = SurvivalModel::Weibull;
  fit.observations = data.obs.size();
  fit.events = data.events;
  fit.parameter_count = 2;
  const double k = std::exp(best[0]), scale = std::exp(best[1]);
  fit.parameters = {{"shape", k, k * std::sqrt(cov[0][0])}, {"scale_s", scale, scale * std::sqrt(cov[1][1])}};
  fit.log_likelihood = log_likelihood(best);
  finish(fit, log_mean(best), detail::delta_method_se(log_mean, best, cov));
  return fit;
}

SurvivalFit fit_lognormal(std::span<const SurvivalObservation> observations) {
  const Informative data = informative(observations, "fit_lognormal");
  std::vector<double> log_times(data.obs.size());
  double mean_log = 0.0, mean_sq = 0.0;
  for (std::size_t i = 0; i < data.obs.size(); ++i) {
    log_times[i] = std::log(data.obs[i].time_s);
    mean_log += log_times[i];
    mean_sq += log_times[i] * log_times[i];
  }
  const auto n = static_cast<double>(data.obs.size());
  mean_log /= n;
  const double sd_log = std::sqrt(std::max(1e-6, mean_sq / n - mean_log * mean_log));
  // theta = (mu, log sigma).
  const auto log_likelihood = [&](const detail::Point2& theta) {
    const double mu = theta[0], sigma = std::exp(theta[1]);
    double ll = 0.0;
    for (std::size_t i = 0; i < data.obs.size(); ++i) {
      const double z = (log_times[i] - mu) / sigma;
      ll += data.obs[i].event ? -0.5 * z * z - theta[1] - log_times[i] - 0.5 * std::log(2.0 * M_PI)
                              : log_normal_tail(z);
    }
    return ll;
  };
  const detail::Point2 best =
      detail::maximise_nelder_mead(log_likelihood, {mean_log + sd_log, std::log(sd_log)}, {0.5, 0.3});
  const auto cov = detail::inverse_observed_information(log_likelihood, best);
  const auto log_mean = [](const detail::Point2& th) { return th[0] + 0.5 * std::exp(2.0 * th[1]); };
  SurvivalFit fit;
  fit.model = SurvivalModel::Lognormal;
  fit.observations = data.obs.size();
  fit.events = data.events;
  fit.parameter_count = 2;
  const double sigma = std::exp(best[1]);
  fit.parameters = {{"mu", best[0], std::sqrt(cov[0][0])}, {"sigma", sigma, sigma * std::sqrt(cov[1][1])}};
  fit.log_likelihood = log_likelihood(best);
  finish(fit, log_mean(best), detail::delta_method_se(log_mean, best, cov));
  return fit;
}

SurvivalFit fit_piecewise_hazard(std::span<const SurvivalObservation> observations,
                                 std::span<const double> breakpoints_s) {
  const Informative data = informative(observations, "fit_piecewise_hazard");
  if (breakpoints_s.empty() || breakpoints_s[0] != 0.0)
    throw std::invalid_argument("fit_piecewise_hazard: breakpoints must start at 0");
  for (std::size_t j = 1; j < breakpoints_s.size(); ++j)
    if (!(breakpoints_s[j] > breakpoints_s[j - 1]))
      throw std::invalid_argument("fit_piecewise_hazard: breakpoints must increase");
  const std::vector<double> b(breakpoints_s.begin(), breakpoints_s.end());
  const std::size_t pieces = b.size();
  std::vector<double> events(pieces, 0.0), exposure(pieces, 0.0);
  for (const auto& o : data.obs) {
    for (std::size_t j = 0; j < pieces && o.time_s > b[j]; ++j) {
      const bool last = j + 1 == pieces;
      exposure[j] += (last ? o.time_s : std::min(o.time_s, b[j + 1])) - b[j];
      if (o.event && (last || o.time_s <= b[j + 1])) events[j] += 1.0;
    }
  }
  SurvivalFit fit;
  fit.model = SurvivalModel::PiecewiseHazard;
  fit.observations = data.obs.size();
  fit.events = data.events;
  fit.parameter_count = static_cast<int>(pieces);
  fit.breakpoints_s = b;
  std::vector<double> hazards(pieces);
  for (std::size_t j = 0; j < pieces; ++j) {
    if (events[j] == 0.0)
      throw std::invalid_argument("fit_piecewise_hazard: no event in the piece starting at " + std::to_string(b[j]) +
                                  " s; use fewer pieces");
    hazards[j] = events[j] / exposure[j];
    fit.parameters.push_back({"hazard_per_s", hazards[j], hazards[j] / std::sqrt(events[j])});
    fit.log_likelihood += events[j] * (std::log(hazards[j]) - 1.0);
  }
  // log h_j are asymptotically independent with variance 1 / D_j: delta method on log mean.
  const double log_mean = std::log(piecewise_mean(b, hazards));
  double var = 0.0;
  for (std::size_t j = 0; j < pieces; ++j) {
    const double step = 1e-6;
    std::vector<double> up = hazards, down = hazards;
    up[j] *= std::exp(step);
    down[j] *= std::exp(-step);
    const double gradient = (std::log(piecewise_mean(b, up)) - std::log(piecewise_mean(b, down))) / (2 * step);
    var += gradient * gradient / events[j];
  }
  finish(fit, log_mean, std::sqrt(var));
  return fit;
}

std::vector<double> event_quantile_breakpoints(std::span<const SurvivalObservation> observations, int pieces) {
  if (pieces < 1) throw std::invalid_argument("event_quantile_breakpoints: pieces must be >= 1");
  check_times(observations);
  std::vector<double> times;
  for (const auto& o : observations)
    if (o.event && o.time_s > 0.0) times.push_back(o.time_s);
  std::sort(times.begin(), times.end());
  std::vector<double> breakpoints{0.0};
  if (times.empty()) return breakpoints;
  for (int k = 1; k < pieces; ++k) {
    const auto index = static_cast<std::size_t>(static_cast<double>(k) / pieces * static_cast<double>(times.size()));
    const double q = times[std::min(index, times.size() - 1)];
    if (q > breakpoints.back() && q < times.back()) breakpoints.push_back(q);
  }
  return breakpoints;
}

}  // namespace txsim::stats
