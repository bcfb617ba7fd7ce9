#pragma once
// Customers with memory and digital channels, as plain data.
// A scenario without a `customers` section keeps the attempt-level model: every answered contact
// ends the customer's business. docs/MODEL.md section "Customers and channels" gives equations
// and sources; every field below gives its unit, default and valid range.

#include <cstdint>
#include <string>
#include <vector>

namespace txsim::model {

/// Frustration Φ >= 0 of a customer across a journey. It rises with each bad experience and
/// raises the handle time and the emotional load of the customer's next contacts.
struct FrustrationSpec {
  double per_minute_over_expected_wait = 0.1;  ///< per minute waited beyond expected_wait_s, >= 0
  double expected_wait_s = 60.0;               ///< wait customers take in their stride [s], >= 0
  double per_abandonment = 0.5;                ///< per attempt abandoned, balked or blocked, >= 0
  double per_repeat_contact = 0.5;             ///< per repeat contact about an unresolved issue, >= 0
  /// When pushed into self-service against their choice, >= 0. 0: what hurts is failure and effort
  /// (per_failed_self_service), not being sent to a channel (Dixon, Toman & DeLisi 2013; Gartner 2019).
  double per_forced_channel = 0.0;
  double per_failed_self_service = 1.0;        ///< per self-service attempt that fails, >= 0
  double handle_time_per_unit = 0.15;          ///< handle time x (1 + this x Φ), >= 0
  double emotional_load_per_unit = 0.4;        ///< emotional load x (1 + this x Φ), >= 0
};

/// Journey-level outcomes: satisfaction, churn and its value.
struct SatisfactionSpec {
  double intercept = 2.0;               ///< log-odds of a satisfied customer, resolved first time, no frustration
  double unresolved_penalty = 2.5;      ///< log-odds lost when the issue is not resolved, >= 0
  double per_extra_contact = 0.4;       ///< log-odds lost per contact beyond the first, >= 0
  double per_frustration = 0.6;         ///< log-odds lost per unit of frustration, >= 0
  double per_agent_fatigue = 1.0;       ///< log-odds lost per unit of mean fatigue of the agents met, >= 0
  double churn_if_satisfied = 0.02;     ///< churn probability of a satisfied customer, [0, 1]
  double churn_if_dissatisfied = 0.15;  ///< churn probability of a dissatisfied customer, [0, 1]
  double customer_value = 600.0;        ///< revenue lost when a customer churns [currency], >= 0
};

/// A group of customers with the same channel preferences (multinomial logit, McFadden 1974).
struct SegmentSpec {
  std::string name;
  double share = 1.0;                 ///< share of customers, [0, 1]; shares sum to 1
  double digital_preference = 0.0;    ///< utility of self-service relative to an agent (logit units)
};

enum class ChannelMode : std::uint8_t {
  None,    ///< voice only
  Forced,  ///< eligible contacts must try self-service first
  Choice,  ///< eligible customers choose between self-service and an agent
};

/// Digital self-service (app or web) and the choice between it and an agent.
struct ChannelSpec {
  ChannelMode mode = ChannelMode::None;
  double wait_sensitivity_per_minute = 0.3;  ///< logit utility of the agent channel lost per minute of expected wait, >= 0
  double agent_effort_utility = 0.0;         ///< extra utility of talking to a person (logit units)
  /// Self-service success probability x this for customers pushed in against their choice, [0, 1].
  double forced_success_multiplier = 0.8;
  std::vector<SegmentSpec> segments;         ///< empty = one segment with preference 0
};

/// The customer side of a scenario.
struct CustomerSpec {
  FrustrationSpec frustration;
  SatisfactionSpec satisfaction;
  ChannelSpec channels;
  /// Probability that a customer whose issue was not resolved contacts again, [0, 1].
  double repeat_probability = 0.8;
  /// Delay before that repeat contact [days], >= 0 (exponential with this mean).
  double repeat_delay_mean_days = 1.0;
};

}  // namespace txsim::model
