#pragma once
// Survival analysis of right-censored durations: the Kaplan-Meier estimator and maximum-
// likelihood fits of exponential, Weibull, lognormal and piecewise-constant-hazard models.
//
// In a call log a caller's patience is observed only when the caller abandons; a caller who is
// answered after waiting w tells us only that patience exceeds w (right-censored). Ignoring the
// censored waits underestimates patience badly (Brown et al. 2005, JASA 100(469), section 5).
// Every fit here maximises the censored likelihood
//   L = prod_i f(t_i)^event_i * S(t_i)^(1 - event_i).
// Observations with time 0 carry no information (S(0) = 1) and are ignored by the fits.

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace txsim::stats {

/// One duration: `event` true when the end was observed (an abandonment), false when only a
/// lower bound is known (the caller was answered after waiting `time_s`).
struct SurvivalObservation {
  double time_s = 0.0;  ///< [s], >= 0
  bool event = false;
};

/// One step of the Kaplan-Meier curve, at a distinct event time.
struct KaplanMeierStep {
  double time_s = 0.0;         ///< event time [s]
  std::size_t at_risk = 0;     ///< observations with time >= time_s
  std::size_t events = 0;      ///< events at time_s
  double survival = 1.0;       ///< S(time_s), right-continuous
  double std_error = 0.0;      ///< Greenwood standard error of S(time_s)
};

/// The product-limit estimator S(t) = prod_{t_j <= t} (1 - d_j / n_j) with Greenwood's variance
/// (Kaplan and Meier 1958; Klein and Moeschberger 2003, section 4.2).
struct KaplanMeier {
  std::vector<KaplanMeierStep> steps;  ///< in increasing time
  double horizon_s = 0.0;              ///< largest observed time [s]
  /// Mean restricted to [0, horizon_s]: the area under S; a lower bound on the mean when the
  /// last observation is censored.
  double restricted_mean_s = 0.0;
  double restricted_mean_se_s = 0.0;   ///< its standard error (Klein and Moeschberger eq. 4.5.2)

  /// S(t) [0, 1]; 1 before the first event.
  [[nodiscard]] double survival_at(double t_s) const noexcept;
};

/// Throws std::invalid_argument when a time is negative or not finite.
[[nodiscard]] KaplanMeier kaplan_meier(std::span<const SurvivalObservation> observations);

enum class SurvivalModel { Exponential, Weibull, Lognormal, PiecewiseHazard };

/// "exponential", "weibull", "lognormal", "piecewise_hazard".
std::string_view to_string(SurvivalModel model) noexcept;

/// One fitted parameter with its asymptotic standard error (inverse observed information).
struct ParameterEstimate {
  std::string_view name;
  double value = 0.0;
  double std_error = 0.0;
};

/// A maximum-likelihood fit. Parameters, by model:
///   exponential      mean_s
///   weibull          shape k, scale_s            S(t) = exp(-(t / scale)^k)
///   lognormal        mu, sigma (of log seconds)  S(t) = 1 - Phi((log t - mu) / sigma)
///   piecewise_hazard hazard_per_s on [breakpoints_s[j], breakpoints_s[j+1]) (last piece open)
struct SurvivalFit {
  SurvivalModel model = SurvivalModel::Exponential;
  std::vector<ParameterEstimate> parameters;
  std::vector<double> breakpoints_s;  ///< piecewise_hazard only: starts of the pieces, first 0
  std::size_t observations = 0;       ///< observations with time > 0
  std::size_t events = 0;
  double log_likelihood = 0.0;
  int parameter_count = 0;
  double aic = 0.0;                   ///< 2 k - 2 log L (Akaike 1974)
  double mean_s = 0.0;                ///< mean of the fitted distribution [s]
  double mean_lo_s = 0.0;             ///< 95% interval of the mean (delta method on log mean)
  double mean_hi_s = 0.0;

  [[nodiscard]] double survival_at(double t_s) const noexcept;
  /// Smallest t with 1 - S(t) >= p, p in (0, 1).
  [[nodiscard]] double quantile(double p) const noexcept;
};

/// Each throws std::invalid_argument when there is no event with time > 0 (nothing to fit) or a
/// time is negative or not finite.
[[nodiscard]] SurvivalFit fit_exponential(std::span<const SurvivalObservation> observations);
[[nodiscard]] SurvivalFit fit_weibull(std::span<const SurvivalObservation> observations);
[[nodiscard]] SurvivalFit fit_lognormal(std::span<const SurvivalObservation> observations);
/// `breakpoints_s` start at 0 and increase; each piece's hazard is events / exposure in it (the
/// closed-form maximum), so every piece needs an event. Throws std::invalid_argument otherwise.
[[nodiscard]] SurvivalFit fit_piecewise_hazard(std::span<const SurvivalObservation> observations,
                                               std::span<const double> breakpoints_s);
/// Breakpoints at 0 and at the 1/pieces, ..., (pieces-1)/pieces quantiles of the event times,
/// so that each piece holds about the same number of events. pieces >= 1.
[[nodiscard]] std::vector<double> event_quantile_breakpoints(std::span<const SurvivalObservation> observations,
                                                             int pieces);

}  // namespace txsim::stats
