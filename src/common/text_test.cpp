#include "common/text.hpp"

#include <gtest/gtest.h>

namespace seatkeeper {
namespace {

TEST(Utf8Length, CountsCodePointsNotBytes) {
    EXPECT_EQ(text::utf8_length(""), 0U);
    EXPECT_EQ(text::utf8_length("contoso"), 7U);
    EXPECT_EQ(text::utf8_length("Café"), 4U);                      // é is two bytes
    EXPECT_EQ(text::utf8_length("\xe6\x97\xa5\xe6\x9c\xac"), 2U);  // 日本: three bytes each
    EXPECT_EQ(text::utf8_length("\xf0\x9f\x98\x80"), 1U);          // one emoji, four bytes
}

TEST(Utf8Validity, AcceptsWellFormedText) {
    for (const std::string text : {"", "contoso", "Caf\xc3\xa9", "\xe6\x97\xa5\xe6\x9c\xac", "\xf0\x9f\x98\x80",
                                   "\xf4\x8f\xbf\xbf" /* U+10FFFF */}) {
        EXPECT_TRUE(text::is_valid_utf8(text)) << text;
    }
}

TEST(Utf8Validity, RefusesMalformedText) {
    for (const std::string text :
         {"\x80", "Caf\xc3", "\xc3\x28", "\xc0\xaf" /* overlong '/' */, "\xe0\x80\xaf" /* overlong '/' */,
          "\xed\xa0\x80" /* surrogate */, "\xf4\x90\x80\x80" /* past U+10FFFF */, "\xff", "\xe6\x97"}) {
        EXPECT_FALSE(text::is_valid_utf8(text)) << testing::PrintToString(text);
    }
}

TEST(ToValidUtf8, KeepsWellFormedText) {
    for (const std::string text : {"", "contoso/solution.xml", "Caf\xc3\xa9", "\xf0\x9f\x98\x80"}) {
        EXPECT_EQ(text::to_valid_utf8(text), text);
    }
}

TEST(ToValidUtf8, ReplacesEachStrayByte) {
    EXPECT_EQ(text::to_valid_utf8("a\xff!"), "a\xef\xbf\xbd!");
    EXPECT_EQ(text::to_valid_utf8("Caf\xc3"), "Caf\xef\xbf\xbd");
    EXPECT_EQ(text::to_valid_utf8("\xc0\xaf"), "\xef\xbf\xbd\xef\xbf\xbd");                    // overlong '/'
    EXPECT_EQ(text::to_valid_utf8("\xed\xa0\x80!"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd!");  // surrogate
    EXPECT_TRUE(text::is_valid_utf8(text::to_valid_utf8("\x80\xe6\x97\xa5\xe6\x97")));
}

struct BytesCase {
    std::uint64_t bytes;
    const char* words;
};

class BytesInWords : public testing::TestWithParam<BytesCase> {};

TEST_P(BytesInWords, PrintsRoundBinaryUnitsAndExactOtherwise) {
    EXPECT_EQ(text::bytes_in_words(GetParam().bytes), GetParam().words);
}

INSTANTIATE_TEST_SUITE_P(Sizes, BytesInWords,
                         testing::Values(BytesCase{0, "0 bytes"}, BytesCase{1, "1 byte"}, BytesCase{1500, "1500 bytes"},
                                         BytesCase{1024, "1 KiB"}, BytesCase{64 * 1024, "64 KiB"},
                                         BytesCase{1U << 20, "1 MiB"}, BytesCase{50U << 20, "50 MiB"},
                                         BytesCase{(1U << 20) + 1024, "1025 KiB"}));

}  // namespace
}  // namespace seatkeeper

namespace seatkeeper::text {
namespace {

TEST(ControlCharacters, FoundInC0DelAndC1NotInOtherText) {
    for (const std::string& bad :
         {std::string("a\nb"), std::string("tab\there"), std::string("nul\0x", 5), std::string("bell\a"),
          std::string("del\x7f"), std::string("c1 \xc2\x85 nel"), std::string("\xc2\x9f")}) {
        EXPECT_TRUE(has_control_character(bad)) << bad;
    }
    for (const std::string good : {"Fabrikam, Inc.", "Café Noël", "日本語の名前", "emoji 😀", "\xc2\xa0nbsp", ""}) {
        EXPECT_FALSE(has_control_character(good)) << good;
    }
}

TEST(AsciiLower, LowersOnlyAsciiLetters) {
    EXPECT_EQ(ascii_lower("Application/JSON; Charset=UTF-8"), "application/json; charset=utf-8");
    EXPECT_EQ(ascii_lower("ÀÉ"), "ÀÉ");
}

TEST(Trim, DropsSpacesAndTabsAtBothEnds) {
    EXPECT_EQ(trim("  \tapplication/json \t"), "application/json");
    EXPECT_EQ(trim("   "), "");
    EXPECT_EQ(trim("a b"), "a b");
}

TEST(CsvCell, QuotesWhatRfc4180Needs) {
    EXPECT_EQ(csv_cell("contoso.crm.basic"), "contoso.crm.basic");
    EXPECT_EQ(csv_cell(""), "");
    EXPECT_EQ(csv_cell("Contoso, Inc."), "\"Contoso, Inc.\"");
    EXPECT_EQ(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_cell("two\nlines"), "\"two\nlines\"");
}

TEST(CsvCell, KeepsASpreadsheetFromReadingAFormula) {
    EXPECT_EQ(csv_cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
    EXPECT_EQ(csv_cell("+1"), "'+1");
    EXPECT_EQ(csv_cell("-2"), "'-2");
    EXPECT_EQ(csv_cell("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(csv_cell("\tx"), "'\tx");
    EXPECT_EQ(csv_cell("a=b"), "a=b");  // only a leading sign
}

}  // namespace
}  // namespace seatkeeper::text
