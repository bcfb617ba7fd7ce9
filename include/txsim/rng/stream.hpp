#pragma once
// Random-number streams, one per (purpose, entity), each seeded from a hash of
// (master seed, replication, purpose, entity).
//
// Because a stream's seed depends only on its own key, adding a stream (a new contact type, a
// new agent, a new mechanism) never shifts the numbers any other stream produces, and two
// variants of a scenario run with the same master seed see the same draws wherever their keys
// agree: common random numbers without bookkeeping. The engine is Boost.Random's mt19937_64;
// the standard library's distributions are never used because their output differs between
// implementations.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <boost/random/mersenne_twister.hpp>

namespace txsim::rng {

/// SplitMix64 finaliser (Steele, Lea & Flood 2014): a bijective 64-bit mixer whose output
/// bits each depend on every input bit.
constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

/// FNV-1a hash of a purpose name; stable across platforms and compilers.
constexpr std::uint64_t hash_purpose(std::string_view purpose) noexcept {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  for (const char c : purpose) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001B3ULL;
  }
  return h;
}

/// The seed of the stream identified by (master_seed, replication, purpose, entity).
constexpr std::uint64_t stream_seed(std::uint64_t master_seed, std::uint64_t replication,
                                    std::string_view purpose, std::uint64_t entity) noexcept {
  std::uint64_t h = mix64(master_seed);
  h = mix64(h ^ replication);
  h = mix64(h ^ hash_purpose(purpose));
  return mix64(h ^ entity);
}

/// The open-interval uniform of 64 random bits: their top 53, centred in their cell. The top
/// cell would round to exactly 1 (2^53 - 1/2 is not a double), so it is kept one step below.
constexpr double open_uniform(std::uint64_t bits) noexcept {
  const double u = (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;
  return u < 1.0 ? u : 0x1.fffffffffffffp-1;
}

/// The purpose of a keyed draw, hashed when the program is compiled: keyed draws run several
/// times per contact, and hashing the name each time cost more than the draw.
struct KeyedPurpose {
  std::uint64_t hash;
  template <std::size_t N>
  consteval KeyedPurpose(const char (&name)[N]) noexcept : hash(hash_purpose(std::string_view(name, N - 1))) {}
};

/// A uniform on (0, 1) that is a pure function of (key, index, purpose): a counter-based draw
/// (in the spirit of Salmon et al. 2011, "Parallel random numbers: as easy as 1, 2, 3") built on
/// the SplitMix64 finaliser. Used for per-customer draws (the k-th contact of customer `key`),
/// which must line up across compared variants however many other draws they make, and which
/// are too many to give each its own engine.
constexpr double keyed_uniform(std::uint64_t key, std::uint64_t index, KeyedPurpose purpose) noexcept {
  return open_uniform(mix64(key ^ mix64(purpose.hash + index)));
}

/// A purpose name as a template argument (`keyed_uniform<"patience">(key, index)`).
template <std::size_t N>
struct PurposeName {
  char chars[N];
  consteval PurposeName(const char (&name)[N]) noexcept {
    for (std::size_t i = 0; i < N; ++i) chars[i] = name[i];
  }
};

/// keyed_uniform(key, index, Name), bit for bit, with the inner mix of (purpose, index) taken
/// from a table built at compile time for the first indices (a customer's first 16 contacts):
/// one mix instead of two on the hot path of customer journeys.
template <PurposeName Name>
double keyed_uniform(std::uint64_t key, std::uint64_t index) noexcept {
  static constexpr std::size_t kTabulated = 16;
  static constexpr std::uint64_t kHash = hash_purpose(std::string_view(Name.chars, sizeof(Name.chars) - 1));
  static constexpr auto kMixed = [] {
    std::array<std::uint64_t, kTabulated> mixed{};
    for (std::size_t i = 0; i < kTabulated; ++i) mixed[i] = mix64(kHash + i);
    return mixed;
  }();
  const std::uint64_t inner = index < kTabulated ? kMixed[index] : mix64(kHash + index);
  return open_uniform(mix64(key ^ inner));
}

/// Where a run's randomness comes from: the user's master seed and the replication index.
struct RunSeed {
  std::uint64_t master = 1;       ///< user seed (--seed); any value
  std::uint64_t replication = 0;  ///< 0-based replication index
};

/// An independent stream of uniform variates.
class Stream {
 public:
  Stream() : Stream(0) {}
  explicit Stream(std::uint64_t seed) : engine_(seed) {}
  Stream(const RunSeed& seed, std::string_view purpose, std::uint64_t entity = 0)
      : engine_(stream_seed(seed.master, seed.replication, purpose, entity)) {}

  /// Uniform on the open interval (0, 1), in [2^-54, 1 - 2^-53]: neither 0 nor 1 is ever
  /// returned, so inverse-CDF transforms stay finite.
  double uniform() noexcept { return open_uniform(engine_()); }

  /// The underlying Boost.Random engine, for Boost.Random distributions.
  boost::random::mt19937_64& engine() noexcept { return engine_; }

 private:
  boost::random::mt19937_64 engine_;
};

}  // namespace txsim::rng
