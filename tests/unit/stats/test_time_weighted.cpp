#include <doctest/doctest.h>

#include <cmath>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_01.hpp>

#include "txsim/stats/time_weighted.hpp"

using txsim::stats::TimeWeighted;

TEST_CASE("the integral of a hand-built queue-length trajectory is the exact area under it") {
  // Queue length 0 on [0,1), 1 on [1,2.5), 2 on [2.5,4), 0 on [4,6].
  TimeWeighted queue;
  queue.reset(0.0, 0.0);
  queue.add(1.0, +1.0);
  CHECK(queue.integral(2.0) == 1.0);
  queue.add(2.5, +1.0);
  CHECK(queue.integral(3.0) == 2.5);
  queue.set(4.0, 0.0);
  CHECK(queue.level() == 0.0);
  CHECK(queue.integral(6.0) == 4.5);
  CHECK(queue.mean(6.0) == 0.75);
}

TEST_CASE("restarting at interval boundaries gives per-interval areas that sum to the total") {
  boost::random::mt19937_64 engine(7);
  boost::random::uniform_01<double> uniform;
  TimeWeighted whole, split;
  whole.reset(0.0, 3.0);
  split.reset(0.0, 3.0);
  const double interval_s = 900.0;
  double next_boundary_s = interval_s;
  double area_sum = 0.0;
  double t_s = 0.0;
  for (int event = 0; event < 5000; ++event) {
    t_s += 10.0 * uniform(engine);
    while (next_boundary_s <= t_s) {
      area_sum += split.integral_and_restart(next_boundary_s);
      CHECK(split.start_s() == next_boundary_s);
      next_boundary_s += interval_s;
    }
    const double delta = uniform(engine) < 0.5 ? -1.0 : 1.0;
    whole.add(t_s, delta);
    split.add(t_s, delta);
  }
  area_sum += split.integral(t_s);
  CHECK(area_sum == doctest::Approx(whole.integral(t_s)).epsilon(1e-12));
}

TEST_CASE("the first report interval holds exactly the area before the boundary") {
  TimeWeighted busy;
  busy.reset(0.0, 2.0);
  busy.set(1.0, 4.0);
  CHECK(busy.integral_and_restart(3.0) == 10.0);  // 2 * 1 + 4 * 2
  CHECK(busy.level() == 4.0);
  busy.set(3.5, 1.0);
  CHECK(busy.integral(5.0) == 3.5);  // 4 * 0.5 + 1 * 1.5
  CHECK(busy.mean(5.0) == 1.75);
}

TEST_CASE("the mean over an interval of zero length is NaN") {
  TimeWeighted level;
  level.reset(10.0, 5.0);
  CHECK(std::isnan(level.mean(10.0)));
  CHECK(level.mean(12.0) == 5.0);
}
