#include "check/seat_index.hpp"

#include <optional>
#include <set>
#include <vector>

#include "data/check.hpp"
#include "domain/events.hpp"
#include "domain/ids.hpp"

namespace seatkeeper::check {

namespace {

using State = SeatIndex::State;

// Events read per query while catching up (all in one read transaction).
constexpr std::int64_t kEventBatch = 500;

std::string offer_key(std::string_view publisher_id, std::string_view offer_id) {
    std::string key;
    key.reserve(publisher_id.size() + offer_id.size() + 1);
    key.append(publisher_id).append(".").append(offer_id);
    return key;
}

std::uint32_t intern(StringMap<std::uint32_t>& names, std::string_view name) {
    if (const auto it = names.find(name); it != names.end()) return it->second;
    const auto number = static_cast<std::uint32_t>(names.size());
    names.emplace(std::string(name), number);
    return number;
}

// ---- Rows as read through the data layer (data/check.hpp), applied to a State under the lock.

using data::check::InstallationRow;
using data::check::PoolRow;
using data::check::SeatRow;
using data::check::ServiceRow;

// Replaces one publisher's service IDs (every publisher's when `publisher_id` is empty).
void apply_catalogue(State& state, const std::string& publisher_id, const std::vector<ServiceRow>& rows) {
    std::erase_if(state.services,
                  [&](const auto& entry) { return publisher_id.empty() || entry.second.publisher_id == publisher_id; });
    for (const auto& row : rows) {
        const std::string service_id = domain::service_id(row.publisher_id, row.offer_id, row.plan_id);
        SeatIndex::Service service{row.publisher_id, row.plan_id, intern(state.service_numbers, service_id),
                                   intern(state.offer_numbers, offer_key(row.publisher_id, row.offer_id)),
                                   row.base_allowed};
        state.services.insert_or_assign(service_id, std::move(service));
    }
}

SeatIndex::Tenant& tenant_of(State& state, const std::string& tenant_id) { return state.tenants[tenant_id]; }

// Replaces which pools are active and which offers they make "in use", for the tenants in `rows` and for
// `tenant_id` (every tenant when empty). Seats stay.
void apply_pools(State& state, const std::string& tenant_id, const std::vector<PoolRow>& rows) {
    for (auto& [id, tenant] : state.tenants) {
        if (!tenant_id.empty() && id != tenant_id) continue;
        for (auto& [number, pool] : tenant.pools) pool.active = false;
        tenant.pooled_offers.clear();
    }
    for (const auto& row : rows) {
        SeatIndex::Tenant& tenant = tenant_of(state, row.tenant_id);
        SeatIndex::Pool& pool = tenant.pools[intern(state.service_numbers, row.service_id)];
        pool.active = row.quantity > 0;
        if (pool.active)
            tenant.pooled_offers.insert(intern(state.offer_numbers, offer_key(row.publisher_id, row.offer_id)));
    }
}

void apply_installations(State& state, const std::string& tenant_id, const std::vector<InstallationRow>& rows) {
    for (auto& [id, tenant] : state.tenants) {
        if (tenant_id.empty() || id == tenant_id) tenant.installed_offers.clear();
    }
    for (const auto& row : rows) {
        tenant_of(state, row.tenant_id)
            .installed_offers.insert(intern(state.offer_numbers, offer_key(row.publisher_id, row.offer_id)));
    }
}

// Replaces the seats of `tenant_id` (every tenant's when empty).
void apply_seats(State& state, const std::string& tenant_id, const std::vector<SeatRow>& rows) {
    for (auto& [id, tenant] : state.tenants) {
        if (!tenant_id.empty() && id != tenant_id) continue;
        for (auto& [number, pool] : tenant.pools) pool.upns.clear();
    }
    for (const auto& row : rows) {
        tenant_of(state, row.tenant_id).pools[intern(state.service_numbers, row.service_id)].upns.insert(row.upn);
    }
}

State read_state(store::Transaction& tx) {
    State state;
    apply_catalogue(state, "", data::check::catalogue(tx, ""));
    apply_pools(state, "", data::check::pools(tx, ""));
    apply_installations(state, "", data::check::installations(tx, ""));
    apply_seats(state, "", data::check::seats(tx, ""));
    return state;
}

// ---- Catching up: what a run of events asks the index to do.

struct SeatChange {
    bool assigned = false;
    SeatRow seat;
};

// Everything one catch_up read, to apply under the lock. An empty string in a reload set means "all".
struct Pending {
    std::vector<SeatChange> seat_changes;
    std::set<std::string> pool_tenants;
    std::set<std::string> installation_tenants;
    std::set<std::string> publishers;
    std::optional<State> full;
    std::size_t events = 0;
    std::int64_t cursor = 0;

    // The rows the reloads read, in the same transaction as the events.
    std::vector<std::pair<std::string, std::vector<ServiceRow>>> catalogues;
    std::vector<std::pair<std::string, std::vector<PoolRow>>> pools;
    std::vector<std::pair<std::string, std::vector<InstallationRow>>> installations;
};

// Notes the tenant a license or installation event is about, whose rows to re-read: the event's tenant, else
// its snapshot's. False when the event can't be read.
template <typename Snapshot>
bool note_tenant(std::set<std::string>& tenants, const Result<domain::Event>& event) {
    if (!event.ok()) return false;
    if (!event->tenant_id().empty()) {
        tenants.insert(event->tenant_id());
        return true;
    }
    const auto* snapshot = event->after_as<Snapshot>();
    if (snapshot == nullptr) snapshot = event->before_as<Snapshot>();
    if (snapshot == nullptr) return false;
    tenants.insert(snapshot->tenant_id);
    return true;
}

// Sorts one event into `pending`; false when the index cannot apply it piecemeal (then it reloads). Every type
// is listed, so that a new one makes its author decide what the check does with it.
bool classify(Pending& pending, domain::EventType type, const data::check::EventRow& row) {
    using enum domain::EventType;
    const auto parse = [&] {
        return domain::parse_event(domain::to_string(type), row.subject, row.tenant_id.value_or(""), row.payload);
    };
    switch (type) {
        case kSeatAssigned:
        case kSeatUnassigned: {
            const auto event = parse();
            if (!event.ok()) return false;
            const bool assigned = type == kSeatAssigned;
            const auto* seat =
                assigned ? event->after_as<domain::SeatSnapshot>() : event->before_as<domain::SeatSnapshot>();
            if (seat == nullptr) return false;
            pending.seat_changes.push_back({assigned, {seat->tenant_id, seat->service_id, seat->upn}});
            return true;
        }
        case kLicenseGranted:
        case kLicenseChanged:
        case kLicenseRemoved:
            return note_tenant<domain::LicenseSnapshot>(pending.pool_tenants, parse());
        case kInstallationCreated:
            return note_tenant<domain::InstallationSnapshot>(pending.installation_tenants, parse());
        case kOfferCreated:
        case kOfferUpdated:
        case kOfferPackageUploaded:
        case kOfferStateChanged:
        case kOfferReviewed:
        case kPlanCreated:
        case kPlanUpdated:
            pending.publishers.insert(row.publisher_id.value_or(""));
            return true;
        // Nothing the check depends on. Groups change seats through seat events of their own; API key and
        // signing key events are the observer's (Runtime).
        case kLeadCreated:
        case kDealRegistered:
        case kDealUpdated:
        case kDealStateChanged:
        case kInvitationCreated:
        case kInvitationSignupCodeSent:
        case kInvitationAccepted:
        case kInvitationDeclined:
        case kRelationshipCreated:
        case kGroupCreated:
        case kGroupMemberAdded:
        case kGroupMemberRemoved:
        case kGroupDeleted:
        case kGroupAssigned:
        case kGroupUnassigned:
        case kTenantCreated:
        case kTenantDomainAdded:
        case kTenantDomainVerified:
        case kTenantDomainRemoved:
        case kDirectoryUserAdded:
        case kDirectoryUserRenamed:
        case kPublisherCreated:
        case kUserCreated:
        case kUserSignedIn:
        case kUserChanged:
        case kUserDeleted:
        case kUserPasswordChanged:
        case kUserPasswordResetRequested:
        case kUserPasswordReset:
        case kApiKeyCreated:
        case kApiKeyRevoked:
        case kSigningKeyCreated:
        case kSigningKeyRotated:
        case kSigningKeyEncrypted:
        case kSigningKeyRewrapped:
            return true;
    }
    return false;
}

template <typename Row>
void reload_each(store::Transaction& tx, const std::set<std::string>& keys,
                 std::vector<std::pair<std::string, std::vector<Row>>>& out,
                 std::vector<Row> (*read)(store::Transaction&, const std::string&)) {
    // "" (all) makes every narrower reload redundant.
    if (keys.contains("")) {
        out.emplace_back("", read(tx, ""));
        return;
    }
    for (const auto& key : keys) out.emplace_back(key, read(tx, key));
}

}  // namespace

Status SeatIndex::load() {
    const MutexLock serial(catch_up_mutex_);
    struct Loaded {
        State state;
        std::int64_t cursor = 0;
    };
    SK_ASSIGN_OR_RETURN(Loaded loaded, store::in_transaction(store_, store::TxMode::kRead,
                                                             [](store::Transaction& tx) -> Result<Loaded> {
                                                                 Loaded out;
                                                                 out.cursor = data::check::last_event_id(tx);
                                                                 out.state = read_state(tx);
                                                                 return out;
                                                             }));
    const WriterLock lock(mutex_);
    state_ = std::move(loaded.state);
    cursor_.store(loaded.cursor, std::memory_order_release);
    return Status::Ok();
}

Result<std::size_t> SeatIndex::catch_up(const EventObserver& observer) {
    const MutexLock serial(catch_up_mutex_);
    const std::int64_t from = cursor_.load(std::memory_order_acquire);
    SK_ASSIGN_OR_RETURN(
        Pending pending,
        store::in_transaction(store_, store::TxMode::kRead, [&](store::Transaction& tx) -> Result<Pending> {
            Pending out;
            out.cursor = from;
            bool reload_all = false;
            while (true) {
                const auto rows = data::check::events_after(tx, out.cursor, kEventBatch);
                for (const auto& r : rows) {
                    // A type this build does not know (a newer node wrote it) could mean anything: reload.
                    const auto type = domain::parse_event_type(r.type);
                    if (!reload_all) reload_all = !type || !classify(out, *type, r);
                    if (observer) observer(type);
                    out.cursor = r.id;
                    ++out.events;
                }
                if (static_cast<std::int64_t>(rows.size()) < kEventBatch) break;
            }
            if (reload_all) {
                out.full = read_state(tx);
                return out;
            }
            reload_each(tx, out.publishers, out.catalogues, data::check::catalogue);
            reload_each(tx, out.pool_tenants, out.pools, data::check::pools);
            reload_each(tx, out.installation_tenants, out.installations, data::check::installations);
            return out;
        }));
    if (pending.events == 0) return std::size_t{0};

    const WriterLock lock(mutex_);
    if (pending.full) {
        state_ = std::move(*pending.full);
    } else {
        for (const auto& change : pending.seat_changes) {
            const SeatRow& seat = change.seat;
            Pool& pool = state_.tenants[seat.tenant_id].pools[intern(state_.service_numbers, seat.service_id)];
            if (change.assigned) {
                pool.upns.insert(seat.upn);
            } else if (const auto it = pool.upns.find(seat.upn); it != pool.upns.end()) {
                pool.upns.erase(it);
            }
        }
        // The reloads read the tables as of the last event read, so they come after the seat events.
        for (const auto& [publisher, rows] : pending.catalogues) apply_catalogue(state_, publisher, rows);
        for (const auto& [tenant, rows] : pending.pools) apply_pools(state_, tenant, rows);
        for (const auto& [tenant, rows] : pending.installations) apply_installations(state_, tenant, rows);
    }
    cursor_.store(pending.cursor, std::memory_order_release);
    return pending.events;
}

Answer SeatIndex::check(std::string_view publisher_id, std::string_view tenant_id, std::string_view upn,
                        std::string_view service_id) const {
    const ReaderLock lock(mutex_);
    Facts facts;
    const auto service = state_.services.find(service_id);
    if (service == state_.services.end() || service->second.publisher_id != publisher_id) return decide(facts);
    const Service& s = service->second;
    facts.known_service = true;
    facts.plan_id = s.plan_id;
    facts.base_allowed = s.base_allowed;
    if (const auto tenant = state_.tenants.find(tenant_id); tenant != state_.tenants.end()) {
        const Tenant& t = tenant->second;
        if (const auto pool = t.pools.find(s.number); pool != t.pools.end()) {
            facts.pool_active = pool->second.active;
            facts.seat = pool->second.upns.find(upn) != pool->second.upns.end();
        }
        facts.offer_in_use = t.installed_offers.contains(s.offer) || t.pooled_offers.contains(s.offer);
    }
    return decide(facts);
}

IndexStats SeatIndex::stats() const {
    const ReaderLock lock(mutex_);
    IndexStats out{cursor(), state_.services.size(), state_.tenants.size(), 0};
    for (const auto& [id, tenant] : state_.tenants) {
        for (const auto& [number, pool] : tenant.pools) out.seats += pool.upns.size();
    }
    return out;
}

}  // namespace seatkeeper::check
