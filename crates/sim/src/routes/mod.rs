//! ARM's routes: one handler module per route, matched on the path's segments (resource type
//! names case-insensitively, as ARM does).

pub mod accounts;
pub mod authorize_external_replication;
pub mod break_replication;
pub mod delete_replication;
pub mod features;
pub mod finalize_external_replication;
pub mod list_replications;
pub mod operation_results;
pub mod peer_external_cluster;
pub mod perform_replication_transfer;
pub mod pools;
pub mod providers;
pub mod reestablish_replication;
pub mod replication_status;
pub mod resource_groups;
pub mod resync_replication;
pub mod subnets;
pub mod subscriptions;
pub mod tenants;
pub mod virtual_networks;
pub mod vnet_usages;
pub mod volume_delete;
pub mod volume_get;
pub mod volume_patch;
pub mod volume_put;
pub mod volumes_list;

use crate::api::ApiVersion;
use crate::http::{ApiError, Handled};
use crate::model::key;
use crate::simulator::Simulator;
use crate::url::ParsedUrl;
use anf_core::transport::{ArmRequest, Method};
use serde_json::Value;

/// One request, taken apart.
pub struct Req<'a> {
    pub method: Method,
    pub url: &'a ParsedUrl,
    pub body: Option<&'a Value>,
    /// `scheme://host` the request came to, for the URLs in responses.
    pub base: String,
}

/// The names in a resource path, as sent.
#[derive(Default)]
pub struct Names {
    pub sub: String,
    pub rg: String,
    pub account: String,
    pub pool: String,
    pub volume: String,
    /// The last name of routes outside NetApp's hierarchy (vnet, feature, operation id...).
    pub other: String,
}

/// Routes one request to its handler.
pub fn dispatch(
    sim: &mut Simulator,
    request: &ArmRequest,
    url: &ParsedUrl,
    segs: &[String],
) -> Handled {
    let req = Req {
        method: request.method,
        url,
        body: request.body.as_ref(),
        base: base_of(&request.url),
    };
    let lower: Vec<String> = segs.iter().map(|s| s.to_ascii_lowercase()).collect();
    let l: Vec<&str> = lower.iter().map(String::as_str).collect();
    let o = |i: usize| segs.get(i).cloned().unwrap_or_default();
    let mut n = Names { sub: o(1), rg: o(3), ..Names::default() };
    let m = req.method;
    match l.as_slice() {
        ["tenants"] => tenants::handle(sim, &req),
        ["subscriptions"] => subscriptions::list(sim, &req),
        ["subscriptions", _] => subscriptions::get(sim, &req, &n),
        ["subscriptions", _, "resourcegroups"] => resource_groups::list(sim, &req, &n),
        ["subscriptions", _, "resourcegroups", _] => resource_groups::get(sim, &req, &n),
        ["subscriptions", _, "providers", "microsoft.netapp"] => providers::get(sim, &req, &n),
        ["subscriptions", _, "providers", "microsoft.netapp", "register"] => {
            providers::register(sim, &req, &n)
        }
        ["subscriptions", _, "providers", "microsoft.netapp", "netappaccounts"] => {
            accounts::list_by_subscription(sim, &req, &n)
        }
        ["subscriptions", _, "providers", "microsoft.netapp", "locations", _, "operationresults", _] =>
        {
            n.other = o(7);
            operation_results::handle(sim, &req, &n)
        }
        ["subscriptions", _, "providers", "microsoft.features", "providers", "microsoft.netapp", "features"] => {
            features::list(sim, &req, &n)
        }
        ["subscriptions", _, "providers", "microsoft.features", "providers", "microsoft.netapp", "features", _] =>
        {
            n.other = o(7);
            features::get(sim, &req, &n)
        }
        ["subscriptions", _, "providers", "microsoft.features", "providers", "microsoft.netapp", "features", _, action] =>
        {
            n.other = o(7);
            features::action(sim, &req, &n, action)
        }
        ["subscriptions", _, "providers", "microsoft.network", "virtualnetworks"] => {
            virtual_networks::list_by_subscription(sim, &req, &n)
        }
        ["subscriptions", _, "resourcegroups", _, "providers", "microsoft.network", "virtualnetworks"] => {
            virtual_networks::list(sim, &req, &n)
        }
        ["subscriptions", _, "resourcegroups", _, "providers", "microsoft.network", "virtualnetworks", _] =>
        {
            n.other = o(7);
            virtual_networks::get(sim, &req, &n)
        }
        ["subscriptions", _, "resourcegroups", _, "providers", "microsoft.network", "virtualnetworks", _, "subnets"] =>
        {
            n.other = o(7);
            subnets::list(sim, &req, &n)
        }
        ["subscriptions", _, "resourcegroups", _, "providers", "microsoft.network", "virtualnetworks", _, "subnets", _] =>
        {
            n.other = o(7);
            n.volume = o(9);
            subnets::get(sim, &req, &n)
        }
        ["subscriptions", _, "resourcegroups", _, "providers", "microsoft.network", "virtualnetworks", _, "usages"] =>
        {
            n.other = o(7);
            vnet_usages::handle(sim, &req, &n)
        }
        ["subscriptions", _, "resourcegroups", _, "providers", "microsoft.netapp", "netappaccounts"] => {
            accounts::list(sim, &req, &n)
        }
        ["subscriptions", _, "resourcegroups", _, "providers", "microsoft.netapp", "netappaccounts", _, rest @ ..] =>
        {
            n.account = o(7);
            n.pool = o(9);
            n.volume = o(11);
            match rest {
                [] => accounts::get(sim, &req, &n),
                ["capacitypools"] => pools::list(sim, &req, &n),
                ["capacitypools", _] => pools::get(sim, &req, &n),
                ["capacitypools", _, "volumes"] => volumes_list::handle(sim, &req, &n),
                ["capacitypools", _, "volumes", _] => match m {
                    Method::Get => volume_get::handle(sim, &req, &n),
                    Method::Put => volume_put::handle(sim, &req, &n),
                    Method::Delete => volume_delete::handle(sim, &req, &n),
                    Method::Patch => volume_patch::handle(sim, &req, &n),
                    _ => Err(ApiError::method_not_allowed(m)),
                },
                ["capacitypools", _, "volumes", _, action] => match *action {
                    "peerexternalcluster" => peer_external_cluster::handle(sim, &req, &n),
                    "authorizeexternalreplication" => {
                        authorize_external_replication::handle(sim, &req, &n)
                    }
                    "performreplicationtransfer" => {
                        perform_replication_transfer::handle(sim, &req, &n)
                    }
                    "breakreplication" => break_replication::handle(sim, &req, &n),
                    "resyncreplication" => resync_replication::handle(sim, &req, &n),
                    "finalizeexternalreplication" => {
                        finalize_external_replication::handle(sim, &req, &n)
                    }
                    "listreplications" => list_replications::handle(sim, &req, &n),
                    "deletereplication" => delete_replication::handle(sim, &req, &n),
                    "reestablishreplication" => reestablish_replication::handle(sim, &req, &n),
                    "replicationstatus" => replication_status::handle(sim, &req, &n),
                    _ => Err(ApiError::unknown_route(&url.path)),
                },
                _ => Err(ApiError::unknown_route(&url.path)),
            }
        }
        _ => Err(ApiError::unknown_route(&url.path)),
    }
}

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

/// Only `allowed` methods reach the handler.
pub fn only(req: &Req, allowed: Method) -> Result<(), ApiError> {
    if req.method == allowed {
        Ok(())
    } else {
        Err(ApiError::method_not_allowed(req.method))
    }
}

/// The api-version of a Microsoft.NetApp request, which must be one the simulator serves.
pub fn netapp_api(req: &Req) -> Result<ApiVersion, ApiError> {
    let v = any_api(req)?;
    ApiVersion::parse(v).ok_or_else(|| ApiError::unsupported_api_version(v))
}

/// Any api-version, which ARM requires on every request.
pub fn any_api<'a>(req: &Req<'a>) -> Result<&'a str, ApiError> {
    req.url.query("api-version").filter(|v| !v.is_empty()).ok_or_else(ApiError::missing_api_version)
}

/// The subscription must exist.
pub fn require_sub(sim: &Simulator, n: &Names) -> Result<(), ApiError> {
    sim.world
        .subscription(&n.sub)
        .map(|_| ())
        .ok_or_else(|| ApiError::subscription_not_found(&n.sub))
}

/// The resource group must exist; its id.
pub fn require_rg(sim: &Simulator, n: &Names) -> Result<String, ApiError> {
    require_sub(sim, n)?;
    let id = format!("/subscriptions/{}/resourceGroups/{}", n.sub, n.rg);
    sim.world
        .resource_groups
        .get(&key(&id))
        .map(|_| id)
        .ok_or_else(|| ApiError::resource_group_not_found(&n.rg))
}

/// The account must exist; its key.
pub fn require_account(sim: &Simulator, n: &Names) -> Result<String, ApiError> {
    let rg = require_rg(sim, n)?;
    let k = key(&format!("{rg}/providers/Microsoft.NetApp/netAppAccounts/{}", n.account));
    if sim.world.accounts.contains_key(&k) {
        Ok(k)
    } else {
        Err(ApiError::resource_not_found(
            &format!("Microsoft.NetApp/netAppAccounts/{}", n.account),
            &n.rg,
        ))
    }
}

/// The pool must exist; its key.
pub fn require_pool(sim: &Simulator, n: &Names) -> Result<String, ApiError> {
    let a = require_account(sim, n)?;
    let k = format!("{a}/capacitypools/{}", n.pool.to_ascii_lowercase());
    if sim.world.pools.contains_key(&k) {
        Ok(k)
    } else {
        Err(ApiError::resource_not_found(
            &format!("Microsoft.NetApp/netAppAccounts/{}/capacityPools/{}", n.account, n.pool),
            &n.rg,
        ))
    }
}

/// The volume must exist; its key.
pub fn require_volume(sim: &Simulator, n: &Names) -> Result<String, ApiError> {
    let p = require_pool(sim, n)?;
    let k = format!("{p}/volumes/{}", n.volume.to_ascii_lowercase());
    if sim.world.volumes.contains_key(&k) {
        Ok(k)
    } else {
        Err(ApiError::resource_not_found(
            &format!(
                "Microsoft.NetApp/netAppAccounts/{}/capacityPools/{}/volumes/{}",
                n.account, n.pool, n.volume
            ),
            &n.rg,
        ))
    }
}

/// A migration volume with no operation running on it; its key.
pub fn require_idle_migration(sim: &Simulator, n: &Names) -> Result<String, ApiError> {
    let k = require_volume(sim, n)?;
    let v = &sim.world.volumes[&k];
    if v.migration.is_none() {
        return Err(ApiError::not_migration_volume());
    }
    require_no_pending(sim, &k)?;
    Ok(k)
}

/// 409 if an operation is running on the volume.
pub fn require_no_pending(sim: &Simulator, vkey: &str) -> Result<(), ApiError> {
    match sim.world.volumes.get(vkey).and_then(|v| v.pending_op.as_ref()) {
        Some(op) => Err(ApiError::operation_in_progress(op)),
        None => Ok(()),
    }
}

/// A `{"value": [...]}` list.
pub fn list_body(items: Vec<Value>) -> Value {
    serde_json::json!({ "value": items })
}

/// The relationship of an idle migration volume, which must exist; the volume's key.
pub fn require_relationship(sim: &Simulator, n: &Names) -> Result<String, ApiError> {
    let k = require_idle_migration(sim, n)?;
    let has = sim.world.volumes[&k].migration.as_ref().is_some_and(|m| m.relationship.is_some());
    if has {
        Ok(k)
    } else {
        Err(ApiError::replication_not_created())
    }
}

/// The target of a replication action: an idle migration volume whose relationship exists;
/// its key and the relationship.
pub fn replication_target<'a>(
    sim: &'a Simulator,
    n: &Names,
) -> Result<(String, &'a crate::model::replication::Relationship), ApiError> {
    let k = require_relationship(sim, n)?;
    let rel = relationship(sim, &k).ok_or_else(ApiError::volume_gone)?;
    Ok((k, rel))
}

/// The relationship of a volume, by key (callers checked it exists).
pub fn relationship<'a>(
    sim: &'a Simulator,
    vkey: &str,
) -> Option<&'a crate::model::replication::Relationship> {
    sim.world.volumes.get(vkey)?.migration.as_ref()?.relationship.as_ref()
}
