#include <gtest/gtest.h>

#include "service/context.hpp"

namespace seatkeeper::service {
namespace {

TEST(RetryPolicy, DoublesFromTheFirstDelayUpToTheMaximum) {
    const RetryPolicy jobs;  // the worker's default for review and go-live jobs
    EXPECT_EQ(jobs.delay_after(1), 1000);
    EXPECT_EQ(jobs.delay_after(2), 2000);
    EXPECT_EQ(jobs.delay_after(6), 32'000);
    EXPECT_EQ(jobs.delay_after(7), 60'000);
    EXPECT_EQ(jobs.delay_after(1000), 60'000);
}

TEST(RetryPolicy, MailWaitsOutAnHourLongOutage) {
    const RetryPolicy mail = Settings{}.mail_retry;
    Millis total = 0;
    for (int attempt = 1; attempt < mail.max_attempts; ++attempt) total += mail.delay_after(attempt);
    EXPECT_EQ(mail.delay_after(1), 30'000);
    EXPECT_EQ(total, (30 + 60 + 120 + 240 + 480 + 960 + 1920) * 1000LL);  // 63.5 minutes between 8 attempts
}

}  // namespace
}  // namespace seatkeeper::service
