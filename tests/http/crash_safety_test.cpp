// Crash safety (issue 11): the real `seatkeeper serve` binary under a randomized concurrent write load, killed
// with SIGKILL at a random moment, several times, and restarted on the same database. After each restart:
// every acknowledged write is there (assignments present, unassignments gone), no pool holds more seats than
// its quantity, pool counts equal seat rows, the event feed followed by its cursor has every event of the
// tenant and replays to the seats there are, acknowledged requests replay with their Idempotency-Key, a key
// whose request was cut off by the kill can be retried, and the jobs left behind (invitation mails) run.
//
// Runs on each backend (the sqlite/ and postgresql/ runs of the HTTP tests). The server is a child process so
// that the kill is a real one: no destructor, no flush, no graceful close of the database.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "common/clock.hpp"
#include "common/crypto.hpp"
#include "domain/ids.hpp"
#include "http/harness.hpp"
#include "service/accounts.hpp"
#include "service/tenants.hpp"
#include "support/child_process.hpp"
#include "support/customer_fixture.hpp"
#include "support/smtp_sink.hpp"

namespace seatkeeper::testing {
namespace {

namespace bj = boost::json;

constexpr int kRounds = 5;
constexpr int kSeatThreads = 4;
constexpr int kUsersPerThread = 2;
// The plans and their pool sizes: eight users want seats from pools of three and two.
const std::vector<std::pair<std::string, std::int64_t>> kPools{{"basic", 3}, {"premium", 2}};
// How long the killed process's job leases hold (jobs/worker.cpp's longest lease). Waiting that out would make
// a slow test, so leases taken before the kill are let go instead, as their expiry would.
constexpr Millis kLongestJobLeaseMs = 120'000;

enum class Seat { kAbsent, kPresent, kUnknown };

// One (plan, user) a load thread owns: only that thread writes it, so its last acknowledged answer says
// what the database must hold.
struct Slot {
    std::string service_id;
    std::string upn;
    Seat expected = Seat::kAbsent;
};

// A POST that got an answer, to replay with its key; or one cut off by the kill, to retry.
struct Posted {
    std::string key;
    std::string path;
    std::string body;
    long status = 0;
    std::string answer = {};
    Slot* slot = nullptr;      // the assignment's, for a retry's answer
    std::string invited = {};  // the invitation's address
};

template <typename T>
T must(Result<T> r, const std::string& what) {
    if (!r.ok()) throw std::runtime_error(what + ": " + r.status().message() + " " + r.status().log_detail());
    return std::move(r).value();
}

class CrashSafety : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device device;
        seed_ = device();
        random_.seed(seed_);
        dir_ = std::filesystem::temp_directory_path() / ("seatkeeper-crash-" + crypto::random_token(8));
        std::filesystem::create_directories(dir_);

        // The data, written by the use cases straight into the database before the server first starts.
        service::Services services(database_.store(), service::Settings{});
        ASSERT_TRUE(service::create_publisher(services,
                                              {"contoso", "Contoso", "admin@contoso.example", "password-contoso-1", ""})
                        .ok());
        add_offer(services, "contoso", "crm", {"basic", "premium"}, true, false);
        tenant_id_ = must(service::create_tenant(services, {"Fabrikam",
                                                            {"fabrikam.example"},
                                                            "admin@fabrikam.example",
                                                            "password-fabrikam-1",
                                                            "Fabrikam Admin"}),
                          "create_tenant")
                         .id;
        CustomerFixture customers(database_.store());
        for (const auto& [plan, quantity] : kPools) {
            customers.set_licenses(tenant_id_, "contoso", "crm", plan, quantity);
        }
        for (int t = 0; t < kSeatThreads; ++t) {
            for (const auto& [plan, quantity] : kPools) {
                for (int u = 0; u < kUsersPerThread; ++u) {
                    slots_[t].push_back({domain::service_id("contoso", "crm", plan),
                                         "user-" + std::to_string(t) + "-" + std::to_string(u) + "@fabrikam.example"});
                }
            }
        }

        std::ofstream(dir_ / "seatkeeper.toml") << "log_level = \"warn\"\n"
                                                   "threads = 4\n"
                                                   "[limits]\n"
                                                   "requests_per_second = 0\n"
                                                   "logins_per_minute = 0\n"
                                                   "[smtp]\n"
                                                   "url = \""
                                                << smtp_.url()
                                                << "\"\n"
                                                   "starttls = false\n"
                                                   "retry_delay_seconds = 1\n"
                                                   "[secrets]\n"
                                                   "master_key = \""
                                                << crypto::MasterKey::generate().to_base64() << "\"\n";
        start_server();
        ASSERT_EQ(tenant_.login("admin@fabrikam.example", "password-fabrikam-1").status, 200);
        ASSERT_EQ(publisher_.login("admin@contoso.example", "password-contoso-1").status, 200);
        // Sessions are rows in the database: they outlive the kills.
        for (int t = 0; t < kSeatThreads; ++t) {
            seat_clients_.push_back(std::make_unique<Client>(base()));
            ASSERT_EQ(seat_clients_.back()->login("admin@fabrikam.example", "password-fabrikam-1").status, 200);
        }
        const auto deal = publisher_.post(
            "/api/v1/deals",
            {{"customer",
              {{"name", "Fabrikam"}, {"domain", "fabrikam.example"}, {"contact_email", "billing@fabrikam.example"}}},
             {"offer_id", "crm"},
             {"plan_ids", bj::array{"basic", "premium"}},
             {"seats", 5},
             {"value", 100},
             {"close_date", "2030-12-31"}});
        ASSERT_EQ(deal.status, 201) << deal.body;
        deal_id_ = deal.str("id");
    }

    void TearDown() override {
        server_.reset();
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }

    [[nodiscard]] std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }

    void start_server() {
        server_ = std::make_unique<ChildProcess>(
            std::vector<std::string>{SEATKEEPER_BINARY, "serve", "--config", (dir_ / "seatkeeper.toml").string(),
                                     "--database", database_.url(), "--listen", "127.0.0.1:" + std::to_string(port_)});
        Client probe(base());
        server_->wait_until(
            [&] {
                const auto r = probe.try_request("GET", "/readyz");
                return r && r->status == 200;
            },
            "seatkeeper serve", "see its output above");
    }

    // A seat thread: assigns and unassigns its own users (with a fresh Idempotency-Key per assignment) until
    // the server stops answering or the round ends.
    void seat_load(int thread, int round) {
        Client& client = *seat_clients_[thread];
        std::mt19937 random(seed_ + static_cast<unsigned>(round * 100 + thread));
        for (int n = 0; !round_over_; ++n) {
            Slot& slot = slots_[thread][random() % slots_[thread].size()];
            const std::string assignments = "/api/v1/tenant/licenses/" + slot.service_id + "/assignments";
            if (slot.expected == Seat::kPresent && random() % 3 != 0) {
                const auto r = client.try_request("DELETE", assignments + "/" + slot.upn);
                if (!r) {
                    slot.expected = Seat::kUnknown;
                    return;
                }
                EXPECT_TRUE(r->status == 204 || r->status == 503) << r->status << " " << r->body;
                if (r->status == 204) slot.expected = Seat::kAbsent;
                if (r->status == 503) slot.expected = Seat::kUnknown;
                continue;
            }
            Posted post{"seat-" + std::to_string(round) + "-" + std::to_string(thread) + "-" + std::to_string(n),
                        assignments, bj::serialize(bj::object{{"users", bj::array{bj::value(slot.upn)}}})};
            post.slot = &slot;
            const auto r = client.try_request("POST", post.path, post.body, {{"Idempotency-Key", post.key}});
            if (!r) {
                slot.expected = Seat::kUnknown;
                record(cut_off_, post);
                return;
            }
            post.status = r->status;
            post.answer = r->body;
            if (r->status == 200) {
                slot.expected = Seat::kPresent;
            } else if (r->status == 409 && r->str("rule") == "over_capacity") {
                // refused: the seat is as it was
            } else {
                EXPECT_EQ(r->status, 503) << r->body;  // a busy database: nothing was written, the key released
                slot.expected = Seat::kUnknown;
                continue;
            }
            record(answered_, post);
        }
    }

    // The invitation thread: invites a new address at each turn; each invitation queues a send_mail job.
    void invitation_load(int round) {
        for (int n = 0; !round_over_; ++n) {
            const std::string email =
                "invited-" + std::to_string(round) + "-" + std::to_string(n) + "@fabrikam.example";
            Posted post{"invite-" + std::to_string(round) + "-" + std::to_string(n),
                        "/api/v1/deals/" + deal_id_ + "/invitations", bj::serialize(bj::object{{"email", email}})};
            post.invited = email;
            const auto r = publisher_.try_request("POST", post.path, post.body, {{"Idempotency-Key", post.key}});
            if (!r) {
                record(cut_off_, post);
                return;
            }
            post.status = r->status;
            post.answer = r->body;
            if (r->status != 201) {
                EXPECT_EQ(r->status, 503) << r->body;
                continue;
            }
            record(answered_, post);
            std::lock_guard lock(mutex_);
            invited_.insert(email);
        }
    }

    void record(std::vector<Posted>& list, const Posted& post) {
        std::lock_guard lock(mutex_);
        list.push_back(post);
    }

    // The load for a random while, then SIGKILL; returns the moment of the kill.
    Millis run_round_and_kill(int round) {
        round_over_ = false;
        std::vector<std::thread> threads;
        threads.reserve(kSeatThreads + 1);
        for (int t = 0; t < kSeatThreads; ++t) threads.emplace_back([this, t, round] { seat_load(t, round); });
        threads.emplace_back([this, round] { invitation_load(round); });
        std::this_thread::sleep_for(std::chrono::milliseconds(300 + random_() % 1200));
        const Millis killed_at = now_millis();
        server_->kill();
        round_over_ = true;
        for (auto& thread : threads) thread.join();
        return killed_at;
    }

    template <typename T>
    T read(const std::function<T(store::Transaction&)>& fn) {
        return must(store::in_transaction(database_.store(), store::TxMode::kRead,
                                          [&](store::Transaction& tx) -> Result<T> { return fn(tx); }),
                    "read");
    }

    void write(const std::function<void(store::Transaction&)>& fn) {
        ASSERT_TRUE(store::in_transaction(database_.store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
                        fn(tx);
                        return Status::Ok();
                    }).ok());
    }

    // Seats as "service_id upn".
    std::set<std::string> seat_rows() {
        return read<std::set<std::string>>([&](store::Transaction& tx) {
            std::set<std::string> out;
            for (const auto& r : tx.query("SELECT service_id, upn FROM seats WHERE tenant_id = ?", {tenant_id_})) {
                out.insert(r.text(0) + " " + r.text(1));
            }
            return out;
        });
    }

    // The jobs the killed process had claimed keep its lease; let them go, as the lease's end would.
    void release_leases_of_the_killed_process(Millis killed_at) {
        write([&](store::Transaction& tx) {
            tx.execute(
                "UPDATE jobs SET locked_until = NULL WHERE state = 'pending' AND locked_until IS NOT NULL AND "
                "locked_until <= ?",
                {killed_at + kLongestJobLeaseMs});
        });
    }

    // Replays what was answered before the kill; retries what the kill cut off.
    void check_idempotency() {
        for (const Posted& post : answered_) {
            Client& client = post.invited.empty() ? tenant_ : publisher_;
            const auto replay = client.request("POST", post.path, post.body, {{"Idempotency-Key", post.key}});
            EXPECT_EQ(replay.status, post.status) << post.key << ": " << replay.body;
            EXPECT_EQ(replay.header("idempotent-replayed"), "true") << post.key;
            if (post.invited.empty()) {
                EXPECT_EQ(replay.body, post.answer) << post.key;
            } else {
                // the invitation link, a secret, is not kept for replays
                EXPECT_EQ(replay.str("id"), bj::parse(post.answer).at("id").as_string()) << post.key;
            }
        }
        for (const Posted& post : cut_off_) {
            Client& client = post.invited.empty() ? tenant_ : publisher_;
            // The kill either came before the commit, which the database then rolled back (the retry runs), or
            // after it, with the answer committed in the same transaction (the retry is a replay). A claim left
            // without an answer, as the previous release could leave, is not a state the table can be in.
            const auto retry = client.request("POST", post.path, post.body, {{"Idempotency-Key", post.key}});
            EXPECT_NE(retry.str("rule"), "idempotency_key_in_progress") << post.key;
            if (retry.header("idempotent-replayed") == "true") ++replayed_cut_offs_;
            if (post.invited.empty()) {
                EXPECT_TRUE(retry.status == 200 || (retry.status == 409 && retry.str("rule") == "over_capacity"))
                    << post.key << ": " << retry.status << " " << retry.body;
            } else {
                EXPECT_EQ(retry.status, 201) << post.key << ": " << retry.body;
                if (retry.status == 201) invited_.insert(post.invited);
            }
        }
        answered_.clear();
        cut_off_.clear();
    }

    // Every acknowledged assignment is there and every acknowledged unassignment is not; with `learn`, what
    // the kill cut off (and its retry settled) is learnt from the database for the next round.
    void check_seats(bool learn) {
        const auto seats = seat_rows();
        for (auto& [thread, slots] : slots_) {
            for (Slot& slot : slots) {
                const bool present = seats.contains(slot.service_id + " " + slot.upn);
                if (slot.expected == Seat::kPresent) {
                    EXPECT_TRUE(present) << slot.upn << " lost " << slot.service_id;
                }
                if (slot.expected == Seat::kAbsent) {
                    EXPECT_FALSE(present) << slot.upn << " kept " << slot.service_id;
                }
                if (slot.expected != Seat::kUnknown || learn) slot.expected = present ? Seat::kPresent : Seat::kAbsent;
            }
        }
    }

    void check_pools() {
        const auto pools = read<std::vector<std::tuple<std::string, std::int64_t, std::int64_t, std::int64_t>>>(
            [&](store::Transaction& tx) {
                std::vector<std::tuple<std::string, std::int64_t, std::int64_t, std::int64_t>> out;
                for (const auto& r :
                     tx.query("SELECT p.service_id, p.quantity, p.assigned, (SELECT COUNT(*) FROM seats s WHERE "
                              "s.tenant_id = p.tenant_id AND s.service_id = p.service_id) FROM license_pools p "
                              "WHERE p.tenant_id = ?",
                              {tenant_id_})) {
                    out.emplace_back(r.text(0), r.integer(1), r.integer(2), r.integer(3));
                }
                return out;
            });
        EXPECT_EQ(pools.size(), kPools.size());
        for (const auto& [service_id, quantity, assigned, seats] : pools) {
            EXPECT_LE(assigned, quantity) << service_id;
            EXPECT_EQ(assigned, seats) << service_id;
        }
    }

    // The tenant's feed, followed by its cursor: every event of the tenant, in order, and its seat events add
    // up to the seats there are.
    void check_feed() {
        std::vector<std::int64_t> ids;
        std::map<std::string, bool> seated;  // seat subject → held after the events so far
        std::string cursor = "0";
        while (true) {
            const auto page = tenant_.get("/api/v1/events?limit=1000&after=" + cursor);
            ASSERT_EQ(page.status, 200) << page.body;
            const auto& items = page.json().at("items").as_array();
            if (items.empty()) break;
            for (const auto& item : items) {
                const auto& e = item.as_object();
                ids.push_back(std::stoll(std::string(e.at("id").as_string())));
                const std::string type(e.at("type").as_string());
                if (type == "seat.assigned" || type == "seat.unassigned") {
                    seated[std::string(e.at("subject").as_string())] = type == "seat.assigned";
                }
            }
            cursor = std::string(page.json().at("next_cursor").as_string());
        }
        const auto stored = read<std::vector<std::int64_t>>([&](store::Transaction& tx) {
            std::vector<std::int64_t> out;
            for (const auto& r : tx.query("SELECT id FROM events WHERE tenant_id = ? ORDER BY id", {tenant_id_})) {
                out.push_back(r.integer(0));
            }
            return out;
        });
        EXPECT_EQ(ids, stored) << "the feed skipped or repeated events";
        std::set<std::string> from_feed;
        for (const auto& [subject, held] : seated) {
            if (!held) continue;
            // tenants/<tenant>/licenses/<service_id>/seats/<upn>
            const std::string rest = subject.substr(subject.find("/licenses/") + 10);
            from_feed.insert(rest.substr(0, rest.find('/')) + " " + rest.substr(rest.find("/seats/") + 7));
        }
        EXPECT_EQ(from_feed, seat_rows()) << "the feed's seat events do not add up to the seats";
    }

    // The mail of every acknowledged invitation reaches the SMTP server, and no job is left behind (waiting up
    // to 30 s for the worker).
    void check_jobs_ran() {
        std::set<std::string> mailed;
        std::int64_t pending = -1;
        for (int i = 0; i < 300; ++i) {
            for (const auto& m : smtp_.messages()) {
                for (const auto& to : m.at("rcpt_tos").as_array()) mailed.insert(std::string(to.as_string()));
            }
            pending = read<std::int64_t>([](store::Transaction& tx) {
                return tx.query_one("SELECT COUNT(*) FROM jobs WHERE state <> 'done'")->integer(0);
            });
            if (pending == 0 && std::includes(mailed.begin(), mailed.end(), invited_.begin(), invited_.end())) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        for (const auto& email : invited_) EXPECT_TRUE(mailed.contains(email)) << "no invitation mail to " << email;
        EXPECT_EQ(pending, 0) << "jobs not done";
    }

    unsigned seed_ = 0;
    std::mt19937 random_;
    std::filesystem::path dir_;
    int port_ = SmtpSink::free_port();  // the server's, the same after each restart
    TempDatabase database_;
    SmtpSink smtp_;
    std::unique_ptr<ChildProcess> server_;
    Client tenant_{base()};
    Client publisher_{base()};
    std::string tenant_id_;
    std::string deal_id_;
    std::vector<std::unique_ptr<Client>> seat_clients_;  // one per seat thread, signed in as the tenant's admin
    std::map<int, std::vector<Slot>> slots_;             // by seat thread; each written by its thread during a round
    std::atomic<bool> round_over_ = false;
    std::mutex mutex_;
    std::vector<Posted> answered_;   // GUARDED_BY(mutex_) during a round
    std::vector<Posted> cut_off_;    // GUARDED_BY(mutex_) during a round
    std::set<std::string> invited_;  // GUARDED_BY(mutex_) during a round
    int replayed_cut_offs_ = 0;      // cut off after their commit: the retry was a replay
};

TEST_F(CrashSafety, AcknowledgedWritesSurviveSigkillAndTheInvariantsHold) {
    SCOPED_TRACE("seed " + std::to_string(seed_));
    std::size_t answered = 0;
    std::size_t cut_off = 0;
    for (int round = 0; round < kRounds; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        const Millis killed_at = run_round_and_kill(round);
        answered += answered_.size();
        cut_off += cut_off_.size();
        start_server();
        release_leases_of_the_killed_process(killed_at);
        check_seats(false);
        check_pools();
        check_feed();
        check_idempotency();
        check_seats(true);
        check_pools();
    }
    check_jobs_ran();
    check_feed();
    EXPECT_GT(answered, 0U) << "the load wrote nothing";
    EXPECT_GT(invited_.size(), 0U) << "no invitation was acknowledged";
    std::printf(
        "crash safety: seed %u, %d kills, %zu acknowledged posts, %zu cut off (%d committed, replayed), %zu "
        "invitations\n",
        seed_, kRounds, answered, cut_off, replayed_cut_offs_, invited_.size());
}

}  // namespace
}  // namespace seatkeeper::testing
