#include "optimise.hpp"

#include <algorithm>
#include <limits>

namespace txsim::stats::detail {

Point2 maximise_nelder_mead(const std::function<double(const Point2&)>& f, Point2 start, Point2 step,
                            double tolerance, int max_iterations) {
  // Minimise -f; NaN values count as -infinity so the simplex walks away from them.
  const auto cost = [&](const Point2& p) {
    const double v = f(p);
    return std::isnan(v) ? std::numeric_limits<double>::infinity() : -v;
  };
  std::array<Point2, 3> p{start, Point2{start[0] + step[0], start[1]}, Point2{start[0], start[1] + step[1]}};
  std::array<double, 3> v{cost(p[0]), cost(p[1]), cost(p[2])};
  const auto along = [](const Point2& a, const Point2& b, double t) {
    return Point2{a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])};
  };
  for (int it = 0; it < max_iterations; ++it) {
    std::array<int, 3> order{0, 1, 2};
    std::sort(order.begin(), order.end(), [&](int a, int b) { return v[a] < v[b]; });
    const int best = order[0], mid = order[1], worst = order[2];
    if (std::abs(v[worst] - v[best]) <= tolerance * (1.0 + std::abs(v[best]))) break;
    const Point2 centroid{(p[best][0] + p[mid][0]) / 2.0, (p[best][1] + p[mid][1]) / 2.0};
    const Point2 reflected = along(p[worst], centroid, 2.0);
    const double vr = cost(reflected);
    if (vr < v[best]) {
      const Point2 expanded = along(p[worst], centroid, 3.0);
      const double ve = cost(expanded);
      if (ve < vr) {
        p[worst] = expanded, v[worst] = ve;
      } else {
        p[worst] = reflected, v[worst] = vr;
      }
    } else if (vr < v[mid]) {
      p[worst] = reflected, v[worst] = vr;
    } else {
      const Point2 contracted = vr < v[worst] ? along(p[worst], centroid, 1.5) : along(p[worst], centroid, 0.5);
      const double vc = cost(contracted);
      if (vc < std::min(vr, v[worst])) {
        p[worst] = contracted, v[worst] = vc;
      } else {
        for (const int i : {mid, worst}) {
          p[i] = along(p[best], p[i], 0.5);
          v[i] = cost(p[i]);
        }
      }
    }
  }
  const auto best = std::min_element(v.begin(), v.end()) - v.begin();
  return p[static_cast<std::size_t>(best)];
}

double maximise_golden(const std::function<double(double)>& f, double lo, double hi, double tolerance) {
  const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
  double a = lo, b = hi;
  double c = b - ratio * (b - a), d = a + ratio * (b - a);
  double fc = f(c), fd = f(d);
  while (b - a > tolerance) {
    if (fc > fd) {
      b = d, d = c, fd = fc;
      c = b - ratio * (b - a);
      fc = f(c);
    } else {
      a = c, c = d, fc = fd;
      d = a + ratio * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2.0;
}

std::array<std::array<double, 2>, 2> inverse_observed_information(const std::function<double(const Point2&)>& f,
                                                                   const Point2& x, double h) {
  const auto at = [&](double d0, double d1) { return f(Point2{x[0] + d0, x[1] + d1}); };
  const double f0 = f(x);
  const double h00 = (at(h, 0) - 2 * f0 + at(-h, 0)) / (h * h);
  const double h11 = (at(0, h) - 2 * f0 + at(0, -h)) / (h * h);
  const double h01 = (at(h, h) - at(h, -h) - at(-h, h) + at(-h, -h)) / (4 * h * h);
  // Covariance = (-H)^-1.
  const double a = -h00, b = -h01, d = -h11;
  const double det = a * d - b * b;
  if (!(a > 0 && det > 0)) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    return {{{nan, nan}, {nan, nan}}};
  }
  return {{{d / det, -b / det}, {-b / det, a / det}}};
}

double delta_method_se(const std::function<double(const Point2&)>& g, const Point2& x,
                       const std::array<std::array<double, 2>, 2>& covariance, double h) {
  const double g0 = (g({x[0] + h, x[1]}) - g({x[0] - h, x[1]})) / (2 * h);
  const double g1 = (g({x[0], x[1] + h}) - g({x[0], x[1] - h})) / (2 * h);
  const double var = g0 * g0 * covariance[0][0] + 2 * g0 * g1 * covariance[0][1] + g1 * g1 * covariance[1][1];
  return var >= 0 ? std::sqrt(var) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace txsim::stats::detail
