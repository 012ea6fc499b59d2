// The SQLite Store: WAL journal, foreign keys on, a busy timeout, and a small pool of connections.
//
// Write transactions start with BEGIN IMMEDIATE, so SQLite's single writer lock is taken before the first
// read of a check-then-write use case; readers run concurrently under WAL.
//
// Thread-safety: the pool is guarded by a mutex; a connection is used by one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

namespace seatkeeper::store::sqlite {

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

}  // namespace seatkeeper::store::sqlite
