// The PostgreSQL Store (libpq): what lets several Seatkeeper nodes share one database.
//
// Write transactions are serialised across every node, as SQLite serialises its single writer: a kWrite
// transaction begins with `BEGIN ISOLATION LEVEL READ COMMITTED` and then waits for one transaction-scoped
// advisory lock, kWriterLock, before its first read. So every read-then-write use case the services hold
// (state transitions, job claims, idempotency keys, seat counts) sees the latest committed data and cannot
// interleave with another writer; and events are committed in the order of their ids, which the change
// feed's cursor relies on. READ COMMITTED is required: each statement after the lock takes a fresh snapshot,
// whereas REPEATABLE READ would keep the one taken while waiting. A writer waits at most 5 s (lock_timeout),
// then fails as Unavailable, like SQLite's busy timeout. kRead transactions take no lock and see one
// snapshot (REPEATABLE READ READ ONLY), as a SQLite reader under WAL does.
//
// `?` placeholders become `$1 … $n`; statements are prepared once per connection. Values are bound as text
// (integers and doubles with their types), a Blob as binary bytea, NULL untyped; results come back as int64
// (int2/4/8, bool as 0/1), double (float4/8, numeric), Blob (bytea) or text.
//
// Thread-safety: a bounded pool of connections guarded by a mutex; a connection is used by one thread at a
// time. A connection found broken is dropped and replaced: a transaction that cannot begin on a stale pooled
// connection (the server restarted, or an idle connection was killed) begins again on a fresh one.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "store/store.hpp"

namespace seatkeeper::store::postgresql {

// The advisory lock key of Seatkeeper's writers, fixed so that every node and every version agrees on it; in
// pg_locks it shows as classid 1588023017 (0x5EA74EE9), objid 1. An application sharing the database must not
// take it.
constexpr std::int64_t kWriterLock = 0x5EA7'4EE9'0000'0001;

// `url` is a libpq URI (postgresql://user:password@host:port/database?sslmode=…). Checks that the server
// answers; Unavailable when it does not (the detail, without the password, goes to the log).
Result<std::unique_ptr<Store>> open_postgresql_store(const std::string& url);

}  // namespace seatkeeper::store::postgresql
