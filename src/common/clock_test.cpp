#include "common/clock.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace seatkeeper {
namespace {

// 2026-11-25T19:58:14.123Z, worked out independently of the code under test.
constexpr Millis kExample = 1795636694123;

TEST(Rfc3339, FormatsUtcWithMilliseconds) { EXPECT_EQ(format_rfc3339(kExample), "2026-11-25T19:58:14.123Z"); }

TEST(Rfc3339, FormatsTheEpoch) { EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00.000Z"); }

TEST(Rfc3339, FormatsTimesBeforeTheEpoch) { EXPECT_EQ(format_rfc3339(-1), "1969-12-31T23:59:59.999Z"); }

TEST(Rfc3339, ParsesWhatItFormats) {
    for (const Millis t :
         {Millis{0}, Millis{-1}, Millis{1}, Millis{999}, kExample, Millis{951782400000} /* 2000-02-29 */,
          Millis{253402300799999} /* 9999-12-31T23:59:59.999Z */}) {
        EXPECT_EQ(parse_rfc3339(format_rfc3339(t)), t) << format_rfc3339(t);
    }
}

TEST(Rfc3339, ParsesADateAsMidnightUtc) {
    EXPECT_EQ(parse_rfc3339("2026-11-25"), kExample - ((19 * 60 + 58) * 60 + 14) * 1000 - 123);
}

TEST(Rfc3339, ParsesWholeSeconds) { EXPECT_EQ(parse_rfc3339("2026-11-25T19:58:14Z"), kExample - 123); }

TEST(Rfc3339, KeepsMillisecondsOfAnyFraction) {
    const std::vector<std::pair<std::string, Millis>> table{
        {"2026-11-25T19:58:14.1Z", kExample - 23},    {"2026-11-25T19:58:14.12Z", kExample - 3},
        {"2026-11-25T19:58:14.123Z", kExample},       {"2026-11-25T19:58:14.123456Z", kExample},
        {"2026-11-25T19:58:14.123999999Z", kExample},
    };
    for (const auto& [text, want] : table) EXPECT_EQ(parse_rfc3339(text), want) << text;
}

TEST(Rfc3339, AcceptsLeapDays) {
    EXPECT_TRUE(parse_rfc3339("2024-02-29").has_value());
    EXPECT_TRUE(parse_rfc3339("2000-02-29T12:00:00Z").has_value());
}

TEST(Rfc3339, RejectsDatesThatDoNotExist) {
    for (const auto* text : {"2026-02-29", "2026-02-30", "2026-02-30T00:00:00Z", "2100-02-29", "2026-04-31",
                             "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32"}) {
        EXPECT_EQ(parse_rfc3339(text), std::nullopt) << text;
    }
}

TEST(Rfc3339, RejectsTimesThatDoNotExist) {
    for (const auto* text : {"2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z", "2026-01-01T23:59:61Z"}) {
        EXPECT_EQ(parse_rfc3339(text), std::nullopt) << text;
    }
}

TEST(Rfc3339, RejectsGarbage) {
    for (const auto* text : {"",
                             "garbage",
                             "yesterday",
                             "2026",
                             "2026-11",
                             "2026/11/25",
                             "25-11-2026",
                             "2026-1-25",
                             "2026-11-5",
                             "+026-11-25",
                             " 2026-11-25",
                             "2026-11-25 ",
                             "2026-11-25T",
                             "2026-11-25Z",
                             "2026-11-25T19:58Z",
                             "2026-11-25T19:58:14",
                             "2026-11-25 19:58:14Z",
                             "2026-11-25t19:58:14Z",
                             "2026-11-25T19:58:14z",
                             "2026-11-25T1:58:14Z",
                             "2026-11-25T19:58:14+01:00",
                             "2026-11-25T19:58:14.Z",
                             "2026-11-25T19:58:14.12aZ",
                             "2026-11-25T19:58:14,123Z",
                             "2026-11-25T19:58:14ZZ",
                             "2026-11-25T-1:58:14Z"}) {
        EXPECT_EQ(parse_rfc3339(text), std::nullopt) << "'" << text << "'";
    }
}

TEST(NowMillis, IsTheCurrentTime) {
    const Millis now = now_millis();
    EXPECT_GT(now, *parse_rfc3339("2025-01-01"));
    EXPECT_LT(now, *parse_rfc3339("2100-01-01"));
}

}  // namespace
}  // namespace seatkeeper
