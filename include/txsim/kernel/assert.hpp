#pragma once
// Invariant checks. TXSIM_ASSERT guards cheap programmer-error conditions and is active in every
// build type (a contract violation in a simulation silently corrupts results, which is worse
// than a crash). TXSIM_VALIDATE_ASSERT guards expensive checks, compiled in only with the
// TXSIM_VALIDATE CMake option.

#include <cstdio>
#include <cstdlib>

namespace txsim::kernel::detail {
[[noreturn]] inline void assertion_failed(const char* condition, const char* message, const char* file,
                                          int line) noexcept {
  std::fprintf(stderr, "%s:%d: internal error: %s (failed: %s)\n", file, line, message, condition);
  std::abort();
}
}  // namespace txsim::kernel::detail

#define TXSIM_ASSERT(cond, msg)                                                        \
  do {                                                                                 \
    if (!(cond)) [[unlikely]]                                                          \
      ::txsim::kernel::detail::assertion_failed(#cond, msg, __FILE__, __LINE__);       \
  } while (false)

#if defined(TXSIM_VALIDATE)
#define TXSIM_VALIDATE_ASSERT(cond, msg) TXSIM_ASSERT(cond, msg)
#else
#define TXSIM_VALIDATE_ASSERT(cond, msg) \
  do {                                   \
  } while (false)
#endif
