#include "app/config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/crypto.hpp"

namespace seatkeeper::app {
namespace {

// Each test runs in its own process (ctest), so the environment it sets stays its own.
class MailConfig : public ::testing::Test {
protected:
    void SetUp() override {
        for (const auto* name : {"SEATKEEPER_CONFIG", "SEATKEEPER_SMTP_URL", "SEATKEEPER_SMTP_FROM",
                                 "SEATKEEPER_SMTP_USERNAME", "SEATKEEPER_SMTP_PASSWORD", "SEATKEEPER_SMTP_STARTTLS"}) {
            unsetenv(name);
        }
        file_ = std::filesystem::temp_directory_path() / ("seatkeeper-config-" + crypto::random_token(8) + ".toml");
    }
    void TearDown() override {
        std::error_code ec;
        std::filesystem::remove(file_, ec);
    }

    Result<Config> load(const std::string& toml) {
        std::ofstream(file_) << toml;
        Overrides overrides;
        overrides.config_file = file_.string();
        return load_config(overrides);
    }

    std::filesystem::path file_;
};

TEST_F(MailConfig, WithoutSmtpUrlMailIsKept) {
    const auto config = load("");
    ASSERT_TRUE(config.ok()) << config.status().message();
    const mail::SmtpSettings& smtp = config->settings.smtp;
    EXPECT_FALSE(smtp.configured());
    EXPECT_EQ(smtp.from.display_name, "Seatkeeper");
    EXPECT_EQ(smtp.from.address, "no-reply@localhost");
    EXPECT_FALSE(smtp.starttls.has_value());
    EXPECT_EQ(config->settings.mail_retry.max_attempts, 8);
}

TEST_F(MailConfig, ReadsTheSmtpTable) {
    const auto config = load(R"([smtp]
url = "smtp://mail.adatum.example:587"
from = "Adatum Licensing <licensing@adatum.example>"
username = "seatkeeper"
password = "s3cret-pa55"
starttls = true
connect_timeout_seconds = 5
timeout_seconds = 30
max_attempts = 5
retry_delay_seconds = 10
max_retry_delay_seconds = 600
)");
    ASSERT_TRUE(config.ok()) << config.status().message();
    const mail::SmtpSettings& smtp = config->settings.smtp;
    EXPECT_EQ(smtp.url, "smtp://mail.adatum.example:587");
    EXPECT_EQ(smtp.from.display_name, "Adatum Licensing");
    EXPECT_EQ(smtp.from.address, "licensing@adatum.example");
    EXPECT_EQ(smtp.username, "seatkeeper");
    EXPECT_EQ(smtp.password, "s3cret-pa55");
    EXPECT_EQ(smtp.starttls, std::optional<bool>(true));
    EXPECT_EQ(smtp.connect_timeout, std::chrono::seconds(5));
    EXPECT_EQ(smtp.timeout, std::chrono::seconds(30));
    EXPECT_EQ(config->settings.mail_retry.max_attempts, 5);
    EXPECT_EQ(config->settings.mail_retry.first_delay_ms, 10'000);
    EXPECT_EQ(config->settings.mail_retry.max_delay_ms, 600'000);
}

TEST_F(MailConfig, EnvironmentOverridesTheFile) {
    setenv("SEATKEEPER_SMTP_URL", "smtps://smtp.example:465", 1);
    setenv("SEATKEEPER_SMTP_PASSWORD", "from-env", 1);
    setenv("SEATKEEPER_SMTP_STARTTLS", "false", 1);
    const auto config = load("[smtp]\nurl = \"smtp://ignored.example\"\nusername = \"u\"\npassword = \"from-file\"\n");
    ASSERT_TRUE(config.ok()) << config.status().message();
    EXPECT_EQ(config->settings.smtp.url, "smtps://smtp.example:465");
    EXPECT_EQ(config->settings.smtp.password, "from-env");
    EXPECT_EQ(config->settings.smtp.starttls, std::optional<bool>(false));
}

TEST_F(MailConfig, RefusesCredentialsInTheUrlWithoutRepeatingThem) {
    setenv("SEATKEEPER_SMTP_URL", "smtp://user:s3cret-pa55@mail.adatum.example", 1);
    const auto config = load("");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.status().field(), "SEATKEEPER_SMTP_URL");
    EXPECT_EQ(config.status().message().find("s3cret"), std::string::npos) << config.status().message();
}

TEST_F(MailConfig, RefusesABadSenderNamingTheKey) {
    const auto config = load("[smtp]\nfrom = \"Seatkeeper <nobody>\"\n");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.status().field(), "smtp.from");
}

TEST_F(MailConfig, RefusesAPasswordWithoutAUsername) {
    const auto config = load("[smtp]\nurl = \"smtp://mail.adatum.example\"\npassword = \"s3cret-pa55\"\n");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.status().field(), "smtp.username");
    EXPECT_EQ(config.status().message().find("s3cret"), std::string::npos);
}

TEST_F(MailConfig, KeepsSendsWithinTheJobLease) {
    const auto config = load("[smtp]\ntimeout_seconds = 300\n");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.status().field(), "smtp.timeout_seconds");
    EXPECT_EQ(config.status().rule(), "range");
}

// ---- [jobs]: a lane per job kind, each with a concurrency of its own (jobs/worker.hpp) ------------------------

class JobsConfig : public MailConfig {
protected:
    void SetUp() override {
        MailConfig::SetUp();
        for (const auto* name : {"SEATKEEPER_JOBS_REVIEW_CONCURRENCY", "SEATKEEPER_JOBS_GO_LIVE_CONCURRENCY",
                                 "SEATKEEPER_JOBS_MAIL_CONCURRENCY", "SEATKEEPER_JOBS_POLL_INTERVAL_MS"}) {
            unsetenv(name);
        }
    }
};

TEST_F(JobsConfig, DefaultsRunTwoReviewsTwoMailsAndOneGoLiveAtOnce) {
    const auto config = load("");
    ASSERT_TRUE(config.ok()) << config.status().message();
    EXPECT_EQ(config->jobs.review_concurrency, 2);
    EXPECT_EQ(config->jobs.mail_concurrency, 2);
    EXPECT_EQ(config->jobs.go_live_concurrency, 1);
    EXPECT_EQ(config->jobs.poll_interval_ms, 200);
}

TEST_F(JobsConfig, ReadsTheJobsTableAndTheEnvironmentOverridesIt) {
    setenv("SEATKEEPER_JOBS_MAIL_CONCURRENCY", "5", 1);
    const auto config = load(R"([jobs]
review_concurrency = 4
go_live_concurrency = 2
mail_concurrency = 3
poll_interval_ms = 1000
)");
    ASSERT_TRUE(config.ok()) << config.status().message();
    EXPECT_EQ(config->jobs.review_concurrency, 4);
    EXPECT_EQ(config->jobs.go_live_concurrency, 2);
    EXPECT_EQ(config->jobs.mail_concurrency, 5);
    EXPECT_EQ(config->jobs.poll_interval_ms, 1000);
}

TEST_F(JobsConfig, RefusesALaneWithoutWorkersNamingTheKey) {
    const auto config = load("[jobs]\nreview_concurrency = 0\n");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.status().field(), "jobs.review_concurrency");
    EXPECT_EQ(config.status().rule(), "range");
}

// ---- [activity]: how often seat activity is written, how long it is kept (check/seat_activity.hpp) -------------

class ActivityConfig : public MailConfig {
protected:
    void SetUp() override {
        MailConfig::SetUp();
        for (const auto* name : {"SEATKEEPER_ACTIVITY_FLUSH_SECONDS", "SEATKEEPER_ACTIVITY_RETENTION_DAYS"}) {
            unsetenv(name);
        }
    }
};

TEST_F(ActivityConfig, WritesEvery30SecondsAndKeepsEverythingByDefault) {
    const auto config = load("");
    ASSERT_TRUE(config.ok()) << config.status().message();
    EXPECT_EQ(config->check.activity.flush_ms, 30'000);
    EXPECT_EQ(config->check.activity.retention_days, 0);
}

TEST_F(ActivityConfig, ReadsTheActivityTableAndTheEnvironmentOverridesIt) {
    setenv("SEATKEEPER_ACTIVITY_RETENTION_DAYS", "400", 1);
    const auto config = load("[activity]\nflush_seconds = 5\nretention_days = 90\n");
    ASSERT_TRUE(config.ok()) << config.status().message();
    EXPECT_EQ(config->check.activity.flush_ms, 5'000);
    EXPECT_EQ(config->check.activity.retention_days, 400);
}

TEST_F(ActivityConfig, RefusesAFlushIntervalOutOfRangeNamingTheKey) {
    const auto config = load("[activity]\nflush_seconds = 0\n");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.status().field(), "activity.flush_seconds");
    EXPECT_EQ(config.status().rule(), "range");
}

// The master keys' settings (the `secrets` table); app/master_key_source_test.cpp covers the files.
class SecretsConfig : public MailConfig {
protected:
    void SetUp() override {
        MailConfig::SetUp();
        for (const auto* name : {"SEATKEEPER_MASTER_KEY", "SEATKEEPER_MASTER_KEY_FILE",
                                 "SEATKEEPER_PREVIOUS_MASTER_KEYS", "SEATKEEPER_PREVIOUS_MASTER_KEY_FILES"}) {
            unsetenv(name);
        }
    }
    const std::string current_ = crypto::MasterKey::generate().to_base64();
    const std::string old_ = crypto::MasterKey::generate().to_base64();
    const std::string older_ = crypto::MasterKey::generate().to_base64();
};

std::string id_of(const std::string& base64) { return crypto::MasterKey::from_base64(base64, "key")->id(); }

TEST_F(SecretsConfig, NoneByDefault) {
    const auto config = load("");
    ASSERT_TRUE(config.ok()) << config.status().message();
    EXPECT_FALSE(config->secrets.configured());
}

TEST_F(SecretsConfig, ReadsTheSecretsTable) {
    const auto config = load("[secrets]\nmaster_key = \"" + current_ + "\"\nprevious_master_keys = [\"" + old_ +
                             "\", \"" + older_ + "\"]\nprevious_master_key_files = [\"/etc/seatkeeper/old.key\"]\n");
    ASSERT_TRUE(config.ok()) << config.status().message();
    ASSERT_TRUE(config->secrets.key.has_value());
    EXPECT_EQ(config->secrets.key->id(), id_of(current_));
    ASSERT_EQ(config->secrets.previous_keys.size(), 2U);
    EXPECT_EQ(config->secrets.previous_keys[0].id(), id_of(old_));
    EXPECT_EQ(config->secrets.previous_keys[1].id(), id_of(older_));
    EXPECT_EQ(config->secrets.previous_key_files, std::vector<std::string>{"/etc/seatkeeper/old.key"});
}

TEST_F(SecretsConfig, EnvironmentOverridesTheFile) {
    setenv("SEATKEEPER_MASTER_KEY_FILE", "/run/secrets/seatkeeper-master.key", 1);
    setenv("SEATKEEPER_PREVIOUS_MASTER_KEYS", (old_ + ", " + older_).c_str(), 1);
    const auto config =
        load("[secrets]\nmaster_key_file = \"ignored.key\"\nprevious_master_keys = [\"" + current_ + "\"]\n");
    ASSERT_TRUE(config.ok()) << config.status().message();
    EXPECT_EQ(config->secrets.key_file, "/run/secrets/seatkeeper-master.key");
    ASSERT_EQ(config->secrets.previous_keys.size(), 2U);
    EXPECT_EQ(config->secrets.previous_keys[1].id(), id_of(older_));
}

TEST_F(SecretsConfig, RefusesABadKeyNamingTheSettingWithoutRepeatingIt) {
    const std::string short_key = current_.substr(0, 40) + "=";
    setenv("SEATKEEPER_MASTER_KEY", short_key.c_str(), 1);
    const auto config = load("");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.status().field(), "SEATKEEPER_MASTER_KEY");
    EXPECT_EQ(config.status().message().find(short_key.substr(0, 20)), std::string::npos) << config.status().message();

    unsetenv("SEATKEEPER_MASTER_KEY");
    const auto previous =
        load("[secrets]\nmaster_key = \"" + current_ + "\"\nprevious_master_keys = [\"not-a-key\"]\n");
    ASSERT_FALSE(previous.ok());
    EXPECT_EQ(previous.status().field(), "secrets.previous_master_keys");
}

TEST_F(SecretsConfig, RefusesTheCurrentKeyGivenTwice) {
    setenv("SEATKEEPER_MASTER_KEY", current_.c_str(), 1);
    const auto config = load("[secrets]\nmaster_key_file = \"data/master.key\"\n");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.status().field(), "secrets.master_key_file");
}

TEST_F(SecretsConfig, RefusesPreviousKeysWithoutACurrentOne) {
    setenv("SEATKEEPER_PREVIOUS_MASTER_KEYS", old_.c_str(), 1);
    const auto config = load("");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.status().field(), "secrets.master_key");
}

}  // namespace
}  // namespace seatkeeper::app
