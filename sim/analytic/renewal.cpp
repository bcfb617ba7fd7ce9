#include "txsim/analytic/renewal.hpp"

#include "analytic/detail/require.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string_view>

namespace txsim::analytic {

using detail::require_at_least;
using detail::require_finite_non_negative;
using detail::require_finite_positive;
using detail::require_positive;

namespace {

constexpr double kDaysPerYear = 365.0;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kMaxInt = std::numeric_limits<int>::max();

void require_annual_rate(std::string_view function, std::string_view parameter, double value) {
  // Written so that NaN fails.
  if (!(value >= 0.0 && value < 1.0)) {
    throw std::invalid_argument(
        fmt::format("{}: {} must be in [0, 1), got {}", function, parameter, value));
  }
}

// log1p keeps small annual rates exact: -ln(1 - r) = r + r^2 / 2 + ...
double daily_hazard(double annual_rate) { return -std::log1p(-annual_rate) / kDaysPerYear; }

// sum_{k < count} exp(-rate k). expm1 keeps full relative precision for tiny rates, where
// (1 - r^n) / (1 - r) would cancel.
double geometric_sum(double rate, double count) {
  if (rate == 0.0) {
    return count;
  }
  return std::expm1(-rate * count) / std::expm1(-rate);
}

// sum_{k >= 0} exp(-rate k).
double geometric_tail(double rate) {
  if (rate == 0.0) {
    return kInf;
  }
  return -1.0 / std::expm1(-rate);
}

// The hazard reduced to its two geometric pieces. Ages are doubles holding whole numbers
// (exact up to 2^53) so that a + 1 and very long early periods cannot overflow.
class Pieces {
 public:
  Pieces(std::string_view function, const TenureHazard& hazard) : function_(function) {
    require_annual_rate(function, "hazard.annual_rate", hazard.annual_rate);
    require_annual_rate(function, "hazard.early_annual_rate", hazard.early_annual_rate);
    require_finite_non_negative("hazard.early_tenure_days", hazard.early_tenure_days);
    early_days_ = std::ceil(hazard.early_tenure_days);
    early_rate_ = daily_hazard(hazard.early_annual_rate);
    late_rate_ = daily_hazard(hazard.annual_rate);
  }

  // Stationary quantities divide by E[T], which is finite only if agents eventually leave.
  void require_stationary() const {
    if (late_rate_ == 0.0) {
      throw std::domain_error(fmt::format(
          "{}: hazard.annual_rate is 0, so agents past early tenure never leave and the mean "
          "tenure is infinite: no stationary tenure distribution exists",
          function_));
    }
  }

  // h(d): for a whole age d, d < E exactly when d < early_tenure_days.
  [[nodiscard]] double daily_rate(double age) const {
    return age < early_days_ ? early_rate_ : late_rate_;
  }

  [[nodiscard]] double survival(double age) const {
    const double early = std::min(age, early_days_);
    const double late = std::max(0.0, age - early_days_);
    return std::exp(-(early_rate_ * early + late_rate_ * late));
  }

  // sum_{k >= 0} S(age + k) / S(age) exp(-extra_rate k): the ratio S(age + k) / S(age) is
  // geometric at early_rate_ for the early days left, then at late_rate_ for ever.
  [[nodiscard]] double residual_sum(double age, double extra_rate) const {
    const double late_tail = geometric_tail(late_rate_ + extra_rate);
    if (age >= early_days_) {
      return late_tail;
    }
    const double early_left = early_days_ - age;
    const double early_rate = early_rate_ + extra_rate;
    return geometric_sum(early_rate, early_left) + std::exp(-early_rate * early_left) * late_tail;
  }

  // sum_{k < count} S(k).
  [[nodiscard]] double head_sum(double count) const {
    if (count <= early_days_) {
      return geometric_sum(early_rate_, count);
    }
    return geometric_sum(early_rate_, early_days_) +
           survival(early_days_) * geometric_sum(late_rate_, count - early_days_);
  }

  // sum_{k >= count} S(k).
  [[nodiscard]] double tail_sum(double count) const {
    return survival(count) * residual_sum(count, 0.0);
  }

  [[nodiscard]] double mean() const { return residual_sum(0.0, 0.0); }

  // The smaller of head and tail is the one that keeps its relative precision: the cdf
  // near 0 from the head, near 1 from the tail.
  [[nodiscard]] double cdf(double age, double mean) const {
    const double head = head_sum(age + 1.0);
    const double tail = tail_sum(age + 1.0);
    if (head <= tail) {
      return head / mean;
    }
    return std::clamp(1.0 - tail / mean, 0.0, 1.0);
  }

  // An age close to the u-quantile from inverting one geometric piece of the cdf; only a
  // starting point, the caller settles the last few days against cdf() itself.
  [[nodiscard]] double quantile_guess(double u, double mean) const {
    // Count n = a + 1 of ages at or below the quantile.
    double count = 0.0;
    if (early_days_ >= 1.0 && u <= cdf(early_days_ - 1.0, mean)) {
      // head_sum(n) = (1 - exp(-h_e n)) / q_e >= u E[T].
      if (early_rate_ == 0.0) {
        count = u * mean;
      } else {
        const double early_quit = -std::expm1(-early_rate_);
        count = -std::log1p(-u * mean * early_quit) / early_rate_;
      }
      count = std::clamp(count, 1.0, early_days_);
    } else {
      // tail_sum(n) = S(n) / q_l <= (1 - u) E[T], with S(n) = exp(-h_e E - h_l (n - E)).
      const double late_quit = -std::expm1(-late_rate_);
      const double log_survival_needed = std::log((1.0 - u) * late_quit * mean);
      count = early_days_ + (-log_survival_needed - early_rate_ * early_days_) / late_rate_;
      count = std::max(count, early_days_ + 1.0);
    }
    return std::clamp(std::ceil(count) - 1.0, 0.0, kMaxInt);
  }

 private:
  std::string_view function_;
  double early_days_ = 0.0;  // E = ceil(early_tenure_days)
  double early_rate_ = 0.0;  // h_e per day
  double late_rate_ = 0.0;   // h_l per day
};

}  // namespace

double TenureHazard::daily_quit_probability(int tenure_days) const {
  constexpr std::string_view kFunction = "TenureHazard::daily_quit_probability";
  const Pieces pieces(kFunction, *this);
  require_at_least("tenure_days", tenure_days, 0);
  return -std::expm1(-pieces.daily_rate(tenure_days));
}

double tenure_survival(const TenureHazard& hazard, int days) {
  constexpr std::string_view kFunction = "tenure_survival";
  const Pieces pieces(kFunction, hazard);
  require_at_least("days", days, 0);
  return pieces.survival(days);
}

double mean_tenure_days(const TenureHazard& hazard) {
  const Pieces pieces("mean_tenure_days", hazard);
  if (hazard.annual_rate == 0.0) {
    return kInf;
  }
  return pieces.mean();
}

double stationary_tenure_probability(const TenureHazard& hazard, int tenure_days) {
  constexpr std::string_view kFunction = "stationary_tenure_probability";
  const Pieces pieces(kFunction, hazard);
  require_at_least("tenure_days", tenure_days, 0);
  pieces.require_stationary();
  return pieces.survival(tenure_days) / pieces.mean();
}

double stationary_tenure_cdf(const TenureHazard& hazard, int tenure_days) {
  constexpr std::string_view kFunction = "stationary_tenure_cdf";
  const Pieces pieces(kFunction, hazard);
  require_at_least("tenure_days", tenure_days, 0);
  pieces.require_stationary();
  return pieces.cdf(tenure_days, pieces.mean());
}

int stationary_tenure_quantile(const TenureHazard& hazard, double u) {
  constexpr std::string_view kFunction = "stationary_tenure_quantile";
  const Pieces pieces(kFunction, hazard);
  if (!(u > 0.0 && u < 1.0)) {
    throw std::invalid_argument(fmt::format("{}: u must be in (0, 1), got {}", kFunction, u));
  }
  pieces.require_stationary();
  const double mean = pieces.mean();
  const auto reaches = [&](double age) { return pieces.cdf(age, mean) >= u; };

  // Rounding in the closed-form guess, and a cdf that moves by less than an ulp per day
  // when the hazard is tiny, can put the guess off by more than a day. Galloping away from
  // it until the answer is bracketed, then bisecting, returns exactly the smallest age
  // that cdf() accepts, in O(log) evaluations.
  const double guess = pieces.quantile_guess(u, mean);
  double below = -1.0;  // largest age known to have cdf < u (-1: none)
  double above = 0.0;   // smallest age known to have cdf >= u
  if (reaches(guess)) {
    above = guess;
    for (double step = 1.0; above > 0.0; step *= 2.0) {
      const double probe = std::max(0.0, above - step);
      if (!reaches(probe)) {
        below = probe;
        break;
      }
      above = probe;
    }
  } else {
    below = guess;
    for (double step = 1.0;; step *= 2.0) {
      if (below >= kMaxInt) {
        throw std::domain_error(fmt::format(
            "{}: the {} quantile of tenure exceeds {} days (annual_rate {} is too small)",
            kFunction, u, kMaxInt, hazard.annual_rate));
      }
      const double probe = std::min(kMaxInt, below + step);
      if (reaches(probe)) {
        above = probe;
        break;
      }
      below = probe;
    }
  }
  while (above - below > 1.0) {
    const double middle = std::floor(below + (above - below) / 2.0);
    (reaches(middle) ? above : below) = middle;
  }
  return static_cast<int>(above);
}

double stationary_mean_learning_multiplier(const TenureHazard& hazard, double training_days,
                                           double initial_multiplier, double half_life_days) {
  constexpr std::string_view kFunction = "stationary_mean_learning_multiplier";
  const Pieces pieces(kFunction, hazard);
  require_finite_non_negative("training_days", training_days);
  require_finite_positive("initial_multiplier", initial_multiplier);
  require_positive("half_life_days", half_life_days);
  pieces.require_stationary();
  const double first_day_on_phones = std::ceil(training_days);
  const double learning_rate = std::numbers::ln2 / half_life_days;
  // Both sums are taken relative to S(first_day_on_phones), which can underflow after a
  // long training period although the ratio is well defined.
  const double gap_at_first_day =
      std::exp2(-(first_day_on_phones - training_days) / half_life_days);
  const double ratio = pieces.residual_sum(first_day_on_phones, learning_rate) /
                       pieces.residual_sum(first_day_on_phones, 0.0);
  return 1.0 + (initial_multiplier - 1.0) * gap_at_first_day * ratio;
}

double stationary_share_below(const TenureHazard& hazard, int tenure_days) {
  constexpr std::string_view kFunction = "stationary_share_below";
  const Pieces pieces(kFunction, hazard);
  require_at_least("tenure_days", tenure_days, 0);
  pieces.require_stationary();
  if (tenure_days == 0) {
    return 0.0;
  }
  return pieces.cdf(tenure_days - 1.0, pieces.mean());
}

}  // namespace txsim::analytic
