// Links the installed libraries, including those with private dependencies (SQLite, GLPK, MPI),
// and checks one analytic value so that a wrong link cannot pass silently.
#include <cmath>
#include <cstdio>

#include "txsim/analytic/erlang.hpp"
#include "txsim/io/scenario_loader.hpp"
#include "txsim/staffing/shift_schedule.hpp"
#include "txsim/sweep/result_store.hpp"

int main() {
  const double b = txsim::analytic::erlang_b(2, 1.0);  // 1 / (1 + 1 + 1/2) = 0.2
  std::printf("erlang_b(2, 1) = %g, store schema %d\n", b, txsim::sweep::kStoreSchemaVersion);
  return std::abs(b - 0.2) < 1e-12 ? 0 : 1;
}
