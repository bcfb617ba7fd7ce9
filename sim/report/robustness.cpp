#include "report/detail/robustness.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "report/detail/html.hpp"
#include "txsim/present/number_format.hpp"

namespace txsim::report::detail {
namespace {

struct Verdict {
  std::string_view key;
  std::string_view label;
};

// Best to worst, as in the stacked bars.
constexpr std::array<Verdict, 4> kVerdicts{{
    {"dominates", "dominates"},
    {"trade_off", "trade-off"},
    {"no_difference", "no difference"},
    {"is_dominated", "is dominated"},
}};

// Differences of the indices are in index points; of the NPV, in money.
std::string_view unit_of_metric(std::string_view metric) { return metric == "npv" ? "currency" : "score (0-100)"; }

std::string metric_label(std::string_view metric) {
  if (metric == "cx") return "CX";
  if (metric == "ex") return "EX";
  if (metric == "cost") return "cost index";
  if (metric == "tx") return "TX";
  if (metric == "npv") return "NPV";
  return humanise(metric);
}

std::string policy_pointer(std::size_t i, std::string_view rest) { return fmt::format("/policies/{}/{}", i, rest); }

class Robustness {
 public:
  Robustness(const json& root, const std::vector<std::string>& cautions, std::string_view currency)
      : root_(root), cautions_(cautions), currency_(currency) {
    for (const auto& p : root.at("policies")) names_.push_back(p.at("name").get<std::string>());
  }

  std::string html() const {
    std::string out = "<section id=\"robustness\"><h2>Robustness</h2>" + design();
    for (const auto& caution : cautions_) out += "<p class=\"caution\">" + escape(caution) + "</p>";
    out += verdicts();
    out += differences();
    out += sobol();
    out += tornado();
    out += priors();
    return out + "</section>\n";
  }

 private:
  std::string number(const std::string& pointer, std::string_view unit, int decimals, bool sign) const {
    return number_span(root_, pointer, unit, decimals, sign, Source::Uncertainty);
  }

  std::string text(const std::string& pointer) const { return escape(string_at(root_, pointer)); }

  // Keys of policies[*]/<block>, in order of first appearance.
  std::vector<std::string> metrics_of(std::string_view block) const {
    std::vector<std::string> keys;
    for (const auto& p : root_.at("policies")) {
      if (!p.contains(block) || !p.at(block).is_object()) continue;
      for (const auto& [key, value] : p.at(block).items())
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
    return keys;
  }

  bool any_policy_has(std::string_view block) const {
    return std::any_of(root_.at("policies").begin(), root_.at("policies").end(),
                       [&](const json& p) { return p.contains(block) && p.at(block).is_object() && !p.at(block).empty(); });
  }

  std::string design() const {
    const json* parameters = find(root_, "/priors/parameters");
    const std::size_t uncertain = parameters != nullptr && parameters->is_array() ? parameters->size() : 0;
    std::string what = fmt::format(
        "<p>How the verdicts hold when the parameters nobody knows exactly vary over their priors ({} uncertain "
        "parameters, priors file <code>{}</code>): {} points of a Saltelli design with {} base samples, each a full "
        "comparison of {} replications per policy under common random numbers (seed {}), study file "
        "<code>{}</code>. At each point a policy's verdict is read from its paired 95% confidence intervals, as in "
        "the scorecard, so the verdict probabilities carry simulation noise as well as the priors; the spread of "
        "each difference below says how much of its variance is noise.</p>",
        uncertain, text("/priors/file"), text("/design/points"), text("/design/base_samples"),
        text("/design/replications"), text("/design/seed"), text("/study/file"));
    return what;
  }

  std::string verdicts() const {
    if (!any_policy_has("verdicts")) return "";
    std::string out =
        "<h3>Verdict probabilities</h3><p>The probability of each verdict over the priors (%), with its 95% "
        "interval. The bars stack the four verdicts of a policy to 100%; each whisker, in a lane of its own and darker than "
        "its verdict's colour, is the interval of that verdict's probability, drawn where its segment would end "
        "at the interval's bounds (for the last segment, whose end is always 100%, where it would begin).</p><div class=\"table-wrap\"><table "
        "class=\"verdict-probabilities\"><tr><th>policy</th>";
    for (const auto& v : kVerdicts) out += "<th>" + std::string(v.label) + "</th>";
    out += "</tr>";
    for (std::size_t i = 0; i < names_.size(); ++i) {
      out += "<tr><th>" + escape(names_[i]) + "</th>";
      for (const auto& v : kVerdicts) {
        const std::string at = policy_pointer(i, "verdicts/" + std::string(v.key));
        out += "<td>" + estimate_html(root_, {at + "/p", at + "/lo", at + "/hi"},
                                      {"fraction", currency_, false, false, Source::Uncertainty}) +
               "</td>";
      }
      out += "</tr>";
    }
    out += "</table></div><div class=\"chart\" data-chart=\"verdicts\" role=\"img\" aria-label=\"Verdict "
           "probabilities per policy\"></div>";
    return out;
  }

  std::string differences() const {
    if (!any_policy_has("differences")) return "";
    const auto metrics = metrics_of("differences");
    std::string out = fmt::format(
        "<h3>Spread of the differences</h3><p>Each policy's difference from the baseline (policy \u2212 baseline; "
        "index points, the NPV in {}) over the priors: its mean and its 5th and 95th percentiles across the "
        "points, and the share of its variance that is simulation noise (the within-point variance over the "
        "replications); the rest comes from the priors.</p><div class=\"table-wrap\"><table "
        "class=\"differences\"><tr><th>policy</th><th>difference</th><th>mean</th><th>5%</th><th>95%</th>"
        "<th>noise share of the variance (%)</th></tr>",
        escape(currency_));
    for (std::size_t i = 0; i < names_.size(); ++i) {
      bool first = true;
      for (const auto& metric : metrics) {
        const std::string at = policy_pointer(i, "differences/" + pointer_token(metric));
        if (find(root_, at) == nullptr) continue;
        const std::string_view unit = unit_of_metric(metric);
        // The precision a 90% range deserves, as a confidence interval's would.
        const int decimals = present::estimate_decimals(read_estimate(root_, {at + "/mean", at + "/p05", at + "/p95"}), unit);
        out += "<tr>" + std::string(first ? "<th>" + escape(names_[i]) + "</th>" : "<th></th>");
        first = false;
        out += fmt::format("<td class=\"label\">{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                           escape(metric_label(metric)), metric == "npv" ? " (" + escape(currency_) + ")" : "",
                           number(at + "/mean", unit, decimals, true), number(at + "/p05", unit, decimals, true),
                           number(at + "/p95", unit, decimals, true), noise_share(at));
      }
    }
    return out + "</table></div>";
  }

  // noise_variance / variance in percent, as a tagged ratio.
  std::string noise_share(const std::string& at) const {
    const double noise = number_at(root_, at + "/noise_variance");
    const double total = number_at(root_, at + "/variance");
    if (!std::isfinite(noise) || !std::isfinite(total) || total <= 0.0) return "<span class=\"na\">-</span>";
    return fmt::format(
        R"(<span class="ratio" data-source="uncertainty" data-numerator="{}" data-denominator="{}" data-scale="100" data-decimals="0">{}</span>)",
        escape(at + "/noise_variance"), escape(at + "/variance"), present::format_number(100.0 * noise / total, 0));
  }

  // The entries of policies[i].sobol[metric] by total index, largest first.
  std::vector<std::size_t> by_total(std::size_t i, const std::string& metric) const {
    const json* entries = find(root_, policy_pointer(i, "sobol/" + pointer_token(metric)));
    std::vector<std::size_t> order;
    if (entries == nullptr || !entries->is_array()) return order;
    for (std::size_t k = 0; k < entries->size(); ++k) order.push_back(k);
    const auto total = [&](std::size_t k) {
      const double t = number_at(entries->at(k), "/total/estimate");
      return std::isnan(t) ? -std::numeric_limits<double>::infinity() : t;
    };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return total(a) > total(b); });
    return order;
  }

  std::string index_estimate(const std::string& at) const {
    return estimate_html(root_, {at + "/estimate", at + "/lo", at + "/hi"},
                         {"sobol index", currency_, false, false, Source::Uncertainty});
  }

  std::string chart_grid(std::string_view kind, std::size_t i, const std::vector<std::string>& metrics,
                         std::string_view what) const {
    std::string out = "<div class=\"chart-grid wide\">";
    for (const auto& metric : metrics) {
      if (find(root_, policy_pointer(i, std::string(kind == "sobol" ? "sobol/" : "tornado/") + pointer_token(metric))) ==
          nullptr)
        continue;
      out += fmt::format(
          R"(<figure><figcaption>{} difference</figcaption><div class="chart medium" data-chart="{}" data-policy="{}" data-metric="{}" role="img" aria-label="{} of the {} difference of {}"></div></figure>)",
          escape(metric_label(metric)), kind, i, escape(metric), what, escape(metric_label(metric)), escape(names_[i]));
    }
    return out + "</div>";
  }

  std::string sobol() const {
    if (!any_policy_has("sobol")) return "";
    const auto metrics = metrics_of("sobol");
    std::string out = fmt::format(
        "<h3>What the differences depend on</h3><p>Sobol indices of each difference: the first-order index is the "
        "share of its variance over the priors that a parameter explains alone, the total index adds its "
        "interactions with the others (95% bootstrap intervals). A parameter with a total index near 0 could be "
        "fixed anywhere in its prior without changing the result. The table names the {} strongest parameters of "
        "each difference; the charts show up to {}.</p>",
        kTopDrivers, kTopParameters);
    out += "<div class=\"table-wrap\"><table class=\"sobol\"><tr><th>policy</th><th>difference</th><th>parameter</th>"
           "<th>total index</th><th>first-order index</th></tr>";
    for (std::size_t i = 0; i < names_.size(); ++i) {
      bool first_policy_row = true;
      for (const auto& metric : metrics) {
        const auto order = by_total(i, metric);
        for (std::size_t r = 0; r < std::min(order.size(), kTopDrivers); ++r) {
          const std::string at = policy_pointer(i, fmt::format("sobol/{}/{}", pointer_token(metric), order[r]));
          out += fmt::format("<tr><th>{}</th><td class=\"label\">{}</td><td class=\"label\"><code>{}</code></td>"
                             "<td>{}</td><td>{}</td></tr>",
                             first_policy_row ? escape(names_[i]) : "", r == 0 ? escape(metric_label(metric)) : "",
                             text(at + "/parameter"), index_estimate(at + "/total"), index_estimate(at + "/first_order"));
          first_policy_row = false;
        }
      }
    }
    out += "</table></div>";
    for (std::size_t i = 0; i < names_.size(); ++i)
      if (find(root_, policy_pointer(i, "sobol")) != nullptr)
        out += "<h4>" + escape(names_[i]) + "</h4>" + chart_grid("sobol", i, metrics, "Sobol indices");
    return out;
  }

  std::string tornado() const {
    if (!any_policy_has("tornado")) return "";
    const auto metrics = metrics_of("tornado");
    std::string out = fmt::format(
        "<h3>One parameter at a time</h3><p>Tornado charts: each bar spans a policy's difference from the baseline "
        "with one parameter at the low and at the high end of its prior and the others at the study's values; the "
        "widest swings come first (up to {}). The dashed line marks no difference from the baseline, the dotted "
        "one the difference with every parameter at the study's value (or, when the results do not give it, the "
        "mean difference over the priors).</p>",
        kTopParameters);
    for (std::size_t i = 0; i < names_.size(); ++i)
      if (find(root_, policy_pointer(i, "tornado")) != nullptr)
        out += "<h4>" + escape(names_[i]) + "</h4>" + chart_grid("tornado", i, metrics, "Tornado");
    return out;
  }

  std::string priors() const {
    const json* parameters = find(root_, "/priors/parameters");
    if (parameters == nullptr || !parameters->is_array() || parameters->empty()) return "";
    std::string out =
        "<h3>Priors</h3><div class=\"table-wrap\"><table class=\"priors\"><tr><th>parameter</th><th>distribution</th>"
        "<th>low</th><th>mode</th><th>high</th><th>why</th></tr>";
    const auto value = [](const json& row, const char* key) {
      if (!row.contains(key) || row.at(key).is_null()) return std::string();
      return escape(row.at(key).is_string() ? row.at(key).get<std::string>() : row.at(key).dump());
    };
    for (const auto& row : *parameters)
      out += fmt::format("<tr><th><code>{}</code></th><td class=\"label\">{}</td><td>{}</td><td>{}</td><td>{}</td>"
                         "<td class=\"label\">{}</td></tr>",
                         value(row, "key_path"), value(row, "distribution"), value(row, "low"), value(row, "mode"),
                         value(row, "high"), value(row, "why"));
    return out + "</table></div>";
  }

  const json& root_;
  const std::vector<std::string>& cautions_;
  std::string currency_;
  std::vector<std::string> names_;
};

}  // namespace

std::string robustness_section(const json& uncertainty, const std::vector<std::string>& cautions,
                               std::string_view currency) {
  return Robustness(uncertainty, cautions, currency).html();
}

}  // namespace txsim::report::detail
