#include "http/connections.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace seatkeeper::http {
namespace {

// A connection of the test: its ticket, and whether the table asked it to close.
struct Conn {
    Connections::Ticket ticket;
    std::shared_ptr<bool> closed = std::make_shared<bool>(false);
};

Conn open(Connections& table, const std::string& address, bool per_address = true,
          Connections::Refusal* refusal = nullptr) {
    Conn c;
    auto admission = table.admit(address, per_address, [closed = c.closed] { *closed = true; });
    if (refusal != nullptr) *refusal = admission.refusal;
    c.ticket = std::move(admission.ticket);
    return c;
}

TEST(Connections, AdmitsUpToTheCapWhileNoneIsIdle) {
    Connections table({.max_total = 2, .max_per_address = 0});
    Conn a = open(table, "10.0.0.1");
    Conn b = open(table, "10.0.0.2");
    a.ticket.set_idle(false);
    b.ticket.set_idle(false);
    Connections::Refusal refusal = Connections::Refusal::kNone;
    Conn c = open(table, "10.0.0.3", true, &refusal);
    EXPECT_FALSE(c.ticket);
    EXPECT_EQ(refusal, Connections::Refusal::kFull);
    EXPECT_FALSE(*a.closed);
    EXPECT_FALSE(*b.closed);
    EXPECT_EQ(table.size(), 2U);
}

TEST(Connections, ClosesTheOldestIdleToMakeRoom) {
    Connections table({.max_total = 3, .max_per_address = 0});
    Conn a = open(table, "10.0.0.1");
    Conn b = open(table, "10.0.0.2");
    Conn c = open(table, "10.0.0.3");
    a.ticket.set_idle(false);
    c.ticket.set_idle(false);
    b.ticket.set_idle(false);
    c.ticket.set_idle(true);  // idle since now
    b.ticket.set_idle(true);  // idle since later: c is the oldest idle one
    Conn d = open(table, "10.0.0.4");
    ASSERT_TRUE(d.ticket);
    EXPECT_TRUE(*c.closed);
    EXPECT_FALSE(*b.closed);
    EXPECT_FALSE(*a.closed);
}

TEST(Connections, AConnectionAskedToCloseIsNotAskedAgainNorCountedAsRoom) {
    Connections table({.max_total = 1, .max_per_address = 0});
    Conn a = open(table, "10.0.0.1");
    Conn b = open(table, "10.0.0.2");  // a is asked to close; until its session ends both are in the table
    ASSERT_TRUE(b.ticket);
    EXPECT_TRUE(*a.closed);
    b.ticket.set_idle(false);
    *a.closed = false;
    Connections::Refusal refusal = Connections::Refusal::kNone;
    Conn c = open(table, "10.0.0.3", true, &refusal);
    EXPECT_FALSE(c.ticket);
    EXPECT_EQ(refusal, Connections::Refusal::kFull);
    EXPECT_FALSE(*a.closed);
}

TEST(Connections, ReleasingATicketMakesRoom) {
    Connections table({.max_total = 1, .max_per_address = 0});
    {
        Conn a = open(table, "10.0.0.1");
        a.ticket.set_idle(false);
        EXPECT_EQ(table.size(), 1U);
    }
    EXPECT_EQ(table.size(), 0U);
    Conn b = open(table, "10.0.0.2");
    EXPECT_TRUE(b.ticket);
}

TEST(Connections, RefusesTheConnectionPastAnAddresssCap) {
    Connections table({.max_total = 0, .max_per_address = 2});
    Conn a = open(table, "10.0.0.1");
    Conn b = open(table, "10.0.0.1");
    Connections::Refusal refusal = Connections::Refusal::kNone;
    Conn c = open(table, "10.0.0.1", true, &refusal);
    EXPECT_FALSE(c.ticket);
    EXPECT_EQ(refusal, Connections::Refusal::kTooManyFromAddress);
    EXPECT_FALSE(*a.closed);  // another address's room is never taken from idle ones of the same address
    EXPECT_TRUE(open(table, "10.0.0.2").ticket);
    EXPECT_EQ(table.from("10.0.0.1"), 2U);
}

TEST(Connections, AnAddressGetsItsRoomBackWhenAConnectionEnds) {
    Connections table({.max_total = 0, .max_per_address = 1});
    { Conn a = open(table, "10.0.0.1"); }
    EXPECT_EQ(table.from("10.0.0.1"), 0U);
    EXPECT_TRUE(open(table, "10.0.0.1").ticket);
}

TEST(Connections, TrustedProxiesAreNotCappedPerAddress) {
    Connections table({.max_total = 0, .max_per_address = 1});
    std::vector<Conn> conns;
    for (int i = 0; i < 5; ++i) conns.push_back(open(table, "192.0.2.1", false));
    for (const Conn& c : conns) EXPECT_TRUE(c.ticket);
    EXPECT_EQ(table.from("192.0.2.1"), 0U);
}

TEST(Connections, CloseIdleAsksTheOldestFirstAndSkipsBusyOnes) {
    Connections table({.max_total = 0, .max_per_address = 0});
    Conn a = open(table, "10.0.0.1");
    Conn b = open(table, "10.0.0.2");
    Conn c = open(table, "10.0.0.3");
    b.ticket.set_idle(false);
    EXPECT_EQ(table.close_idle(1), 1U);
    EXPECT_TRUE(*a.closed);
    EXPECT_FALSE(*c.closed);
    EXPECT_EQ(table.close_idle(5), 1U);  // c; a was asked already, b is busy
    EXPECT_TRUE(*c.closed);
    EXPECT_FALSE(*b.closed);
}

}  // namespace
}  // namespace seatkeeper::http
