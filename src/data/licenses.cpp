#include "data/licenses.hpp"

#include "data/rows.hpp"

namespace seatkeeper::data::licenses {

namespace {

using store::Query;

constexpr Query kActiveQuantity{
    "license.active_quantity",
    "SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM licenses WHERE tenant_id = ? AND service_id = ? AND "
    "active = 1"};
constexpr Query kInForceQuantity{"license.in_force_quantity",
                                 "SELECT CAST(COALESCE(SUM(l.quantity), 0) AS BIGINT) FROM licenses l WHERE "
                                 "l.tenant_id = ? AND l.service_id = ? AND " SK_LICENSE_IN_FORCE("l")};

}  // namespace

std::int64_t active_quantity(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id) {
    const auto r = tx.query_one(kActiveQuantity, {tenant_id, service_id});
    return r ? r->integer(0) : 0;
}

std::int64_t in_force_quantity(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id,
                               domain::Day today) {
    const auto r = tx.query_one(kInForceQuantity, {tenant_id, service_id, std::int64_t{today}, std::int64_t{today}});
    return r ? r->integer(0) : 0;
}

}  // namespace seatkeeper::data::licenses

// A deal's licenses, as service/licenses grants and trashes them.
namespace seatkeeper::data::licenses {

namespace {

using store::Query;

// The term columns, in the order terms_at() reads them.
#define SK_TERM_COLUMNS "term_start, term_end, grace_days, suspended_at, suspension_reason, site, trial"

constexpr Query kFind{"license.find", "SELECT service_id, quantity, active, status, " SK_TERM_COLUMNS
                                      ", publisher_id, tenant_id, end_notice_for FROM licenses "
                                      "WHERE deal_id = ? AND plan_id = ?"};
constexpr Query kMarkEndNotice{"license.mark_end_notice",
                               "UPDATE licenses SET end_notice_for = ? WHERE deal_id = ? AND plan_id = ?"};
constexpr Query kNoticeRecipients{
    "license.notice_recipients",
    "SELECT email, tenant_id IS NOT NULL FROM users WHERE disabled_at IS NULL AND deleted_at IS NULL AND ((tenant_id = "
    "? AND role IN "
    "('global_admin', 'billing_admin')) OR (publisher_id = ? AND role IN ('global_admin', 'account_admin'))) "
    "ORDER BY email"};
constexpr Query kInsert{
    "license.insert",
    "INSERT INTO licenses (deal_id, plan_id, publisher_id, offer_id, tenant_id, service_id, quantity, active, "
    "created_at, updated_at, term_start, term_end, grace_days, status, site, trial) VALUES (?, ?, ?, ?, ?, ?, ?, 1, "
    "?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr Query kTrialUsed{"license.trial_used",
                           "SELECT 1 FROM licenses l JOIN deals d ON d.id = l.deal_id WHERE d.source = 'trial' AND "
                           "l.tenant_id = ? AND l.publisher_id = ? AND l.offer_id = ? AND l.plan_id = ?"};
constexpr Query kTrialDeals{"license.trial_deals",
                            "SELECT deal_id FROM licenses WHERE tenant_id = ? AND service_id = ? AND trial = 1 AND "
                            "active = 1 AND deal_id <> ? ORDER BY deal_id"};
constexpr Query kPoolHasLicenses{"license.pool_has_licenses",
                                 "SELECT 1 FROM licenses WHERE tenant_id = ? AND service_id = ? AND active = 1"};
constexpr Query kSetTerm{"license.set_term",
                         "UPDATE licenses SET term_start = ?, term_end = ?, grace_days = ?, updated_at = ? "
                         "WHERE deal_id = ? AND plan_id = ?"};
constexpr Query kSuspend{"license.suspend",
                         "UPDATE licenses SET suspended_at = ?, suspension_reason = ?, updated_at = ? "
                         "WHERE deal_id = ? AND plan_id = ?"};
constexpr Query kReinstate{"license.reinstate",
                           "UPDATE licenses SET suspended_at = NULL, suspension_reason = NULL, updated_at = ? "
                           "WHERE deal_id = ? AND plan_id = ?"};
constexpr Query kOfPool{"license.of_pool", "SELECT quantity, " SK_TERM_COLUMNS
                                           " FROM licenses WHERE tenant_id = ? AND service_id = ? AND active = 1 "
                                           "ORDER BY created_at, deal_id"};
constexpr Query kRecordStatus{"license.record_status",
                              "UPDATE licenses SET status = ? WHERE deal_id = ? AND plan_id = ?"};
constexpr Query kRewrite{"license.rewrite",
                         "UPDATE licenses SET term_start = ?, term_end = ?, grace_days = ?, quantity = ?, site = ?, "
                         "trial = 0, active = 1, updated_at = ?, deactivated_at = NULL WHERE deal_id = ? AND "
                         "plan_id = ?"};
constexpr Query kDeactivate{
    "license.deactivate",
    "UPDATE licenses SET active = 0, updated_at = ?, deactivated_at = ? WHERE deal_id = ? AND plan_id = ?"};
constexpr Query kDealHasActive{"license.deal_has_active", "SELECT 1 FROM licenses WHERE deal_id = ? AND active = 1"};
constexpr Query kOfDeal{
    "license.of_deal",
    "SELECT l.plan_id, pl.name, l.service_id, l.quantity, COALESCE(lp.assigned, 0), l.active, l.updated_at, "
    "l.term_start, l.term_end, l.grace_days, l.suspended_at, l.suspension_reason, l.site, l.trial FROM licenses l "
    "JOIN plans pl ON "
    "pl.publisher_id = l.publisher_id AND pl.offer_id = l.offer_id AND "
    "pl.id = l.plan_id LEFT JOIN license_pools lp ON lp.tenant_id = l.tenant_id AND lp.service_id = l.service_id "
    "WHERE l.deal_id = ? ORDER BY l.active DESC, l.created_at, l.plan_id"};

#undef SK_TERM_COLUMNS

// The term columns from column `at` on.
LicenseTermRow terms_at(const store::Row& r, std::size_t at) {
    LicenseTermRow out;
    if (const auto start = r.optional_integer(at)) {
        out.term = domain::LicenseTerm{static_cast<domain::Day>(*start), static_cast<domain::Day>(r.integer(at + 1)),
                                       static_cast<std::int32_t>(r.integer(at + 2))};
    }
    out.suspended_at = r.optional_integer(at + 3).value_or(0);
    out.suspension_reason = r.optional_text(at + 4);
    out.site = r.boolean(at + 5);
    out.trial = r.boolean(at + 6);
    return out;
}

store::Params term_params(const std::optional<domain::LicenseTerm>& term) {
    if (!term) return {store::null_value(), store::null_value(), std::int64_t{0}};
    return {std::int64_t{term->start}, std::int64_t{term->end}, std::int64_t{term->grace_days}};
}

}  // namespace

std::optional<LicenseRow> find(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id) {
    const auto r = tx.query_one(kFind, {deal_id, plan_id});
    if (!r) return std::nullopt;
    LicenseRow out{r->text(0), r->integer(1), r->boolean(2), terms_at(*r, 4),
                   r->text(3), r->text(11),   r->text(12),   std::nullopt};
    if (const auto notice = r->optional_integer(13)) out.end_notice_for = static_cast<domain::Day>(*notice);
    return out;
}

void insert(store::Transaction& tx, const NewLicense& l, Millis now) {
    store::Params params{l.deal_id, l.plan_id, l.publisher_id, l.offer_id, l.tenant_id, l.service_id, l.quantity,
                         now,       now};
    for (auto& p : term_params(l.term)) params.push_back(std::move(p));
    params.emplace_back(l.status);
    params.emplace_back(std::int64_t{l.site ? 1 : 0});
    params.emplace_back(std::int64_t{l.trial ? 1 : 0});
    tx.execute(kInsert, params);
}

bool trial_used(store::Transaction& tx, const std::string& tenant_id, const std::string& publisher_id,
                const std::string& offer_id, const std::string& plan_id) {
    return tx.query_one(kTrialUsed, {tenant_id, publisher_id, offer_id, plan_id}).has_value();
}

std::vector<std::string> trial_deals(store::Transaction& tx, const std::string& tenant_id,
                                     const std::string& service_id, const std::string& except_deal_id) {
    return texts(tx.query(kTrialDeals, {tenant_id, service_id, except_deal_id}));
}

bool pool_has_licenses(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id) {
    return tx.query_one(kPoolHasLicenses, {tenant_id, service_id}).has_value();
}

void set_term(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id,
              const std::optional<domain::LicenseTerm>& term, Millis now) {
    store::Params params = term_params(term);
    params.insert(params.end(), {now, deal_id, plan_id});
    tx.execute(kSetTerm, params);
}

void suspend(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id, const std::string& reason,
             Millis now) {
    tx.execute(kSuspend, {now, reason, now, deal_id, plan_id});
}

void reinstate(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id, Millis now) {
    tx.execute(kReinstate, {now, deal_id, plan_id});
}

void mark_end_notice(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id, domain::Day end) {
    tx.execute(kMarkEndNotice, {std::int64_t{end}, deal_id, plan_id});
}

std::vector<NoticeRecipient> notice_recipients(store::Transaction& tx, const std::string& tenant_id,
                                               const std::string& publisher_id) {
    std::vector<NoticeRecipient> out;
    for (const auto& r : tx.query(kNoticeRecipients, {tenant_id, publisher_id})) {
        out.push_back({r.text(0), r.boolean(1)});
    }
    return out;
}

void record_status(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id,
                   domain::LicenseStatus status) {
    tx.execute(kRecordStatus, {std::string(domain::to_string(status)), deal_id, plan_id});
}

void rewrite(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id,
             const LicenseRewrite& change, Millis now) {
    store::Params params = term_params(change.term);
    params.insert(params.end(), {change.quantity, std::int64_t{change.site ? 1 : 0}, now, deal_id, plan_id});
    tx.execute(kRewrite, params);
}

void deactivate(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id, Millis now) {
    tx.execute(kDeactivate, {now, now, deal_id, plan_id});
}

bool deal_has_active(store::Transaction& tx, const std::string& deal_id) {
    return tx.query_one(kDealHasActive, {deal_id}).has_value();
}

std::vector<PoolLicenseRow> of_pool(store::Transaction& tx, const std::string& tenant_id,
                                    const std::string& service_id) {
    std::vector<PoolLicenseRow> out;
    for (const auto& r : tx.query(kOfPool, {tenant_id, service_id})) out.push_back({r.integer(0), terms_at(r, 1)});
    return out;
}

std::vector<DealLicenseRow> of_deal(store::Transaction& tx, const std::string& deal_id) {
    std::vector<DealLicenseRow> out;
    for (const auto& r : tx.query(kOfDeal, {deal_id})) {
        out.push_back(
            {r.text(0), r.text(1), r.text(2), r.integer(3), r.integer(4), r.boolean(5), r.integer(6), terms_at(r, 7)});
    }
    return out;
}

}  // namespace seatkeeper::data::licenses
