#include "txsim/calibrate/report.hpp"

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

namespace txsim::calibrate {
namespace {

nlohmann::ordered_json estimate(const Estimate& e) {
  return {{"value", e.value}, {"lo95", e.lo}, {"hi95", e.hi}, {"n", e.n}};
}

// JSON has no infinity: an unbounded value is written as null.
nlohmann::ordered_json finite_or_null(double v) {
  return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

// CSV fields here are names from the log; quote when they could break the row.
std::string csv(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (const char ch : s) {
    if (ch == '"') q += '"';
    q += ch;
  }
  return q + "\"";
}

std::string g(double v) { return std::isfinite(v) ? fmt::format("{:.8g}", v) : (std::isnan(v) ? "" : (v > 0 ? "inf" : "-inf")); }

nlohmann::ordered_json fit_json(const stats::SurvivalFit& f) {
  nlohmann::ordered_json params = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < f.parameters.size(); ++i) {
    nlohmann::ordered_json p{{"name", f.parameters[i].name},
                             {"value", f.parameters[i].value},
                             {"std_error", finite_or_null(f.parameters[i].std_error)}};
    if (f.model == stats::SurvivalModel::PiecewiseHazard) p["from_s"] = f.breakpoints_s[i];
    params.push_back(p);
  }
  return {{"model", stats::to_string(f.model)}, {"parameters", params}, {"observations", f.observations},
          {"events", f.events}, {"log_likelihood", f.log_likelihood}, {"aic", f.aic},
          {"mean_s", f.mean_s}, {"mean_lo95_s", finite_or_null(f.mean_lo_s)}, {"mean_hi95_s", finite_or_null(f.mean_hi_s)}};
}

nlohmann::ordered_json type_json(const TypeFit& t) {
  nlohmann::ordered_json j{{"name", t.name}, {"share", estimate(t.share)}, {"queued", t.queued},
                           {"balk_share", estimate(t.balk_share)}};
  if (t.handle) {
    const auto& h = *t.handle;
    j["handle_time"] = {{"model", "lognormal"}, {"n", h.n}, {"mu", h.mu}, {"mu_se", h.mu_se}, {"sigma", h.sigma},
                        {"sigma_se", h.sigma_se}, {"mean_s", h.mean}, {"mean_lo95_s", h.mean_lo}, {"mean_hi95_s", h.mean_hi},
                        {"cv", h.cv}, {"cv_lo95", h.cv_lo}, {"cv_hi95", h.cv_hi}, {"sample_mean_s", t.handle_sample_mean_s},
                        {"ks_distance", h.ks_distance}, {"ks_p_value", h.ks_p_value}, {"pooled_in_scenario", t.pooled_handle}};
  }
  if (t.kaplan_meier)
    j["kaplan_meier"] = {{"restricted_mean_s", t.kaplan_meier->restricted_mean_s},
                         {"restricted_mean_se_s", t.kaplan_meier->restricted_mean_se_s},
                         {"horizon_s", t.kaplan_meier->horizon_s}};
  nlohmann::ordered_json fits = nlohmann::ordered_json::array();
  for (const auto& f : t.patience_fits) fits.push_back(fit_json(f));
  j["patience_fits"] = fits;
  if (!t.patience_fits.empty()) j["patience_chosen"] = stats::to_string(t.patience_fits[t.chosen_patience].model);
  j["patience_pooled_in_scenario"] = t.pooled_patience;
  nlohmann::ordered_json priorities = nlohmann::ordered_json::object();
  for (const auto& [p, n] : t.priorities) priorities[std::to_string(p)] = n;
  j["queued_by_priority"] = priorities;
  return j;
}

}  // namespace

nlohmann::ordered_json to_json(const Calibration& c) {
  nlohmann::ordered_json j;
  j["file"] = c.file;
  j["first_date"] = c.first_date;
  j["first_weekday"] = model::to_string(c.first_weekday);
  j["days"] = c.days;
  j["contacts"] = {{"all", c.contacts}, {"answered", c.answered}, {"abandoned", c.abandoned}, {"blocked", c.blocked}};
  j["interval_minutes"] = c.options.interval_minutes;
  const ArrivalFit& a = c.arrivals;
  nlohmann::ordered_json factors = nlohmann::ordered_json::object();
  for (int w = 0; w < model::kDaysPerWeek; ++w)
    factors[model::to_string(static_cast<model::Weekday>(w))] = estimate(a.day_of_week_factors[static_cast<std::size_t>(w)]);
  j["arrivals"] = {{"daily_volume", estimate(a.daily_volume)},
                   {"redial_share_of_arrivals", a.redial_share_of_arrivals},
                   {"day_of_week_factors", factors},
                   {"flagged_days", nlohmann::ordered_json::array()},
                   {"bursts", a.bursts.size()}};
  for (const auto& d : a.days)
    if (!d.flag.empty())
      j["arrivals"]["flagged_days"].push_back({{"date", d.date}, {"count", d.count}, {"expected", d.expected}, {"z", d.z}, {"flag", d.flag}});
  if (a.busyness)
    j["arrivals"]["busyness_shape"] = {{"ml", finite_or_null(a.busyness->shape_ml)},
                                       {"lo95", finite_or_null(a.busyness->shape_lo)},
                                       {"hi95", finite_or_null(a.busyness->shape_hi)},
                                       {"moments", finite_or_null(a.busyness->shape_moments)},
                                       {"days", a.busyness->n}};
  j["pooled"] = type_json(c.pooled);
  j["types"] = nlohmann::ordered_json::array();
  for (const auto& t : c.types) j["types"].push_back(type_json(t));
  if (c.redials)
    j["redials"] = {{"window_s", c.options.redial_window_s}, {"abandoners_with_id", c.redials->abandoners},
                    {"share", estimate(c.redials->share)}, {"mean_delay_s", estimate(c.redials->mean_delay_s)},
                    {"median_delay_s", c.redials->median_delay_s}};
  j["problems"] = nlohmann::ordered_json::array();
  for (const auto& p : c.problems)
    j["problems"].push_back({{"kind", p.kind}, {"count", p.count}, {"first_line", p.first_line}, {"meaning", p.meaning}});
  j["notes"] = c.notes;
  return j;
}

void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  const auto temporary = path.parent_path() / fmt::format(".{}.partial", path.filename().string());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (out) out << text;
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw std::runtime_error(fmt::format("cannot write {}", path.string()));
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    throw std::runtime_error(fmt::format("cannot write {}: {}", path.string(), ec.message()));
  }
}

void write_report(const std::filesystem::path& dir, const Calibration& c) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot create report directory {}: {}", dir.string(), ec.message()));
  const auto write = [&](const char* name, auto body) {
    std::ostringstream out;
    body(out);
    write_file_atomically(dir / name, out.str());
  };
  write("arrivals.csv", [&](std::ostream& o) {
    o << "weekday,interval,start_h,days,mean_count,lo95,hi95,rate_per_hour\n";
    for (const auto& cell : c.arrivals.cells)
      o << model::to_string(cell.weekday) << ',' << cell.interval << ',' << g(cell.interval * c.options.interval_minutes / 60.0)
        << ',' << cell.count.n << ',' << g(cell.count.value) << ',' << g(cell.count.lo) << ',' << g(cell.count.hi) << ','
        << g(cell.rate_per_hour) << '\n';
  });
  write("days.csv", [&](std::ostream& o) {
    o << "date,weekday,contacts,expected,z,flag\n";
    for (const auto& d : c.arrivals.days)
      o << d.date << ',' << model::to_string(d.weekday) << ',' << d.count << ',' << g(d.expected) << ',' << g(d.z) << ','
        << d.flag << '\n';
  });
  write("bursts.csv", [&](std::ostream& o) {
    o << "date,interval,contacts,expected,z\n";
    for (const auto& b : c.arrivals.bursts)
      o << b.date << ',' << b.interval << ',' << b.count << ',' << g(b.expected) << ',' << g(b.z) << '\n';
  });
  write("handle_time.csv", [&](std::ostream& o) {
    o << "type,n,mu,mu_se,sigma,sigma_se,mean_s,mean_lo95_s,mean_hi95_s,cv,cv_lo95,cv_hi95,sample_mean_s,ks_distance,ks_p_value\n";
    for (const TypeFit* t : [&] {
           std::vector<const TypeFit*> all{&c.pooled};
           for (const auto& x : c.types) all.push_back(&x);
           return all;
         }()) {
      if (!t->handle) continue;
      const auto& h = *t->handle;
      o << csv(t == &c.pooled ? "(all)" : t->name) << ',' << h.n << ',' << g(h.mu) << ',' << g(h.mu_se) << ',' << g(h.sigma) << ','
        << g(h.sigma_se) << ',' << g(h.mean) << ',' << g(h.mean_lo) << ',' << g(h.mean_hi) << ',' << g(h.cv) << ','
        << g(h.cv_lo) << ',' << g(h.cv_hi) << ',' << g(t->handle_sample_mean_s) << ',' << g(h.ks_distance) << ','
        << g(h.ks_p_value) << '\n';
    }
  });
  const auto each_type = [&](auto body) {
    body(c.pooled, std::string("(all)"));
    for (const auto& t : c.types) body(t, t.name);
  };
  write("patience.csv", [&](std::ostream& o) {
    o << "type,model,parameter,from_s,value,std_error,log_likelihood,aic,mean_s,mean_lo95_s,mean_hi95_s,chosen,queued,balk_share,"
         "balk_lo95,balk_hi95\n";
    each_type([&](const TypeFit& t, const std::string& name) {
      for (std::size_t k = 0; k < t.patience_fits.size(); ++k) {
        const auto& f = t.patience_fits[k];
        for (std::size_t i = 0; i < f.parameters.size(); ++i)
          o << csv(name) << ',' << stats::to_string(f.model) << ',' << f.parameters[i].name << ','
            << (f.model == stats::SurvivalModel::PiecewiseHazard ? g(f.breakpoints_s[i]) : "") << ','
            << g(f.parameters[i].value) << ',' << g(f.parameters[i].std_error) << ',' << g(f.log_likelihood) << ','
            << g(f.aic) << ',' << g(f.mean_s) << ',' << g(f.mean_lo_s) << ',' << g(f.mean_hi_s) << ','
            << (k == t.chosen_patience ? 1 : 0) << ',' << t.queued << ',' << g(t.balk_share.value) << ','
            << g(t.balk_share.lo) << ',' << g(t.balk_share.hi) << '\n';
      }
    });
  });
  write("kaplan_meier.csv", [&](std::ostream& o) {
    o << "type,time_s,at_risk,events,survival,std_error\n";
    each_type([&](const TypeFit& t, const std::string& name) {
      if (!t.kaplan_meier) return;
      for (const auto& s : t.kaplan_meier->steps)
        o << csv(name) << ',' << g(s.time_s) << ',' << s.at_risk << ',' << s.events << ',' << g(s.survival) << ','
          << g(s.std_error) << '\n';
    });
  });
  write("staffing.csv", [&](std::ostream& o) {
    o << "interval,start_h,days,agents_seen,agents_talking,talk_share,headcount\n";
    for (const auto& s : c.staffing)
      o << s.interval << ',' << g(s.interval * c.options.interval_minutes / 60.0) << ',' << s.days << ',' << g(s.agents_seen)
        << ',' << g(s.agents_talking) << ',' << g(s.talk_share) << ',' << s.headcount << '\n';
  });
  write("problems.csv", [&](std::ostream& o) {
    o << "kind,count,first_line,meaning\n";
    for (const auto& p : c.problems) o << p.kind << ',' << p.count << ',' << p.first_line << ',' << csv(p.meaning) << '\n';
  });
  write("summary.json", [&](std::ostream& o) { o << to_json(c).dump(2) << '\n'; });
}

}  // namespace txsim::calibrate
