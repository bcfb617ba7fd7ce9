#pragma once
// A per-contact trace of a run: one record per contact attempt when its fate is known, in the
// order the fates happen. `txsim run --trace` writes these as the call-log columns that
// `txsim calibrate` reads, so that calibration can be checked on runs with known parameters.
// Off by default; when off the model pays one null-pointer test per contact.

#include <cstdint>

namespace txsim::model {

enum class TracedOutcome : std::uint8_t { Answered, Abandoned, Balked, Blocked };

struct TracedContact {
  double arrival_s = 0.0;         ///< simulation time the attempt asked for an agent [s]
  double wait_s = 0.0;            ///< time in queue [s]; 0 for balked and blocked
  double talk_s = -1.0;           ///< talk time [s] (after-call work excluded); < 0 unless answered
  std::uint32_t agent = UINT32_MAX;     ///< serving agent's index; UINT32_MAX unless answered
  std::uint32_t customer = UINT32_MAX;  ///< customer index with a customers section, else UINT32_MAX
  std::uint16_t type = 0;         ///< index into ScenarioSpec::contact_types
  int priority = 0;               ///< the type's priority
  TracedOutcome outcome = TracedOutcome::Answered;
};

/// Receives the trace. Called from the event loop: implementations should be quick and must not
/// throw (buffer, and report write failures after the run).
class ContactTraceSink {
 public:
  virtual ~ContactTraceSink() = default;
  virtual void record(const TracedContact& contact) noexcept = 0;
};

}  // namespace txsim::model
