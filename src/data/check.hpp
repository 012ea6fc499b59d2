// The runtime check's read API: what check::SeatIndex (check/seat_index.hpp) loads into memory and the events it
// catches up from. It reads tables other repositories write (offers and plans, license pools, installations,
// seats, events) and writes nothing. Each read of tenant or publisher rows takes an id, or "" for everyone's: the
// index loads everything once and then re-reads what an event touched. See data/seats.hpp for what a repository is.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/license_term.hpp"
#include "store/store.hpp"

namespace seatkeeper::data::check {

// A plan of a license-managed offer: one service ID.
struct ServiceRow {
    std::string publisher_id;
    std::string offer_id;
    std::string plan_id;
    bool base_allowed = false;  // the offer's "install without license" option
};

// A license of a pool that has a term or is suspended (issue 14): in force only on some days; or one that
// licenses more than its seats (a site license) or says so differently (a trial).
struct TermedLicenseRow {
    std::int64_t quantity = 0;
    std::optional<domain::LicenseTerm> term;
    bool suspended = false;
    bool site = false;
    bool trial = false;
};

// A tenant's pool for a service ID, with the offer it belongs to.
struct PoolRow {
    std::string tenant_id;
    std::string service_id;
    std::string publisher_id;
    std::string offer_id;
    std::int64_t quantity = 0;  // of its licenses (not trashed), in force or not
    std::int64_t assigned = 0;
    std::vector<TermedLicenseRow> termed;  // the part of `quantity` that is in force only on some days
};

struct InstallationRow {
    std::string tenant_id;
    std::string publisher_id;
    std::string offer_id;
};

// An event as stored; domain::parse_event reads its payload.
struct EventRow {
    std::int64_t id = 0;
    std::string subject;
    std::string type;
    std::optional<std::string> tenant_id;
    std::optional<std::string> publisher_id;
    std::string payload;
};

// A seat as the database hands it over: the views are valid only while the visitor runs.
struct SeatView {
    std::string_view tenant_id;
    std::string_view service_id;
    std::string_view upn;
    bool through_group = false;
};
using SeatVisitor = std::function<void(const SeatView& seat)>;

// The plans of license-managed offers: `publisher_id`'s, or every publisher's when "".
std::vector<ServiceRow> catalogue(store::Transaction& tx, const std::string& publisher_id);
// The pools, installations and seats of `tenant_id`, or of every tenant when "". The seats are streamed
// (store::Transaction::each): no row is materialised, for loading millions of them.
std::vector<PoolRow> pools(store::Transaction& tx, const std::string& tenant_id);
std::vector<InstallationRow> installations(store::Transaction& tx, const std::string& tenant_id);
// The verified domains of `tenant_id` (every tenant's when ""): (tenant ID, domain), lowercase. A site license
// covers the users of these.
std::vector<std::pair<std::string, std::string>> domains(store::Transaction& tx, const std::string& tenant_id);
void for_each_seat(store::Transaction& tx, const std::string& tenant_id, const SeatVisitor& visit);
// The UPNs of a pool's seats, oldest assignment first: when licenses lapse, the oldest seats stay covered.
std::vector<std::string> seat_order(store::Transaction& tx, const std::string& tenant_id,
                                    const std::string& service_id);

// At most `limit` events after `after_id`, in id order.
std::vector<EventRow> events_after(store::Transaction& tx, std::int64_t after_id, std::int64_t limit);

}  // namespace seatkeeper::data::check
