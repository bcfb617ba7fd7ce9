#include "txsim/report/html_report.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <fstream>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "report/detail/assets.hpp"
#include "report/detail/html.hpp"
#include "report/detail/layout.hpp"
#include "report/detail/robustness.hpp"
#include "txsim/present/number_format.hpp"
#include "txsim/stats/confidence.hpp"
#include "txsim/version.hpp"

namespace txsim::report {
namespace {

using detail::escape;
using detail::estimate_html;
using detail::estimate_paths;
using detail::find;
using detail::json;
using detail::number_at;
using detail::number_span;
using detail::significant;
using detail::string_at;

// Something the report tracks, at a JSON pointer relative to a policy entry.
struct Measure {
  std::string_view label;
  std::string_view path;  // e.g. "kpis/service_level"
  std::string_view unit;
};

// The mechanisms through which levers act (docs/MODEL.md), in causal order.
constexpr std::array<Measure, 6> kMechanisms{{
    {"first-contact resolution", "kpis/first_contact_resolution", "fraction"},
    {"repeat contacts", "kpis/repeat_contact_rate", "fraction"},
    {"fatigue", "ex/fatigue_mean", "fatigue (0-1)"},
    {"absence", "ex/absence_rate", "fraction"},
    {"attrition", "ex/annualised_attrition", "fraction per year"},
    {"churn", "kpis/churn_rate", "fraction"},
}};

constexpr std::array<Measure, 4> kIndices{{
    {"CX", "scores/cx", "score (0-100)"},
    {"EX", "scores/ex", "score (0-100)"},
    {"cost index", "scores/cost", "score (0-100)"},
    {"TX", "scores/tx", "score (0-100)"},
}};

// The components of each index (score::score), shown under it in the scorecard.
struct ComponentGroup {
  std::string_view index;
  std::vector<Measure> measures;
};

const std::vector<ComponentGroup>& component_groups() {
  static const std::vector<ComponentGroup> groups{
      {"CX",
       {{"service level", "kpis/service_level", "fraction"},
        {"abandonment", "kpis/abandon_rate", "fraction"},
        {"first-contact resolution", "kpis/first_contact_resolution", "fraction"},
        {"satisfaction", "kpis/satisfaction", "fraction"},
        {"effort", "kpis/effort", "contacts"},
        {"churn", "kpis/churn_rate", "fraction"}}},
      {"EX",
       {{"fatigue", "ex/fatigue_mean", "fatigue (0-1)"},
        {"strain", "ex/strain_mean", "strain"},
        {"absence", "ex/absence_rate", "fraction"},
        {"attrition", "ex/annualised_attrition", "fraction per year"},
        {"occupancy", "kpis/occupancy", "fraction"}}},
      {"cost", {{"cost per issue", "business_case/cost_per_issue", "currency/issue"}}},
  };
  return groups;
}

// Labels of the results' keys where the key alone reads badly; other keys are shown as words.
std::string label_of(std::string_view key) {
  static const std::array<std::pair<std::string_view, std::string_view>, 29> labels{{
      // business-case lines
      {"digital", "digital channels"},
      {"operating_cost", "operating cost (excl. churn)"},
      {"churned_revenue", "revenue lost to churn"},
      {"total_cost_incl_churn", "total cost incl. churn"},
      {"cost_per_issue", "cost per issue (incl. churn)"},
      {"break_even_budget", "break-even implementation budget"},
      {"break_even_budget_excl_churn", "break-even implementation budget excl. churn"},
      {"npv_excl_churn_vs_baseline", "NPV of savings excl. churn"},
      {"implementation", "implementation"},
      {"implementation_cost", "implementation cost"},
      {"one_off", "one-off"},
      // component scores
      {"service_level", "service level"},
      {"abandon_rate", "abandonment"},
      {"first_contact_resolution", "first-contact resolution"},
      {"effort_per_resolved_issue", "effort per resolved issue"},
      {"churn_rate", "churn"},
      {"fatigue_mean", "fatigue"},
      {"strain_mean", "strain"},
      {"absence_rate", "absence"},
      {"annualised_attrition", "attrition (annualised)"},
      {"new_hire_share", "new hires (agent-days in the first 90 days)"},
      {"overtime_share", "overtime (share of paid hours)"},
      {"operating_cost_per_issue", "operating cost per issue (excl. churn)"},
      // indices
      {"cx", "CX: customer experience"},
      {"ex", "EX: employee experience"},
      {"cost", "Cost"},
      {"tx", "TX: total experience"},
      {"npv", "NPV of savings"},
      {"npv_vs_baseline", "NPV of savings"},
  }};
  for (const auto& [name, label] : labels)
    if (name == key) return std::string(label);
  return detail::humanise(key);
}

// The blocks of a policy entry that have sections of their own; any other estimate a policy
// carries (a business-case figure such as a break-even budget) joins the business case.
bool has_own_section(std::string_view key) {
  return key == "name" || key == "description" || key == "levers" || key == "scores" || key == "kpis" || key == "ex" ||
         key == "business_case" || key == "components" || key == "verdict" || key == "months";
}

// Keys of the objects at `block` in the policies, in order of first appearance.
std::vector<std::string> keys_in(const json& policies, std::string_view block) {
  std::vector<std::string> keys;
  for (const auto& p : policies) {
    const json* b = block.empty() ? &p : (p.contains(block) ? &p.at(block) : nullptr);
    if (b == nullptr || !b->is_object()) continue;
    for (const auto& [key, value] : b->items())
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  return keys;
}

std::string policy_path(std::size_t i, std::string_view rest) { return fmt::format("/policies/{}/{}", i, rest); }

class Page {
 public:
  Page(const ReportData& data, const ReportContext& context)
      : data_(data), root_(data.comparison), context_(context) {
    const json& root = root_;
    const json* currency = find(root, "/currency");
    currency_ = currency != nullptr && currency->is_string() ? currency->get<std::string>()
                                                             : std::string(present::kDefaultCurrency);
    for (const auto& p : root.at("policies")) names_.push_back(p.at("name").get<std::string>());
    has_workforce_ = root.at("policies").at(0).contains("ex");
    has_months_ = root.at("policies").at(0).contains("months") && !root.at("policies").at(0).at("months").empty();
  }

  std::string body() const {
    std::string out = header();
    out += summary();
    out += scorecard();
    out += tradeoffs();
    if (has_months_) out += months();
    out += business_case();
    if (has_uncertainty()) out += detail::robustness_section(data_.uncertainty, data_.uncertainty_cautions, currency_);
    out += policies();
    if (has_assumptions()) out += assumptions(data_.assumptions);
    out += provenance();
    return out;
  }

  std::string title() const { return "txsim report: " + scenario(); }

 private:
  std::string scenario() const { return string_at(root_, "/scenario"); }
  bool has_uncertainty() const { return data_.uncertainty.is_object(); }
  bool has_assumptions() const { return data_.assumptions.is_array(); }

  std::string estimate(std::size_t i, std::string_view path, std::string_view unit, bool difference,
                       bool with_unit = true) const {
    return estimate_html(root_, estimate_paths(policy_path(i, path), difference),
                         {unit, currency_, difference, with_unit});
  }

  stats::Interval diff(std::size_t i, std::string_view path) const {
    return detail::read_estimate(root_, estimate_paths(policy_path(i, path), true));
  }

  // An estimate ({"mean", ...}) or a plain number at `path` of policy i.
  bool has(std::size_t i, std::string_view path) const {
    return !std::isnan(number_at(root_, policy_path(i, path) + "/mean")) ||
           !std::isnan(number_at(root_, policy_path(i, path)));
  }

  // A policy's cell: its mean and, for a policy, the paired difference below when the results
  // have one; a plain number at the unit's customary precision.
  std::string cell(std::size_t i, const Measure& m) const {
    if (!has(i, m.path)) return "<td class=\"na\">-</td>";
    const std::string at = policy_path(i, m.path);
    if (!std::isnan(number_at(root_, at)))
      return "<td><div class=\"mean\">" + number_span(root_, at, m.unit, present::default_decimals(m.unit), false) +
             "</div></td>";
    std::string out = "<td><div class=\"mean\">" + estimate(i, m.path, m.unit, false, false) + "</div>";
    if (i > 0 && !std::isnan(number_at(root_, at + "/diff")))
      out += "<div class=\"diff\">\u0394 " + estimate(i, m.path, m.unit, true, false) + "</div>";
    return out + "</td>";
  }

  // A row's heading with the unit of its cells, e.g. "service level % (Δ pp)".
  std::string row_heading(const Measure& m) const {
    const auto kind = present::unit_kind(m.unit);
    std::string out = "<th>" + std::string(m.label);
    if (kind == present::UnitKind::Fraction)
      out += fmt::format(" <span class=\"unit\">{} (\u0394 {})</span>", escape(present::unit_label(m.unit, currency_)),
                         escape(present::unit_label(m.unit, currency_, true)));
    else if (kind != present::UnitKind::Score && kind != present::UnitKind::Other)
      out += " <span class=\"unit\">" + escape(present::unit_label(m.unit, currency_)) + "</span>";
    return out + "</th>";
  }

  std::string policy_header_row(std::string_view first) const {
    std::string out = fmt::format("<tr><th>{}</th>", escape(first));
    for (const auto& name : names_) out += "<th>" + escape(name) + "</th>";
    return out + "</tr>";
  }

  std::string header() const {
    return fmt::format(
        "<header><h1>{}</h1><p class=\"lede\">Policies compared with the baseline under common random numbers: "
        "{} replications each, seed {}. Intervals are 95% confidence intervals; \u0394 is the paired difference "
        "policy \u2212 baseline. Money in {}.</p><nav>{}</nav></header>\n",
        escape(title()), escape(string_at(root_, "/replications")), escape(string_at(root_, "/seed")),
        escape(currency_),
        "<a href=\"#summary\">Summary</a> <a href=\"#scorecard\">Scorecard</a> <a href=\"#tradeoffs\">Trade-offs</a> " +
            std::string(has_months_ ? "<a href=\"#months\">Month by month</a> " : "") +
            "<a href=\"#business-case\">Business case</a> " +
            std::string(has_uncertainty() ? "<a href=\"#robustness\">Robustness</a> " : "") +
            "<a href=\"#policies\">Policies</a> " +
            std::string(has_assumptions() ? "<a href=\"#assumptions\">Assumptions</a> " : "") +
            "<a href=\"#provenance\">Provenance</a>");
  }

  std::string verdict_phrase(std::size_t i) const {
    const std::string v = string_at(root_, policy_path(i, "verdict/verdict"));
    if (v == "dominates") return "dominates the baseline";
    if (v == "is_dominated") return "is dominated by the baseline";
    if (v == "trade_off") return "is a trade-off";
    return "makes no significant difference";
  }

  // "customers gain: CX +25.1 [+1.6, +48.7]"
  std::string index_clause(std::size_t i, std::string_view who, std::string_view gain, std::string_view loss,
                           const Measure& index) const {
    const stats::Interval d = diff(i, index.path);
    if (std::isnan(d.mean)) return "";
    const std::string what = !significant(d) ? fmt::format("no significant change for {}", who)
                             : d.mean > 0   ? fmt::format("{} {}", who, gain)
                                            : fmt::format("{} {}", who, loss);
    return fmt::format("{} ({} {})", what, index.label, estimate(i, index.path, index.unit, true));
  }

  std::string mechanisms(std::size_t i) const {
    std::vector<std::string> moved;
    std::vector<std::string> unchanged;
    for (const auto& m : kMechanisms) {
      const stats::Interval d = diff(i, m.path);
      if (std::isnan(d.mean)) continue;
      if (!significant(d)) {
        unchanged.emplace_back(m.label);
        continue;
      }
      moved.push_back(fmt::format("{} {} {} (from {} to {})", m.label, d.mean > 0 ? "rose" : "fell",
                                  estimate(i, m.path, m.unit, true), estimate(0, m.path, m.unit, false),
                                  estimate(i, m.path, m.unit, false)));
    }
    std::string out;
    if (!moved.empty()) {
      out += "<p>What moved:</p><ul class=\"mechanisms\">";
      for (const auto& m : moved) out += "<li>" + m + "</li>";
      out += "</ul>";
    }
    if (!unchanged.empty()) {
      out += "<p class=\"unchanged\">No significant change in ";
      for (std::size_t k = 0; k < unchanged.size(); ++k)
        out += (k == 0 ? "" : k + 1 == unchanged.size() ? " or " : ", ") + escape(unchanged[k]);
      out += ".</p>";
    }
    return out;
  }

  // "a, b and c"
  static std::string listing(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t k = 0; k < items.size(); ++k)
      out += (k == 0 ? "" : k + 1 == items.size() ? " and " : ", ") + items[k];
    return out;
  }

  // The overview: which policies fall under which verdict, and the largest saving.
  std::string overview() const {
    const std::array<std::pair<std::string_view, std::string_view>, 4> verdicts{{
        {"dominates", "better for customers, agents or cost and worse for none"},
        {"trade_off", "some gain, others pay"},
        {"is_dominated", "worse for customers, agents or cost and better for none"},
        {"no_difference", "no significant difference"},
    }};
    std::vector<std::string> sentences;
    for (const auto& [verdict, meaning] : verdicts) {
      std::vector<std::string> who;
      for (std::size_t i = 1; i < names_.size(); ++i)
        if (string_at(root_, policy_path(i, "verdict/verdict")) == verdict)
          who.push_back("<strong>" + escape(names_[i]) + "</strong>");
      if (who.empty()) continue;
      const bool one = who.size() == 1;
      const std::string phrase = verdict == "dominates"      ? (one ? "dominates the baseline" : "dominate the baseline")
                                 : verdict == "trade_off"    ? (one ? "is a trade-off" : "are trade-offs")
                                 : verdict == "is_dominated" ? (one ? "is dominated by the baseline"
                                                                    : "are dominated by the baseline")
                                                             : (one ? "makes" : "make");
      sentences.push_back(listing(who) + " " + phrase + " (" + std::string(meaning) + ")");
    }
    std::size_t best = 0;
    for (std::size_t i = 1; i < names_.size(); ++i) {
      const double npv = number_at(root_, policy_path(i, "npv_vs_baseline/mean"));
      if (std::isfinite(npv) && (best == 0 || npv > number_at(root_, policy_path(best, "npv_vs_baseline/mean"))))
        best = i;
    }
    std::string out = fmt::format("<p class=\"overview\">{} {} compared with the baseline. ", names_.size() - 1,
                                  names_.size() == 2 ? "policy was" : "policies were");
    for (const auto& sentence : sentences) out += sentence + ". ";
    if (best != 0 && number_at(root_, policy_path(best, "npv_vs_baseline/mean")) > 0.0)
      out += "The largest saving comes from <strong>" + escape(names_[best]) + "</strong>: a net present value of " +
             estimate(best, "npv_vs_baseline", "currency", false) + ".";
    return out + "</p>\n";
  }

  std::string summary() const {
    std::string out = "<section id=\"summary\"><h2>Executive summary</h2>\n" + overview();
    for (std::size_t i = 1; i < names_.size(); ++i) {
      const std::string verdict = string_at(root_, policy_path(i, "verdict/verdict"));
      std::vector<std::string> clauses;
      for (const auto& c : {index_clause(i, "customers", "gain", "lose", kIndices[0]),
                            index_clause(i, "agents", "gain", "pay", kIndices[1]),
                            index_clause(i, "cost", "falls", "rises", kIndices[2])})
        if (!c.empty()) clauses.push_back(c);
      std::string sentence = fmt::format("<strong>{}</strong> {}", escape(names_[i]), verdict_phrase(i));
      for (std::size_t k = 0; k < clauses.size(); ++k) sentence += (k == 0 ? ": " : "; ") + clauses[k];
      sentence += ".";
      if (!std::isnan(number_at(root_, policy_path(i, "npv_vs_baseline/mean"))))
        sentence += " Net present value of its savings against the baseline: " +
                    estimate(i, "npv_vs_baseline", "currency", false) + ".";
      if (!std::isnan(number_at(root_, policy_path(i, "break_even_budget/mean"))))
        sentence += " The most its implementation could cost up front and still pay for itself over the horizon "
                    "(break-even budget): " +
                    estimate(i, "break_even_budget", "currency", false) + ".";
      out += fmt::format("<article class=\"policy-summary verdict-{}\"><p>{}</p>{}</article>\n", escape(verdict),
                         sentence, mechanisms(i));
    }
    return out + "</section>\n";
  }

  std::string scorecard() const {
    std::string out =
        "<section id=\"scorecard\"><h2>Scorecard</h2><p>Indices from 0 to 100, higher is better. TX weighs CX, EX "
        "and cost together.</p><div class=\"table-wrap\"><table class=\"scorecard\">" +
        policy_header_row("index");
    for (const auto& index : kIndices) {
      out += "<tr>" + row_heading(index);
      for (std::size_t i = 0; i < names_.size(); ++i) out += cell(i, index);
      out += "</tr>";
    }
    out += "</table></div>";
    const bool scored = has_component_scores();
    if (scored) out += component_scores();
    out += std::string(scored ? "<h3>The measurements behind them</h3>" : "<h3>Components</h3>") +
           "<div class=\"table-wrap\"><table class=\"components\">" + policy_header_row("component");
    for (const auto& group : component_groups()) {
      out += fmt::format("<tr class=\"group\"><th colspan=\"{}\">{}</th></tr>", names_.size() + 1, group.index);
      for (const auto& m : group.measures) {
        if (!has(0, m.path)) continue;
        out += "<tr>" + row_heading(m);
        for (std::size_t i = 0; i < names_.size(); ++i) out += cell(i, m);
        out += "</tr>";
      }
    }
    return out + "</table></div></section>\n";
  }

  bool has_component_scores() const {
    const json* c = find(root_, "/policies/0/components");
    return c != nullptr && c->is_object() && !c->empty();
  }

  // The 0-100 score of each component of the indices, one table per index, with the weight that
  // component carries in its index (io::comparison_json's "components" block).
  std::string component_scores() const {
    const json& components = root_.at("policies").at(0).at("components");
    std::vector<std::string> indices;
    for (const auto& [name, c] : components.items()) {
      const std::string index = c.is_object() && c.contains("index") && c.at("index").is_string()
                                    ? c.at("index").get<std::string>() : std::string("other");
      if (std::find(indices.begin(), indices.end(), index) == indices.end()) indices.push_back(index);
    }
    std::string out =
        "<h3>Component scores</h3><p>Each component scored from 0 (worst) to 100 (best) and weighted into its "
        "index. A component with weight 0 is reported, not scored: it does not move its index.</p>";
    for (const auto& index : indices) {
      out += fmt::format("<h4>{}</h4><div class=\"table-wrap\"><table class=\"component-scores\" "
                         "data-index=\"{}\"><tr><th>component</th><th>weight</th>",
                         escape(label_of(index)), escape(index));
      for (const auto& name : names_) out += "<th>" + escape(name) + "</th>";
      out += "</tr>";
      for (const auto& [name, c] : components.items()) {
        if (!c.is_object() || (c.contains("index") ? c.at("index") != index : index != "other")) continue;
        const std::string at = "components/" + detail::pointer_token(name);
        const double weight = number_at(root_, policy_path(0, at + "/weight"));
        out += "<tr><th>" + escape(label_of(name)) + "</th>";
        out += weight == 0.0 ? std::string("<td class=\"unscored\">reported, not scored</td>")
                             : "<td>" + number_span(root_, policy_path(0, at + "/weight"), "weight", 2, false) + "</td>";
        for (std::size_t i = 0; i < names_.size(); ++i) out += component_cell(i, at);
        out += "</tr>";
      }
      out += "</table></div>";
    }
    return out;
  }

  // A component score of a policy: its mean and, for a policy, the paired difference below.
  std::string component_cell(std::size_t i, const std::string& at) const {
    const std::string base = policy_path(i, at);
    const detail::EstimatePaths mean{base + "/mean", base + "/ci95/0", base + "/ci95/1"};
    if (std::isnan(number_at(root_, mean.mean))) return "<td class=\"na\">-</td>";
    constexpr std::string_view kScore = "score (0-100)";
    std::string out = "<td><div class=\"mean\">" + estimate_html(root_, mean, {kScore, currency_, false, false}) +
                      "</div>";
    const detail::EstimatePaths diff{base + "/diff_mean", base + "/diff_ci95/0", base + "/diff_ci95/1"};
    if (i > 0 && !std::isnan(number_at(root_, diff.mean)))
      out += "<div class=\"diff\">\u0394 " + estimate_html(root_, diff, {kScore, currency_, true, false}) + "</div>";
    return out + "</td>";
  }

  std::string tradeoffs() const {
    return "<section id=\"tradeoffs\"><h2>Trade-offs</h2><p>Each policy's paired difference from the baseline in "
           "customer experience (CX, across) and employee experience (EX, up), with 95% confidence intervals as "
           "error bars. The marker's area grows with the net present value of its savings; green saves money, red "
           "costs money. The baseline sits at the origin.</p>"
           "<div class=\"chart\" data-chart=\"tradeoff\" role=\"img\" aria-label=\"CX difference against EX "
           "difference per policy\"></div></section>\n";
  }

  std::string months() const {
    std::string out =
        "<section id=\"months\"><h2>Month by month</h2><p>Means over replications of each 30-day month.</p>"
        "<div class=\"legend\" data-legend></div><div class=\"chart-grid\">";
    // data-scale turns fractions into the percentages the captions promise.
    const auto chart = [](std::string_view key, std::string_view label, std::string_view unit) {
      return fmt::format(R"(<figure><figcaption>{}</figcaption><div class="chart small" data-chart="month" data-series="{}" data-scale="{}" role="img" aria-label="{} by month"></div></figure>)",
                         escape(label), key, present::display_factor(unit), escape(label));
    };
    out += chart("kpis/service_level", "Service level (%)", "fraction");
    out += chart("kpis/abandon_rate", "Abandonment (%)", "fraction");
    if (has_workforce_) {
      out += chart("ex/employed", "Headcount employed", "agents");
      out += chart("ex/on_phones", "Headcount on the phones", "agents");
      out += chart("ex/absence_rate", "Absence (%)", "fraction");
      out += chart("ex/annualised_attrition", "Attrition (%/yr, annualised)", "fraction per year");
      out += chart("ex/fatigue_mean", "Fatigue at the end of a shift (0-1)", "fatigue (0-1)");
    }
    out += chart("business_case/total_cost_incl_churn", "Cost incl. churned revenue (" + currency_ + ")", "currency");
    return out + "</div></section>\n";
  }

  // Whether some policy has a value at `path` (relative to a policy entry).
  bool any_has(std::string_view path) const {
    for (std::size_t i = 0; i < names_.size(); ++i)
      if (has(i, path)) return true;
    return false;
  }

  // Whether some policy has an estimate ({"mean", ...}) under `key` of its entry.
  bool is_estimate(const std::string& key) const {
    for (const auto& p : root_.at("policies"))
      if (p.contains(key) && p.at(key).is_object() && p.at(key).contains("mean")) return true;
    return false;
  }

  // The unit the results give the entries at `path`, else `fallback`.
  std::string unit_at(std::string_view path, std::string_view fallback) const {
    for (std::size_t i = 0; i < names_.size(); ++i) {
      const std::string unit = string_at(root_, policy_path(i, path) + "/unit");
      if (!unit.empty()) return unit;
    }
    return std::string(fallback);
  }

  std::string business_case_row(const std::string& label, const std::string& path, std::string_view row_class = {}) const {
    const std::string unit = unit_at(path, "currency");
    const Measure m{label, path, unit};
    std::string out = row_class.empty() ? std::string("<tr>") : fmt::format("<tr class=\"{}\">", row_class);
    out += row_heading(m);
    for (std::size_t i = 0; i < names_.size(); ++i) out += cell(i, m);
    return out + "</tr>";
  }

  // Every line of the results' business-case block, in their order, then the NPV and any other
  // business-case figure the results give a policy (e.g. a break-even budget): new lines appear
  // without code of their own.
  std::string business_case() const {
    const json& policies = root_.at("policies");
    std::string out =
        "<section id=\"business-case\"><h2>Business case</h2><p>Costs over the whole horizon: what the centre "
        "pays (operating cost) and, with the revenue lost to churn, the total cost. The net present value "
        "discounts each month's savings against the baseline at " +
        number_span(root_, "/discount_rate_per_year", "fraction", 1, false) +
        "% a year.</p><div class=\"table-wrap\"><table class=\"business-case\">" + policy_header_row("item");
    for (const auto& key : keys_in(policies, "business_case")) {
      const std::string path = "business_case/" + detail::pointer_token(key);
      if (any_has(path)) out += business_case_row(label_of(key), path);
    }
    // Groups of plain figures a policy carries (e.g. its implementation cost: one-off and per
    // month), one row each.
    for (const auto& key : keys_in(policies, "")) {
      if (has_own_section(key) || is_estimate(key)) continue;
      for (const auto& member : keys_in(policies, key)) {
        const std::string path = detail::pointer_token(key) + "/" + detail::pointer_token(member);
        if (!any_has(path)) continue;
        out += business_case_row(label_of(key) + ": " + label_of(member), path);
      }
    }
    out += "<tr class=\"npv\">" + row_heading({"NPV of savings", "npv_vs_baseline", "currency"}) +
           "<td class=\"na\">-</td>";
    for (std::size_t i = 1; i < names_.size(); ++i)
      out += "<td>" + estimate(i, "npv_vs_baseline", "currency", false, false) + "</td>";
    out += "</tr>";
    for (const auto& key : keys_in(policies, "")) {
      if (has_own_section(key) || key == "npv_vs_baseline") continue;
      const std::string path = detail::pointer_token(key);
      if (any_has(path)) out += business_case_row(label_of(key), path, "npv");
    }
    out += "</table></div>";
    if (has_months_)
      out += "<h3>Monthly cash flows</h3><p>Each policy's saving against the baseline, month by month (baseline "
             "cost \u2212 policy cost); the line is the cumulative saving.</p>"
             "<div class=\"chart\" data-chart=\"cashflow\" role=\"img\" aria-label=\"Monthly savings per "
             "policy\"></div>";
    return out + "</section>\n";
  }

  std::string policies() const {
    std::string out = "<section id=\"policies\"><h2>Policies</h2><table class=\"levers\"><tr><th>policy</th>"
                      "<th>description</th><th>levers</th></tr>";
    for (std::size_t i = 1; i < names_.size(); ++i)
      out += fmt::format("<tr><th>{}</th><td>{}</td><td><code>{}</code></td></tr>", escape(names_[i]),
                         escape(string_at(root_, policy_path(i, "description"))),
                         escape(string_at(root_, policy_path(i, "levers"))));
    return out + "</table></section>\n";
  }

  std::string assumptions(const json& rows) const {
    std::string out =
        "<section id=\"assumptions\"><h2>Assumptions</h2><p>Every parameter of the scenario that differs from "
        "its default or rests on an assumption or a vendor's claim, with its source and evidence grade.</p>"
        "<div class=\"table-wrap\"><table class=\"assumptions\"><tr><th>parameter</th><th>value</th>"
        "<th>default</th><th>unit</th><th>grade</th><th>source</th></tr>";
    const auto text = [](const json& row, const char* key) {
      return row.contains(key) && row.at(key).is_string() ? escape(row.at(key).get<std::string>()) : std::string();
    };
    // Shift rosters are many values of the centre's own data: counted, not listed.
    std::size_t shift_values = 0;
    for (const auto& row : rows) {
      if (text(row, "key_path").find(".shifts[") != std::string::npos && text(row, "grade") == "input") {
        ++shift_values;
        continue;
      }
      out += fmt::format("<tr><th><code>{}</code></th><td><code>{}</code></td><td><code>{}</code></td><td>{}</td>"
                         "<td class=\"grade\">{}</td><td>{}</td></tr>",
                         text(row, "key_path"), text(row, "value"), text(row, "default"), text(row, "unit"),
                         text(row, "grade"), text(row, "source"));
    }
    out += "</table></div>";
    if (shift_values > 0)
      out += fmt::format("<p>Besides these, {} values of the agent groups' shifts (start, length, count, weekdays, "
                         "breaks) are the centre's own roster; the scenario file lists them.</p>",
                         shift_values);
    return out + "</section>\n";
  }

  std::string provenance() const {
    std::vector<std::pair<std::string, std::string>> rows{
        {"scenario", string_at(root_, "/scenario")},
        {"scenario file", string_at(root_, "/file")},
        {"seed", string_at(root_, "/seed")},
        {"replications per policy", string_at(root_, "/replications")},
        {"confidence level", string_at(root_, "/confidence_level")},
        {"service-level threshold [s]", string_at(root_, "/service_level_threshold_s")},
        {"simulated events", string_at(root_, "/events")},
    };
    if (const json* p = find(root_, "/provenance"); p != nullptr && p->is_object())
      for (const auto& [key, value] : p->items())
        rows.emplace_back("results: " + key, value.is_string() ? value.get<std::string>() : value.dump());
    rows.emplace_back("report written by", std::string("txsim ") + kVersion);
    rows.emplace_back("report written at", context_.generated_utc);
    rows.emplace_back("report command", context_.command_line);
    std::string out = "<section id=\"provenance\"><h2>Provenance</h2><table class=\"provenance\">";
    for (const auto& [key, value] : rows)
      if (!value.empty()) out += fmt::format("<tr><th>{}</th><td><code>{}</code></td></tr>", escape(key), escape(value));
    return out + "</table></section>\n";
  }

  const ReportData& data_;
  const json& root_;
  const ReportContext& context_;
  std::string currency_;
  std::vector<std::string> names_;
  bool has_workforce_ = false;
  bool has_months_ = false;
};

// The template's @NAME@ markers replaced in one pass, so that inlined text is never scanned.
std::string fill(std::string_view page, const std::vector<std::pair<std::string_view, std::string_view>>& parts) {
  std::string out;
  std::size_t pos = 0;
  while (pos < page.size()) {
    const std::size_t at = page.find('@', pos);
    if (at == std::string_view::npos) break;
    bool replaced = false;
    for (const auto& [name, text] : parts) {
      if (page.substr(at + 1, name.size()) == name && page.substr(at + 1 + name.size(), 1) == "@") {
        out.append(page.substr(pos, at - pos));
        out.append(text);
        pos = at + name.size() + 2;
        replaced = true;
        break;
      }
    }
    if (!replaced) {
      out.append(page.substr(pos, at + 1 - pos));
      pos = at + 1;
    }
  }
  out.append(page.substr(pos));
  return out;
}

}  // namespace

std::string utc_now() {
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

std::string render_html(const ReportData& data, const ReportContext& context) {
  detail::require_comparison_layout(data.comparison);
  const Page page(data, context);
  const std::string body = page.body();
  // The charts need the results; the assumptions are in the page's table already.
  const std::string results = detail::script_safe(data.comparison);
  const std::string uncertainty = detail::script_safe(data.uncertainty);
  return fill(detail::page_template(), {{"TITLE", escape(page.title())},
                                        {"STYLE", detail::page_style()},
                                        {"BODY", body},
                                        {"DATA", results},
                                        {"UNCERTAINTY", uncertainty},
                                        {"ECHARTS", detail::echarts_library()},
                                        {"SCRIPT", detail::page_script()}});
}

void write_report(const std::filesystem::path& file, std::string_view html) {
  std::filesystem::path temporary = file;
  temporary += ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(fmt::format("{}: cannot write the report", file.string()));
    out.write(html.data(), static_cast<std::streamsize>(html.size()));
    out.close();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw std::runtime_error(fmt::format("{}: cannot write the report", file.string()));
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, file, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw std::runtime_error(fmt::format("{}: cannot write the report: {}", file.string(), ec.message()));
  }
}

}  // namespace txsim::report
