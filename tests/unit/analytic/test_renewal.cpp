#include "txsim/analytic/renewal.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

using namespace txsim::analytic;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kLongRangeDays = 200000;

// Hazards with early tenure riskier, safer, quit-free, fractional and absent.
const TenureHazard kHazards[] = {
    {0.30, 0.70, 90.0},
    {0.15, 0.90, 2.5},
    {0.40, 0.10, 30.0},
    {0.30, 0.00, 10.0},
    {0.25, 0.60, 0.0},
    {0.20, 0.50, 0.5},
};

std::string describe(const TenureHazard& h) {
  return "annual_rate " + std::to_string(h.annual_rate) + ", early_annual_rate " +
         std::to_string(h.early_annual_rate) + ", early_tenure_days " +
         std::to_string(h.early_tenure_days);
}

// The stationary age distribution by brute force, independent of the closed forms:
// survival as the day-by-day product of 1 - q(d), summed in long double over a range long
// enough for every test hazard's tail to be below 1e-20.
struct BruteForce {
  std::vector<long double> survival;  // S(0 .. kLongRangeDays)
  long double mean = 0.0L;

  explicit BruteForce(const TenureHazard& h) : survival(kLongRangeDays + 1) {
    long double s = 1.0L;
    for (int d = 0; d <= kLongRangeDays; ++d) {
      survival[d] = s;
      mean += s;
      s *= 1.0L - h.daily_quit_probability(d);
    }
  }
};

bool near(double actual, long double expected, double relative) {
  return std::abs(static_cast<long double>(actual) - expected) <=
         relative * std::abs(expected) + 1e-300L;
}

// True if `call` throws std::invalid_argument whose message mentions `parameter`.
bool rejects(const std::function<void()>& call, const std::string& parameter) {
  try {
    call();
  } catch (const std::invalid_argument& error) {
    return std::string(error.what()).find(parameter) != std::string::npos;
  }
  return false;
}

}  // namespace

TEST_CASE("a constant hazard makes tenure and the stationary age geometric") {
  for (const double rate : {0.05, 0.30, 0.90}) {
    for (const double early_days : {0.0, 45.0, 90.5}) {
      const TenureHazard h{rate, rate, early_days};
      const double q = h.daily_quit_probability(0);
      CAPTURE(rate);
      CAPTURE(early_days);
      CHECK(q == h.daily_quit_probability(500));
      CHECK(near(q, 1.0L - std::pow(1.0L - rate, 1.0L / 365.0L), 1e-14));
      CHECK(near(mean_tenure_days(h), 1.0L / q, 1e-13));
      for (const int a : {0, 1, 44, 45, 46, 90, 91, 365, 5000}) {
        CAPTURE(a);
        const long double keep = std::pow(1.0L - static_cast<long double>(q), a);
        CHECK(near(tenure_survival(h, a), keep, 1e-12));
        CHECK(near(stationary_tenure_probability(h, a), q * keep, 1e-12));
        CHECK(near(stationary_tenure_cdf(h, a), 1.0L - keep * (1.0L - q), 1e-12));
        CHECK(near(stationary_share_below(h, a), 1.0L - keep, 1e-12));
      }
      for (const double u : {0.01, 0.25, 0.5, 0.9, 0.999}) {
        CAPTURE(u);
        const int a = stationary_tenure_quantile(h, u);
        CHECK(std::abs(a - (std::ceil(std::log1p(-u) / std::log1p(-q)) - 1.0)) <= 1.0);
      }
    }
  }
}

TEST_CASE("a year at the late hazard loses exactly the annual rate") {
  const TenureHazard h{0.30, 0.70, 0.0};
  CHECK(near(tenure_survival(h, 365), 0.70L, 1e-14));
  CHECK(near(tenure_survival(h, 730), 0.49L, 1e-14));
  const TenureHazard early{0.30, 0.70, 365.0};
  CHECK(near(tenure_survival(early, 365), 0.30L, 1e-14));
  CHECK(near(tenure_survival(early, 730), 0.21L, 1e-14));
  CHECK(tenure_survival(early, 0) == 1.0);
}

TEST_CASE("survival, mean tenure and stationary probabilities match the day-by-day product") {
  for (const TenureHazard& h : kHazards) {
    CAPTURE(describe(h));
    const BruteForce brute(h);
    CHECK(near(mean_tenure_days(h), brute.mean, 1e-13));
    long double cumulative = 0.0L;
    for (int a = 0; a <= 2000; ++a) {
      CAPTURE(a);
      cumulative += brute.survival[a];
      REQUIRE(near(tenure_survival(h, a), brute.survival[a], 1e-12));
      REQUIRE(near(stationary_tenure_probability(h, a), brute.survival[a] / brute.mean, 1e-12));
      REQUIRE(near(stationary_tenure_cdf(h, a), cumulative / brute.mean, 1e-12));
      REQUIRE(near(1.0 - stationary_tenure_cdf(h, a), 1.0L - cumulative / brute.mean, 1e-9));
    }
  }
}

TEST_CASE("stationary probabilities sum to one and survival sums to the mean over a long range") {
  for (const TenureHazard& h : kHazards) {
    CAPTURE(describe(h));
    long double probability = 0.0L;
    long double survival = 0.0L;
    for (int a = 0; a < kLongRangeDays; ++a) {
      probability += stationary_tenure_probability(h, a);
      survival += tenure_survival(h, a);
    }
    CHECK(std::abs(probability - 1.0L) <= 1e-12L);
    CHECK(near(mean_tenure_days(h), survival, 1e-12));
    CHECK(std::abs(stationary_tenure_cdf(h, kLongRangeDays - 1) - 1.0) <= 1e-12);
    CHECK(stationary_tenure_cdf(h, std::numeric_limits<int>::max()) == 1.0);
  }
}

TEST_CASE("the quantile inverts the cdf at its steps") {
  for (const TenureHazard& h : kHazards) {
    CAPTURE(describe(h));
    const int early_days = static_cast<int>(std::ceil(h.early_tenure_days));
    for (const int a : {0, 1, early_days - 1, early_days, early_days + 1, 365, 3000}) {
      if (a < 0) {
        continue;
      }
      CAPTURE(a);
      const double at = stationary_tenure_cdf(h, a);
      CHECK(stationary_tenure_quantile(h, at) == a);
      CHECK(stationary_tenure_quantile(h, std::nextafter(at, 1.0)) == a + 1);
      if (a > 0) {
        const double before = stationary_tenure_cdf(h, a - 1);
        CHECK(stationary_tenure_quantile(h, std::nextafter(before, 1.0)) == a);
      }
    }
    for (double u = 0.0005; u < 1.0; u += 0.0173) {
      CAPTURE(u);
      const int a = stationary_tenure_quantile(h, u);
      CHECK(stationary_tenure_cdf(h, a) >= u);
      if (a > 0) {
        CHECK(stationary_tenure_cdf(h, a - 1) < u);
      }
    }
    const int last = stationary_tenure_quantile(h, std::nextafter(1.0, 0.0));
    CHECK(stationary_tenure_cdf(h, last) >= std::nextafter(1.0, 0.0));
    CHECK(stationary_tenure_cdf(h, last - 1) < std::nextafter(1.0, 0.0));
  }
}

TEST_CASE("tiny hazards give huge quantiles without a day-by-day search") {
  const TenureHazard h{1e-6, 0.5, 90.0};
  for (const double u : {1e-9, 0.01, 0.5, 0.99}) {
    CAPTURE(u);
    const int a = stationary_tenure_quantile(h, u);
    CHECK(stationary_tenure_cdf(h, a) >= u);
    if (a > 0) {
      CHECK(stationary_tenure_cdf(h, a - 1) < u);
    }
  }
  // About ln 2 / h_l days, h_l = -ln(1 - 1e-6) / 365.
  const double median = stationary_tenure_quantile(h, 0.5);
  CHECK(std::abs(median / (std::log(2.0) * 365.0 / 1e-6) - 1.0) <= 1e-3);
  CHECK_THROWS_AS(stationary_tenure_quantile(TenureHazard{1e-12, 0.5, 90.0}, 0.5),
                  std::domain_error);
}

TEST_CASE("the stationary mean learning multiplier equals the brute-force sum over 200000 days") {
  for (const TenureHazard& h : kHazards) {
    const BruteForce brute(h);
    for (const double training_days : {0.0, 2.5, 28.0, 200.0}) {
      for (const double half_life_days : {7.5, 30.0}) {
        for (const double initial : {1.6, 0.85}) {
          CAPTURE(describe(h));
          CAPTURE(training_days);
          CAPTURE(half_life_days);
          CAPTURE(initial);
          const int first_day = static_cast<int>(std::ceil(training_days));
          const long double gap_per_day = std::exp2(-1.0L / half_life_days);
          long double gap = std::exp2(-(first_day - training_days) / half_life_days);
          long double weighted = 0.0L;
          long double on_phones = 0.0L;
          for (int a = first_day; a <= kLongRangeDays; ++a) {
            weighted += brute.survival[a] * (1.0L + (initial - 1.0L) * gap);
            on_phones += brute.survival[a];
            gap *= gap_per_day;
          }
          CHECK(near(stationary_mean_learning_multiplier(h, training_days, initial,
                                                          half_life_days),
                      weighted / on_phones, 1e-12));
        }
      }
    }
  }
}

TEST_CASE("without learning the mean multiplier is the initial one") {
  const TenureHazard h{0.3, 0.7, 90.0};
  CHECK(stationary_mean_learning_multiplier(h, 28.0, 1.6, kInf) == doctest::Approx(1.6));
  CHECK(stationary_mean_learning_multiplier(h, 28.0, 1.0, 30.0) == 1.0);
  // A training period so long that S underflows still gives a finite answer.
  const double long_training = stationary_mean_learning_multiplier(h, 1e6, 1.6, 30.0);
  CHECK(std::isfinite(long_training));
  CHECK(long_training > 1.0);
  CHECK(long_training < 1.6);
}

TEST_CASE("no early period equals a constant hazard at the late rate") {
  const TenureHazard none{0.25, 0.90, 0.0};
  const TenureHazard flat{0.25, 0.25, 0.0};
  CHECK(none.daily_quit_probability(0) == flat.daily_quit_probability(0));
  CHECK(mean_tenure_days(none) == doctest::Approx(mean_tenure_days(flat)).epsilon(1e-14));
  for (const int a : {0, 1, 89, 90, 1000}) {
    CHECK(stationary_tenure_cdf(none, a) ==
          doctest::Approx(stationary_tenure_cdf(flat, a)).epsilon(1e-14));
  }
}

TEST_CASE("a fractional early period covers every day before it, like its ceiling") {
  const TenureHazard fractional{0.15, 0.90, 2.5};
  const TenureHazard whole{0.15, 0.90, 3.0};
  const double early = TenureHazard{0.90, 0.90, 0.0}.daily_quit_probability(0);
  const double late = TenureHazard{0.15, 0.15, 0.0}.daily_quit_probability(0);
  CHECK(fractional.daily_quit_probability(2) == early);
  CHECK(fractional.daily_quit_probability(3) == late);
  CHECK(TenureHazard{0.15, 0.90, 0.5}.daily_quit_probability(0) == early);
  CHECK(TenureHazard{0.15, 0.90, 0.5}.daily_quit_probability(1) == late);
  CHECK(mean_tenure_days(fractional) == mean_tenure_days(whole));
  for (const int a : {0, 1, 2, 3, 4, 100}) {
    CAPTURE(a);
    CHECK(tenure_survival(fractional, a) == tenure_survival(whole, a));
    CHECK(stationary_tenure_cdf(fractional, a) == stationary_tenure_cdf(whole, a));
  }
  CHECK(stationary_mean_learning_multiplier(fractional, 10.0, 1.6, 30.0) ==
        stationary_mean_learning_multiplier(whole, 10.0, 1.6, 30.0));
}

TEST_CASE("the share below a tenure is the cdf of the day before") {
  const TenureHazard h{0.30, 0.70, 90.0};
  CHECK(stationary_share_below(h, 0) == 0.0);
  CHECK(stationary_share_below(h, 1) == stationary_tenure_cdf(h, 0));
  CHECK(stationary_share_below(h, 90) == stationary_tenure_cdf(h, 89));
  long double below = 0.0L;
  for (int a = 0; a < 90; ++a) {
    below += stationary_tenure_probability(h, a);
  }
  CHECK(near(stationary_share_below(h, 90), below, 1e-13));
}

TEST_CASE("with no late attrition the mean is infinite and no stationary distribution exists") {
  const TenureHazard h{0.0, 0.70, 90.0};
  CHECK(mean_tenure_days(h) == kInf);
  CHECK(tenure_survival(h, 1000) == doctest::Approx(std::pow(0.30, 90.0 / 365.0)));
  CHECK_THROWS_AS(stationary_tenure_probability(h, 0), std::domain_error);
  CHECK_THROWS_AS(stationary_tenure_cdf(h, 0), std::domain_error);
  CHECK_THROWS_AS(stationary_tenure_quantile(h, 0.5), std::domain_error);
  CHECK_THROWS_AS(stationary_share_below(h, 90), std::domain_error);
  CHECK_THROWS_AS(stationary_mean_learning_multiplier(h, 28.0, 1.6, 30.0), std::domain_error);
}

TEST_CASE("invalid inputs throw naming the offending value") {
  const TenureHazard ok{0.3, 0.7, 90.0};
  for (const double bad : {-0.1, 1.0, 1.5, kNaN, kInf}) {
    CAPTURE(bad);
    CHECK(rejects([&] { mean_tenure_days({bad, 0.7, 90.0}); }, "hazard.annual_rate"));
    CHECK(rejects([&] { mean_tenure_days({0.3, bad, 90.0}); }, "early_annual_rate"));
    CHECK(rejects([&] { TenureHazard{bad, 0.7, 90.0}.daily_quit_probability(0); },
                  "hazard.annual_rate"));
  }
  for (const double bad : {-1.0, kNaN, kInf}) {
    CAPTURE(bad);
    CHECK(rejects([&] { tenure_survival({0.3, 0.7, bad}, 1); }, "early_tenure_days"));
    CHECK(rejects([&] { stationary_mean_learning_multiplier(ok, bad, 1.6, 30.0); },
                  "training_days"));
  }
  CHECK(rejects([&] { ok.daily_quit_probability(-1); }, "tenure_days"));
  CHECK(rejects([&] { tenure_survival(ok, -1); }, "days"));
  CHECK(rejects([&] { stationary_tenure_probability(ok, -1); }, "tenure_days"));
  CHECK(rejects([&] { stationary_tenure_cdf(ok, -1); }, "tenure_days"));
  CHECK(rejects([&] { stationary_share_below(ok, -1); }, "tenure_days"));
  for (const double bad : {0.0, 1.0, -0.5, 1.5, kNaN}) {
    CAPTURE(bad);
    CHECK(rejects([&] { stationary_tenure_quantile(ok, bad); }, "u must be"));
  }
  for (const double bad : {0.0, -1.0, kNaN, kInf}) {
    CAPTURE(bad);
    CHECK(rejects([&] { stationary_mean_learning_multiplier(ok, 28.0, bad, 30.0); },
                  "initial_multiplier"));
  }
  for (const double bad : {0.0, -1.0, kNaN}) {
    CAPTURE(bad);
    CHECK(rejects([&] { stationary_mean_learning_multiplier(ok, 28.0, 1.6, bad); },
                  "half_life_days"));
  }
}
