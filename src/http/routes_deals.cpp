// Partner Center, licensing side: deals, consent invitations, licenses per deal, customers, installations.
#include "http/api.hpp"
#include "http/handlers.hpp"
#include "service/deals.hpp"
#include "service/installations.hpp"
#include "service/licenses.hpp"

namespace seatkeeper::http {

namespace {

constexpr std::int64_t kMaxSeats = 10'000'000;
constexpr std::int64_t kMaxValueCents = 100'000'000'000'000;

boost::json::object tenant_json(const service::TenantRecord& t) {
    boost::json::array domains;
    for (const auto& d : t.domains) domains.emplace_back(d);
    return {{"tenant_id", t.id}, {"name", t.name}, {"domains", std::move(domains)}};
}

boost::json::object deal_answer(const data::DealRow& d) {
    boost::json::object o = service::deal_json(d);
    o["created_at"] = format_rfc3339(d.created_at);
    o["updated_at"] = format_rfc3339(d.updated_at);
    return o;
}

boost::json::object license_row_json(const data::DealLicenseRow& l) {
    return {{"plan_id", l.plan_id},
            {"plan_name", l.plan_name},
            {"service_id", l.service_id},
            {"quantity", l.quantity},
            {"assigned", l.assigned},
            {"active", l.active},
            {"updated_at", format_rfc3339(l.updated_at)}};
}

Result<service::NewDeal> parse_new_deal(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"customer", "offer_id", "plan_ids", "seats", "value", "currency", "close_date"}));
    service::NewDeal deal;
    SK_ASSIGN_OR_RETURN(auto customer, f.optional_object("customer"));
    if (!customer)
        return Status::Invalid("customer", "required", "customer is required: {name, domain, contact_email}");
    SK_RETURN_IF_ERROR(customer->only({"name", "domain", "contact_email"}));
    SK_ASSIGN_OR_RETURN(deal.customer.name, customer->required_string("name", 1000));
    SK_ASSIGN_OR_RETURN(deal.customer.domain, customer->required_string("domain", 300));
    SK_ASSIGN_OR_RETURN(deal.customer.contact_email, customer->required_string("contact_email", 300));
    SK_ASSIGN_OR_RETURN(deal.offer_id, f.required_string("offer_id", 200));
    SK_ASSIGN_OR_RETURN(auto plans, f.optional_string_list("plan_ids", 100, 200));
    if (!plans) return Status::Invalid("plan_ids", "required", "plan_ids is required");
    deal.plan_ids = std::move(*plans);
    SK_ASSIGN_OR_RETURN(auto seats, f.optional_integer("seats", 1, kMaxSeats));
    if (!seats) return Status::Invalid("seats", "required", "seats is required");
    deal.seats = *seats;
    SK_ASSIGN_OR_RETURN(auto value, f.optional_cents("value", kMaxValueCents));
    if (!value) return Status::Invalid("value", "required", "value is required");
    deal.value_cents = *value;
    SK_ASSIGN_OR_RETURN(auto currency, f.optional_string("currency", 3));
    deal.currency = currency.value_or("USD");
    SK_ASSIGN_OR_RETURN(deal.close_date, f.required_string("close_date", 10));
    return deal;
}

Result<service::DealPatch> parse_deal_patch(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(
        f.only({"state", "seats", "value", "currency", "close_date", "plan_ids", "customer", "tenant_id"}));
    service::DealPatch patch;
    SK_ASSIGN_OR_RETURN(auto state, f.optional_string("state", 32));
    if (state) {
        patch.state = domain::parse_deal_state(*state);
        if (!patch.state) {
            return Status::Invalid("state", "enum", "state must be submitted, in_progress, won, lost or withdrawn");
        }
    }
    SK_ASSIGN_OR_RETURN(patch.seats, f.optional_integer("seats", 1, kMaxSeats));
    SK_ASSIGN_OR_RETURN(patch.value_cents, f.optional_cents("value", kMaxValueCents));
    SK_ASSIGN_OR_RETURN(patch.currency, f.optional_string("currency", 3));
    SK_ASSIGN_OR_RETURN(patch.close_date, f.optional_string("close_date", 10));
    SK_ASSIGN_OR_RETURN(patch.plan_ids, f.optional_string_list("plan_ids", 100, 200));
    SK_ASSIGN_OR_RETURN(auto customer, f.optional_object("customer"));
    if (customer) {
        SK_RETURN_IF_ERROR(customer->only({"contact_email"}));
        SK_ASSIGN_OR_RETURN(patch.contact_email, customer->optional_string("contact_email", 300));
    }
    SK_ASSIGN_OR_RETURN(auto tenant, f.optional_string("tenant_id", 36));
    if (tenant) {
        patch.tenant_id = domain::normalize_tenant_id(*tenant);
        if (!patch.tenant_id) return Status::Invalid("tenant_id", "guid", "tenant_id must be a tenant ID (a GUID)");
    }
    return patch;
}

Result<bool> force_param(const Context& c) {
    const auto force = c.request.query_param("force");
    if (!force || *force == "false") return false;
    if (*force == "true") return true;
    return Status::Invalid("force", "boolean", "force must be true or false");
}

}  // namespace

boost::json::object installation_json(const service::Installation& i) {
    return {{"id", i.id},
            {"tenant_id", i.tenant_id},
            {"tenant_name", i.tenant_name},
            {"offer", i.publisher_id + "." + i.offer_id},
            {"publisher_id", i.publisher_id},
            {"offer_id", i.offer_id},
            {"environment", i.environment},
            {"installed_by", i.installed_by},
            {"created_at", format_rfc3339(i.created_at)}};
}

void add_deal_routes(Router& router, service::Services& services) {
    router.add({"GET", "/api/v1/deals", Access::kPublisher, [&services](Context& c) -> Result<Response> {
                    std::optional<domain::DealState> state;
                    if (const auto text = c.request.query_param("state"); text && !text->empty()) {
                        state = domain::parse_deal_state(*text);
                        if (!state) {
                            return Status::Invalid("state", "enum",
                                                   "state must be submitted, in_progress, won, lost or withdrawn");
                        }
                    }
                    SK_ASSIGN_OR_RETURN(auto deals, service::list_deals(services, c.who(), state));
                    boost::json::array items;
                    for (const auto& d : deals) items.emplace_back(deal_answer(d));
                    return paged_list_response(c, std::move(items));
                }});
    router.add({"POST", "/api/v1/deals", Access::kPublisher, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto body, body_object(c));
                    SK_ASSIGN_OR_RETURN(auto input, parse_new_deal(body));
                    SK_ASSIGN_OR_RETURN(auto deal, service::register_deal(services, c.who(), input));
                    Response r = json_response(201, deal_answer(deal));
                    r.set_header("Location", "/api/v1/deals/" + deal.id);
                    return r;
                }});
    router.add({"GET", "/api/v1/deals/{deal_id}", Access::kPublisher, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto deal, service::get_deal(services, c.who(), c.param("deal_id")));
                    return json_response(200, deal_answer(deal));
                }});
    router.add({"PATCH", "/api/v1/deals/{deal_id}", Access::kPublisher, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto body, body_object(c));
                    SK_ASSIGN_OR_RETURN(auto patch, parse_deal_patch(body));
                    SK_ASSIGN_OR_RETURN(auto deal, service::update_deal(services, c.who(), c.param("deal_id"), patch));
                    return json_response(200, deal_answer(deal));
                }});
    Route invite{
        "POST", "/api/v1/deals/{deal_id}/invitations", Access::kPublisher, [&services](Context& c) -> Result<Response> {
            SK_ASSIGN_OR_RETURN(auto body, body_object(c));
            const json::Fields f(body);
            SK_RETURN_IF_ERROR(f.only({"email"}));
            SK_ASSIGN_OR_RETURN(auto email, f.required_string("email", 300));
            SK_ASSIGN_OR_RETURN(auto link, service::invite_customer(services, c.who(), c.param("deal_id"), email));
            return json_response(201, boost::json::object{{"id", link.id},
                                                          {"email", link.email},
                                                          {"invitation_url", link.url},
                                                          {"expires_at", format_rfc3339(link.expires_at)}});
        }};
    invite.secret_fields = {"invitation_url"};
    router.add(std::move(invite));
    router.add(
        {"GET", "/api/v1/deals/{deal_id}/licenses", Access::kPublisher, [&services](Context& c) -> Result<Response> {
             SK_ASSIGN_OR_RETURN(auto licenses, service::list_deal_licenses(services, c.who(), c.param("deal_id")));
             boost::json::array items;
             for (const auto& l : licenses.rows) items.emplace_back(license_row_json(l));
             return json_response(
                 200, boost::json::object{
                          {"deal_id", licenses.deal.id},
                          {"deal_state", domain::to_string(licenses.deal.state)},
                          {"customer", licenses.customer ? boost::json::value(tenant_json(*licenses.customer))
                                                         : boost::json::value(nullptr)},
                          {"relationship", licenses.relationship},
                          {"items", std::move(items)},
                          {"next_cursor", nullptr}});
         }});
    router.add({"PUT", "/api/v1/deals/{deal_id}/licenses/{plan_id}", Access::kPublisher,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto body, body_object(c));
                    const json::Fields f(body);
                    SK_RETURN_IF_ERROR(f.only({"quantity", "force"}));
                    SK_ASSIGN_OR_RETURN(auto quantity, f.optional_integer("quantity", 1, domain::kMaxLicenseQuantity));
                    if (!quantity)
                        return Status::Invalid("quantity", "required", "quantity (Number of licenses) is required");
                    SK_ASSIGN_OR_RETURN(auto force, f.optional_bool("force"));
                    SK_ASSIGN_OR_RETURN(
                        auto row, service::set_deal_license(services, c.who(), c.param("deal_id"), c.param("plan_id"),
                                                            *quantity, force.value_or(false)));
                    return json_response(200, license_row_json(row));
                }});
    router.add({"DELETE", "/api/v1/deals/{deal_id}/licenses/{plan_id}", Access::kPublisher,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(const bool force, force_param(c));
                    SK_RETURN_IF_ERROR(
                        service::remove_deal_license(services, c.who(), c.param("deal_id"), c.param("plan_id"), force));
                    Response r;
                    r.status = 204;
                    return r;
                }});
    router.add({"GET", "/api/v1/customers", Access::kPublisher, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto customers, service::list_customers(services, c.who()));
                    boost::json::array items;
                    for (const auto& customer : customers) {
                        boost::json::object o = tenant_json(customer.tenant);
                        o["since"] = format_rfc3339(customer.since);
                        items.emplace_back(std::move(o));
                    }
                    return paged_list_response(c, std::move(items));
                }});
    router.add({"GET", "/api/v1/installations", Access::kPublisher, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto installs, service::list_publisher_installations(services, c.who()));
                    boost::json::array items;
                    for (const auto& i : installs) items.emplace_back(installation_json(i));
                    return paged_list_response(c, std::move(items));
                }});
}

}  // namespace seatkeeper::http
