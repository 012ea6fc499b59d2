// JSON views of a customer tenant and what it holds: the tenant itself, its domains, its user directory and
// groups, and the consent invitations it answers. The rules all views follow are in account_views.hpp.
#pragma once

#include <boost/json.hpp>

#include "service/deals.hpp"
#include "service/tenants.hpp"

namespace seatkeeper::http::views {

// A tenant: {id, name, domains, created_at} (openapi `Tenant`), as its own staff (GET /tenant) and its
// publishers (customer_tenant_json) see it.
boost::json::object tenant_json(const service::TenantRecord& t);
// A tenant as a publisher sees its customer (openapi `CustomerTenant`): tenant_json and, deprecated since 0.2,
// `tenant_id` (the same value as `id`), which Partner Center clients of 0.1 read.
boost::json::object customer_tenant_json(const service::TenantRecord& t);
// A customer of the caller's publisher: customer_tenant_json and `since` (openapi `Customer`).
boost::json::object customer_json(const service::CustomerRecord& c);
// {domain, state, txt_record, created_at}.
boost::json::object domain_json(const service::DomainRecord& d);
// {upn, display_name, created_at}.
boost::json::object directory_user_json(const data::DirectoryUserRow& u);
// The answer to a directory CSV import: {added, items}.
boost::json::object directory_import_json(const std::vector<data::DirectoryUserRow>& added);
// {id, name, members, service_ids, created_at}.
boost::json::object group_json(const service::GroupRecord& g);
// A consent invitation as its link shows it: {id, state, email, expires_at, publisher, offer, plans,
// customer_name, tenant_id} (`tenant_id`: the tenant that answered it, or null).
boost::json::object invitation_json(const service::InvitationView& v);

}  // namespace seatkeeper::http::views
