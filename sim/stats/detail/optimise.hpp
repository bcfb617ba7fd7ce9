#pragma once
// Small derivative-free optimisers and a numerical Hessian for the maximum-likelihood fits.
// Private to the stats layer; tests may include it.

#include <array>
#include <cmath>
#include <functional>

namespace txsim::stats::detail {

using Point2 = std::array<double, 2>;

/// Maximises f over the real plane by Nelder-Mead (Nelder and Mead 1965) from `start` with
/// initial steps `step`; stops when the simplex's values agree to `tolerance` (absolute) or
/// after `max_iterations`. Good enough for smooth, unimodal log-likelihoods in two parameters.
Point2 maximise_nelder_mead(const std::function<double(const Point2&)>& f, Point2 start, Point2 step,
                            double tolerance = 1e-10, int max_iterations = 2000);

/// Maximises a unimodal f on [lo, hi] by golden-section search to `tolerance` in x.
double maximise_golden(const std::function<double(double)>& f, double lo, double hi, double tolerance = 1e-9);

/// Inverse of the negative Hessian of f at x (central differences with step h): the asymptotic
/// covariance of maximum-likelihood estimates when f is the log-likelihood. Entries are NaN when
/// the Hessian is not negative definite.
std::array<std::array<double, 2>, 2> inverse_observed_information(const std::function<double(const Point2&)>& f,
                                                                   const Point2& x, double h = 1e-4);

/// Standard error of g(theta) by the delta method with a numerical gradient of g.
double delta_method_se(const std::function<double(const Point2&)>& g, const Point2& x,
                       const std::array<std::array<double, 2>, 2>& covariance, double h = 1e-6);

}  // namespace txsim::stats::detail
