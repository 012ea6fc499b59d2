// The pure parts of the PostgreSQL store, kept apart so that they are tested without a server: rewriting the
// portable `?` placeholders into PostgreSQL's `$1 … $n`, and turning an SQLSTATE into the Status kinds the
// services know (the same kinds the SQLite store reports).
//
// Thread-safety: plain functions of their arguments.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.hpp"

namespace seatkeeper::store::postgresql {

struct NumberedSql {
    std::string sql;
    std::size_t placeholders = 0;
};

// Every `?` outside string literals ('…', E'…' with backslash escapes), quoted identifiers ("…"), dollar-quoted
// strings ($$…$$, $tag$…$tag$) and comments becomes $1, $2, … in order. SQL that PostgreSQL would refuse
// (an unterminated literal) is passed through unchanged for the server to refuse.
NumberedSql number_placeholders(std::string_view sql);

// Unique violations are Conflicts; what a retry may cure (serialization failures, deadlocks, lock timeouts, a
// lost connection, a server shutting down or out of resources) is Unavailable; anything else is Internal.
// `detail` (the server's message and the SQL) goes only into the Status's log detail.
Status status_from_sqlstate(std::string_view sqlstate, std::string detail);

}  // namespace seatkeeper::store::postgresql
