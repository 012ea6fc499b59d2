// Customers, licenses, seats and installations written straight into a Store, each change in one write
// transaction together with the event the issue-4 use cases append for it (typed: domain/events.hpp), so the
// runtime check can be tested on its own. Offers and plans go through the real
// service use cases.
//
// Thread-safety: one fixture per thread; the Store may be shared (another "node" can write through its own).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "service/context.hpp"
#include "support/test_database.hpp"

namespace seatkeeper::testing {

// A migrated database of the test's backend (test_backend()): a SQLite file in a temporary directory, removed
// with the object, or a fresh PostgreSQL database (TestDatabase). `open_another()` opens a second Store on the
// same database, as another node or the command line would.
class TempDatabase {
public:
    TempDatabase();
    ~TempDatabase();
    TempDatabase(const TempDatabase&) = delete;
    TempDatabase& operator=(const TempDatabase&) = delete;

    [[nodiscard]] store::Store& store() { return *store_; }
    [[nodiscard]] const std::string& url() const { return url_; }
    [[nodiscard]] std::unique_ptr<store::Store> open_another() const;

private:
    std::filesystem::path dir_;               // SQLite only
    std::unique_ptr<TestDatabase> postgres_;  // PostgreSQL only
    std::string url_;
    std::unique_ptr<store::Store> store_;
};

// A publisher (when missing) and an offer with `plans`, licensing as given, through the service use cases.
void add_offer(service::Services& services, const std::string& publisher_id, const std::string& offer_id,
               const std::vector<std::string>& plans, bool license_management, bool allow_install_without_license);

// The world the runtime's HTTP tests start from: contoso.crm (plan basic, license-managed), the tenant Fabrikam
// (fabrikam.example; admin@fabrikam.example / password-fabrikam-1) whose won deal grants 3 basic licenses
// (CustomerFixture::set_licenses), and ada@fabrikam.example holding one. The tenant's id.
std::string add_crm_customer(service::Services& services);

// The id of the deal CustomerFixture::set_licenses writes for (tenant, publisher, offer).
std::string deal_id_of(const std::string& tenant_id, const std::string& publisher_id, const std::string& offer_id);

class CustomerFixture {
public:
    explicit CustomerFixture(store::Store& store) : store_(store) {}

    // A new tenant (a random lowercase GUID): tenant.created.
    std::string add_tenant(const std::string& name);
    // The deal of (tenant, publisher, offer) grants `quantity` licenses of `plan`: license.granted the first
    // time, license.changed (or license.removed for 0) after; the tenant's pool for the service ID follows.
    void set_licenses(const std::string& tenant_id, const std::string& publisher_id, const std::string& offer_id,
                      const std::string& plan_id, std::int64_t quantity);
    // seat.assigned / seat.unassigned for `upn` (lowercase) on the tenant's pool of `service_id`.
    void assign(const std::string& tenant_id, const std::string& service_id, const std::string& upn);
    void unassign(const std::string& tenant_id, const std::string& service_id, const std::string& upn);
    // installation.created: the tenant installs the offer.
    void install(const std::string& tenant_id, const std::string& publisher_id, const std::string& offer_id);

private:
    store::Store& store_;
    std::int64_t seq_ = 0;
};

}  // namespace seatkeeper::testing
