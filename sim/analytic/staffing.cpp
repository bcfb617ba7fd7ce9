#include "txsim/analytic/staffing.hpp"

#include "analytic/detail/require.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string_view>

namespace txsim::analytic {

namespace {

constexpr int kMaxAgents = 1'000'000;

// Smallest agents >= lowest with meets(agents), for a predicate that switches from
// false to true once as agents grow. Galloping then bisecting costs O(log(answer -
// lowest)) evaluations, which matters for Erlang A where each one walks the chain.
template <typename Predicate>
int smallest_meeting(std::string_view target_name, int lowest, Predicate meets) {
  int failing = lowest - 1;
  int candidate = lowest;
  for (int step = 1; !meets(candidate); step *= 2) {
    failing = candidate;
    if (candidate > kMaxAgents - step) {
      throw std::domain_error(
          fmt::format("{} not met with {} agents", target_name, kMaxAgents));
    }
    candidate += step;
  }
  while (candidate - failing > 1) {
    const int middle = failing + (candidate - failing) / 2;
    (meets(middle) ? candidate : failing) = middle;
  }
  return candidate;
}

// Smallest staffing worth evaluating: 1, at least `fraction_of_load` of the load (as
// answered contacts per second cannot exceed agents * mu, a service level or answered
// fraction f needs agents >= f * load), and for Erlang C the first stable staffing.
int lower_bound_agents(QueueModel model, double load_erlangs,
                       double fraction_of_load) {
  if (load_erlangs >= kMaxAgents) {
    throw std::domain_error(fmt::format("offered load {} erlangs needs more than {} agents",
                                        load_erlangs, kMaxAgents));
  }
  // floor rather than ceil: rounding must never push the bound above the answer.
  int lowest = std::max(1, static_cast<int>(fraction_of_load * load_erlangs));
  if (model == QueueModel::ErlangC) {
    lowest = std::max(lowest, static_cast<int>(load_erlangs) + 1);
  }
  return lowest;
}

void require_workload(double arrival_rate_per_s,
                      double mean_service_s) {
  detail::require_finite_non_negative("arrival_rate_per_s", arrival_rate_per_s);
  detail::require_finite_positive("mean_service_s", mean_service_s);
}

}  // namespace

QueueMetrics queue_metrics(QueueModel model, double arrival_rate_per_s, double mean_service_s,
                           double mean_patience_s, int agents, double threshold_s) {
  switch (model) {
    case QueueModel::ErlangB:
      return erlang_b_metrics(arrival_rate_per_s, mean_service_s, agents);
    case QueueModel::ErlangC:
      return erlang_c_metrics(arrival_rate_per_s, mean_service_s, agents, threshold_s);
    case QueueModel::ErlangA:
      return erlang_a_metrics(arrival_rate_per_s, mean_service_s, mean_patience_s, agents,
                              threshold_s);
  }
  throw std::invalid_argument(
      fmt::format("unknown queue model {}", static_cast<int>(model)));
}

int agents_for_service_level(QueueModel model, double arrival_rate_per_s, double mean_service_s,
                             double mean_patience_s, double threshold_s, double target) {
  constexpr std::string_view target_name = "service level target";
  require_workload(arrival_rate_per_s, mean_service_s);
  if (!(target >= 0.0 && target < 1.0)) {
    throw std::invalid_argument(
        fmt::format("service level target must be in [0, 1), got {}", target));
  }
  const int lowest =
      lower_bound_agents(model, arrival_rate_per_s * mean_service_s, target);
  return smallest_meeting(target_name, lowest, [&](int agents) {
    return queue_metrics(model, arrival_rate_per_s, mean_service_s, mean_patience_s, agents,
                         threshold_s)
               .service_level >= target;
  });
}

int agents_for_abandon_rate(QueueModel model, double arrival_rate_per_s, double mean_service_s,
                            double mean_patience_s, double max_abandon_rate) {
  constexpr std::string_view target_name = "abandon rate target";
  require_workload(arrival_rate_per_s, mean_service_s);
  if (!(max_abandon_rate > 0.0 && max_abandon_rate <= 1.0)) {
    throw std::invalid_argument(fmt::format("abandon rate target must be in (0, 1], got {}",
                                            max_abandon_rate));
  }
  const int lowest = lower_bound_agents(model, arrival_rate_per_s * mean_service_s,
                                        1.0 - max_abandon_rate);
  // The threshold does not affect the lost fraction; 0 is merely a valid value.
  constexpr double any_threshold_s = 0.0;
  return smallest_meeting(target_name, lowest, [&](int agents) {
    const QueueMetrics metrics = queue_metrics(model, arrival_rate_per_s, mean_service_s,
                                               mean_patience_s, agents, any_threshold_s);
    return metrics.prob_abandon + metrics.prob_blocked <= max_abandon_rate;
  });
}

}  // namespace txsim::analytic
