#include "txsim/model/workforce.hpp"

#include <algorithm>
#include <cmath>

#include "txsim/analytic/renewal.hpp"

namespace txsim::model {

double fatigue_after_work(double fatigue, double rate_per_s, double dt_s) noexcept {
  return 1.0 - (1.0 - fatigue) * std::exp(-rate_per_s * dt_s);
}

double fatigue_after_rest(double fatigue, double tau_s, double dt_s) noexcept {
  return fatigue * std::exp(-dt_s / tau_s);
}

// The simulation integrates fatigue at every agent state change, several times per contact:
// taking the integral from the two fatigues it has computed anyway saves an expm1 per change.
// The clamp keeps a span that starts at no fatigue from rounding to a negative area.
double fatigue_integral_work(double before, double after, double rate_per_s, double dt_s) noexcept {
  if (rate_per_s <= 0.0) return before * dt_s;
  if (rate_per_s < kDirectIntegralMinRate)
    return dt_s - (1.0 - before) * -std::expm1(-rate_per_s * dt_s) / rate_per_s;
  return std::max(0.0, dt_s - (after - before) / rate_per_s);
}

double fatigue_integral_rest(double before, double after, double tau_s) noexcept { return tau_s * (before - after); }

double effects_handle_time_multiplier(const EffectsSpec& effects, double fatigue, double waiting_per_available) noexcept {
  const double slowdown = effects.slowdown_per_fatigue * std::max(0.0, fatigue - effects.slowdown_fatigue_threshold);
  const double speedup = std::min(effects.max_speedup, effects.speedup_per_waiting_per_agent * waiting_per_available);
  return (1.0 + slowdown) * (1.0 - speedup);
}

double effects_resolution_multiplier(const EffectsSpec& effects, double fatigue) noexcept {
  return std::max(0.0, 1.0 - effects.resolution_loss_per_fatigue * fatigue);
}

namespace {
double learning_gap_left(const LearningSpec& learning, double days_on_phones) noexcept {
  return std::exp2(-std::max(0.0, days_on_phones) / learning.half_life_days);
}
}  // namespace

double learning_handle_time_multiplier(const LearningSpec& learning, double days_on_phones) noexcept {
  return 1.0 + (learning.initial_handle_time_multiplier - 1.0) * learning_gap_left(learning, days_on_phones);
}

double learning_resolution_multiplier(const LearningSpec& learning, double days_on_phones) noexcept {
  return 1.0 + (learning.initial_resolution_multiplier - 1.0) * learning_gap_left(learning, days_on_phones);
}

double absence_probability(const AbsenceSpec& absence, const EffectsSpec& effects, double strain) noexcept {
  const double p0 = absence.daily_probability;
  if (p0 <= 0.0) return 0.0;
  const double log_odds = std::log(p0 / (1.0 - p0)) + effects.absence_strain_coefficient * strain;
  return 1.0 / (1.0 + std::exp(-log_odds));
}

double quit_probability(const AttritionSpec& attrition, const EffectsSpec& effects, int tenure_days,
                        double strain) noexcept {
  const analytic::TenureHazard hazard{attrition.annual_rate, attrition.early_annual_rate, attrition.early_tenure_days};
  const double q0 = hazard.daily_quit_probability(tenure_days);
  // Proportional hazards: the survival of the day is raised to the hazard ratio.
  const double hazard_ratio = std::exp(effects.attrition_strain_coefficient * strain);
  return -std::expm1(hazard_ratio * std::log1p(-q0));
}

double strain_after_day(const StrainSpec& strain_spec, double strain, bool worked) noexcept {
  const double tau = worked ? strain_spec.work_day_recovery_days : strain_spec.rest_day_recovery_days;
  return strain * std::exp(-1.0 / tau);
}

double strain_from_stint(const StrainSpec& strain_spec, double residual_fatigue, double overtime_h) noexcept {
  return strain_spec.per_residual_fatigue * residual_fatigue + strain_spec.per_overtime_hour * overtime_h;
}

}  // namespace txsim::model
