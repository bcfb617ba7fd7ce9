// Native part of the txsim Python module: the calls the CLI makes, nothing more. Result tables
// leave as the texts the io writers produce for `txsim run --out` and `txsim compare --out`
// (CSV, JSON), which txsim/__init__.py reads into pandas DataFrames: a DataFrame and the file
// of the same name hold the same columns and the same numbers (shortest round-trip text).

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <future>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "txsim/analytic/erlang.hpp"
#include "txsim/analytic/staffing.hpp"
#include "txsim/experiment/comparison.hpp"
#include "txsim/experiment/replications.hpp"
#include "txsim/io/comparison_writer.hpp"
#include "txsim/io/diagnostics.hpp"
#include "txsim/io/results_writer.hpp"
#include "txsim/io/scenario_loader.hpp"
#include "txsim/io/schema.hpp"
#include "txsim/model/kpi.hpp"
#include "txsim/policy/policy.hpp"
#include "txsim/score/business_case.hpp"
#include "txsim/score/scorecard.hpp"
#include "txsim/version.hpp"

namespace py = pybind11;

namespace txsim::python {
namespace {

// A scenario file (or text), loaded and checked as a study, with the overrides applied to it so
// far. Setting a value loads it again with one more override: the schema sets it (as `--set`),
// the study is checked as a whole, and warnings, resolved text and content hash follow. The
// loaded study is shared and never changed in place: a run that started in another Python
// thread keeps the study it started with.
class Scenario {
 public:
  static Scenario from_file(std::string file, std::vector<io::Override> overrides) {
    Scenario s;
    s.file_ = std::move(file);
    s.overrides_ = std::move(overrides);
    s.reload();
    return s;
  }

  static Scenario from_text(std::string text, std::string label, std::vector<io::Override> overrides) {
    Scenario s;
    s.file_ = std::move(label);
    s.text_ = std::move(text);
    s.overrides_ = std::move(overrides);
    s.reload();
    return s;
  }

  void set(io::Override change) {
    Scenario next = *this;
    next.overrides_.push_back(std::move(change));
    next.reload();
    *this = std::move(next);
  }

  [[nodiscard]] const io::LoadedStudy& loaded() const noexcept { return *loaded_; }
  [[nodiscard]] const experiment::StudySpec& study() const noexcept { return loaded_->study; }
  [[nodiscard]] std::shared_ptr<const io::LoadedStudy> shared_loaded() const noexcept { return loaded_; }
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] const std::vector<io::Override>& overrides() const noexcept { return overrides_; }

 private:
  void reload() {
    loaded_ = std::make_shared<const io::LoadedStudy>(text_ ? io::parse_study(*text_, file_, overrides_)
                                                            : io::load_study(file_, overrides_));
  }

  std::string file_;
  std::optional<std::string> text_;
  std::vector<io::Override> overrides_;
  std::shared_ptr<const io::LoadedStudy> loaded_;
};

// The replications of one scenario (a `txsim run`, or one variant of a comparison, whose
// result it shares).
struct RunTables {
  io::RunInfo info;
  std::shared_ptr<const experiment::ExperimentResult> result;
};

struct ComparisonTables {
  io::RunInfo info;
  std::shared_ptr<const experiment::Comparison> comparison;
};

template <class Write>
std::string to_text(Write write) {
  std::ostringstream out;
  write(out);
  return std::move(out).str();
}

// How often a waiting call looks for Ctrl-C: well under the one second a user waits for.
constexpr std::chrono::milliseconds kSignalPollPeriod{100};

// Runs `work(options)` on its own thread with the GIL released, so that other Python threads
// run meanwhile, and wakes up every kSignalPollPeriod with the GIL to run Python's signal
// handlers and report progress. On Ctrl-C (KeyboardInterrupt), or when `progress` raises, the
// experiment is stopped through ReplicationOptions::stop and the exception is raised once it
// has ended.
template <class Work>
auto run_interruptibly(experiment::ReplicationOptions& options, const py::object& progress, Work work) {
  std::atomic<bool> stop{false};
  std::atomic<int> done{0};
  std::atomic<int> total{0};
  options.stop = &stop;
  if (!progress.is_none()) {
    options.progress = [&done, &total](int runs_done, int runs_total) {
      total.store(runs_total);
      done.store(runs_done);
    };
  }
  auto pending = std::async(std::launch::async, [&work, &options] { return work(options); });
  int reported = 0;
  for (;;) {
    bool ready = false;
    {
      py::gil_scoped_release release;
      ready = pending.wait_for(kSignalPollPeriod) == std::future_status::ready;
    }
    try {
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      if (!progress.is_none() && done.load() != reported) {
        reported = done.load();
        progress(reported, total.load());
      }
    } catch (...) {
      stop.store(true);
      {
        py::gil_scoped_release release;
        pending.wait();
      }
      throw;
    }
    if (ready) break;
  }
  return pending.get();
}

experiment::Detail parse_detail(const std::string& detail) {
  if (detail == "total") return experiment::Detail::Total;
  if (detail == "day") return experiment::Detail::Day;
  if (detail == "interval") return experiment::Detail::Interval;
  throw std::invalid_argument("detail: expected total, day or interval, found \"" + detail + "\"");
}

// The ranges `txsim run` and `txsim compare` accept for --replications and --threads.
constexpr int kMaxReplications = 1000000;
constexpr int kMaxThreads = 1024;

experiment::ReplicationOptions replication_options(std::uint64_t seed, int replications, int threads) {
  if (replications < 1 || replications > kMaxReplications)
    throw std::invalid_argument("replications: expected an integer in [1, " + std::to_string(kMaxReplications) +
                                "], found " + std::to_string(replications));
  if (threads < 0 || threads > kMaxThreads)
    throw std::invalid_argument("threads: expected an integer in [0, " + std::to_string(kMaxThreads) + "], found " +
                                std::to_string(threads));
  experiment::ReplicationOptions options;
  options.seed = seed;
  options.replications = replications;
  options.threads = threads;
  return options;
}

// The outputs' identity, as the CLI writes it: the resolved scenario's hash and the overrides.
io::RunInfo run_info(const Scenario& scenario, const model::ScenarioSpec& spec, std::uint64_t seed, int replications) {
  io::Provenance provenance;
  provenance.scenario_sha256 = scenario.shared_loaded()->content_hash;
  for (const io::Override& o : scenario.overrides()) provenance.overrides.push_back(o.key_path + "=" + o.value);
  return io::RunInfo{spec.name, scenario.file(), seed, replications, spec.service_level_threshold_s, std::move(provenance)};
}

// The centre a run simulates, as `txsim run [--policy NAME]`: the scenario itself, or one
// policy's variant of it (load_study has checked that every variant is valid).
std::shared_ptr<const model::ScenarioSpec> run_target(const Scenario& scenario, const std::string& policy) {
  const auto loaded = scenario.shared_loaded();
  const experiment::StudySpec& study = loaded->study;
  if (policy.empty()) return {loaded, &study.centre};
  const auto it = std::find_if(study.policies.begin(), study.policies.end(),
                               [&](const policy::PolicySpec& p) { return p.name == policy; });
  if (it == study.policies.end()) {
    std::string known;
    for (const auto& p : study.policies) known += (known.empty() ? "" : ", ") + p.name;
    throw std::invalid_argument("policy " + policy + ": scenario \"" + study.centre.name +
                                "\" has no such policy (known: " + (known.empty() ? "none" : known) + ")");
  }
  return std::make_shared<const model::ScenarioSpec>(policy::apply_policy(study.centre, *it, study.lever_effects));
}

RunTables run(const Scenario& scenario, std::uint64_t seed, int replications, int threads, const std::string& detail,
              const std::string& policy, const py::object& progress) {
  auto options = replication_options(seed, replications, threads);
  options.detail = parse_detail(detail);
  const auto spec = run_target(scenario, policy);
  auto result = run_interruptibly(options, progress, [&spec](const experiment::ReplicationOptions& o) {
    return std::make_shared<const experiment::ExperimentResult>(experiment::run_replications(*spec, o));
  });
  return RunTables{run_info(scenario, *spec, seed, replications), std::move(result)};
}

ComparisonTables compare(const Scenario& scenario, std::uint64_t seed, int replications, int threads,
                         const py::object& progress) {
  const auto loaded = scenario.shared_loaded();
  const experiment::StudySpec& study = loaded->study;
  if (study.policies.empty())
    throw std::invalid_argument(scenario.file() + ": scenario \"" + study.centre.name +
                                "\" has no policies to compare with the baseline; add a `policies:` section "
                                "(see scenarios/default.yaml)");
  auto options = replication_options(seed, replications, threads);
  options.detail = experiment::Detail::Day;
  auto comparison = run_interruptibly(options, progress, [&study](const experiment::ReplicationOptions& o) {
    return std::make_shared<const experiment::Comparison>(experiment::run_comparison(study, o));
  });
  return ComparisonTables{run_info(scenario, study.centre, seed, replications), std::move(comparison)};
}

analytic::QueueModel queue_model(const std::string& name, double patience_s) {
  if (name == "b") return analytic::QueueModel::ErlangB;
  if (name == "c") return analytic::QueueModel::ErlangC;
  if (name == "a") return analytic::QueueModel::ErlangA;
  // As `txsim erlang --model auto`: Erlang A when customers abandon, else Erlang C.
  if (name == "auto") return std::isfinite(patience_s) ? analytic::QueueModel::ErlangA : analytic::QueueModel::ErlangC;
  throw std::invalid_argument("model: expected b, c, a or auto, found \"" + name + "\"");
}

const char* model_name(analytic::QueueModel model) {
  switch (model) {
    case analytic::QueueModel::ErlangB: return "erlang_b";
    case analytic::QueueModel::ErlangC: return "erlang_c";
    case analytic::QueueModel::ErlangA: return "erlang_a";
  }
  return "";
}

using Doubles = py::array_t<double, py::array::c_style | py::array::forcecast>;
using Ints = py::array_t<int, py::array::c_style | py::array::forcecast>;

// queue_metrics over equally long 1-D arrays (txsim/__init__.py broadcasts them): one column
// per metric, named as in `txsim erlang --format json`.
py::dict queue_metrics_columns(const std::string& model, Ints agents, Doubles calls_per_hour, Doubles aht_s,
                               Doubles patience_s, Doubles threshold_s) {
  const auto n = static_cast<std::size_t>(agents.size());
  if (calls_per_hour.size() != agents.size() || aht_s.size() != agents.size() ||
      patience_s.size() != agents.size() || threshold_s.size() != agents.size())
    throw std::invalid_argument("queue_metrics: the arrays must have the same length");
  const char* names[] = {"offered_load_erlangs", "prob_wait",    "prob_blocked",
                         "abandon_rate",         "service_level", "service_level_excl_short_abandons",
                         "asa_s",                "mean_wait_s",   "mean_queue_length",
                         "occupancy"};
  constexpr std::size_t kColumns = std::size(names);
  std::vector<Doubles> columns;
  for (std::size_t c = 0; c < kColumns; ++c) columns.emplace_back(static_cast<py::ssize_t>(n));
  std::vector<double*> out;
  for (auto& column : columns) out.push_back(column.mutable_data());
  std::vector<std::string> models(n);
  const int* a = agents.data();
  const double* cph = calls_per_hour.data();
  const double* aht = aht_s.data();
  const double* patience = patience_s.data();
  const double* threshold = threshold_s.data();
  {
    py::gil_scoped_release release;
    for (std::size_t i = 0; i < n; ++i) {
      const auto kind = queue_model(model, patience[i]);
      const double lambda = cph[i] / 3600.0;
      const auto m = analytic::queue_metrics(kind, lambda, aht[i], patience[i], a[i], threshold[i]);
      const double row[] = {lambda * aht[i], m.prob_wait, m.prob_blocked, m.prob_abandon, m.service_level,
                            m.service_level_excl_short_abandons, m.asa_s, m.mean_wait_all_s, m.mean_queue_length,
                            m.occupancy};
      for (std::size_t c = 0; c < kColumns; ++c) out[c][i] = row[c];
      models[i] = model_name(kind);
    }
  }
  py::dict result;
  result["model"] = models;
  for (std::size_t c = 0; c < kColumns; ++c) result[names[c]] = columns[c];
  return result;
}

template <std::size_t N>
void add_kpi_rows(py::list& rows, const char* family, const char* prefix, const std::array<model::KpiInfo, N>& info) {
  for (const auto& k : info)
    rows.append(py::make_tuple(family, std::string(prefix) + std::string(k.name), std::string(k.unit),
                               std::string(k.definition)));
}

// Every metric name the tables use, with its unit and definition: (family, name, unit, definition).
py::list metric_info() {
  py::list rows;
  add_kpi_rows(rows, "customer", "", model::kKpiInfo);
  add_kpi_rows(rows, "employee", "", model::kExKpiInfo);
  add_kpi_rows(rows, "score", "score.", score::kScoreInfo);
  add_kpi_rows(rows, "component", "component.", score::kComponentInfo);
  add_kpi_rows(rows, "business_case", "business_case.", score::kBusinessCaseInfo);
  rows.append(py::make_tuple("business_case", "npv_vs_baseline", "currency",
                             "net present value of the monthly savings against the baseline"));
  return rows;
}

std::vector<io::Override> to_overrides(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::vector<io::Override> out;
  out.reserve(pairs.size());
  for (const auto& [key, value] : pairs) out.push_back(io::Override{key, value});
  return out;
}

}  // namespace
}  // namespace txsim::python

PYBIND11_MODULE(_txsim, m) {
  using namespace txsim;
  using namespace txsim::python;
  m.doc() = "Native part of the txsim module; use the package `txsim`, which returns pandas DataFrames.";
  m.attr("__version__") = kVersion;

  py::class_<io::Diagnostic>(m, "Diagnostic", "One located problem with a scenario")
      .def_readonly("file", &io::Diagnostic::file, "file name as given, or \"--set key=value\" for an override")
      .def_readonly("line", &io::Diagnostic::line, "1-based line; 0 when unknown")
      .def_readonly("column", &io::Diagnostic::column, "1-based column; 0 when unknown")
      .def_readonly("key_path", &io::Diagnostic::key_path, "scenario key path; empty for syntax errors")
      .def_readonly("message", &io::Diagnostic::message, "what was expected and what was found")
      .def_readonly("warning", &io::Diagnostic::warning, "a likely mistake that does not stop a run")
      .def("__str__", [](const io::Diagnostic& d) { return io::to_string(d); })
      .def("__repr__", [](const io::Diagnostic& d) { return "<Diagnostic " + io::to_string(d) + ">"; });

  static py::exception<io::ConfigError> config_error(m, "ConfigError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const io::ConfigError& e) {
      py::object error = py::handle(config_error.ptr())(e.what());
      error.attr("diagnostics") = py::cast(e.diagnostics());
      PyErr_SetObject(config_error.ptr(), error.ptr());
    }
  });

  py::class_<Scenario>(m, "Scenario")
      .def_property_readonly("name", [](const Scenario& s) { return s.study().centre.name; })
      .def_property_readonly("description", [](const Scenario& s) { return s.study().centre.description; })
      .def_property_readonly("file", &Scenario::file)
      .def_property_readonly("overrides",
                             [](const Scenario& s) {
                               std::vector<std::pair<std::string, std::string>> out;
                               for (const auto& o : s.overrides()) out.emplace_back(o.key_path, o.value);
                               return out;
                             })
      .def_property_readonly("contact_types",
                             [](const Scenario& s) {
                               std::vector<std::string> out;
                               for (const auto& t : s.study().centre.contact_types) out.push_back(t.name);
                               return out;
                             })
      .def_property_readonly("agent_groups",
                             [](const Scenario& s) {
                               std::vector<std::string> out;
                               for (const auto& g : s.study().centre.agent_groups) out.push_back(g.name);
                               return out;
                             })
      .def_property_readonly("policies",
                             [](const Scenario& s) {
                               std::vector<std::string> out;
                               for (const auto& p : s.study().policies) out.push_back(p.name);
                               return out;
                             })
      .def_property_readonly("warnings", [](const Scenario& s) { return s.loaded().warnings; })
      .def_property_readonly("content_hash", [](const Scenario& s) { return s.loaded().content_hash; })
      .def("to_yaml", [](const Scenario& s) { return s.loaded().resolved_yaml; })
      .def("_get_yaml", [](const Scenario& s, const std::string& key_path) { return io::get_value(s.study(), key_path); })
      .def("_set_yaml", [](Scenario& s, std::string key_path, std::string value) {
        s.set(io::Override{std::move(key_path), std::move(value)});
      })
      .def("__repr__", [](const Scenario& s) {
        return "<txsim.Scenario '" + s.study().centre.name + "' from " + s.file() + ", " +
               std::to_string(s.overrides().size()) + " override(s)>";
      });

  m.def("load", [](std::string file, const std::vector<std::pair<std::string, std::string>>& overrides) {
    return Scenario::from_file(std::move(file), to_overrides(overrides));
  });
  m.def("loads", [](std::string text, std::string label,
                    const std::vector<std::pair<std::string, std::string>>& overrides) {
    return Scenario::from_text(std::move(text), std::move(label), to_overrides(overrides));
  });

  py::class_<RunTables>(m, "RunTables")
      .def_property_readonly("events", [](const RunTables& r) { return r.result->events; })
      .def_property_readonly("wall_s", [](const RunTables& r) { return r.result->wall_s; })
      .def_property_readonly("has_workforce", [](const RunTables& r) { return r.result->has_workforce; })
      .def_property_readonly("contact_types", [](const RunTables& r) { return r.result->type_names; })
      .def_property_readonly("agent_groups", [](const RunTables& r) { return r.result->group_names; })
      .def_property_readonly("intervals_per_day", [](const RunTables& r) { return r.result->intervals_per_day; })
      .def_property_readonly("interval_s", [](const RunTables& r) { return r.result->interval_s; })
      .def("summary_json", [](const RunTables& r) { return io::summary_json(r.info, *r.result).dump(); })
      .def("summary_csv",
           [](const RunTables& r) { return to_text([&](std::ostream& o) { io::write_summary_csv(o, *r.result); }); })
      .def("replications_csv",
           [](const RunTables& r) { return to_text([&](std::ostream& o) { io::write_replications_csv(o, *r.result); }); })
      .def("agents_csv",
           [](const RunTables& r) { return to_text([&](std::ostream& o) { io::write_agents_csv(o, *r.result); }); });

  py::class_<ComparisonTables>(m, "ComparisonTables")
      .def_property_readonly("events", [](const ComparisonTables& c) { return c.comparison->events; })
      .def_property_readonly("wall_s", [](const ComparisonTables& c) { return c.comparison->wall_s; })
      .def_property_readonly("variants",
                             [](const ComparisonTables& c) {
                               std::vector<std::string> out;
                               for (const auto& v : c.comparison->variants) out.push_back(v.name);
                               return out;
                             })
      .def("variant",
           [](const ComparisonTables& c, std::size_t i) {
             if (i >= c.comparison->variants.size()) throw py::index_error("no variant " + std::to_string(i));
             // Shares ownership of the comparison: the variant's tables stay valid on their own.
             return RunTables{c.info, std::shared_ptr<const experiment::ExperimentResult>(
                                          c.comparison, &c.comparison->variants[i].result)};
           })
      .def("comparison_json", [](const ComparisonTables& c) { return io::comparison_json(c.info, *c.comparison).dump(); })
      .def("comparison_csv",
           [](const ComparisonTables& c) {
             return to_text([&](std::ostream& o) { io::write_comparison_csv(o, *c.comparison); });
           })
      .def("comparison_summary_csv", [](const ComparisonTables& c) {
        return to_text([&](std::ostream& o) { io::write_comparison_summary_csv(o, *c.comparison); });
      });

  m.def("run", &run, py::arg("scenario"), py::arg("seed"), py::arg("replications"), py::arg("threads"),
        py::arg("detail"), py::arg("policy"), py::arg("progress"));
  m.def("compare", &compare, py::arg("scenario"), py::arg("seed"), py::arg("replications"), py::arg("threads"),
        py::arg("progress"));
  m.def("metric_info", &metric_info);
  m.def("parameter_reference", [] {
    py::list rows;
    for (const io::ParameterInfo& p : io::parameter_reference())
      rows.append(py::make_tuple(p.key_path, p.unit, p.default_value, p.range, p.meaning, p.source, p.grade,
                                 p.container));
    return rows;
  });

  m.def("erlang_b", py::vectorize(&analytic::erlang_b), py::arg("servers"), py::arg("offered_load_erlangs"));
  m.def("erlang_c", py::vectorize(&analytic::erlang_c), py::arg("servers"), py::arg("offered_load_erlangs"));
  m.def("queue_metrics_columns", &queue_metrics_columns);
  m.def(
      "agents_for_service_level",
      py::vectorize([](double calls_per_hour, double aht_s, double target, double threshold_s, double patience_s,
                       std::string model) {
        return analytic::agents_for_service_level(queue_model(model, patience_s), calls_per_hour / 3600.0, aht_s,
                                                  patience_s, threshold_s, target);
      }),
      py::arg("calls_per_hour"), py::arg("aht_s"), py::arg("target"), py::arg("threshold_s"), py::arg("patience_s"),
      py::arg("model"));
  m.def(
      "agents_for_abandon_rate",
      py::vectorize([](double calls_per_hour, double aht_s, double max_abandon_rate, double patience_s,
                       std::string model) {
        return analytic::agents_for_abandon_rate(queue_model(model, patience_s), calls_per_hour / 3600.0, aht_s,
                                                 patience_s, max_abandon_rate);
      }),
      py::arg("calls_per_hour"), py::arg("aht_s"), py::arg("max_abandon_rate"), py::arg("patience_s"),
      py::arg("model"));
}
