// The employee mechanisms one by one: each moves in its documented direction, and a zero
// coefficient switches it off.
#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>

#include "txsim/model/workforce.hpp"

using namespace txsim::model;

TEST_CASE("fatigue accumulates while working and recovers at rest, in closed form") {
  const double rate = 0.15 / 3600.0;
  CHECK(fatigue_after_work(0.0, rate, 3600.0) == doctest::Approx(1.0 - std::exp(-0.15)));
  // Working 2 h in one go or in two halves gives the same fatigue (the form is a semigroup).
  CHECK(fatigue_after_work(fatigue_after_work(0.2, rate, 3600.0), rate, 3600.0) ==
        doctest::Approx(fatigue_after_work(0.2, rate, 7200.0)));
  CHECK(fatigue_after_work(0.99, rate, 86400.0) < 1.0);
  CHECK(fatigue_after_rest(0.6, 900.0, 900.0) == doctest::Approx(0.6 / std::exp(1.0)));
  CHECK(fatigue_after_rest(0.6, 900.0, 0.0) == 0.6);
}

TEST_CASE("the fatigue integrals equal numerical integration of the fatigue path") {
  const double rate = 0.3 / 3600.0;
  const double tau = 1800.0;
  const double dt = 5400.0;
  const int steps = 200000;
  double work = 0.0;
  double rest = 0.0;
  for (int i = 0; i < steps; ++i) {
    const double t = (i + 0.5) * dt / steps;  // midpoint rule
    work += fatigue_after_work(0.25, rate, t) * dt / steps;
    rest += fatigue_after_rest(0.25, tau, t) * dt / steps;
  }
  CHECK(fatigue_integral_work(0.25, fatigue_after_work(0.25, rate, dt), rate, dt) == doctest::Approx(work).epsilon(1e-9));
  CHECK(fatigue_integral_rest(0.25, fatigue_after_rest(0.25, tau, dt), tau) == doctest::Approx(rest).epsilon(1e-9));
  CHECK(fatigue_integral_work(0.25, 0.25, 0.0, dt) == doctest::Approx(0.25 * dt));
}

TEST_CASE("fatigue integrals from the change in fatigue agree with the closed forms to rounding") {
  // Closed forms: dt - (1 - f)(1 - e^{-r dt}) / r for work, f tau (1 - e^{-dt / tau}) for rest.
  // The integral from the change in fatigue divides a difference of two fatigues, each rounded
  // to about 1.1e-16, by the rate: its absolute error is about 2.2e-16 / rate (work) and
  // 2.2e-16 tau (rest). The bounds below are four times that, plus a few ulps of the area.
  for (const double f : {0.0, 1e-9, 0.05, 0.3, 0.8, 0.999}) {
    for (const double dt : {1e-3, 1.0, 30.0, 600.0, 3600.0, 86400.0}) {
      for (const double rate : {1e-6, 2e-5, 1e-4, 0.15 / 3600.0, 1e-2}) {
        const double closed = dt - (1.0 - f) * -std::expm1(-rate * dt) / rate;
        const double direct = fatigue_integral_work(f, fatigue_after_work(f, rate, dt), rate, dt);
        CHECK(direct >= 0.0);
        CHECK(std::abs(direct - closed) <= 4.0 * 2.2e-16 / rate + 1e-15 * std::abs(closed));
      }
      for (const double tau : {60.0, 5400.0, 36000.0}) {
        const double closed = f * tau * -std::expm1(-dt / tau);
        const double direct = fatigue_integral_rest(f, fatigue_after_rest(f, tau, dt), tau);
        CHECK(std::abs(direct - closed) <= 4.0 * 2.2e-16 * tau + 1e-15 * closed);
      }
    }
  }
  // Below kDirectIntegralMinRate the closed form itself is used: no division of a rounding error
  // by a tiny rate.
  const double tiny = 1e-12;
  const double exact = 60.0 + 0.9 * tiny * 600.0 * 600.0 / 2.0;  // f dt + (1 - f) r dt^2 / 2 to O(r^2)
  CHECK(fatigue_integral_work(0.1, fatigue_after_work(0.1, tiny, 600.0), tiny, 600.0) == doctest::Approx(exact).epsilon(1e-14));
}

TEST_CASE("fatigue beyond the threshold slows agents down and queue pressure speeds them up") {
  EffectsSpec e;
  CHECK(effects_handle_time_multiplier(e, 0.3, 0.0) == 1.0);  // below the threshold, no queue
  CHECK(effects_handle_time_multiplier(e, 0.9, 0.0) == doctest::Approx(1.0 + e.slowdown_per_fatigue * 0.4));
  CHECK(effects_handle_time_multiplier(e, 0.3, 1.0) == doctest::Approx(1.0 - e.speedup_per_waiting_per_agent));
  CHECK(effects_handle_time_multiplier(e, 0.3, 100.0) == doctest::Approx(1.0 - e.max_speedup));
  e.slowdown_per_fatigue = 0.0;
  e.speedup_per_waiting_per_agent = 0.0;
  CHECK(effects_handle_time_multiplier(e, 0.99, 50.0) == 1.0);
}

TEST_CASE("fatigue lowers the resolution probability, and not below zero") {
  EffectsSpec e;
  CHECK(effects_resolution_multiplier(e, 0.0) == 1.0);
  CHECK(effects_resolution_multiplier(e, 0.5) == doctest::Approx(1.0 - 0.5 * e.resolution_loss_per_fatigue));
  e.resolution_loss_per_fatigue = 3.0;
  CHECK(effects_resolution_multiplier(e, 0.9) == 0.0);
}

TEST_CASE("the learning curve halves the new-hire gap every half-life") {
  LearningSpec l;
  CHECK(learning_handle_time_multiplier(l, 0.0) == doctest::Approx(l.initial_handle_time_multiplier));
  CHECK(learning_handle_time_multiplier(l, l.half_life_days) - 1.0 ==
        doctest::Approx((l.initial_handle_time_multiplier - 1.0) / 2.0));
  CHECK(learning_resolution_multiplier(l, 2 * l.half_life_days) - 1.0 ==
        doctest::Approx((l.initial_resolution_multiplier - 1.0) / 4.0));
  CHECK(learning_handle_time_multiplier(l, 1000.0) == doctest::Approx(1.0).epsilon(1e-9));
}

TEST_CASE("absence rises with strain from its baseline, and a zero coefficient switches it off") {
  AbsenceSpec a;
  EffectsSpec e;
  CHECK(absence_probability(a, e, 0.0) == doctest::Approx(a.daily_probability));
  CHECK(absence_probability(a, e, 1.0) > absence_probability(a, e, 0.5));
  CHECK(absence_probability(a, e, 10.0) < 1.0);
  e.absence_strain_coefficient = 0.0;
  CHECK(absence_probability(a, e, 3.0) == doctest::Approx(a.daily_probability));
  a.daily_probability = 0.0;
  CHECK(absence_probability(a, e, 3.0) == 0.0);
}

TEST_CASE("the quit probability follows the annual rates by tenure and rises with strain") {
  AttritionSpec a;
  EffectsSpec e;
  e.attrition_strain_coefficient = 0.0;
  // 365 days at the daily probability lose exactly the annual rate.
  CHECK(1.0 - std::pow(1.0 - quit_probability(a, e, 200, 0.0), 365.0) == doctest::Approx(a.annual_rate));
  CHECK(1.0 - std::pow(1.0 - quit_probability(a, e, 10, 0.0), 365.0) == doctest::Approx(a.early_annual_rate));
  e.attrition_strain_coefficient = 0.7;
  const double base = quit_probability(a, e, 200, 0.0);
  // Proportional hazards: -log(1 - q) scales by exp(beta S).
  CHECK(-std::log1p(-quit_probability(a, e, 200, 1.0)) == doctest::Approx(-std::log1p(-base) * std::exp(0.7)));
}

TEST_CASE("strain decays faster on rest days and grows with residual fatigue and overtime") {
  StrainSpec s;
  CHECK(strain_after_day(s, 1.0, true) == doctest::Approx(std::exp(-1.0 / s.work_day_recovery_days)));
  CHECK(strain_after_day(s, 1.0, false) < strain_after_day(s, 1.0, true));
  CHECK(strain_from_stint(s, 0.4, 0.0) == doctest::Approx(0.4 * s.per_residual_fatigue));
  CHECK(strain_from_stint(s, 0.4, 2.0) > strain_from_stint(s, 0.4, 0.0));
}
