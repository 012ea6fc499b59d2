// The licenses repository: the licenses a deal grants (`licenses`, deal × plan). See data/seats.hpp for what a
// repository is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/license_term.hpp"
#include "store/store.hpp"

namespace seatkeeper::data::licenses {

// The sum of the tenant's active licenses for the service ID: the quantity its pool should have.
std::int64_t active_quantity(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id);
// The sum of those of them in force on `today` (not suspended, within their term or its grace): the seats the
// tenant may have assigned that day (domain/license_term.hpp).
std::int64_t in_force_quantity(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id,
                               domain::Day today);

}  // namespace seatkeeper::data::licenses

// A deal's licenses, as service/licenses grants and trashes them.
namespace seatkeeper::data {

// When a license is in force: its term (none: no end) and its suspension, if any; and what it covers.
struct LicenseTermRow {
    std::optional<domain::LicenseTerm> term;
    std::optional<std::string> suspension_reason;  // set while suspended
    Millis suspended_at = 0;
    bool site = false;   // a site license: every user of the tenant's verified domains, no seat count
    bool trial = false;  // a free trial a tenant admin started (its deal's source is "trial")
    [[nodiscard]] bool suspended() const { return suspension_reason.has_value(); }
    [[nodiscard]] domain::LicenseStatus status(domain::Day today) const {
        return domain::license_status(term, suspended(), today);
    }
};

// A deal's licenses for one plan, kept (inactive) once trashed.
struct LicenseRow {
    std::string service_id;
    std::int64_t quantity = 0;
    bool active = false;
    LicenseTermRow terms;
    std::string recorded_status;  // the status last recorded as an event
    std::string publisher_id;
    std::string tenant_id;
    std::optional<domain::Day> end_notice_for;  // the end whose advance notice was mailed
};

struct NewLicense {
    std::string deal_id;
    std::string plan_id;
    std::string publisher_id;
    std::string offer_id;
    std::string tenant_id;
    std::string service_id;
    std::int64_t quantity = 0;
    std::optional<domain::LicenseTerm> term;
    std::string status;  // as recorded: domain::to_string(LicenseStatus)
    bool site = false;
    bool trial = false;
};

// A row of a deal's licenses as the publisher manages them, with its plan's name and the tenant's seats taken.
struct DealLicenseRow {
    std::string plan_id;
    std::string plan_name;
    std::string service_id;
    std::int64_t quantity = 0;
    std::int64_t assigned = 0;  // of the tenant's whole pool for this service ID
    bool active = false;
    Millis updated_at = 0;
    LicenseTermRow terms;
    domain::LicenseStatus status = domain::LicenseStatus::kActive;  // on the day it was read (service/licenses)
};

namespace licenses {

std::optional<LicenseRow> find(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id);
void insert(store::Transaction& tx, const NewLicense& license, Millis now);
// What a PUT sets on a deal's licenses for a plan that exist (active or trashed): the quantity, the term (nullopt:
// no end) and whether it is a site license; they are active again, and paid (no longer a trial).
struct LicenseRewrite {
    std::int64_t quantity = 0;
    std::optional<domain::LicenseTerm> term;
    bool site = false;
};
void rewrite(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id,
             const LicenseRewrite& change, Millis now);
// Replaces the term (nullopt: no end).
void set_term(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id,
              const std::optional<domain::LicenseTerm>& term, Millis now);
// Whether the tenant ever started a trial of the plan (once per tenant and plan).
bool trial_used(store::Transaction& tx, const std::string& tenant_id, const std::string& publisher_id,
                const std::string& offer_id, const std::string& plan_id);
// The deals whose active trial licenses feed the tenant's pool of a service ID, but `except_deal_id`'s.
std::vector<std::string> trial_deals(store::Transaction& tx, const std::string& tenant_id,
                                     const std::string& service_id, const std::string& except_deal_id);
// Whether the tenant has active (not trashed) licenses for the service ID, a site license included.
bool pool_has_licenses(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id);
void suspend(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id, const std::string& reason,
             Millis now);
void reinstate(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id, Millis now);
// Records that the advance notice of the term ending on `end` was mailed.
void mark_end_notice(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id, domain::Day end);
// Who is told about a license's term (notices): the tenant's global and billing admins and the publisher's
// global and account admins, active ones only.
struct NoticeRecipient {
    std::string email;
    bool tenant = false;  // the tenant's admin, else the publisher's
};
std::vector<NoticeRecipient> notice_recipients(store::Transaction& tx, const std::string& tenant_id,
                                               const std::string& publisher_id);
// Records the status an event has just said the license is in.
void record_status(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id,
                   domain::LicenseStatus status);
void deactivate(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id, Millis now);
// Whether the deal grants any active licenses.
bool deal_has_active(store::Transaction& tx, const std::string& deal_id);
// The licenses (not trashed) of the tenant's pool of a service ID, with their terms.
struct PoolLicenseRow {
    std::int64_t quantity = 0;
    LicenseTermRow terms;
};
std::vector<PoolLicenseRow> of_pool(store::Transaction& tx, const std::string& tenant_id,
                                    const std::string& service_id);
// The deal's licenses, active ones first, then in the order they were added.
std::vector<DealLicenseRow> of_deal(store::Transaction& tx, const std::string& deal_id);

}  // namespace licenses
}  // namespace seatkeeper::data
