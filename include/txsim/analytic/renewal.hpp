#pragma once

// Exact tenure distribution of agents under the simulator's attrition model with immediate
// replacement. These are the truth that the simulated workforce is validated against, and
// the distribution from which a steady-state roster's initial tenures are drawn.
//
// Model (discrete time, one step per day). An agent's tenure d counts whole days employed:
// d = 0 on the first day, +1 at each day boundary. At the end of day d the agent quits with
// probability q(d) = 1 - exp(-h(d)), where the daily hazard is
//   h(d) = h_e = -ln(1 - early_annual_rate) / 365   if d < early_tenure_days,
//   h(d) = h_l = -ln(1 - annual_rate) / 365         otherwise,
// so that a year at a constant hazard loses exactly the annual rate. A leaver's seat is
// refilled the next day by a hire of tenure 0, so each seat is a discrete renewal process
// (Feller, An Introduction to Probability Theory and Its Applications I, 3rd ed., 1968,
// ch. XIII) whose lifetime T >= 1 is the number of days an agent stays.
//
// Notation used below: E = ceil(early_tenure_days), the number of early days
// (d = 0 .. E - 1); S(n) = P(T > n) the survival.
//
// Every quantity is piecewise geometric in the age, so every sum below, including the
// infinite tails, is evaluated in closed form (finite geometric series plus a geometric
// tail): nothing is truncated and each call costs O(1) (the quantile O(log)).
//
// Stationary age. In steady state the tenure A of the agent in a seat on a given day has
//   P(A = a) = S(a) / E[T],   E[T] = sum_{n >= 0} S(n),
// the discrete form of the stationary age distribution of a renewal process (Cox, Renewal
// Theory, 1962; Ross, Stochastic Processes, 2nd ed., 1996, ch. 3). Equivalently, it is the
// stationary law of the Markov chain a -> a + 1 with probability 1 - q(a), a -> 0 otherwise.
//
// Continuous-time equivalents, for documentation (hazard h(t) piecewise constant, the same
// h_e and h_l, early period tau = early_tenure_days):
//   S(t)     = exp(-h_e t) for t < tau,  exp(-h_e tau - h_l (t - tau)) afterwards;
//   E[T]     = (1 - exp(-h_e tau)) / h_e + exp(-h_e tau) / h_l;
//   age density f_A(a) = S(a) / E[T], P(A <= a) = int_0^a S / E[T];
//   with a constant hazard h: T and A are both exponential with mean 1 / h.
// The discrete model sits close to these: with a constant hazard, E[T] = 1 / q rather than
// 1 / h, about half a day longer.
//
// Invalid input throws std::invalid_argument whose message names the offending parameter
// and value. Stationary quantities need E[T] < infinity, i.e. annual_rate > 0; with
// annual_rate == 0 they throw std::domain_error.

namespace txsim::analytic {

// Attrition rates of model::AttritionSpec, with the daily quit probability they imply.
struct TenureHazard {
  // Probability of quitting within a year at the hazard that applies after early tenure.
  // [0, 1); 0 means that agents past early tenure never leave.
  double annual_rate = 0.30;
  // The same, annualised, for the hazard during early tenure. [0, 1).
  double early_annual_rate = 0.70;
  // Length of early tenure, days. Finite, >= 0; may be fractional: day d is early when
  // d < early_tenure_days, so 0 means no early period and 2.5 means days 0, 1 and 2.
  double early_tenure_days = 90.0;

  // q(d): probability that an agent of tenure `tenure_days` (>= 0) quits at the end of
  // that day. In [0, 1).
  double daily_quit_probability(int tenure_days) const;
};

// S(days) = P(T > days) = prod_{d < days} (1 - q(d)): probability that an agent is still
// employed at the start of day `days` of tenure. S(0) = 1. days >= 0.
double tenure_survival(const TenureHazard& hazard, int days);

// E[T] = sum_{n >= 0} S(n), the mean number of days an agent stays (the first day counts
// as one). With h_e > 0 and h_l > 0, writing r_e = exp(-h_e), q_l = 1 - exp(-h_l):
//   E[T] = (1 - r_e^E) / (1 - r_e) + r_e^E / q_l
// (the first term is E when h_e = 0). +infinity when annual_rate == 0.
double mean_tenure_days(const TenureHazard& hazard);

// P(A = tenure_days) = S(tenure_days) / E[T] in the stationary roster. tenure_days >= 0.
double stationary_tenure_probability(const TenureHazard& hazard, int tenure_days);

// P(A <= tenure_days) = sum_{a <= tenure_days} S(a) / E[T]. Computed from whichever of the
// head sum and the tail sum sum_{a > tenure_days} S(a) is smaller, both in closed form, so
// that small probabilities and probabilities near 1 keep their precision. Past early tenure
// the tail is S(a + 1) / q_l, which gives, with a constant hazard, 1 - (1 - q)^(a + 1).
// tenure_days >= 0.
double stationary_tenure_cdf(const TenureHazard& hazard, int tenure_days);

// Smallest a >= 0 with stationary_tenure_cdf(hazard, a) >= u, for u in (0, 1). The
// geometric pieces of the cdf are inverted in closed form, and the result is then made
// exactly consistent with stationary_tenure_cdf by a bracketing bisection, so it costs
// O(log) evaluations however small the hazard. Throws std::domain_error if the answer
// exceeds the range of int.
int stationary_tenure_quantile(const TenureHazard& hazard, double u);

// Stationary mean of the learning-curve multiplier among agents on the phones. Agents of
// tenure a < training_days are in training, off the phones, and excluded; the others have
//   m(a) = 1 + (m0 - 1) 2^(-(a - training_days) / half_life_days),  m0 = initial_multiplier.
// With a0 = ceil(training_days) and lambda = ln 2 / half_life_days,
//   E[m(A) | A >= a0] = 1 + (m0 - 1) 2^(-(a0 - training_days) / half_life_days)
//                         * sum_{k >= 0} S(a0 + k) exp(-lambda k) / sum_{k >= 0} S(a0 + k),
// where both sums are piecewise geometric (rates h + lambda and h) and closed form.
// training_days finite, >= 0; initial_multiplier finite, > 0; half_life_days > 0
// (+infinity allowed: no learning, the result is m0).
double stationary_mean_learning_multiplier(const TenureHazard& hazard,
                                                         double training_days,
                                                         double initial_multiplier,
                                                         double half_life_days);

// P(A < tenure_days), e.g. the share of the roster under 90 days of tenure. 0 for
// tenure_days == 0. tenure_days >= 0.
double stationary_share_below(const TenureHazard& hazard, int tenure_days);

}  // namespace txsim::analytic
