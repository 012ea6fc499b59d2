// What one request costs in transactions (issue 12: "one click, five transactions"), counted by the server's own
// Store (store::TransactionCounts). The background readers (the check index's poller, the job lanes) are slowed
// to once an hour and not woken by PostgreSQL's notifications (check.listen off: a commit would wake the webhook
// dispatcher, whose write raced the count), so every transaction counted is the request's.
#include <gtest/gtest.h>

#include <iostream>

#include "http/harness.hpp"
#include "service/tenants.hpp"
#include "support/customer_fixture.hpp"

namespace seatkeeper::testing {
namespace {

class Transactions : public ::testing::Test {
protected:
    void SetUp() override {
        service::Services& services = server_.app().services();
        add_offer(services, "contoso", "crm", {"basic"}, true, false);
        const auto tenant = service::create_tenant(
            services, {"Fabrikam", {"fabrikam.example"}, "admin@fabrikam.example", "password-fabrikam-1", "Admin"});
        ASSERT_TRUE(tenant.ok()) << tenant.status().message();
        CustomerFixture(services.store()).set_licenses(tenant->id, "contoso", "crm", "basic", 5);
        ASSERT_EQ(admin_.login("admin@fabrikam.example", "password-fabrikam-1").status, 200);
    }

    [[nodiscard]] store::TransactionCounts counts() { return server_.app().services().store().transaction_counts(); }

    TestServer server_{[](app::Config& c) {
        c.check.refresh_ms = 3'600'000;
        c.check.listen = false;
        c.jobs.poll_interval_ms = 3'600'000;
    }};
    Client admin_{server_.base()};
};

// Before issue 12 it was five: the session (read), the key's claim (write), the assignment (write), the answer
// (write), the check index's catch-up (read). Now the claim, the assignment and the answer are one write
// transaction, the assignment a savepoint in it.
TEST_F(Transactions, ASeatAssignmentWithAnIdempotencyKeyIsOneWriteTransaction) {
    const store::TransactionCounts before = counts();
    const auto assigned =
        admin_.request("POST", "/api/v1/tenant/licenses/contoso.crm.basic/assignments",
                       R"({"users":["ada@fabrikam.example","bob@fabrikam.example"]})", {{"Idempotency-Key", "k-1"}});
    ASSERT_EQ(assigned.status, 200) << assigned.body;
    const store::TransactionCounts after = counts();
    EXPECT_EQ(after.writes - before.writes, 1U);
    EXPECT_EQ(after.nested - before.nested, 1U);
    // For the record (issue 12's measurement): the session, the look for an earlier answer, the catch-up.
    std::cout << "one seat assignment with an Idempotency-Key: " << after.reads - before.reads << " read and "
              << after.writes - before.writes << " write transactions\n";
}

}  // namespace
}  // namespace seatkeeper::testing
