#include "txsim/staffing/shift_schedule.hpp"

#include <fmt/format.h>
#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "txsim/staffing/requirement.hpp"

namespace txsim::staffing {

namespace {

constexpr double kMinutesPerDay = 24.0 * 60.0;

// Length of the overlap of [a0, a1) with the cyclic interval [b0, b1) on a day of
// kMinutesPerDay minutes, where b may run past midnight (b1 <= b0 + day).
double cyclic_overlap(double a0, double a1, double b0, double b1) {
  double total = 0.0;
  for (double shift : {-kMinutesPerDay, 0.0, kMinutesPerDay}) {
    total += std::max(0.0, std::min(a1, b1 + shift) - std::max(a0, b0 + shift));
  }
  return total;
}

std::string clock(double hours) {
  const int minutes = static_cast<int>(std::lround(hours * 60.0));
  return fmt::format("{:02}:{:02}", minutes / 60 % 24, minutes % 60);
}

void require_pattern(const ShiftPattern& p) {
  if (!(p.start_h >= 0.0 && p.start_h < 24.0) || !(p.length_h > 0.0 && p.length_h <= 24.0)) {
    throw std::invalid_argument(fmt::format(
        "shift pattern starting at {} h lasting {} h: start must be in [0, 24) h and length in (0, 24] h", p.start_h,
        p.length_h));
  }
  for (const auto& b : p.breaks) {
    if (!(b.start_after_h >= 0.0 && b.duration_min > 0.0 && b.start_after_h + b.duration_min / 60.0 <= p.length_h)) {
      throw std::invalid_argument(fmt::format("shift pattern {}: a break {} h after the start lasting {} min does not "
                                              "fit inside the shift",
                                              describe(p), b.start_after_h, b.duration_min));
    }
  }
}

struct ProblemDeleter {
  void operator()(glp_prob* p) const { glp_delete_prob(p); }
};

}  // namespace

std::string describe(const ShiftPattern& pattern) {
  std::string text = fmt::format("{}+{}h", clock(pattern.start_h), pattern.length_h);
  if (!pattern.breaks.empty()) {
    text += " breaks";
    for (const auto& b : pattern.breaks) text += fmt::format(" {}h/{}m", b.start_after_h, b.duration_min);
  }
  return text;
}

std::vector<ShiftPattern> shift_patterns(const model::ScenarioSpec& spec) {
  std::vector<ShiftPattern> patterns;
  const auto same = [](const ShiftPattern& p, const model::ShiftSpec& s) {
    if (p.start_h != s.start_h || p.length_h != s.length_h || p.breaks.size() != s.breaks.size()) return false;
    for (std::size_t k = 0; k < p.breaks.size(); ++k) {
      if (p.breaks[k].start_after_h != s.breaks[k].start_after_h ||
          p.breaks[k].duration_min != s.breaks[k].duration_min)
        return false;
    }
    return true;
  };
  for (const auto& group : spec.agent_groups) {
    for (const auto& shift : group.shifts) {
      if (std::none_of(patterns.begin(), patterns.end(), [&](const ShiftPattern& p) { return same(p, shift); }))
        patterns.push_back({shift.start_h, shift.length_h, shift.breaks});
    }
  }
  return patterns;
}

std::vector<ShiftPattern> schedulable_shift_patterns(const model::ScenarioSpec& spec) {
  std::vector<ShiftPattern> patterns = shift_patterns(spec);
  if (patterns.empty())
    throw std::invalid_argument(fmt::format("scenario \"{}\" staffs by headcount and has no shifts to take patterns "
                                            "from; add shifts to the agent group",
                                            spec.name));
  // Any positive requirement will do: only whether an interval needs agents at all matters here.
  RequirementTargets any_service;
  any_service.service_level = 0.0;
  std::vector<int> needed(static_cast<std::size_t>(spec.intervals_per_day()), 0);
  for (const auto& r : erlang_requirement(spec, any_service).intervals)
    needed[static_cast<std::size_t>(r.interval)] = std::max(needed[static_cast<std::size_t>(r.interval)], r.agents);
  (void)schedule_shifts(needed, spec.interval_minutes, patterns);
  return patterns;
}

std::vector<double> coverage(const ShiftPattern& pattern, double interval_minutes) {
  const int n = static_cast<int>(kMinutesPerDay / interval_minutes + 0.5);
  const double start = pattern.start_h * 60.0;
  const double end = start + pattern.length_h * 60.0;
  std::vector<double> fraction(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const double a0 = i * interval_minutes;
    const double a1 = a0 + interval_minutes;
    double minutes = cyclic_overlap(a0, a1, start, end);
    for (const auto& b : pattern.breaks) {
      const double b0 = start + b.start_after_h * 60.0;
      minutes -= cyclic_overlap(a0, a1, b0, b0 + b.duration_min);
    }
    fraction[static_cast<std::size_t>(i)] = std::clamp(minutes / interval_minutes, 0.0, 1.0);
  }
  return fraction;
}

ShiftSchedule schedule_shifts(const std::vector<int>& required, double interval_minutes,
                              const std::vector<ShiftPattern>& patterns) {
  const int n = static_cast<int>(required.size());
  if (n != static_cast<int>(kMinutesPerDay / interval_minutes + 0.5)) {
    throw std::invalid_argument(fmt::format("{} required values for a day of {}-minute intervals", n, interval_minutes));
  }
  for (const auto& p : patterns) require_pattern(p);
  std::vector<std::vector<double>> cover;
  for (const auto& p : patterns) cover.push_back(coverage(p, interval_minutes));
  for (int i = 0; i < n; ++i) {
    if (required[static_cast<std::size_t>(i)] <= 0) continue;
    const bool covered =
        std::any_of(cover.begin(), cover.end(), [i](const std::vector<double>& c) { return c[static_cast<std::size_t>(i)] > 0.0; });
    if (!covered) {
      throw std::invalid_argument(fmt::format(
          "no shift pattern covers the interval starting at {}, which needs {} agent(s); add a pattern working then",
          clock(i * interval_minutes / 60.0), required[static_cast<std::size_t>(i)]));
    }
  }

  ShiftSchedule schedule;
  schedule.agents_per_pattern.assign(patterns.size(), 0);
  schedule.covered.assign(static_cast<std::size_t>(n), 0.0);
  const bool any_demand = std::any_of(required.begin(), required.end(), [](int r) { return r > 0; });
  if (any_demand) {
    glp_term_out(GLP_OFF);
    std::unique_ptr<glp_prob, ProblemDeleter> lp(glp_create_prob());
    glp_set_obj_dir(lp.get(), GLP_MIN);
    const int m = static_cast<int>(patterns.size());
    glp_add_rows(lp.get(), n);
    glp_add_cols(lp.get(), m);
    // GLPK arrays are 1-based: element 0 is unused.
    std::vector<int> row_index{0};
    std::vector<int> col_index{0};
    std::vector<double> value{0.0};
    for (int i = 0; i < n; ++i) {
      glp_set_row_bnds(lp.get(), i + 1, GLP_LO, required[static_cast<std::size_t>(i)], 0.0);
      for (int j = 0; j < m; ++j) {
        const double a = cover[static_cast<std::size_t>(j)][static_cast<std::size_t>(i)];
        if (a <= 0.0) continue;
        row_index.push_back(i + 1);
        col_index.push_back(j + 1);
        value.push_back(a);
      }
    }
    for (int j = 0; j < m; ++j) {
      glp_set_col_bnds(lp.get(), j + 1, GLP_LO, 0.0, 0.0);
      glp_set_col_kind(lp.get(), j + 1, GLP_IV);
      glp_set_obj_coef(lp.get(), j + 1, patterns[static_cast<std::size_t>(j)].length_h);
    }
    glp_load_matrix(lp.get(), static_cast<int>(value.size()) - 1, row_index.data(), col_index.data(), value.data());
    glp_iocp options;
    glp_init_iocp(&options);
    options.presolve = GLP_ON;
    options.msg_lev = GLP_MSG_OFF;
    const int code = glp_intopt(lp.get(), &options);
    if (code != 0 || glp_mip_status(lp.get()) != GLP_OPT) {
      throw std::runtime_error(fmt::format("the shift scheduling programme was not solved (GLPK code {}, status {})",
                                           code, glp_mip_status(lp.get())));
    }
    for (int j = 0; j < m; ++j)
      schedule.agents_per_pattern[static_cast<std::size_t>(j)] =
          static_cast<int>(std::lround(glp_mip_col_val(lp.get(), j + 1)));
  }
  for (std::size_t j = 0; j < patterns.size(); ++j) {
    schedule.paid_hours += schedule.agents_per_pattern[j] * patterns[j].length_h;
    for (int i = 0; i < n; ++i)
      schedule.covered[static_cast<std::size_t>(i)] += schedule.agents_per_pattern[j] * cover[j][static_cast<std::size_t>(i)];
  }
  schedule.over_coverage.resize(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i)
    schedule.over_coverage[static_cast<std::size_t>(i)] =
        schedule.covered[static_cast<std::size_t>(i)] - required[static_cast<std::size_t>(i)];
  return schedule;
}

model::ScenarioSpec with_shift_schedule(const model::ScenarioSpec& spec, const std::vector<ShiftPattern>& patterns,
                                        const std::vector<int>& agents_per_pattern) {
  if (patterns.size() != agents_per_pattern.size())
    throw std::invalid_argument(
        fmt::format("{} shift patterns but {} agent counts", patterns.size(), agents_per_pattern.size()));
  model::ScenarioSpec out = spec;
  auto& group = out.agent_groups.front();
  group.headcount.clear();
  group.shifts.clear();
  for (std::size_t j = 0; j < patterns.size(); ++j) {
    if (agents_per_pattern[j] <= 0) continue;
    model::ShiftSpec shift;
    shift.start_h = patterns[j].start_h;
    shift.length_h = patterns[j].length_h;
    shift.count = agents_per_pattern[j];
    shift.breaks = patterns[j].breaks;
    group.shifts.push_back(shift);
  }
  if (group.shifts.empty()) throw std::invalid_argument("the shift schedule puts no agent on any pattern");
  return out;
}

}  // namespace txsim::staffing
