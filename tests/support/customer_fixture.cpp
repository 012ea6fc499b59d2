#include "support/customer_fixture.hpp"

#include <stdexcept>

#include "common/crypto.hpp"
#include "domain/ids.hpp"
#include "domain/offer.hpp"
#include "service/accounts.hpp"
#include "service/events.hpp"
#include "service/offers.hpp"
#include "service/tenants.hpp"

namespace seatkeeper::testing {

namespace {

using domain::EventType;
using domain::make_event;

void check(const Status& s, const std::string& what) {
    if (!s.ok()) throw std::runtime_error(what + ": " + s.message() + " " + s.log_detail());
}

template <typename Fn>
void write(store::Store& store, const std::string& what, Fn&& fn) {
    check(store::in_transaction(store, store::TxMode::kWrite,
                                [&](store::Transaction& tx) -> Status {
                                    fn(tx);
                                    return Status::Ok();
                                }),
          what);
}

// "<publisher>.<offer>.<plan>" → its plan ID.
std::string plan_of(const std::string& service_id) { return service_id.substr(service_id.rfind('.') + 1); }

domain::SeatSnapshot seat_snapshot(const std::string& tenant_id, const std::string& service_id,
                                   const std::string& upn) {
    return {tenant_id, service_id, upn, plan_of(service_id), std::nullopt};
}

}  // namespace

std::string add_crm_customer(service::Services& services) {
    add_offer(services, "contoso", "crm", {"basic"}, true, false);
    auto tenant = service::create_tenant(
        services, {"Fabrikam", {"fabrikam.example"}, "admin@fabrikam.example", "password-fabrikam-1", "Admin"});
    if (!tenant.ok()) throw std::runtime_error("create_tenant: " + tenant.status().message());
    CustomerFixture customers(services.store());
    customers.set_licenses(tenant->id, "contoso", "crm", "basic", 3);
    customers.assign(tenant->id, "contoso.crm.basic", "ada@fabrikam.example");
    return tenant->id;
}

std::string deal_id_of(const std::string& tenant_id, const std::string& publisher_id, const std::string& offer_id) {
    return "deal_" + publisher_id + "_" + offer_id + "_" + tenant_id.substr(0, 8);
}

TempDatabase::TempDatabase() {
    if (test_backend() == "postgresql") {
        postgres_ = std::make_unique<TestDatabase>();
        url_ = postgres_->url();
    } else {
        dir_ = std::filesystem::temp_directory_path() / ("seatkeeper-db-" + crypto::random_token(9));
        url_ = "sqlite:" + (dir_ / "seatkeeper.db").string();
    }
    store_ = open_another();
    check(store_->migrate(), "migrate");
}

TempDatabase::~TempDatabase() {
    store_.reset();
    if (!dir_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
}

std::unique_ptr<store::Store> TempDatabase::open_another() const {
    auto opened = store::open_store(url());
    check(opened.status(), "open " + url());
    return std::move(opened).value();
}

void add_offer(service::Services& services, const std::string& publisher_id, const std::string& offer_id,
               const std::vector<std::string>& plans, bool license_management, bool allow_install_without_license) {
    write(services.store(), "add publisher", [&](store::Transaction& tx) {
        if (tx.query_one("SELECT 1 FROM publishers WHERE id = ?", {publisher_id})) return;
        tx.execute("INSERT INTO publishers (id, name, created_at) VALUES (?, ?, ?)",
                   {publisher_id, "Publisher " + publisher_id, now_millis()});
        service::append_event(tx, "system", publisher_id,
                              make_event<EventType::kPublisherCreated>(
                                  domain::publisher_subject(publisher_id), std::nullopt,
                                  domain::PublisherSnapshot{publisher_id, "Publisher " + publisher_id}));
    });
    const service::Principal admin = service::system_principal(publisher_id);
    check(
        service::create_offer(services, admin, {offer_id, offer_id + " alias", std::string(domain::kOfferTypeDynamics)})
            .status(),
        "create_offer");
    service::OfferPatch patch;
    patch.license_management = license_management;
    patch.allow_install_without_license = allow_install_without_license;
    if (!license_management) {
        patch.call_to_action_given = true;
        patch.call_to_action = domain::CallToAction::kGetItNow;
    }
    check(service::update_offer(services, admin, offer_id, patch).status(), "update_offer");
    for (const auto& plan : plans) {
        check(service::create_plan(services, admin, offer_id, {plan, "Plan " + plan, "", ""}).status(), "create_plan");
    }
}

std::string CustomerFixture::add_tenant(const std::string& name) {
    const std::string tenant_id = crypto::random_uuid();
    write(store_, "add tenant", [&](store::Transaction& tx) {
        tx.execute("INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)", {tenant_id, name, now_millis()});
        service::append_event(
            tx, "system", "",
            make_event<EventType::kTenantCreated>(domain::tenant_subject(tenant_id), std::nullopt,
                                                  domain::TenantSnapshot{tenant_id, name, {}}, tenant_id));
    });
    return tenant_id;
}

void CustomerFixture::set_licenses(const std::string& tenant_id, const std::string& publisher_id,
                                   const std::string& offer_id, const std::string& plan_id, std::int64_t quantity) {
    const std::string deal_id = deal_id_of(tenant_id, publisher_id, offer_id);
    const std::string service_id = domain::service_id(publisher_id, offer_id, plan_id);
    write(store_, "set licenses", [&](store::Transaction& tx) {
        const Millis now = now_millis();
        if (!tx.query_one("SELECT 1 FROM deals WHERE id = ?", {deal_id})) {
            tx.execute(
                "INSERT INTO deals (id, publisher_id, offer_id, customer_name, customer_domain, contact_email, "
                "plan_ids, seats, value_cents, currency, close_date, state, tenant_id, created_by, created_at, "
                "updated_at) VALUES (?, ?, ?, 'Customer', 'customer.example', 'billing@customer.example', ?, 10, "
                "100000, 'EUR', '2030-01-01', 'won', ?, 'system', ?, ?)",
                {deal_id, publisher_id, offer_id, "[\"" + plan_id + "\"]", tenant_id, now, now});
        }
        const auto before =
            tx.query_one("SELECT quantity, active FROM licenses WHERE deal_id = ? AND plan_id = ?", {deal_id, plan_id});
        const bool active = quantity > 0;
        if (before) {
            tx.execute("UPDATE licenses SET quantity = ?, active = ?, updated_at = ? WHERE deal_id = ? AND plan_id = ?",
                       {quantity, std::int64_t{active}, now, deal_id, plan_id});
        } else {
            tx.execute(
                "INSERT INTO licenses (deal_id, plan_id, publisher_id, offer_id, tenant_id, service_id, quantity, "
                "active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                {deal_id, plan_id, publisher_id, offer_id, tenant_id, service_id, quantity, std::int64_t{active}, now,
                 now});
        }
        const auto total = tx.query_one(
            "SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM licenses WHERE tenant_id = ? AND service_id = ? "
            "AND active = 1",
            {tenant_id, service_id});
        const std::int64_t pool_quantity = total->integer(0);
        if (tx.query_one("SELECT 1 FROM license_pools WHERE tenant_id = ? AND service_id = ?",
                         {tenant_id, service_id})) {
            tx.execute("UPDATE license_pools SET quantity = ?, updated_at = ? WHERE tenant_id = ? AND service_id = ?",
                       {pool_quantity, now, tenant_id, service_id});
        } else {
            tx.execute(
                "INSERT INTO license_pools (tenant_id, service_id, publisher_id, offer_id, plan_id, quantity, "
                "assigned, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
                {tenant_id, service_id, publisher_id, offer_id, plan_id, pool_quantity, now});
        }
        const auto make =
            !before ? make_event<EventType::kLicenseGranted>
                    : (active ? make_event<EventType::kLicenseChanged> : make_event<EventType::kLicenseRemoved>);
        std::optional<domain::LicenseSnapshot> before_snapshot;
        if (before) {
            before_snapshot = domain::LicenseSnapshot{
                deal_id, tenant_id, service_id, plan_id, offer_id, before->integer(0), before->boolean(1), {}, {}, {}};
        }
        service::append_event(tx, "system", publisher_id,
                              make(domain::license_subject(deal_id, plan_id), before_snapshot,
                                   domain::LicenseSnapshot{
                                       deal_id, tenant_id, service_id, plan_id, offer_id, quantity, active, {}, {}, {}},
                                   tenant_id));
    });
}

void CustomerFixture::assign(const std::string& tenant_id, const std::string& service_id, const std::string& upn) {
    const std::int64_t seq = ++seq_;
    write(store_, "assign", [&](store::Transaction& tx) {
        const auto pool = tx.query_one("SELECT publisher_id FROM license_pools WHERE tenant_id = ? AND service_id = ?",
                                       {tenant_id, service_id});
        if (!pool) throw std::runtime_error("no pool for " + service_id);
        tx.execute(
            "INSERT INTO seats (tenant_id, service_id, upn, group_id, assigned_by, assigned_at, seq) "
            "VALUES (?, ?, ?, NULL, 'system', ?, ?)",
            {tenant_id, service_id, upn, now_millis(), seq});
        tx.execute("UPDATE license_pools SET assigned = assigned + 1 WHERE tenant_id = ? AND service_id = ?",
                   {tenant_id, service_id});
        service::append_event(
            tx, "system", pool->text(0),
            make_event<EventType::kSeatAssigned>(domain::seat_subject(tenant_id, service_id, upn), std::nullopt,
                                                 seat_snapshot(tenant_id, service_id, upn), tenant_id));
    });
}

void CustomerFixture::unassign(const std::string& tenant_id, const std::string& service_id, const std::string& upn) {
    write(store_, "unassign", [&](store::Transaction& tx) {
        const auto pool = tx.query_one("SELECT publisher_id FROM license_pools WHERE tenant_id = ? AND service_id = ?",
                                       {tenant_id, service_id});
        if (!pool) throw std::runtime_error("no pool for " + service_id);
        tx.execute("DELETE FROM seats WHERE tenant_id = ? AND service_id = ? AND upn = ?",
                   {tenant_id, service_id, upn});
        tx.execute("UPDATE license_pools SET assigned = assigned - 1 WHERE tenant_id = ? AND service_id = ?",
                   {tenant_id, service_id});
        service::append_event(
            tx, "system", pool->text(0),
            make_event<EventType::kSeatUnassigned>(domain::seat_subject(tenant_id, service_id, upn),
                                                   seat_snapshot(tenant_id, service_id, upn), std::nullopt, tenant_id));
    });
}

void CustomerFixture::install(const std::string& tenant_id, const std::string& publisher_id,
                              const std::string& offer_id) {
    const std::string id = "inst_" + crypto::random_token(9);
    write(store_, "install", [&](store::Transaction& tx) {
        tx.execute(
            "INSERT INTO installations (id, tenant_id, publisher_id, offer_id, environment, installed_by, created_at) "
            "VALUES (?, ?, ?, ?, 'production', 'system', ?)",
            {id, tenant_id, publisher_id, offer_id, now_millis()});
        service::append_event(
            tx, "system", publisher_id,
            make_event<EventType::kInstallationCreated>(
                domain::installation_subject(tenant_id, id), std::nullopt,
                domain::InstallationSnapshot{id, publisher_id + "." + offer_id, "production", tenant_id}, tenant_id));
    });
}

}  // namespace seatkeeper::testing
