#pragma once
// Employee dynamics as plain data: fatigue within a shift, strain across days, their effects,
// unplanned absence, attrition, the hiring pipeline, the learning curve of new hires, and
// labour costs. A scenario without a `workforce` section keeps a fixed roster (no dynamics).
// Every field gives its unit, default and valid range; docs/MODEL.md section "Employee dynamics"
// gives equations and sources. Any effect can be switched off by setting its coefficient to 0.

#include <cstdint>

namespace txsim::model {

/// Acute fatigue F in [0, 1) (the exponential accumulation and recovery form of Jaber & Neumann
/// 2010): while working, 1 - F decays at rate `rate_per_hour` x load; while resting, F decays
/// with the recovery time constant of the kind of rest.
struct FatigueSpec {
  double rate_per_hour = 0.15;        ///< accumulation rate while talking on a contact of load 1 [1/h], >= 0
  double after_call_work_load = 0.5;  ///< load of wrap-up relative to talk, >= 0
  double back_to_back_gap_s = 5.0;    ///< a contact taken after less idle time than this is back-to-back [s], >= 0
  double back_to_back_factor = 1.25;  ///< load multiplier of a back-to-back contact, >= 1
  double idle_recovery_h = 1.5;       ///< recovery time constant while idle between contacts [h], > 0
  double break_recovery_h = 0.25;     ///< recovery time constant on a break [h], > 0
  double off_recovery_h = 3.0;        ///< recovery time constant off shift [h], > 0
};

/// Chronic strain S >= 0, updated once per day.
struct StrainSpec {
  double per_residual_fatigue = 0.25;  ///< strain added per unit of fatigue left at the end of a shift, >= 0
  double per_overtime_hour = 0.05;     ///< strain added per hour worked past the end of a shift, >= 0
  double work_day_recovery_days = 20.0;  ///< decay time constant on a day worked [days], > 0
  double rest_day_recovery_days = 5.0;   ///< decay time constant on a day off or absent [days], > 0
  double burnout_threshold = 1.0;        ///< strain counted as burnout in the reports, > 0
};

/// How fatigue, strain, queue pressure and inexperience act. 0 switches an effect off.
struct EffectsSpec {
  double slowdown_fatigue_threshold = 0.5;  ///< fatigue beyond which handle time grows, [0, 1]
  double slowdown_per_fatigue = 0.5;        ///< handle-time multiplier slope beyond the threshold, >= 0
  double speedup_per_waiting_per_agent = 0.05;  ///< handle-time reduction per waiting contact per available agent, >= 0
  double max_speedup = 0.1;                 ///< largest reduction from queue pressure, [0, 1)
  double resolution_loss_per_fatigue = 0.2; ///< resolution probability x (1 - this x F), [0, 1]
  double absence_strain_coefficient = 1.0;  ///< log-odds of absence added per unit of strain, >= 0
  double attrition_strain_coefficient = 0.7;  ///< log hazard ratio of quitting per unit of strain, >= 0
};

/// Unplanned absence: each scheduled day, an agent is absent with probability
/// logistic(logit(daily_probability) + absence_strain_coefficient x S).
struct AbsenceSpec {
  double daily_probability = 0.05;  ///< at zero strain, [0, 1)
};

/// Voluntary attrition: a daily quit hazard from annual rates, higher in early tenure.
struct AttritionSpec {
  double annual_rate = 0.30;        ///< quit probability over a year for agents past early tenure, [0, 1)
  double early_annual_rate = 0.70;  ///< the same, annualised, during the first early_tenure_days, [0, 1)
  double early_tenure_days = 90.0;  ///< length of early tenure [days], >= 0
};

enum class HiringMode : std::uint8_t {
  None,     ///< vacancies stay open
  Replace,  ///< a requisition opens the day a seat falls vacant
  Classes,  ///< requisitions for all open seats every class_interval_days
};

/// From requisition to a trained agent on the phones.
struct HiringSpec {
  HiringMode mode = HiringMode::Replace;
  double lead_time_days = 30.0;      ///< requisition to first day [days, rounded up], >= 0; the earliest start is the next day
  double no_show_probability = 0.1;  ///< accepted candidates who never start, [0, 1)
  double training_days = 28.0;       ///< calendar days in training, off the phones [days, rounded up], >= 0
  double class_interval_days = 28.0; ///< Classes mode: days between hiring classes, >= 1
};

/// New hires are slower and resolve less; the excess decays with days on the phones.
struct LearningSpec {
  double initial_handle_time_multiplier = 1.6;  ///< on the first day on the phones, >= 1
  double initial_resolution_multiplier = 0.85;  ///< on the first day on the phones, (0, 1]
  double half_life_days = 30.0;                 ///< days on the phones to halve the gap, > 0
};

struct CostSpec {
  double wage_per_hour = 22.0;           ///< per paid hour: shifts (breaks, overruns) and training [currency/h], >= 0
  double hiring_cost_per_hire = 4000.0;  ///< per agent who starts [currency], >= 0
  double training_cost_per_hire = 1500.0;  ///< trainers and material per agent who starts [currency], >= 0
  double training_hours_per_day = 8.0;   ///< paid hours per weekday (Monday-Friday) in training [h], [0, 24]
};

struct WorkforceSpec {
  FatigueSpec fatigue;
  StrainSpec strain;
  EffectsSpec effects;
  AbsenceSpec absence;
  AttritionSpec attrition;
  HiringSpec hiring;
  LearningSpec learning;
  CostSpec costs;
  /// Tenure of the initial agents: drawn from the steady-state tenure distribution that the
  /// attrition rates imply (true), or all at initial_tenure_days (false).
  bool steady_state_initial_tenure = true;
  double initial_tenure_days = 365.0;  ///< used when steady_state_initial_tenure is false, >= 0
  /// Recovery break taken after a hard contact [min], >= 0; 0 = none (recovery_breaks lever).
  double recovery_break_min = 0.0;
  /// A contact is hard when its emotional load (frustration included) reaches this, > 0.
  double hard_contact_load = 1.5;
};

// --- The mechanisms, as pure functions (unit-tested one by one; the simulation calls them).

/// Fatigue after `dt_s` of work at accumulation rate `rate_per_s`: 1 - (1 - f) exp(-rate dt).
double fatigue_after_work(double fatigue, double rate_per_s, double dt_s) noexcept;
/// Fatigue after `dt_s` of rest with recovery time constant `tau_s`: f exp(-dt / tau).
double fatigue_after_rest(double fatigue, double tau_s, double dt_s) noexcept;
/// Exact integral of fatigue [fatigue x s] over a span of `dt_s` of work that took fatigue from
/// `before` to `after` (= fatigue_after_work(before, rate_per_s, dt_s)). The work law
/// df/dt = rate (1 - f) integrates to dt - (after - before) / rate, which needs no exponential of
/// its own. At rates below kDirectIntegralMinRate the difference of the fatigues would be divided
/// by too small a number, and the closed form dt - (1 - before)(1 - e^{-rate dt}) / rate is used.
double fatigue_integral_work(double before, double after, double rate_per_s, double dt_s) noexcept;
/// Exact integral of fatigue over a span of rest that took fatigue from `before` to `after`
/// (= fatigue_after_rest(before, tau_s, dt)): the law df/dt = -f / tau integrates to
/// tau (before - after).
double fatigue_integral_rest(double before, double after, double tau_s) noexcept;
/// Work rate [1/s] from which fatigue_integral_work divides the change in fatigue by the rate:
/// the rounding of the fatigues (about 1e-16) then costs at most 1e-10 s per span.
inline constexpr double kDirectIntegralMinRate = 1e-6;

/// Handle-time multiplier from fatigue (slow-down beyond the threshold) and queue pressure
/// (speed-up with waiting contacts per available agent, capped), in the spirit of KC &
/// Terwiesch 2009.
double effects_handle_time_multiplier(const EffectsSpec& effects, double fatigue, double waiting_per_available) noexcept;
/// Resolution multiplier from fatigue: 1 - resolution_loss_per_fatigue x fatigue.
double effects_resolution_multiplier(const EffectsSpec& effects, double fatigue) noexcept;

/// Learning-curve multipliers after `days_on_phones` days on the phones:
/// 1 + (m0 - 1) 2^(-days / half_life).
double learning_handle_time_multiplier(const LearningSpec& learning, double days_on_phones) noexcept;
double learning_resolution_multiplier(const LearningSpec& learning, double days_on_phones) noexcept;

/// P(absent on a scheduled day) = logistic(logit(p0) + coefficient x strain).
double absence_probability(const AbsenceSpec& absence, const EffectsSpec& effects, double strain) noexcept;
/// P(quit at the end of a day) at the given tenure: the baseline daily hazard of the attrition
/// rates, multiplied by exp(coefficient x strain).
double quit_probability(const AttritionSpec& attrition, const EffectsSpec& effects, int tenure_days,
                        double strain) noexcept;
/// Strain after one day: decays with the work-day or rest-day time constant.
double strain_after_day(const StrainSpec& strain_spec, double strain, bool worked) noexcept;
/// Strain added when a stint ends with `residual_fatigue` after `overtime_h` past its end.
double strain_from_stint(const StrainSpec& strain_spec, double residual_fatigue, double overtime_h) noexcept;

}  // namespace txsim::model
