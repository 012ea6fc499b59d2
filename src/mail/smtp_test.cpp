#include "mail/smtp.hpp"

#include <gtest/gtest.h>

#include <string>

namespace seatkeeper::mail {
namespace {

TEST(MailSmtpUrl, AcceptsSmtpAndSmtpsUrls) {
    for (const auto* url : {"smtp://mail.adatum.example", "smtp://mail.adatum.example:587", "smtps://smtp.example:465",
                            "smtp://127.0.0.1:2525", "smtp://[::1]:25", "smtp://relay:25/seatkeeper.adatum.example"}) {
        EXPECT_TRUE(validate_smtp_url("smtp.url", url).ok()) << url;
    }
}

TEST(MailSmtpUrl, RefusesOtherSchemesAndUrlsWithCredentialsWithoutRepeatingThem) {
    for (const std::string url : {"http://mail.adatum.example", "mail.adatum.example", "smtp://", "smtp:///path",
                                  "smtp://user:s3cret-pa55@mail.adatum.example", "smtp://user@mail.adatum.example",
                                  "smtp://:s3cret-pa55@mail.adatum.example", "smtp://u;AUTH=PLAIN@mail.adatum.example",
                                  "file:///etc/passwd", "smtp://mail.adatum.example:99999"}) {
        SCOPED_TRACE(url);
        const Status s = validate_smtp_url("SEATKEEPER_SMTP_URL", url);
        EXPECT_EQ(s.code(), StatusCode::kInvalid);
        EXPECT_EQ(s.field(), "SEATKEEPER_SMTP_URL");
        EXPECT_EQ(s.rule(), "smtp_url");
        EXPECT_EQ(s.message().find("s3cret"), std::string::npos) << s.message();
    }
}

TEST(MailSmtp, ReportsAnUnreachableServerAsWorthRetrying) {
    SmtpSettings settings;
    settings.url = "smtp://127.0.0.1:1";  // nothing listens on port 1
    settings.username = "seatkeeper";
    settings.password = "s3cret-pa55";
    const Status s = send_smtp(settings, "ada@fabrikam.example", "Subject: x\r\n\r\nx\r\n");
    EXPECT_EQ(s.code(), StatusCode::kUnavailable);
    EXPECT_EQ(s.message(), "The SMTP server did not accept a connection");
    EXPECT_EQ(s.message().find("s3cret"), std::string::npos);
    EXPECT_EQ(s.log_detail().find("s3cret"), std::string::npos);
}

}  // namespace
}  // namespace seatkeeper::mail
