// Where the master keys (common/master_keys.hpp) come from, for the commands that open token signing keys:
// `serve`, `migrate`, `keys rotate` and `keys rewrap` (docs/operations.md "Master key and key rotation").
//
// The current key is secrets.master_key, or the file secrets.master_key_file; the previous ones (which only
// decrypt) secrets.previous_master_keys and secrets.previous_master_key_files. A key file holds the base64 of
// 32 bytes. With no key configured:
//   - SQLite uses `master.key` beside the database file, and creates it (0600, written and synced before any
//     key is sealed with it) when it is missing and the database holds no key sealed with another master key,
//     so `scripts/dev run` and `seatkeeper serve` still need nothing but a path;
//   - PostgreSQL refuses to start: its nodes must share one key, which only the operator can hand each of them.
// Logs the ids of the keys in use and where they came from, never a key.
//
// Thread-safety: call at start, from one thread.
#pragma once

#include <filesystem>

#include "app/config.hpp"
#include "store/store.hpp"

namespace seatkeeper::app {

Result<crypto::MasterKeys> load_master_keys(const Config& config, store::Store& store);

// The key file SQLite uses when none is configured: `master.key` in the directory of the database file.
std::filesystem::path default_master_key_file(const std::string& sqlite_path);

}  // namespace seatkeeper::app
