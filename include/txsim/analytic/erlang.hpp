#pragma once

// Exact steady-state formulas for the three classical single-skill contact-centre
// queues. They are the yardstick the simulator is validated against and the fast
// first guess that staffing searches start from.
//
// Conventions for every function in this header:
// - time in seconds, rates per second, offered load in erlangs
//   (arrival_rate_per_s * mean_service_s);
// - arrivals are Poisson, handle times exponential, service is first come first served;
// - invalid input (negative or non-finite rate or time, negative server count) throws
//   std::invalid_argument whose message names the offending parameter and value.

namespace txsim::analytic {

// Erlang B: probability that an arrival finds all `servers` busy and is lost in
// M/M/c/c (Erlang 1917). Uses the recursion B(n) = a B(n-1) / (n + a B(n-1)), whose
// terms stay in [0, 1], so thousands of servers and erlangs neither overflow nor lose
// precision. servers >= 0 (B = 1 with no servers); offered_load_erlangs >= 0, finite.
double erlang_b(int servers, double offered_load_erlangs);

// Erlang C: probability that an arrival waits (> 0 s) in M/M/c, from
// C = B / (1 - rho (1 - B)) with rho = load / servers. Returns 1.0 when
// offered_load_erlangs >= servers: the queue is unstable and every arrival eventually
// waits. servers >= 0; offered_load_erlangs >= 0, finite.
double erlang_c(int servers, double offered_load_erlangs);

// Steady-state performance of one queue, per offered contact unless said otherwise.
// "Offered" counts every arrival, including blocked ones; the service-level threshold
// is the one passed to the function that produced the metrics.
// Fields are zero-initialised so that a model without a phenomenon (no abandonment in
// Erlang C, no blocking in Erlang A) reports 0 for it.
struct QueueMetrics {
  // P(an arrival waits > 0 s). Probability in [0, 1]; 0 for Erlang B.
  double prob_wait = 0.0;
  // Fraction of offered contacts that abandon. [0, 1]; 0 for Erlang B and C.
  double prob_abandon = 0.0;
  // Fraction of offered contacts that abandon after waiting <= threshold_s. [0, prob_abandon].
  double prob_abandon_within_threshold = 0.0;
  // Fraction of offered contacts that are blocked (all servers busy). [0, 1]; Erlang B only.
  double prob_blocked = 0.0;
  // Answered with wait <= threshold_s, over all offered contacts. [0, 1 - prob_abandon - prob_blocked].
  double service_level = 0.0;
  // Answered with wait <= threshold_s, over offered minus abandoned within threshold_s
  // (short abandons do not count against the centre). [service_level, 1].
  double service_level_excl_short_abandons = 0.0;
  // Average speed of answer: mean wait of answered contacts, seconds. >= 0.
  double asa_s = 0.0;
  // Mean time in queue over all non-blocked contacts (the wait if answered, the time to
  // abandon otherwise), seconds. >= 0; equals mean_queue_length / arrival rate (Little).
  double mean_wait_all_s = 0.0;
  // Time-average number of contacts waiting (excluding those in service). >= 0.
  double mean_queue_length = 0.0;
  // Mean number of busy servers / servers. [0, 1].
  double occupancy = 0.0;
  // Answered contacts per second. [0, arrival rate].
  double throughput_per_s = 0.0;
};

// M/M/c/c loss system (Erlang B): blocked arrivals leave, nobody waits, so the service
// level equals 1 - prob_blocked whatever the threshold.
// arrival_rate_per_s >= 0; mean_service_s > 0; servers >= 1; all finite.
QueueMetrics erlang_b_metrics(double arrival_rate_per_s, double mean_service_s, int servers);

// M/M/c delay system (Erlang C), infinitely patient customers. The wait exceeds t with
// probability C exp(-(c mu - lambda) t), which gives the service level and
// ASA = C / (c mu - lambda) (see e.g. Gross & Harris, Fundamentals of Queueing Theory).
// arrival_rate_per_s >= 0; mean_service_s > 0; agents >= 1; threshold_s >= 0 (may be
// +infinity: "answered at all"). Throws std::domain_error when the offered load is
// >= agents, since no steady state exists.
QueueMetrics erlang_c_metrics(double arrival_rate_per_s, double mean_service_s, int agents,
                              double threshold_s);

// M/M/c+M (Palm 1943; "Erlang A" in Garnett, Mandelbaum & Reiman 2002): each waiting
// customer abandons after an exponential patience of mean mean_patience_s. Stable at
// any load, including overload (load > agents).
//
// Computed exactly from the birth-death chain on the number in system, truncated where
// the neglected tail mass is below 1e-15. The wait of an arrival who finds j - 1
// customers queued ahead of it has a closed form: with theta = 1 / mean_patience_s and
// u = c mu / theta, exp(-theta V) ~ Beta(u, j), where V is its time to reach an agent if
// it never abandoned (derived from the Laplace transform of the hypoexponential V,
// rates c mu + k theta, k = 0..j-1; cf. the Erlang-A wait distribution of Mandelbaum &
// Zeltyn 2007). Service level, abandonment within the threshold and ASA follow from
// regularised incomplete beta functions, with no numerical integration.
//
// mean_patience_s = +infinity means nobody abandons: the result is then exactly
// erlang_c_metrics (and throws std::domain_error likewise when load >= agents).
// arrival_rate_per_s >= 0; mean_service_s > 0; mean_patience_s > 0; agents >= 1;
// threshold_s >= 0 (may be +infinity). Throws std::domain_error if the chain would need
// more than ten million states: millions of agents, or a patience so long relative to the
// overload that the queue holds millions.
QueueMetrics erlang_a_metrics(double arrival_rate_per_s, double mean_service_s,
                              double mean_patience_s, int agents, double threshold_s);

}  // namespace txsim::analytic
