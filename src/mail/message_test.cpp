#include "mail/message.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "common/clock.hpp"

namespace seatkeeper::mail {
namespace {

void expect_invalid(const Status& s, const std::string& field, const std::string& rule) {
    EXPECT_EQ(s.code(), StatusCode::kInvalid) << s.message();
    EXPECT_EQ(s.field(), field);
    EXPECT_EQ(s.rule(), rule);
}

std::vector<std::string> crlf_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find("\r\n", start);
        lines.push_back(text.substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 2;
    }
    return lines;
}

// ---- Addresses ------------------------------------------------------------------------------------------------

TEST(MailAddress, AcceptsPlainAddrSpecs) {
    for (const auto* address : {"ada@fabrikam.example", "ada.lovelace+crm@mail.fabrikam.example", "a@b",
                                "no-reply@localhost", "o'brien@x-y.example", "x_1!#$%&*/=?^`{|}~@d9.example"}) {
        EXPECT_TRUE(validate_address("to", address).ok()) << address;
    }
}

TEST(MailAddress, RefusesAnythingThatCouldAddAHeaderOrARecipient) {
    for (const std::string& address : std::vector<std::string>{
             "",
             "ada",
             "ada@fabrikam.example\r\nBcc: eve@evil.example",
             "ada@fabrikam.example\nBcc: eve@evil.example",
             "ada@fabrikam.example\r",
             "ada@fabrikam.example, eve@evil.example",
             "ada@fabrikam.example;eve@evil.example",
             "Ada <ada@fabrikam.example>",
             "<ada@fabrikam.example>",
             "ada@fabrikam.example>",
             "ada @fabrikam.example",
             "\"ada\"@fabrikam.example",
             "ada@[127.0.0.1]",
             "ada(comment)@fabrikam.example",
             "ada@@fabrikam.example",
             "@fabrikam.example",
             "ada@",
             ".ada@fabrikam.example",
             "ada.@fabrikam.example",
             "a..da@fabrikam.example",
             "ada@fabrikam..example",
             "ada@-fabrikam.example",
             "ada@fabrikam.example.",
             "ad\xc3\xa9@fabrikam.example",
             std::string("ada\0@fabrikam.example", 21),
             std::string(65, 'a') + "@fabrikam.example",
             "a@" + std::string(64, 'b') + ".example",
             "a@" + std::string(250, 'b'),
         }) {
        SCOPED_TRACE(testing::PrintToString(address));
        expect_invalid(validate_address("to", address), "to", "email");
    }
}

TEST(MailAddress, NamesTheFieldItWasGiven) {
    const Status s = validate_address("invitation.email", "nope");
    expect_invalid(s, "invitation.email", "email");
    EXPECT_NE(s.message().find("invitation.email"), std::string::npos) << s.message();
}

TEST(MailMailbox, ParsesTheFormsOfSmtpFrom) {
    struct Case {
        std::string text, name, address;
    };
    for (const Case& c : std::vector<Case>{
             {"no-reply@adatum.example", "", "no-reply@adatum.example"},
             {"Seatkeeper <no-reply@localhost>", "Seatkeeper", "no-reply@localhost"},
             {"  Adatum Licensing   <licensing@adatum.example> ", "Adatum Licensing", "licensing@adatum.example"},
             {"\"Adatum, Inc.\" <a@adatum.example>", "Adatum, Inc.", "a@adatum.example"},
             {R"("Say \"hi\"" <a@adatum.example>)", "Say \"hi\"", "a@adatum.example"},
             {"Z\xc3\xbcrich Lizenzen <z@adatum.example>", "Z\xc3\xbcrich Lizenzen", "z@adatum.example"},
         }) {
        SCOPED_TRACE(c.text);
        const auto parsed = parse_mailbox("smtp.from", c.text);
        ASSERT_TRUE(parsed.ok()) << parsed.status().message();
        EXPECT_EQ(parsed->display_name, c.name);
        EXPECT_EQ(parsed->address, c.address);
    }
}

TEST(MailMailbox, RefusesBadSenders) {
    for (const std::string text : {"", "Seatkeeper", "Seatkeeper <>", "Seatkeeper <no-reply>",
                                   "Seat\r\nBcc: x@y.z <no-reply@localhost>", "Seatkeeper <a@b.c, d@e.f>"}) {
        SCOPED_TRACE(testing::PrintToString(text));
        const auto parsed = parse_mailbox("smtp.from", text);
        ASSERT_FALSE(parsed.ok());
        EXPECT_EQ(parsed.status().field(), "smtp.from");
    }
}

// ---- Subject and body -----------------------------------------------------------------------------------------

TEST(MailSubject, RefusesLineBreaksAndControlCharacters) {
    for (const std::string& subject :
         std::vector<std::string>{"Hello\r\nBcc: eve@evil.example", "Hello\nWorld", "Hello\rWorld", "Tab\there",
                                  std::string("Nul\0", 4), "Esc\x1b[31m", "Del\x7f"}) {
        SCOPED_TRACE(testing::PrintToString(subject));
        expect_invalid(validate_subject("subject", subject), "subject", "characters");
    }
}

TEST(MailSubject, RefusesEmptyNonUtf8AndOverlongSubjects) {
    expect_invalid(validate_subject("subject", ""), "subject", "required");
    expect_invalid(validate_subject("subject", "Caf\xe9"), "subject", "encoding");
    std::string accents;
    for (std::size_t i = 0; i < kMaxSubjectLength; ++i) accents += "\xc3\xa9";
    EXPECT_TRUE(validate_subject("subject", accents).ok()) << "the limit counts characters, not bytes";
    expect_invalid(validate_subject("subject", accents + "x"), "subject", "max_length");
}

TEST(MailBody, AllowsLineBreaksAndTabsButNoOtherControls) {
    EXPECT_TRUE(validate_body("body", "Hello\r\n\tworld\n.\nbye\r").ok());
    expect_invalid(validate_body("body", std::string("a\0b", 3)), "body", "characters");
    expect_invalid(validate_body("body", "bell\a"), "body", "characters");
    expect_invalid(validate_body("body", "\xff"), "body", "encoding");
    expect_invalid(validate_body("body", ""), "body", "required");
    expect_invalid(validate_body("body", std::string(kMaxBodyBytes + 1, 'a')), "body", "max_length");
}

// ---- Encodings ------------------------------------------------------------------------------------------------

TEST(MailDate, IsRfc5322InUtc) {
    EXPECT_EQ(format_date(0), "Thu, 1 Jan 1970 00:00:00 +0000");
    EXPECT_EQ(format_date(*parse_rfc3339("2026-11-25T20:44:49.999Z")), "Wed, 25 Nov 2026 20:44:49 +0000");
}

TEST(MailHeaderText, LeavesPlainAsciiAlone) {
    EXPECT_EQ(encode_header_text("Your invitation from Adatum", 9), "Your invitation from Adatum");
}

TEST(MailHeaderText, EncodesNonAsciiAsUtf8Words) {
    // "Einladung von Zürich" → one B-encoded word
    EXPECT_EQ(encode_header_text("Einladung von Z\xc3\xbcrich", 9), "=?UTF-8?B?RWlubGFkdW5nIHZvbiBaw7xyaWNo?=");
}

TEST(MailHeaderText, EncodesTextThatLooksLikeAnEncodedWord) {
    EXPECT_TRUE(encode_header_text("=?UTF-8?B?aGk=?=", 9).starts_with("=?UTF-8?B?PT9VVEYtOD9CP2FHaz0/PQ==?="));
}

TEST(MailHeaderText, SplitsLongTextIntoWordsOfWholeCharacters) {
    std::string text;
    for (int i = 0; i < 60; ++i) text += "\xe6\x97\xa5";  // 日, three bytes each
    const std::string encoded = encode_header_text(text, 9);
    const auto lines = crlf_lines(encoded);
    ASSERT_GT(lines.size(), 1U);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        EXPECT_LE(lines[i].size() + (i == 0 ? 9 : 0), 78U) << lines[i];
        if (i > 0) {
            EXPECT_TRUE(lines[i].starts_with(" =?UTF-8?B?")) << lines[i];
        }
    }
}

TEST(MailHeaderText, FoldsLongAsciiTextAtSpaces) {
    std::string text;
    for (int i = 0; i < 20; ++i) text += "invitation ";
    text.pop_back();
    const std::string folded = encode_header_text(text, 9);
    for (const std::string& line : crlf_lines(folded)) EXPECT_LE(line.size(), 78U) << line;
    std::string unfolded = folded;
    for (auto at = unfolded.find("\r\n"); at != std::string::npos; at = unfolded.find("\r\n")) unfolded.erase(at, 2);
    EXPECT_EQ(unfolded, text) << "unfolding gives the text back";
}

TEST(MailMailbox, FormatsNamesAsAtomsQuotedStringsOrEncodedWords) {
    EXPECT_EQ(format_mailbox({"", "a@b.c"}), "a@b.c");
    EXPECT_EQ(format_mailbox({"Seatkeeper", "no-reply@localhost"}), "Seatkeeper <no-reply@localhost>");
    EXPECT_EQ(format_mailbox({"Adatum, Inc.", "a@b.c"}), "\"Adatum, Inc.\" <a@b.c>");
    EXPECT_EQ(format_mailbox({"Say \"hi\"", "a@b.c"}), R"("Say \"hi\"" <a@b.c>)");
    EXPECT_EQ(format_mailbox({"Z\xc3\xbcrich", "a@b.c"}), "=?UTF-8?B?WsO8cmljaA==?= <a@b.c>");
}

TEST(MailQuotedPrintable, EncodesWhatIsNotPlainAscii) {
    EXPECT_EQ(quoted_printable("Caf\xc3\xa9 = 5\xe2\x82\xac"), "Caf=C3=A9 =3D 5=E2=82=AC\r\n");
}

TEST(MailQuotedPrintable, MakesEveryLineBreakCrlf) {
    EXPECT_EQ(quoted_printable("a\nb\r\nc\rd\n"), "a\r\nb\r\nc\r\nd\r\n");
}

TEST(MailQuotedPrintable, EncodesWhitespaceAtTheEndOfALine) {
    EXPECT_EQ(quoted_printable("trailing space \nand tab\t"), "trailing space=20\r\nand tab=09\r\n");
}

TEST(MailQuotedPrintable, LeavesLeadingDotsToTheSmtpClient) {
    EXPECT_EQ(quoted_printable(".hidden\n.\nend"), ".hidden\r\n.\r\nend\r\n");
}

TEST(MailQuotedPrintable, BreaksLongLinesSoftlyWithoutSplittingAnEscape) {
    std::string line(70, 'a');
    line += "\xc3\xa9\xc3\xa9\xc3\xa9";  // escapes straddle column 76
    line += std::string(100, 'b');
    const std::string encoded = quoted_printable(line);
    std::string decoded;
    for (const std::string& l : crlf_lines(encoded)) {
        EXPECT_LE(l.size(), 76U) << l;
        const auto equals = l.rfind('=');
        EXPECT_TRUE(equals == std::string::npos || equals + 1 == l.size() || equals + 3 <= l.size()) << l;
        decoded += l.ends_with("=") ? l.substr(0, l.size() - 1) : l;
    }
    EXPECT_EQ(decoded, std::string(70, 'a') + "=C3=A9=C3=A9=C3=A9" + std::string(100, 'b'));
}

TEST(MailCompose, WritesTheHeadersABlankLineAndTheBody) {
    const Message m{{"Seatkeeper", "no-reply@adatum.example"},
                    "ada@fabrikam.example",
                    "Your invitation",
                    "Hello Ada,\n.line with a dot\n",
                    message_id("mail_abc", {"Seatkeeper", "no-reply@adatum.example"}),
                    0};
    EXPECT_EQ(compose(m),
              "Date: Thu, 1 Jan 1970 00:00:00 +0000\r\n"
              "From: Seatkeeper <no-reply@adatum.example>\r\n"
              "To: ada@fabrikam.example\r\n"
              "Subject: Your invitation\r\n"
              "Message-ID: <mail_abc@adatum.example>\r\n"
              "MIME-Version: 1.0\r\n"
              "Content-Type: text/plain; charset=utf-8\r\n"
              "Content-Transfer-Encoding: quoted-printable\r\n"
              "Auto-Submitted: auto-generated\r\n"
              "\r\n"
              "Hello Ada,\r\n"
              ".line with a dot\r\n");
}

TEST(MailCompose, IsSevenBitAsciiWithShortLines) {
    const Message m{
        {"Z\xc3\xbcrich Lizenzen", "z@adatum.example"},
        "ada@fabrikam.example",
        "Einladung: \xe6\x97\xa5\xe6\x9c\xac \xe2\x80\x94 Adatum CRM f\xc3\xbcr Fabrikam, bitte best\xc3\xa4tigen",
        std::string(300, 'x') + "\n\xc3\xa9",
        "<mail_x@adatum.example>",
        now_millis()};
    const std::string text = compose(m);
    for (const char c : text) ASSERT_TRUE(static_cast<unsigned char>(c) < 0x80U);
    for (const std::string& line : crlf_lines(text)) EXPECT_LE(line.size(), 78U) << line;
    EXPECT_EQ(text.find('\n'), text.find("\r\n") + 1) << "no bare LF";
}

}  // namespace
}  // namespace seatkeeper::mail
