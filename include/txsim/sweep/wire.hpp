#pragma once
// A point's results as bytes, for ranks that evaluate points for the rank that owns the store.
// Native byte order and IEEE doubles: the ranks of one MPI job run the same binary.

#include <string>
#include <string_view>

#include "txsim/sweep/result_store.hpp"

namespace txsim::sweep {

std::string encode(const PointResult& result);

/// Throws std::runtime_error on truncated or malformed input.
PointResult decode(std::string_view bytes);

}  // namespace txsim::sweep
