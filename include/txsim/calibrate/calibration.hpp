#pragma once
// Fitting a scenario to a call log: arrivals, handle times, patience, balking, redials,
// staffing and priorities, each with its uncertainty.
//
// Methods (docs/CALIBRATION.md gives the detail and the sources):
// - arrivals: mean count per weekday x interval over the days of that weekday; day totals are
//   negative binomial (a Gamma day-level busyness, Brown et al. 2005 section 4 and Jongbloed and
//   Koole 2001); days whose total is more than `outlier_z` standard deviations from their
//   weekday's mean, and intervals more than `burst_z` above theirs, are flagged and left out of
//   the means;
// - handle time: lognormal maximum likelihood per type (talk time only: logs do not record
//   after-call work), with the Kolmogorov-Smirnov distance;
// - patience: censored waits (an abandonment is an observed patience, an answered wait a lower
//   bound), Kaplan-Meier and four parametric fits chosen by AIC; an abandonment after a wait of
//   0 s is a balk;
// - redials: an abandoner of known id who calls again within `redial_window_s`;
// - staffing: agents seen serving per interval, and the share of their time on contacts.

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "txsim/calibrate/call_log.hpp"
#include "txsim/model/scenario.hpp"
#include "txsim/stats/distribution_fit.hpp"
#include "txsim/stats/survival.hpp"

namespace txsim::calibrate {

/// A point estimate with its 95% interval and the number of observations behind it.
struct Estimate {
  double value = 0.0;
  double lo = 0.0;
  double hi = 0.0;
  std::size_t n = 0;
};

enum class HandleTimeModel { Lognormal, Empirical };

struct CalibrateOptions {
  double interval_minutes = 60.0;   ///< arrival and staffing interval: 15, 30 or 60
  double outlier_z = 4.0;           ///< day-total flag threshold [standard deviations], > 0
  double burst_z = 6.0;             ///< interval-count flag threshold [standard deviations], > 0
  int patience_pieces = 6;          ///< pieces of the piecewise-constant hazard, >= 1
  /// Types with fewer observations than this get the pooled fit of all types in the scenario.
  std::size_t min_type_sample = 30;
  double redial_window_s = 3600.0;  ///< a call of the same customer this soon after abandoning is a redial
  HandleTimeModel handle_time_model = HandleTimeModel::Lognormal;
  /// Quantiles written for an empirical handle time or a piecewise-hazard patience, >= 10.
  int empirical_points = 200;
  /// Headcount written = round(staffing_scale x mean agents seen serving), in (0, 10]. The agents
  /// seen serving are not the agents logged in (docs/CALIBRATION.md, "Staffing"); a centre that
  /// knows its ratio of effective capacity to agents seen (the bank's log fits 0.65-0.70) says so here.
  double staffing_scale = 1.0;
  /// How the log ranks its priority numbers: true when a higher number is served first (the
  /// scenario's own convention), false when a lower number is.
  bool priority_higher_first = true;
  /// A type's queued contacts must carry one priority at least this often for the scenario to
  /// give the type that priority, in (0.5, 1].
  double priority_dominance = 0.9;
};

struct ArrivalCell {
  model::Weekday weekday = model::Weekday::Monday;
  int interval = 0;          ///< index within the day
  Estimate count;            ///< contacts per interval on such a day; n = days used
  double rate_per_hour = 0.0;
};

struct DayVolume {
  int day = 0;
  std::string date;
  model::Weekday weekday = model::Weekday::Monday;
  std::size_t count = 0;
  double expected = 0.0;     ///< mean of the other unflagged days of the same weekday
  double z = 0.0;            ///< (count - expected) / negative binomial sd
  std::string flag;          ///< "" (used), "low" (a holiday?) or "high": left out of the means
};

struct IntervalBurst {
  int day = 0;
  std::string date;
  int interval = 0;
  std::size_t count = 0;
  double expected = 0.0;
  double z = 0.0;
};

struct ArrivalFit {
  std::vector<ArrivalCell> cells;  ///< weekday-major, interval-minor, weekdays with data only
  std::vector<DayVolume> days;
  std::vector<IntervalBurst> bursts;
  Estimate daily_volume;           ///< first attempts on a day with weekday factor 1
  std::array<Estimate, model::kDaysPerWeek> day_of_week_factors{};
  std::array<std::size_t, model::kDaysPerWeek> days_per_weekday{};
  std::vector<double> intraday_profile;  ///< pooled over weekdays, sums to 1
  std::optional<stats::OverdispersionFit> busyness;
  double redial_share_of_arrivals = 0.0;  ///< removed from volumes: the scenario counts first attempts
};

struct TypeFit {
  std::string name;
  Estimate share;                             ///< of all contacts
  std::optional<stats::LognormalFit> handle;  ///< absent when too few talk times
  std::vector<double> handle_values_s;        ///< positive talk times (empirical option)
  double handle_sample_mean_s = 0.0;
  std::size_t queued = 0;                     ///< contacts that found all agents busy
  Estimate balk_share;                        ///< abandoned at 0 s / queued
  std::optional<stats::KaplanMeier> kaplan_meier;
  std::vector<stats::SurvivalFit> patience_fits;  ///< exponential, weibull, lognormal, piecewise
  std::size_t chosen_patience = 0;                 ///< index of the lowest AIC
  bool pooled_handle = false;                      ///< scenario uses the pooled fit (small sample)
  bool pooled_patience = false;
  std::map<int, std::size_t> priorities;           ///< priority -> queued contacts with it
};

struct RedialFit {
  std::size_t abandoners = 0;  ///< abandoned or blocked contacts with a customer id
  Estimate share;              ///< of those, called again within the window
  Estimate mean_delay_s;       ///< from giving up to calling again (within the window)
  double median_delay_s = 0.0;
};

struct StaffingCell {
  int interval = 0;
  std::size_t days = 0;         ///< days with an agent seen in the interval
  double agents_seen = 0.0;     ///< mean distinct agents serving
  double agents_talking = 0.0;  ///< mean talk seconds / interval seconds
  double talk_share = 0.0;      ///< agents_talking / agents_seen
  int headcount = 0;            ///< written to the scenario: round(staffing_scale x agents_seen)
};

struct Calibration {
  std::string file;
  std::size_t contacts = 0, answered = 0, abandoned = 0, blocked = 0;
  int days = 0;
  std::string first_date;
  model::Weekday first_weekday = model::Weekday::Monday;
  CalibrateOptions options;
  ArrivalFit arrivals;
  std::vector<TypeFit> types;
  TypeFit pooled;  ///< all types together
  std::optional<RedialFit> redials;
  std::vector<StaffingCell> staffing;
  std::vector<RowProblem> problems;
  std::vector<std::string> notes;  ///< plain statements of what the log cannot say
};

/// Throws std::invalid_argument when the options are out of range.
[[nodiscard]] Calibration calibrate(const CallLog& log, const CalibrateOptions& options = {});

/// The fitted scenario, and a comment per fitted key path giving n and the 95% interval.
struct CalibratedScenario {
  model::ScenarioSpec spec;
  std::map<std::string, std::string> comments;
};
[[nodiscard]] CalibratedScenario to_scenario(const Calibration& calibration, const std::string& name);

}  // namespace txsim::calibrate
