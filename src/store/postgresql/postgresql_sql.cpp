#include "store/postgresql/postgresql_sql.hpp"

#include <array>

namespace seatkeeper::store::postgresql {
namespace {

bool identifier_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
}

// The end (one past the closing quote) of the literal or quoted identifier opened by `quote` at `begin`.
// A doubled quote stands for itself; in an E'…' string a backslash escapes the next character too.
std::size_t quoted_end(std::string_view sql, std::size_t begin, char quote, bool backslash_escapes) {
    std::size_t i = begin + 1;
    while (i < sql.size()) {
        if (backslash_escapes && sql[i] == '\\') {
            i += 2;
        } else if (sql[i] == quote) {
            if (i + 1 < sql.size() && sql[i + 1] == quote) {
                i += 2;
            } else {
                return i + 1;
            }
        } else {
            ++i;
        }
    }
    return sql.size();
}

// Block comments nest in PostgreSQL.
std::size_t block_comment_end(std::string_view sql, std::size_t begin) {
    int depth = 0;
    std::size_t i = begin;
    while (i + 1 < sql.size()) {
        if (sql[i] == '/' && sql[i + 1] == '*') {
            ++depth;
            i += 2;
        } else if (sql[i] == '*' && sql[i + 1] == '/') {
            i += 2;
            if (--depth == 0) return i;
        } else {
            ++i;
        }
    }
    return sql.size();
}

// The end of a dollar-quoted string opening at `begin`, or npos when the `$` there opens none ($1, a$b).
std::size_t dollar_quoted_end(std::string_view sql, std::size_t begin) {
    if (begin > 0 && identifier_char(sql[begin - 1])) return std::string_view::npos;
    std::size_t i = begin + 1;
    if (i < sql.size() && sql[i] >= '0' && sql[i] <= '9') return std::string_view::npos;
    while (i < sql.size() && identifier_char(sql[i])) ++i;
    if (i >= sql.size() || sql[i] != '$') return std::string_view::npos;
    const std::string_view tag = sql.substr(begin, i - begin + 1);
    const std::size_t close = sql.find(tag, i + 1);
    return close == std::string_view::npos ? sql.size() : close + tag.size();
}

}  // namespace

NumberedSql number_placeholders(std::string_view sql) {
    NumberedSql out;
    out.sql.reserve(sql.size() + 16);
    std::size_t i = 0;
    while (i < sql.size()) {
        const char c = sql[i];
        const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
        std::size_t end = i + 1;
        if (c == '\'') {
            const bool escapes =
                i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i == 1 || !identifier_char(sql[i - 2]));
            end = quoted_end(sql, i, '\'', escapes);
        } else if (c == '"') {
            end = quoted_end(sql, i, '"', false);
        } else if (c == '-' && next == '-') {
            const std::size_t newline = sql.find('\n', i);
            end = newline == std::string_view::npos ? sql.size() : newline;
        } else if (c == '/' && next == '*') {
            end = block_comment_end(sql, i);
        } else if (c == '$') {
            const std::size_t quoted = dollar_quoted_end(sql, i);
            if (quoted != std::string_view::npos) end = quoted;
        } else if (c == '?') {
            out.sql += '$';
            out.sql += std::to_string(++out.placeholders);
            ++i;
            continue;
        }
        out.sql.append(sql.substr(i, end - i));
        i = end;
    }
    return out;
}

Status status_from_sqlstate(std::string_view sqlstate, std::string detail) {
    if (sqlstate == "23505") return Status::Conflict("duplicate", "an object with this id already exists");
    // serialization_failure, deadlock_detected, lock_not_available (lock_timeout), query_canceled
    // (statement_timeout): the same work may well succeed when tried again.
    static constexpr std::array<std::string_view, 4> kBusy{"40001", "40P01", "55P03", "57014"};
    for (const std::string_view busy : kBusy) {
        if (sqlstate == busy) return Status::Unavailable("the database is busy; retry", std::move(detail));
    }
    // Class 08: connection exceptions; 53: insufficient resources (disk full, out of memory, too many
    // connections); 57P01–57P03: the server is shutting down, crashed or is starting.
    const std::string_view klass = sqlstate.substr(0, 2);
    if (klass == "08" || klass == "53" || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03") {
        return Status::Unavailable("the database is unavailable; retry", std::move(detail));
    }
    return Status::Internal(std::move(detail));
}

}  // namespace seatkeeper::store::postgresql
