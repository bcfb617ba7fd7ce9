#include "sweep/detail/store_file.hpp"

#include <chrono>
#include <ctime>
#include <stdexcept>

#include <fmt/format.h>
#include <sqlite3.h>

#include "sweep/detail/sqlite_statement.hpp"

namespace txsim::sweep::detail {

sqlite3* open_db(const std::filesystem::path& file, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error(fmt::format("cannot open the result store {}: {}", file.string(), message));
  }
  sqlite3_busy_timeout(db, 10000);
  return db;
}

std::optional<StoreIdentity> store_identity(sqlite3* db) {
  try {
    Statement tables(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
    if (!tables.step() || tables.integer(0) == 0) return std::nullopt;
  } catch (const std::runtime_error&) {
    if (sqlite3_errcode(db) == SQLITE_NOTADB) return std::nullopt;
    throw;
  }
  StoreIdentity identity;
  bool versioned = false;
  Statement s(db, "SELECT key, value FROM meta WHERE key IN ('schema_version', 'kind')");
  while (s.step()) {
    if (s.text(0) == "kind") {
      identity.kind = s.text(1);
      continue;
    }
    try {
      identity.schema_version = std::stoi(s.text(1));
      versioned = true;
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  if (!versioned) return std::nullopt;
  return identity;
}

std::optional<StoreIdentity> store_identity(const std::filesystem::path& file) {
  if (!std::filesystem::is_regular_file(file)) return std::nullopt;
  sqlite3* db = open_db(file, SQLITE_OPEN_READWRITE);
  try {
    auto identity = store_identity(db);
    sqlite3_close(db);
    return identity;
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
}

void write_meta(sqlite3* db, const char* kind, int schema_version) {
  Statement m(db, "INSERT INTO meta(key, value) VALUES (?, ?)");
  m.bind(1, std::string("schema_version")).bind(2, std::to_string(schema_version)).run();
  m.bind(1, std::string("kind")).bind(2, std::string(kind)).run();
}

void create_store(const std::filesystem::path& file, const std::function<void(sqlite3*)>& fill) {
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  const std::filesystem::path creating = file.string() + ".creating";
  remove_store_files(creating);
  sqlite3* db = open_db(creating, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  // A rollback journal while the file has its temporary name: nothing is left in a -wal file
  // that the rename would orphan. WAL mode is switched on under the final name (use_wal).
  try {
    exec(db, "BEGIN IMMEDIATE");
    fill(db);
    exec(db, "COMMIT");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    remove_store_files(creating);
    throw;
  }
  if (sqlite3_close(db) != SQLITE_OK) throw std::runtime_error(fmt::format("cannot close {}", creating.string()));
  // The old store's log belongs to the old file: it must not be replayed into the new one.
  std::error_code ignored;
  std::filesystem::remove(file.string() + "-wal", ignored);
  std::filesystem::remove(file.string() + "-shm", ignored);
  std::filesystem::rename(creating, file);
}

void use_wal(sqlite3* db) {
  exec(db, "PRAGMA journal_mode=WAL");
  exec(db, "PRAGMA synchronous=NORMAL");
}

void remove_store_files(const std::filesystem::path& file) {
  std::error_code ignored;
  std::filesystem::remove(file, ignored);
  for (const char* log : {"-wal", "-shm", "-journal"}) std::filesystem::remove(file.string() + log, ignored);
}

void add_session(sqlite3* db, const std::string& command_line, int threads, int ranks) {
  Statement s(db, "INSERT INTO sessions(started_at, command_line, threads, ranks) VALUES (?, ?, ?, ?)");
  s.bind(1, now_utc()).bind(2, command_line).bind(3, static_cast<std::int64_t>(threads));
  s.bind(4, static_cast<std::int64_t>(ranks)).run();
}

std::string now_utc() {
  const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec);
}

void dump_rows(Statement& s, std::string& out) {
  const int columns = sqlite3_column_count(s.get());
  while (s.step()) {
    for (int c = 0; c < columns; ++c) {
      if (c > 0) out += '|';
      switch (sqlite3_column_type(s.get(), c)) {
        case SQLITE_NULL: out += "NULL"; break;
        case SQLITE_INTEGER: out += std::to_string(s.integer(c)); break;
        case SQLITE_FLOAT: out += fmt::format("{}", sqlite3_column_double(s.get(), c)); break;
        default: out += s.text(c); break;
      }
    }
    out += '\n';
  }
}

}  // namespace txsim::sweep::detail
