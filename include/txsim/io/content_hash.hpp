#pragma once
// Content identity for provenance and result stores: the SHA-256 of a text, as lowercase hex.

#include <string>
#include <string_view>

namespace txsim::io {

/// SHA-256 of `text`, 64 lowercase hex digits.
std::string sha256_hex(std::string_view text);

}  // namespace txsim::io
