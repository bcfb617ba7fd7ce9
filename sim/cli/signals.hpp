#pragma once
// SIGINT, SIGTERM and SIGHUP stop a run cleanly: the first one raises a flag that the
// experiment runners and the output writers poll (they throw experiment::Cancelled, and no
// half-written file is left behind); a second one ends the process at once.

#include <atomic>

namespace txsim::cli {

/// Installs the handlers, except for a signal that is ignored already (nohup's SIGHUP). Call
/// once, before any worker thread starts.
void stop_on_signals();

/// Raised by the first SIGINT, SIGTERM or SIGHUP.
const std::atomic<bool>& stop_requested();

/// The signal that raised stop_requested(), 0 when none did.
int received_signal();

/// "SIGINT", "SIGTERM" or "SIGHUP".
const char* signal_name(int signal_number);

}  // namespace txsim::cli
