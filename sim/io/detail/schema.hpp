#pragma once
// The scenario schema, described once. Every key of a scenario file is one `Field` below: its
// key, unit, meaning, valid range, the source of its default and that source's evidence grade.
// The `describe` functions list the fields of each spec struct, in file order, to a visitor;
// every visitor (YAML reader, YAML writer, range checker, key-path setter and getter, parameter
// reference) walks the same description, so a key exists in exactly one place. Defaults are the
// member initialisers of the spec structs; cross-field rules are code, in model::validate,
// policy::validate_policies and score::validate_scorecard.
//
// A visitor V provides:
//   value(field, x)              x: double, int, std::uint64_t, bool, std::string, or std::optional of one
//   choice(field, e, names)      an enum stored by index into `names`
//   distribution(field, d, none_allowed)
//   list(field, xs)              std::vector<double> or std::vector<std::string>; field.range applies to each
//   headcount(field, xs)         a count for the whole day, or a list of counts per interval
//   weekdays(field, days)        a list of weekday names
//   group(field, fn)             a nested map of fields, visited by fn()
//   section(field, opt)          an optional nested struct (present = switched on)
//   named(field, items, noun)    a map from user-chosen names to structs, in file order
//   records(field, items)        a list of structs

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>

#include "txsim/experiment/study.hpp"

namespace txsim::io::detail {

/// How much a default value rests on: the grades of a literature review.
enum class Grade : std::uint8_t {
  Input,               ///< the centre's own data (volumes, staffing, handle times): no default is evidence
  PeerReviewed,        ///< a peer-reviewed study
  MetaAnalysis,        ///< a meta-analysis or systematic review
  Survey,              ///< a survey run by academics
  OfficialStatistics,  ///< official statistics
  VendorClaim,         ///< a vendor, consultant or analyst figure nobody outside can check
  Assumption,          ///< a plausible value chosen for the model
  Definition,          ///< a modelling or reporting choice, not an empirical quantity
};
inline constexpr std::array<std::string_view, 8> kGradeNames{
    "input", "peer_reviewed", "meta_analysis", "survey", "official_statistics", "vendor_claim", "assumption", "definition"};
[[nodiscard]] constexpr std::string_view to_string(Grade grade) noexcept {
  return kGradeNames[static_cast<std::size_t>(grade)];
}

inline constexpr double kInf = std::numeric_limits<double>::infinity();

/// The valid values of a number: an interval, open or closed at each end, or a set.
struct Range {
  double lo = -kInf;
  double hi = kInf;
  bool lo_open = false;
  bool hi_open = false;
  std::span<const double> one_of{};  ///< when not empty, exactly these values

  [[nodiscard]] bool contains(double x) const noexcept {
    if (!std::isfinite(x)) return false;
    if (!one_of.empty()) {
      for (double v : one_of)
        if (x == v) return true;
      return false;
    }
    return (lo_open ? x > lo : x >= lo) && (hi_open ? x < hi : x <= hi);
  }
};

inline constexpr Range kAny{};
inline constexpr Range at_least(double lo) { return {lo, kInf, false, false, {}}; }
inline constexpr Range above(double lo) { return {lo, kInf, true, false, {}}; }
inline constexpr Range closed(double lo, double hi) { return {lo, hi, false, false, {}}; }
inline constexpr Range half_open(double lo, double hi) { return {lo, hi, false, true, {}}; }  ///< [lo, hi)
inline constexpr Range open_closed(double lo, double hi) { return {lo, hi, true, false, {}}; }  ///< (lo, hi]
inline constexpr Range kProbability = closed(0, 1);
inline constexpr Range kProbabilityBelow1 = half_open(0, 1);  ///< leaves room for the complement (logit, rates)
inline constexpr Range kNonNegative = at_least(0);
inline constexpr Range kPositive = above(0);

// Scale limits: each keeps the arithmetic finite and a run's memory and time bounded (about
// 220 bytes per agent; per-day results for each day of the horizon). docs/MODEL.md section 15.
inline constexpr double kMaxAgentsPerEntry = 100'000;
inline constexpr double kMaxHorizonDays = 36'600;  ///< 100 years
inline constexpr double kMaxDurationS = 1e7;       ///< about 116 days: any duration parameter
inline constexpr double kMaxDays = 3'650;          ///< delays and lead times [days]
inline constexpr double kMaxContactsPerHour = 1e7;
inline constexpr double kMaxContactsPerDay = 1e8;
inline constexpr double kMaxArrivals = 1e11;
inline constexpr double kMaxCv = 5;
inline constexpr double kMinWeibullShape = 0.2;
inline constexpr double kMaxWeibullShape = 20;
inline constexpr double kMaxCoefficient = 1e3;  ///< effect sizes, loads and utilities
inline constexpr double kMaxMoney = 1e9;        ///< any single currency amount

inline constexpr std::array<double, 3> kIntervalMinutes{15, 30, 60};

struct Field {
  std::string_view key = {};
  std::string_view unit = {};
  std::string_view meaning = {};
  Range range = kAny;
  std::string_view source = "assumption";
  Grade grade = Grade::Assumption;
  bool required = false;
};

/// The maps from user-chosen names to entries. Their entries share the fate of a sum or
/// uniqueness check (knock-on suppression in Context), and `--set` creates a missing entry only
/// where a new name is plausible (`creatable`: a new policy or segment, never a misspelt type).
struct NamedCollection {
  std::string_view key_path;
  std::string_view noun;
  bool creatable;
};
inline constexpr std::array<NamedCollection, 4> kNamedCollections{
    NamedCollection{"contact_types", "contact type", false}, NamedCollection{"agents.groups", "agent group", false},
    NamedCollection{"customers.channels.segments", "customer segment", true}, NamedCollection{"policies", "policy", true}};

inline constexpr std::array<std::string_view, model::kDaysPerWeek> kWeekdayNames{
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
inline constexpr std::array<std::string_view, 3> kHiringModeNames{"none", "replace", "classes"};  // HiringMode order
inline constexpr std::array<std::string_view, 3> kChannelModeNames{"none", "forced", "choice"};   // ChannelMode order

// --- The centre ---------------------------------------------------------------------------------

template <class V>
void describe(V& v, model::HorizonSpec& s) {
  v.value(Field{"days", "days", "length of the run; exactly one of days, hours, arrivals",
                open_closed(0, kMaxHorizonDays), "", Grade::Input},
          s.days);
  v.value(Field{"hours", "h", "length of the run", open_closed(0, kMaxHorizonDays * 24), "", Grade::Input}, s.hours);
  v.value(Field{"arrivals", "first attempts",
                "stop after this many first attempts (all types, warm-up included), then drain; no workforce",
                closed(1, kMaxArrivals), "", Grade::Input},
          s.arrivals);
  v.value(Field{"warmup_hours", "h", "excluded from statistics; below the horizon for days and hours",
                closed(0, kMaxHorizonDays * 24), "", Grade::Definition},
          s.warmup_hours);
  v.choice(Field{"start_weekday", "weekday", "weekday of day 0", kAny, "", Grade::Input}, s.start_weekday,
           kWeekdayNames);
}

template <class V>
void describe(V& v, model::DemandSpec& s) {
  v.value(Field{"rate_per_hour", "contacts/h",
                "constant total arrival rate; excludes daily_volume, intraday_profile, busyness_shape and factors != 1",
                open_closed(0, kMaxContactsPerHour), "", Grade::Input},
          s.rate_per_hour);
  v.value(Field{"daily_volume", "contacts/day",
                "contacts on a day with factor 1 before busyness; 0 = not given (exactly one of rate_per_hour, "
                "daily_volume)",
                closed(0, kMaxContactsPerDay), "", Grade::Input},
          s.daily_volume);
  v.list(Field{"intraday_profile", "relative weight per interval",
               "one weight per interval of the day, positive sum, normalised; empty = flat over 24 h", kNonNegative,
               "shape: late-morning peak of published intraday curves (Gans, Koole & Mandelbaum 2003; Brown et al. "
               "2005); weights: the centre's",
               Grade::Input},
         s.intraday_profile);
  v.group(Field{"day_of_week_factors", "factor", "volume multiplier per weekday (not normalised); not all 0"}, [&] {
    for (std::size_t day = 0; day < kWeekdayNames.size(); ++day)
      v.value(Field{kWeekdayNames[day], "factor", "volume multiplier of this weekday", closed(0, 1e3), "", Grade::Input},
              s.day_of_week_factors[day]);
  });
  v.value(Field{"busyness_shape", "Gamma shape a",
                "day-level busyness multiplier Gamma(a, 1/a), cv 1/sqrt(a); 0 = none", closed(0, 1e9),
                "form: Avramidis, Deslauriers & L'Ecuyer 2004; overdispersion: Jongbloed & Koole 2001; value: the "
                "centre's",
                Grade::PeerReviewed},
          s.busyness_shape);
}

template <class V>
void describe(V& v, model::ContactTypeSpec& s) {
  v.value(Field{"share", "fraction of demand", "share of demand; shares of all types sum to 1", kProbability, "",
                Grade::Input},
          s.share);
  v.value(Field{"priority", "-", "higher is served first; ties go to the longest-waiting contact", closed(-1e6, 1e6),
                "", Grade::Input},
          s.priority);
  v.distribution(Field{"handle_time", "s", "talk time", kAny, "lognormal form: Brown et al. 2005; values: the centre's",
                       Grade::Input},
                 s.handle_time, false);
  v.distribution(Field{"after_call_work", "s", "wrap-up after talk", kAny, "", Grade::Input}, s.after_call_work, false);
  v.distribution(Field{"patience", "s", "time a caller waits before abandoning; none = never abandons", kAny,
                       "exponential as in Erlang A (Palm 1943; Garnett, Mandelbaum & Reiman 2002); real hazards are "
                       "not monotone (Brown et al. 2005)",
                       Grade::Input},
                 s.patience, true);
  v.value(Field{"balk_probability", "probability", "leave at once when every agent is busy", kProbability}, s.balk_probability);
  v.group(Field{"redial", "map", "retries of abandoned, balked or blocked attempts"}, [&] {
    v.value(Field{"probability", "probability per failed attempt", "try again after a failed attempt",
                  kProbabilityBelow1,
                  "phenomenon: Hoffman & Harris 1986, Aguir et al. 2004; about 33% of abandoners retry (Response "
                  "Design, vendor); value: assumption",
                  Grade::VendorClaim},
            s.redial_probability);
    v.distribution(Field{"delay", "s", "time to the retry"}, s.redial_delay, false);
  });
  v.value(Field{"emotional_load", "load relative to an average contact", "fatigue load of talking to this type",
                closed(0, kMaxCoefficient)},
          s.emotional_load);
  v.value(Field{"resolution_probability", "probability", "a proficient, rested agent resolves the issue on this contact",
                kProbability,
                "industry first-contact resolution about 70% (SQM Group benchmark, vendor); value: assumption",
                Grade::VendorClaim},
          s.resolution_probability);
  v.value(Field{"complexity", "share", "how much the issue needs judgement rather than a script (scripting lever)",
                kProbability},
          s.complexity);
  v.value(Field{"avoidable_share", "share of demand", "share of this type's first contacts that fixing its root cause would remove",
                kProbability,
                "avoidable pool 26% of contacts (Price & Jaffe 2008, vendor); value: assumption", Grade::VendorClaim},
          s.avoidable_share);
  v.value(Field{"demand_removed_share", "share of first contacts",
                "first contacts removed; set by the root_cause_fix lever, at most avoidable_share", kProbability, "",
                Grade::Definition},
          s.demand_removed_share);
  v.value(Field{"digital_eligible_share", "share of issues", "issues that self-service can handle", kProbability,
                "service leaders estimate 20-40% of live volume (Gartner 2020, vendor); value: assumption",
                Grade::VendorClaim},
          s.digital_eligible_share);
  v.value(Field{"digital_success_probability", "probability", "a self-service attempt resolves an eligible issue",
                kProbability,
                "9% of customers fully resolve in self-service although 70% try it (Gartner 2019, vendor); value: "
                "assumption",
                Grade::VendorClaim},
          s.digital_success_probability);
  v.value(Field{"digital_cost", "currency per transaction", "cost of a self-service transaction", closed(0, kMaxMoney),
                "self-service about 0.10 against 8.01 per live contact (Gartner 2019, vendor); value: assumption",
                Grade::VendorClaim},
          s.digital_cost);
  v.value(Field{"digital_time_s", "s", "time spent in self-service before giving up on it", closed(0, kMaxDurationS)},
          s.digital_time_s);
}

template <class V>
void describe(V& v, model::BreakSpec& s) {
  v.value(Field{"start_after_h", "h after shift start", "within the shift, after the end of the previous break",
                half_open(0, 24), "", Grade::Input},
          s.start_after_h);
  v.value(Field{"duration_min", "min", "ends within the shift", open_closed(0, 24 * 60), "", Grade::Input}, s.duration_min);
}

template <class V>
void describe(V& v, model::ShiftSpec& s) {
  v.value(Field{"start_h", "h of day", "start time", half_open(0, 24), "", Grade::Input}, s.start_h);
  v.value(Field{"length_h", "h, breaks included", "paid length", open_closed(0, 24), "", Grade::Input}, s.length_h);
  v.value(Field{"count", "agents (seats)", "agents on this shift", closed(0, kMaxAgentsPerEntry), "", Grade::Input}, s.count);
  v.weekdays(Field{"weekdays", "weekday names", "days worked; a list, not a range", kAny, "", Grade::Input}, s.weekdays);
  v.records(Field{"breaks", "list", "breaks within the shift, non-overlapping", kAny, "", Grade::Input}, s.breaks);
}

template <class V>
void describe(V& v, model::AgentGroupSpec& s) {
  v.list(Field{"skills", "contact type names", "types served; empty = all", kAny, "", Grade::Input}, s.skills);
  v.headcount(Field{"headcount", "agents (seats)",
                    "for the whole day, or one per interval; exactly one of headcount, shifts",
                    closed(0, kMaxAgentsPerEntry), "", Grade::Input},
              s.headcount);
  v.records(Field{"shifts", "list", "shift patterns; exactly one of headcount, shifts", kAny, "", Grade::Input}, s.shifts);
  v.value(Field{"handle_time_multiplier", "factor", "scales handle time and wrap-up of the group", open_closed(0, 100),
                "", Grade::Input},
          s.handle_time_multiplier);
  v.value(Field{"handle_time_multiplier_cv", "-", "per-agent lognormal spread of the multiplier", closed(0, kMaxCv)},
          s.handle_time_multiplier_cv);
}

// --- Employee dynamics --------------------------------------------------------------------------

template <class V>
void describe(V& v, model::WorkforceSpec& s) {
  constexpr std::string_view kJaberNeumann = "form: Jaber & Neumann 2010 (exponential accumulation and recovery); value: assumption";
  v.group(Field{"fatigue", "map", "acute fatigue within a shift (MODEL.md section 6)"}, [&] {
    model::FatigueSpec& f = s.fatigue;
    v.value(Field{"rate_per_hour", "1/h at load 1", "accumulation rate while talking", closed(0, kMaxCoefficient), kJaberNeumann},
            f.rate_per_hour);
    v.value(Field{"after_call_work_load", "load relative to talk", "load of wrap-up", closed(0, kMaxCoefficient)},
            f.after_call_work_load);
    v.value(Field{"back_to_back_gap_s", "s", "a contact taken after less idle time is back-to-back",
                  closed(0, kMaxDurationS)},
            f.back_to_back_gap_s);
    v.value(Field{"back_to_back_factor", "load multiplier", "load of a back-to-back contact", closed(1, kMaxCoefficient)},
            f.back_to_back_factor);
    v.value(Field{"idle_recovery_h", "h (time constant)", "recovery while idle", open_closed(0, 1e4), kJaberNeumann},
            f.idle_recovery_h);
    v.value(Field{"break_recovery_h", "h (time constant)", "recovery on a break", open_closed(0, 1e4),
                  "form: Jaber & Neumann 2010; micro-breaks reduce fatigue by d = 0.35 (Albulescu et al. 2022, "
                  "meta-analysis); value: assumption"},
            f.break_recovery_h);
    v.value(Field{"off_recovery_h", "h (time constant)", "recovery off shift", open_closed(0, 1e4), kJaberNeumann},
            f.off_recovery_h);
  });
  v.group(Field{"strain", "map", "chronic strain across days"}, [&] {
    model::StrainSpec& t = s.strain;
    constexpr std::string_view kMeijman = "concept: Meijman & Mulder 1998 (unrecovered effort accumulates); value: assumption";
    v.value(Field{"per_residual_fatigue", "strain per unit of fatigue at log-off", "strain added at the end of a shift",
                  closed(0, kMaxCoefficient), kMeijman},
            t.per_residual_fatigue);
    v.value(Field{"per_overtime_hour", "strain per h", "strain added per hour past the end of a shift",
                  closed(0, kMaxCoefficient), kMeijman},
            t.per_overtime_hour);
    v.value(Field{"work_day_recovery_days", "days (time constant)", "decay on a day worked", open_closed(0, 1e5)},
            t.work_day_recovery_days);
    v.value(Field{"rest_day_recovery_days", "days (time constant)", "decay on a day off or absent", open_closed(0, 1e5)},
            t.rest_day_recovery_days);
    v.value(Field{"burnout_threshold", "strain", "strain counted as burnout in reports (not a clinical measure)",
                  open_closed(0, kMaxCoefficient), "", Grade::Definition},
            t.burnout_threshold);
  });
  v.group(Field{"effects", "map", "how fatigue, strain, queue pressure and inexperience act; 0 switches one off"}, [&] {
    model::EffectsSpec& e = s.effects;
    constexpr std::string_view kKc = "direction: KC & Terwiesch 2009; value: assumption";
    v.value(Field{"slowdown_fatigue_threshold", "fatigue", "fatigue beyond which handle time grows", kProbability, kKc},
            e.slowdown_fatigue_threshold);
    v.value(Field{"slowdown_per_fatigue", "handle-time factor per unit of fatigue", "slope of the slow-down",
                  closed(0, kMaxCoefficient), kKc},
            e.slowdown_per_fatigue);
    v.value(Field{"speedup_per_waiting_per_agent", "reduction per waiting contact per available agent",
                  "speed-up under queue pressure", closed(0, kMaxCoefficient), kKc},
            e.speedup_per_waiting_per_agent);
    v.value(Field{"max_speedup", "fraction", "largest reduction from queue pressure", half_open(0, 1)}, e.max_speedup);
    v.value(Field{"resolution_loss_per_fatigue", "fraction per unit of fatigue", "resolution x (1 - this x F)",
                  kProbability},
            e.resolution_loss_per_fatigue);
    v.value(Field{"absence_strain_coefficient", "log-odds per unit of strain", "absence rises with strain",
                  closed(0, kMaxCoefficient),
                  "each SD of burnout +21% sickness-absence days (Borritz et al. 2006); value: assumption"},
            e.absence_strain_coefficient);
    v.value(Field{"attrition_strain_coefficient", "log hazard ratio per unit of strain", "quitting rises with strain",
                  closed(0, kMaxCoefficient),
                  "burnout-turnover multiple R 0.33 (Swider & Zimmerman 2010, meta-analysis); value: assumption"},
            e.attrition_strain_coefficient);
  });
  v.group(Field{"absence", "map", "unplanned absence"}, [&] {
    v.value(Field{"daily_probability", "probability per scheduled day", "absence at zero strain", kProbabilityBelow1,
                  "customer-service staff 4.8% of time lost to sickness absence, the highest of any occupation (ONS "
                  "2008); 4-8% in contact-centre benchmarks",
                  Grade::OfficialStatistics},
            s.absence.daily_probability);
  });
  v.group(Field{"attrition", "map", "voluntary attrition"}, [&] {
    v.value(Field{"annual_rate", "probability per year", "quit probability past early tenure; > 0 with steady-state tenure",
                  kProbabilityBelow1,
                  "US contact-centre turnover 25% to over 50% a year (Holman, Batt & Holtgrewe 2007, Global Call "
                  "Center Report)",
                  Grade::Survey},
            s.attrition.annual_rate);
    v.value(Field{"early_annual_rate", "probability per year", "the same, annualised, in early tenure", kProbabilityBelow1,
                  "a quarter or more of new hires leave within three months (consultant reports)", Grade::VendorClaim},
            s.attrition.early_annual_rate);
    v.value(Field{"early_tenure_days", "days", "length of early tenure", closed(0, kMaxDays)}, s.attrition.early_tenure_days);
  });
  v.group(Field{"hiring", "map", "from requisition to a trained agent"}, [&] {
    model::HiringSpec& h = s.hiring;
    v.choice(Field{"mode", "hiring mode", "how vacancies are filled: none, replace or classes"}, h.mode, kHiringModeNames);
    v.value(Field{"lead_time_days", "days, rounded up", "requisition to first day", closed(0, kMaxDays)}, h.lead_time_days);
    v.value(Field{"no_show_probability", "probability", "accepted candidates who never start", kProbabilityBelow1,
                  "22% of job seekers have missed a first day at least once (Indeed 2019, vendor); value: assumption",
                  Grade::VendorClaim},
            h.no_show_probability);
    v.value(Field{"training_days", "calendar days, rounded up", "in training, off the phones", closed(0, kMaxDays),
                  "new hires get 4.2 weeks of training on average (Batt, Doellgast & Kwon 2005, 473 US centres)",
                  Grade::Survey},
            h.training_days);
    v.value(Field{"class_interval_days", "days", "classes mode: days between hiring classes", closed(1, kMaxDays)},
            h.class_interval_days);
  });
  v.group(Field{"learning", "map", "new hires are slower and resolve less"}, [&] {
    model::LearningSpec& l = s.learning;
    v.value(Field{"initial_handle_time_multiplier", "factor", "on the first day on the phones", closed(1, 100)},
            l.initial_handle_time_multiplier);
    v.value(Field{"initial_resolution_multiplier", "factor", "on the first day on the phones", open_closed(0, 1)},
            l.initial_resolution_multiplier);
    v.value(Field{"half_life_days", "days on the phones", "days to halve the gap", open_closed(0, kMaxDays),
                  "competency after about 12.9 weeks (Dimension Data 2015 benchmark, vendor); value chosen to match",
                  Grade::VendorClaim},
            l.half_life_days);
  });
  v.group(Field{"costs", "map", "labour costs"}, [&] {
    model::CostSpec& c = s.costs;
    v.value(Field{"wage_per_hour", "currency per paid hour", "shifts, overruns and training", closed(0, kMaxMoney), "",
                  Grade::Input},
            c.wage_per_hour);
    v.value(Field{"hiring_cost_per_hire", "currency per start", "recruiting", closed(0, kMaxMoney),
                  "replacing an agent costs 16% of annual earnings (Global Call Center survey); value: assumption"},
            c.hiring_cost_per_hire);
    v.value(Field{"training_cost_per_hire", "currency per start", "trainers and material", closed(0, kMaxMoney)},
            c.training_cost_per_hire);
    v.value(Field{"training_hours_per_day", "paid h per weekday", "in training, Monday to Friday", closed(0, 24), "",
                  Grade::Input},
            c.training_hours_per_day);
  });
  v.value(Field{"steady_state_initial_tenure", "true or false",
                "initial tenures from the stationary distribution of the attrition rates (else initial_tenure_days)",
                kAny, "method: stationary age of a renewal process (Cox 1962)", Grade::Definition},
          s.steady_state_initial_tenure);
  v.value(Field{"initial_tenure_days", "days, rounded up", "tenure of every initial agent without steady state",
                closed(0, kMaxHorizonDays), "", Grade::Input},
          s.initial_tenure_days);
  v.value(Field{"recovery_break_min", "min", "break after a hard contact; set by the recovery_breaks lever",
                closed(0, 24 * 60), "", Grade::Definition},
          s.recovery_break_min);
  v.value(Field{"hard_contact_load", "talk load", "load (frustration included) from which a contact is hard",
                open_closed(0, kMaxCoefficient)},
          s.hard_contact_load);
}

// --- Customers ----------------------------------------------------------------------------------

template <class V>
void describe(V& v, model::SegmentSpec& s) {
  v.value(Field{"share", "fraction of customers", "shares of all segments sum to 1", kProbability, "", Grade::Input}, s.share);
  v.value(Field{"digital_preference", "logit utility", "utility of self-service relative to an agent",
                closed(-kMaxCoefficient, kMaxCoefficient),
                "phone is the preferred channel of 44% of customers, the company website of 12% (Gartner 2019, "
                "vendor); values: assumption"},
          s.digital_preference);
}

template <class V>
void describe(V& v, model::CustomerSpec& s) {
  v.group(Field{"frustration", "map", "frustration across a journey (MODEL.md section 7)"}, [&] {
    model::FrustrationSpec& f = s.frustration;
    constexpr Range kUnit = closed(0, kMaxCoefficient);
    v.value(Field{"per_minute_over_expected_wait", "per minute", "per minute waited beyond expected_wait_s", kUnit},
            f.per_minute_over_expected_wait);
    v.value(Field{"expected_wait_s", "s", "wait customers take in their stride", closed(0, kMaxDurationS)}, f.expected_wait_s);
    v.value(Field{"per_abandonment", "per attempt", "per attempt abandoned, balked or blocked", kUnit}, f.per_abandonment);
    v.value(Field{"per_repeat_contact", "per contact", "per repeat contact", kUnit}, f.per_repeat_contact);
    v.value(Field{"per_forced_channel", "per contact", "when pushed into self-service against their choice", kUnit,
                  "lack of channel choice barely moves loyalty (Gartner 2019; Dixon, Toman & DeLisi 2013, vendor): "
                  "the evidence runs against a large value"},
            f.per_forced_channel);
    v.value(Field{"per_failed_self_service", "per attempt", "per failed self-service attempt", kUnit,
                  "customers who fail in self-service and must phone are 10% more disloyal (Dixon, Toman & DeLisi "
                  "2013, vendor); value: assumption"},
            f.per_failed_self_service);
    v.value(Field{"handle_time_per_unit", "relative increase", "handle time x (1 + this x frustration)", kUnit,
                  "customer emotional load slows agents (Altman et al. 2021); value: assumption"},
            f.handle_time_per_unit);
    v.value(Field{"emotional_load_per_unit", "relative increase", "talk load x (1 + this x frustration)", kUnit},
            f.emotional_load_per_unit);
  });
  v.group(Field{"satisfaction", "map", "journey outcomes: satisfaction and churn"}, [&] {
    model::SatisfactionSpec& t = s.satisfaction;
    constexpr Range kLogOdds = closed(0, kMaxCoefficient);
    v.value(Field{"intercept", "log-odds", "satisfied, resolved first time, no frustration, rested agents",
                  closed(-kMaxCoefficient, kMaxCoefficient)},
            t.intercept);
    v.value(Field{"unresolved_penalty", "log-odds", "lost when the issue is not resolved", kLogOdds}, t.unresolved_penalty);
    v.value(Field{"per_extra_contact", "log-odds", "lost per contact beyond the first", kLogOdds,
                  "satisfaction drops about 15% per additional call (SQM Group, vendor); value chosen to match",
                  Grade::VendorClaim},
            t.per_extra_contact);
    v.value(Field{"per_frustration", "log-odds", "lost per unit of frustration", kLogOdds}, t.per_frustration);
    v.value(Field{"per_agent_fatigue", "log-odds", "lost per unit of mean fatigue of the agents met", kLogOdds,
                  "engagement-satisfaction r about 0.33 (Harter, Schmidt & Hayes 2002, meta-analysis); value: "
                  "assumption"},
            t.per_agent_fatigue);
    v.value(Field{"churn_if_satisfied", "probability", "churn of a satisfied customer", kProbability}, t.churn_if_satisfied);
    v.value(Field{"churn_if_dissatisfied", "probability", "churn of a dissatisfied customer", kProbability},
            t.churn_if_dissatisfied);
    v.value(Field{"customer_value", "currency", "revenue lost when a customer churns", closed(0, kMaxMoney),
                  "firm-specific: no general source", Grade::Input},
            t.customer_value);
  });
  v.group(Field{"channels", "map", "digital self-service and the choice between it and an agent"}, [&] {
    model::ChannelSpec& c = s.channels;
    v.choice(Field{"mode", "channel mode", "none (voice only), forced or choice; forced and choice need an eligible type", kAny, "",
                   Grade::Definition},
             c.mode, kChannelModeNames);
    v.value(Field{"wait_sensitivity_per_minute", "logit utility per minute", "agent channel utility lost per minute of announced wait",
                  closed(0, kMaxCoefficient), "form: McFadden 1974 (logit); value: assumption"},
            c.wait_sensitivity_per_minute);
    v.value(Field{"agent_effort_utility", "logit utility", "extra utility of talking to a person",
                  closed(-kMaxCoefficient, kMaxCoefficient)},
            c.agent_effort_utility);
    v.value(Field{"forced_success_multiplier", "factor", "self-service success x this when forced against one's choice",
                  kProbability, "no study of forced against chosen self-service success found; value: assumption"},
            c.forced_success_multiplier);
    v.named(Field{"segments", "map name -> segment", "customer segments; none = one segment with preference 0", kAny, "",
                  Grade::Input},
            c.segments, "customer segment");
  });
  v.value(Field{"repeat_probability", "probability", "an unresolved customer contacts again", kProbability,
                "with FCR at 70%, 30% of customers must call back (SQM Group, vendor); value: assumption"},
          s.repeat_probability);
  v.value(Field{"repeat_delay_mean_days", "days", "mean of the exponential delay before a repeat contact",
                closed(0, kMaxDays)},
          s.repeat_delay_mean_days);
}

template <class V>
void describe(V& v, model::ScenarioSpec& s) {
  v.value(Field{"name", "-", "identifies the scenario in outputs", kAny, "", Grade::Input, true}, s.name);
  v.value(Field{"description", "-", "free text", kAny, "", Grade::Input}, s.description);
  v.value(Field{"currency", "ISO 4217 code", "unit of every cost and revenue figure (labels only)", kAny, "",
                Grade::Input},
          s.currency);
  v.value(Field{"interval_minutes", "min", "reporting and staffing interval", Range{0, 0, false, false, kIntervalMinutes},
                "half-hour planning intervals are common practice", Grade::Definition},
          s.interval_minutes);
  v.value(Field{"service_level_threshold_s", "s", "T in \"answered within T seconds\"", closed(0, kMaxDurationS),
                "the 80/20 convention (80% answered within 20 s)", Grade::Definition},
          s.service_level_threshold_s);
  v.group(Field{"horizon", "map", "how long a run lasts and which part is measured"}, [&] { describe(v, s.horizon); });
  v.group(Field{"demand", "map", "arrival volumes"}, [&] { describe(v, s.demand); });
  v.named(Field{"contact_types", "map name -> type", "reasons for contact; at least one", kAny, "", Grade::Input, true},
          s.contact_types, "contact type");
  v.group(Field{"queue", "map", "the waiting room"}, [&] {
    v.value(Field{"capacity", "contacts waiting", "contacts finding this many waiting are blocked; absent = unlimited",
                  closed(0, 1e9), "limited waiting room (trunk lines): Gans, Koole & Mandelbaum 2003", Grade::Input},
            s.queue.capacity);
  });
  v.group(Field{"agents", "map", "the agents", kAny, "", Grade::Input, true}, [&] {
    v.named(Field{"groups", "map name -> group", "teams of interchangeable agents; at least one", kAny, "", Grade::Input,
                  true},
            s.agent_groups, "agent group");
  });
  v.section(Field{"workforce", "map", "employee dynamics; absent = a fixed roster (needs days or hours)", kAny, "",
                  Grade::Definition},
            s.workforce);
  v.section(Field{"customers", "map", "customers with memory and channels; absent = independent attempts", kAny, "",
                  Grade::Definition},
            s.customers);
}

// --- The study ----------------------------------------------------------------------------------

template <class V>
void describe(V& v, policy::PolicySpec& s) {
  v.value(Field{"description", "-", "free text", kAny, "", Grade::Input}, s.description);
  v.group(Field{"levers", "map", "lever values; a lever left out leaves the centre as it is"}, [&] {
    policy::Levers& l = s.levers;
    constexpr std::string_view kChoice = "a management choice";
    v.value(Field{"handle_time_target", "multiplier of talk time", "silo: shorter calls", open_closed(0, 1), kChoice,
                  Grade::Definition},
            l.handle_time_target);
    v.value(Field{"headcount_change", "relative change", "silo: every headcount and shift count x (1 + c)",
                  Range{-1, 10, true, false, {}}, kChoice, Grade::Definition},
            l.headcount_change);
    v.value(Field{"break_reduction", "share of break minutes", "silo: fewer breaks", kProbability, kChoice, Grade::Definition},
            l.break_reduction);
    v.value(Field{"after_call_work_cut", "share of after-call work", "silo: less wrap-up", kProbability, kChoice,
                  Grade::Definition},
            l.after_call_work_cut);
    v.value(Field{"scripting", "strength", "silo: rigid scripts", kProbability, kChoice, Grade::Definition}, l.scripting);
    v.value(Field{"digital_deflection", "true or false", "silo: eligible contacts must try self-service first", kAny,
                  kChoice, Grade::Definition},
            l.digital_deflection);
    v.value(Field{"digital_choice", "true or false", "unified: customers choose self-service or an agent", kAny, kChoice,
                  Grade::Definition},
            l.digital_choice);
    v.value(Field{"root_cause_fix", "share of avoidable demand", "unified: fix why customers call", kProbability, kChoice,
                  Grade::Definition},
            l.root_cause_fix);
    v.value(Field{"empowerment", "strength", "unified: authority to resolve", kProbability, kChoice, Grade::Definition},
            l.empowerment);
    v.value(Field{"recovery_breaks", "min", "unified: recovery break after a hard contact (needs workforce)",
                  closed(0, 120), kChoice, Grade::Definition},
            l.recovery_breaks);
    v.value(Field{"flexible_scheduling", "strength", "unified: agents swap and choose shifts (needs workforce)",
                  kProbability, kChoice, Grade::Definition},
            l.flexible_scheduling);
    v.value(Field{"manager_support", "strength", "unified: coaching and support (needs workforce)", kProbability, kChoice,
                  Grade::Definition},
            l.manager_support);
  });
}

template <class V>
void describe(V& v, policy::LeverEffects& s) {
  constexpr Range kSize = closed(0, kMaxCoefficient);
  v.value(Field{"pressure_resolution_loss", "-", "resolution x (1 - this x (1 - handle_time_target))", kSize,
                "direction: KC & Terwiesch 2009, Oliva & Sterman 2001; no call-centre elasticity found; value: "
                "assumption"},
          s.pressure_resolution_loss);
  v.value(Field{"pressure_fatigue_gain", "-", "fatigue rate x (1 + this x (1 - handle_time_target))", kSize,
                "direction: Deery, Iverson & Walsh 2002; value: assumption"},
          s.pressure_fatigue_gain);
  v.value(Field{"after_call_work_resolution_loss", "-", "resolution x (1 - this x after_call_work_cut)", kSize},
          s.after_call_work_resolution_loss);
  v.value(Field{"scripting_resolution_loss", "-", "resolution x (1 - this x scripting x complexity)", kSize,
                "form: scripting hurts customised, not standard, encounters (Victorino, Verma & Wardell 2012); value: "
                "assumption"},
          s.scripting_resolution_loss);
  v.value(Field{"scripting_strain_gain", "-", "strain per residual fatigue x (1 + this x scripting)", kSize,
                "direction: job control reduces exhaustion (Aronsson et al. 2017, meta-analysis); value: assumption"},
          s.scripting_strain_gain);
  v.value(Field{"empowerment_resolution_gain", "-", "resolution + this x empowerment x (1 - resolution)", kSize,
                "direction: discretion and training raise service quality (Batt & Moynihan 2006); value: assumption"},
          s.empowerment_resolution_gain);
  v.value(Field{"empowerment_strain_relief", "-", "strain per residual fatigue x (1 - this x empowerment)", kProbability,
                "direction: Aronsson et al. 2017 (meta-analysis); value: assumption"},
          s.empowerment_strain_relief);
  v.value(Field{"flexible_absence_relief", "-", "absence probability x (1 - this x flexible_scheduling)", kProbability,
                "direction: flextime lowers absenteeism (Baltes et al. 1999, meta-analysis); value: assumption"},
          s.flexible_absence_relief);
  v.value(Field{"support_attrition_relief", "-", "attrition rates x (1 - this x manager_support)", kProbability,
                "direction: high-involvement work lowers quits (Batt & Colvin 2011); value: assumption"},
          s.support_attrition_relief);
}

// Where each component's default anchors come from, in score::kScoreComponents order. An anchor
// pair is a choice of what scores 0 and 100; where published norms exist, the pair brackets them
// and the grade is that of the norms.
struct AnchorSource {
  std::string_view source;
  Grade grade;
};
inline constexpr std::array<AnchorSource, score::kScoreComponents.size()> kAnchorSources{{
    {"80% in 20 s, the common industry target, scores 80 (convention, e.g. Gans, Koole & Mandelbaum 2003)",
     Grade::Definition},
    {"5-8% abandonment called normal by practitioners (vendor benchmarks)", Grade::VendorClaim},
    {"industry average FCR 70%, 80% world class (SQM Group benchmarks of about 500 centres)", Grade::VendorClaim},
    {"assumption: brackets the model's CSAT range (0.38 unresolved to 0.88 resolved first time)", Grade::Assumption},
    {"assumption: one contact per resolved issue is the floor; 2.5 is a customer passed around", Grade::Assumption},
    {"assumption: brackets stated defection of 5% (resolved first time) to 25% (unresolved) (SQM Group)",
     Grade::VendorClaim},
    {"4.8% sickness absence in customer service, the highest of any occupation (ONS 2008, via Management Today); "
     "4-8% in contact-centre benchmarks (Dimension Data 2003); 7% scores 50",
     Grade::OfficialStatistics},
    {"US call-centre turnover 25% to over 50% a year (Holman, Batt & Holtgrewe 2007, Global Call Center Report); "
     "9% in high-discretion jobs (van Jaarsveld, Frost & Walker 2007); 40% scores 50",
     Grade::Survey},
    {"assumption: no overtime is best; 10% of paid hours (4 h a week on 40) scores 0, well inside the 48-h "
     "average week of the EU Working Time Directive 2003/88/EC",
     Grade::Assumption},
    {"industry practice targets 75-90% occupancy (vendor guidance); service saturates near 93% (Berry Jaeker & "
     "Tucker 2017, hospital)",
     Grade::VendorClaim},
    {"follows from the attrition anchors: a share of about attrition x 90 / 365 (10% -> 0.025, 70% -> 0.17) plus "
     "early quits; 12 weeks to competency (Dimension Data 2015)",
     Grade::Assumption},
    {"assumption: fatigue is a model state no survey scale is mapped to; weight 0 (reported, not scored)",
     Grade::Assumption},
    {"assumption: strain is a model state no survey scale is mapped to; weight 0 (reported, not scored)",
     Grade::Assumption},
}};

template <class V>
void describe(V& v, score::ScoreAnchor& s, const AnchorSource& source) {
  v.value(Field{"worst", "the KPI's unit", "value scoring 0", closed(-kMaxMoney, kMaxMoney), source.source, source.grade},
          s.worst);
  v.value(Field{"best", "the KPI's unit", "value scoring 100; differs from worst", closed(-kMaxMoney, kMaxMoney),
                source.source, source.grade},
          s.best);
  v.value(Field{"weight", "-", "weight within its index; 0 reports the component without scoring it",
                closed(0, kMaxCoefficient), "", Grade::Definition},
          s.weight);
}

template <class V>
void describe(V& v, score::CostAnchor& s) {
  v.value(Field{"saving_scoring_75", "fraction",
                "cost per issue this fraction below the baseline's scores 75 (and 1 / (1 - this) times it "
                "scores 25; the baseline 50)",
                Range{0, 1, true, true, {}}, "a modelling choice: a 20% saving is a large programme effect",
                Grade::Definition},
          s.saving_scoring_75);
  v.value(Field{"weight", "-", "weight within the cost index; 0 reports the component without scoring it",
                closed(0, kMaxCoefficient), "", Grade::Definition},
          s.weight);
}

template <class V>
void describe(V& v, score::ScorecardSpec& s) {
  for (std::size_t k = 0; k < score::kScoreComponents.size(); ++k) {
    const score::ScoreComponent& component = score::kScoreComponents[k];
    v.group(Field{component.key, "map", "component anchors {worst, best, weight}", kAny, "", Grade::Definition},
            [&] { describe(v, s.*component.anchor, kAnchorSources[k]); });
  }
  for (const score::CostComponent& component : score::kCostComponents)
    v.group(Field{component.key, "map", "cost relative to the baseline's {saving_scoring_75, weight}", kAny, "",
                  Grade::Definition},
            [&] { describe(v, s.*component.anchor); });
  constexpr Range kWeight = closed(0, kMaxCoefficient);
  v.value(Field{"cx_weight", "-", "weight of CX in TX", kWeight, "", Grade::Definition}, s.cx_weight);
  v.value(Field{"ex_weight", "-", "weight of EX in TX", kWeight, "", Grade::Definition}, s.ex_weight);
  v.value(Field{"cost_weight", "-", "weight of cost in TX", kWeight, "", Grade::Definition}, s.cost_weight);
  v.value(Field{"discount_rate_per_year", "rate per year", "for the net present value of the business case",
                closed(0, 10), "", Grade::Input},
          s.discount_rate_per_year);
}

template <class V>
void describe(V& v, experiment::StudySpec& s) {
  describe(v, s.centre);
  v.named(Field{"policies", "map name -> policy", "policies compared with the centre by txsim compare", kAny, "",
                Grade::Definition},
          s.policies, "policy");
  v.group(Field{"lever_effects", "map", "sizes of the levers' mechanisms (MODEL.md section 8)"},
          [&] { describe(v, s.lever_effects); });
  v.group(Field{"scorecard", "map", "anchors and weights of the 0-100 indices (MODEL.md section 12)", kAny, "",
                Grade::Definition},
          [&] { describe(v, s.scorecard); });
}

}  // namespace txsim::io::detail
