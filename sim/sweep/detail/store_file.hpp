#pragma once
// The file conventions every txsim result store shares (the sweep store, result_store.hpp, and
// the staffing store, staffing_store.hpp): a `meta` table naming the store's kind and schema
// version, a `sessions` table of invocations, creation under a temporary name renamed when
// complete, and WAL mode under the final name.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "sweep/detail/sqlite_statement.hpp"

namespace txsim::sweep::detail {

/// The kinds written in meta.kind.
inline constexpr const char* kSweepStoreKind = "txsim sweep results";
inline constexpr const char* kStaffingStoreKind = "txsim staffing results";

/// The `sessions` table every store holds: one row per invocation that wrote to it.
inline constexpr const char* kSessionsTable =
    "CREATE TABLE sessions(session INTEGER PRIMARY KEY, started_at TEXT NOT NULL, command_line TEXT NOT NULL,"
    " threads INTEGER NOT NULL, ranks INTEGER NOT NULL);";

/// Opens a SQLite file with `flags` and a busy timeout; throws std::runtime_error naming the file.
sqlite3* open_db(const std::filesystem::path& file, int flags);

/// What meta says a store is.
struct StoreIdentity {
  std::string kind;  ///< "" in stores written before meta had a kind
  int schema_version = 0;
};

/// The store's identity, or nullopt when the file is not a database or one without txsim's meta
/// table. Any other failure (an unreadable file, a log that cannot be recovered) is thrown with
/// SQLite's own message, so that it is never mistaken for "not a store".
std::optional<StoreIdentity> store_identity(sqlite3* db);

/// The file's store identity (opened read-write, as open_existing does, so that a log left by a
/// killed writer is recovered); nullopt as store_identity, or when the file does not exist.
std::optional<StoreIdentity> store_identity(const std::filesystem::path& file);

/// Writes meta's schema_version and kind.
void write_meta(sqlite3* db, const char* kind, int schema_version);

/// Creates `file` with everything `fill` writes, in one transaction, under the name
/// `file`.creating, renamed to `file` only when committed: a store killed while being created
/// never looks like one. Replaces an existing `file` (and its -wal and -shm) in that rename.
void create_store(const std::filesystem::path& file, const std::function<void(sqlite3*)>& fill);

/// Switches an open store to WAL mode, as every store is under its final name.
void use_wal(sqlite3* db);

/// Deletes a store and its logs (-wal, -shm, -journal), if any.
void remove_store_files(const std::filesystem::path& file);

/// Appends a row to `sessions`.
void add_session(sqlite3* db, const std::string& command_line, int threads, int ranks);

/// The current time as "2026-01-31T12:00:00Z".
std::string now_utc();

/// Appends the rows of a stepped-through statement to `out`, '|' between columns and a line
/// break after each row: NULL, integers, doubles with round-trip precision, text.
void dump_rows(Statement& statement, std::string& out);

}  // namespace txsim::sweep::detail
