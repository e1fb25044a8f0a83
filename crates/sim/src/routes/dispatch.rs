//! Which handler serves a request: the path's segments matched case-insensitively (resource
//! type names, as ARM does), then the method or the action.

use super::{
    accounts, authorize_external_replication, break_replication, delete_replication, features,
    finalize_external_replication, list_replications, operation_results, peer_external_cluster,
    perform_replication_transfer, pools, providers, reestablish_replication, replication_status,
    resource_groups, resync_replication, subnets, subscriptions, tenants, virtual_networks,
    vnet_usages, volume_delete, volume_get, volume_metrics, volume_patch, volume_put, volumes_list,
    Names, Req,
};
use crate::engine::Engine;
use crate::http::{ApiError, Handled};
use crate::url::ParsedUrl;
use anf_core::transport::{ArmRequest, Method};

/// Routes one request to its handler.
pub fn route(
    engine: &mut Engine,
    request: &ArmRequest,
    url: &ParsedUrl,
    segs: &[String],
) -> Handled {
    let req = Req {
        method: request.method,
        url,
        body: request.body.as_ref(),
        base: base_of(&request.url),
        headers: &request.headers,
    };
    let lower: Vec<String> = segs.iter().map(|s| s.to_ascii_lowercase()).collect();
    let l: Vec<&str> = lower.iter().map(String::as_str).collect();
    let o = |i: usize| segs.get(i).cloned().unwrap_or_default();
    let mut n = Names { sub: o(1), rg: o(3), ..Names::default() };
    let m = req.method;
    match l.as_slice() {
        ["tenants"] => tenants::handle(engine, &req),
        ["subscriptions"] => subscriptions::list(engine, &req),
        ["subscriptions", _] => subscriptions::get(engine, &req, &n),
        ["subscriptions", _, "resourcegroups"] => resource_groups::list(engine, &req, &n),
        ["subscriptions", _, "resourcegroups", _] => resource_groups::get(engine, &req, &n),
        ["subscriptions", _, "providers", "microsoft.netapp"] => providers::get(engine, &req, &n),
        ["subscriptions", _, "providers", "microsoft.netapp", "register"] => {
            providers::register(engine, &req, &n)
        }
        ["subscriptions", _, "providers", "microsoft.netapp", "netappaccounts"] => {
            accounts::list_by_subscription(engine, &req, &n)
        }
        ["subscriptions", _, "providers", "microsoft.netapp", "locations", _, "operationresults", _] =>
        {
            n.other = o(7);
            operation_results::handle(engine, &req, &n)
        }
        ["subscriptions", _, "providers", "microsoft.features", "providers", "microsoft.netapp", "features"] => {
            features::list(engine, &req, &n)
        }
        ["subscriptions", _, "providers", "microsoft.features", "providers", "microsoft.netapp", "features", _] =>
        {
            n.other = o(7);
            features::get(engine, &req, &n)
        }
        ["subscriptions", _, "providers", "microsoft.features", "providers", "microsoft.netapp", "features", _, action] =>
        {
            n.other = o(7);
            features::action(engine, &req, &n, action)
        }
        ["subscriptions", _, "providers", "microsoft.network", "virtualnetworks"] => {
            virtual_networks::list_by_subscription(engine, &req, &n)
        }
        ["subscriptions", _, "resourcegroups", _, "providers", "microsoft.network", "virtualnetworks"] => {
            virtual_networks::list(engine, &req, &n)
        }
        ["subscriptions", _, "resourcegroups", _, "providers", "microsoft.network", "virtualnetworks", _] =>
        {
            n.other = o(7);
            virtual_networks::get(engine, &req, &n)
        }
        ["subscriptions", _, "resourcegroups", _, "providers", "microsoft.network", "virtualnetworks", _, "subnets"] =>
        {
            n.other = o(7);
            subnets::list(engine, &req, &n)
        }
        ["subscriptions", _, "resourcegroups", _, "providers", "microsoft.network", "virtualnetworks", _, "subnets", _] =>
        {
            n.other = o(7);
            n.volume = o(9);
            subnets::get(engine, &req, &n)
        }
        ["subscriptions", _, "resourcegroups", _, "providers", "microsoft.network", "virtualnetworks", _, "usages"] =>
        {
            n.other = o(7);
            vnet_usages::handle(engine, &req, &n)
        }
        ["subscriptions", _, "resourcegroups", _, "providers", "microsoft.netapp", "netappaccounts"] => {
            accounts::list(engine, &req, &n)
        }
        ["subscriptions", _, "resourcegroups", _, "providers", "microsoft.netapp", "netappaccounts", _, rest @ ..] =>
        {
            n.account = o(7);
            n.pool = o(9);
            n.volume = o(11);
            match rest {
                [] => accounts::get(engine, &req, &n),
                ["capacitypools"] => pools::list(engine, &req, &n),
                ["capacitypools", _] => pools::get(engine, &req, &n),
                ["capacitypools", _, "volumes"] => volumes_list::handle(engine, &req, &n),
                ["capacitypools", _, "volumes", _] => match m {
                    Method::Get => volume_get::handle(engine, &req, &n),
                    Method::Put => volume_put::handle(engine, &req, &n),
                    Method::Delete => volume_delete::handle(engine, &req, &n),
                    Method::Patch => volume_patch::handle(engine, &req, &n),
                    _ => Err(ApiError::method_not_allowed(m)),
                },
                ["capacitypools", _, "volumes", _, "providers", "microsoft.insights", "metrics"] => {
                    volume_metrics::handle(engine, &req, &n)
                }
                ["capacitypools", _, "volumes", _, action] => match *action {
                    "peerexternalcluster" => peer_external_cluster::handle(engine, &req, &n),
                    "authorizeexternalreplication" => {
                        authorize_external_replication::handle(engine, &req, &n)
                    }
                    "performreplicationtransfer" => {
                        perform_replication_transfer::handle(engine, &req, &n)
                    }
                    "breakreplication" => break_replication::handle(engine, &req, &n),
                    "resyncreplication" => resync_replication::handle(engine, &req, &n),
                    "finalizeexternalreplication" => {
                        finalize_external_replication::handle(engine, &req, &n)
                    }
                    "listreplications" => list_replications::handle(engine, &req, &n),
                    "deletereplication" => delete_replication::handle(engine, &req, &n),
                    "reestablishreplication" => reestablish_replication::handle(engine, &req, &n),
                    "replicationstatus" => replication_status::handle(engine, &req, &n),
                    _ => Err(ApiError::unknown_route(&url.path)),
                },
                _ => Err(ApiError::unknown_route(&url.path)),
            }
        }
        _ => Err(ApiError::unknown_route(&url.path)),
    }
}

/// `scheme://host` of the request URL, for the URLs in responses (ARM's own host if none).
fn base_of(url: &str) -> String {
    match url.find("://") {
        Some(i) => {
            let rest = &url[i + 3..];
            let end = rest.find(['/', '?']).unwrap_or(rest.len());
            url[..i + 3 + end].to_string()
        }
        None => "https://management.azure.com".to_string(),
    }
}
