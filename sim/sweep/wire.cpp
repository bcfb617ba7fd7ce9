#include "txsim/sweep/wire.hpp"

#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace txsim::sweep {
namespace {

class Writer {
 public:
  template <class T>
    requires std::is_arithmetic_v<T>
  void put(T v) {
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void put(const std::string& s) {
    put(static_cast<std::uint64_t>(s.size()));
    out_ += s;
  }
  void put(const stats::Interval& i) {
    put(i.mean);
    put(i.half_width);
    put(i.lo);
    put(i.hi);
    put(static_cast<std::uint64_t>(i.n));
    put(i.stddev);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <class T>
    requires std::is_arithmetic_v<T>
  T get() {
    T v{};
    need(sizeof v);
    std::memcpy(&v, in_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  std::string text() {
    const auto n = get<std::uint64_t>();
    need(n);
    std::string s(in_.substr(at_, n));
    at_ += n;
    return s;
  }
  stats::Interval interval() {
    stats::Interval i{};
    i.mean = get<double>();
    i.half_width = get<double>();
    i.lo = get<double>();
    i.hi = get<double>();
    i.n = get<std::uint64_t>();
    i.stddev = get<double>();
    return i;
  }
  [[nodiscard]] bool at_end() const { return at_ == in_.size(); }

 private:
  void need(std::size_t n) const {
    if (n > in_.size() - at_) throw std::runtime_error("point result: truncated message");
  }
  std::string_view in_;
  std::size_t at_ = 0;
};

}  // namespace

std::string encode(const PointResult& r) {
  Writer w;
  w.put(r.point);
  w.put(static_cast<std::uint8_t>(r.valid));
  w.put(r.diagnostics);
  w.put(static_cast<std::uint64_t>(r.values.size()));
  for (const auto& v : r.values) {
    w.put(static_cast<std::uint8_t>(v.has_value()));
    if (v) {
      w.put(v->text);
      w.put(v->number);
    }
  }
  w.put(static_cast<std::uint8_t>(r.role.has_value()));
  if (r.role) {
    w.put(r.role->row);
    w.put(r.role->matrix);
  }
  w.put(static_cast<std::uint64_t>(r.metrics.size()));
  for (const MetricResult& m : r.metrics) {
    w.put(m.variant);
    w.put(m.policy);
    w.put(m.metric_index);
    w.put(m.metric);
    w.put(static_cast<std::uint64_t>(m.replications.size()));
    for (const double x : m.replications) w.put(x);
    w.put(m.summary);
    w.put(static_cast<std::uint8_t>(m.difference.has_value()));
    if (m.difference) w.put(*m.difference);
  }
  w.put(static_cast<std::uint64_t>(r.verdicts.size()));
  for (const VerdictResult& v : r.verdicts) {
    w.put(v.variant);
    w.put(v.policy);
    w.put(v.verdict);
    w.put(v.text);
  }
  return w.take();
}

PointResult decode(std::string_view bytes) {
  Reader in(bytes);
  PointResult r;
  r.point = in.get<std::uint64_t>();
  r.valid = in.get<std::uint8_t>() != 0;
  r.diagnostics = in.text();
  r.values.resize(in.get<std::uint64_t>());
  for (auto& v : r.values) {
    if (in.get<std::uint8_t>() == 0) continue;
    FactorValue value;
    value.text = in.text();
    value.number = in.get<double>();
    v = std::move(value);
  }
  if (in.get<std::uint8_t>() != 0) {
    SaltelliRole role;
    role.row = in.get<std::uint64_t>();
    role.matrix = in.get<int>();
    r.role = role;
  }
  r.metrics.resize(in.get<std::uint64_t>());
  for (MetricResult& m : r.metrics) {
    m.variant = in.get<int>();
    m.policy = in.text();
    m.metric_index = in.get<int>();
    m.metric = in.text();
    m.replications.resize(in.get<std::uint64_t>());
    for (double& x : m.replications) x = in.get<double>();
    m.summary = in.interval();
    if (in.get<std::uint8_t>() != 0) m.difference = in.interval();
  }
  r.verdicts.resize(in.get<std::uint64_t>());
  for (VerdictResult& v : r.verdicts) {
    v.variant = in.get<int>();
    v.policy = in.text();
    v.verdict = in.text();
    v.text = in.text();
  }
  if (!in.at_end()) throw std::runtime_error("point result: trailing bytes");
  return r;
}

}  // namespace txsim::sweep
