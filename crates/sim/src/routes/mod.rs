//! ARM's routes: one handler module per route (`dispatch` matches the path to it), and what
//! the handlers share: the request taken apart ([`Req`], [`Names`]) and the guards each runs
//! first (method, api-version, the resources that must exist). Handlers work on the
//! [`Engine`] only; the front door calls [`dispatch::route`].

pub mod accounts;
pub mod authorize_external_replication;
pub mod break_replication;
pub mod delete_replication;
pub mod dispatch;
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
pub mod volume_body;
pub mod volume_delete;
pub mod volume_extras;
pub mod volume_get;
pub mod volume_metrics;
pub mod volume_patch;
pub mod volume_put;
pub mod volumes_list;

use crate::api::ApiVersion;
use crate::engine::Engine;
use crate::http::ApiError;
use crate::model::key;
use crate::model::replication::Relationship;
use crate::url::ParsedUrl;
use anf_core::transport::Method;
use serde_json::Value;

/// One request, taken apart.
pub struct Req<'a> {
    pub method: Method,
    pub url: &'a ParsedUrl,
    pub body: Option<&'a Value>,
    /// `scheme://host` the request came to, for the URLs in responses.
    pub base: String,
    /// The request's headers, as sent.
    pub headers: &'a [(String, String)],
}

impl Req<'_> {
    /// The first header of that name (case-insensitive), trimmed.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim())
    }
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
pub fn require_sub(engine: &Engine, n: &Names) -> Result<(), ApiError> {
    engine
        .world()
        .subscription(&n.sub)
        .map(|_| ())
        .ok_or_else(|| ApiError::subscription_not_found(&n.sub))
}

/// The resource group must exist; its id.
pub fn require_rg(engine: &Engine, n: &Names) -> Result<String, ApiError> {
    require_sub(engine, n)?;
    let id = format!("/subscriptions/{}/resourceGroups/{}", n.sub, n.rg);
    engine
        .world()
        .resource_groups
        .get(&key(&id))
        .map(|_| id)
        .ok_or_else(|| ApiError::resource_group_not_found(&n.rg))
}

/// The account must exist; its key.
pub fn require_account(engine: &Engine, n: &Names) -> Result<String, ApiError> {
    let rg = require_rg(engine, n)?;
    let k = key(&format!("{rg}/providers/Microsoft.NetApp/netAppAccounts/{}", n.account));
    if engine.world().accounts.contains_key(&k) {
        Ok(k)
    } else {
        Err(ApiError::resource_not_found(
            &format!("Microsoft.NetApp/netAppAccounts/{}", n.account),
            &n.rg,
        ))
    }
}

/// The pool must exist; its key.
pub fn require_pool(engine: &Engine, n: &Names) -> Result<String, ApiError> {
    let a = require_account(engine, n)?;
    let k = format!("{a}/capacitypools/{}", n.pool.to_ascii_lowercase());
    if engine.world().pools.contains_key(&k) {
        Ok(k)
    } else {
        Err(ApiError::resource_not_found(
            &format!("Microsoft.NetApp/netAppAccounts/{}/capacityPools/{}", n.account, n.pool),
            &n.rg,
        ))
    }
}

/// The volume must exist; its key.
pub fn require_volume(engine: &Engine, n: &Names) -> Result<String, ApiError> {
    let p = require_pool(engine, n)?;
    let k = format!("{p}/volumes/{}", n.volume.to_ascii_lowercase());
    if engine.world().volumes.contains_key(&k) {
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

/// The vnet named in the path; its key.
pub fn require_vnet(engine: &Engine, n: &Names) -> Result<String, ApiError> {
    let rg = require_rg(engine, n)?;
    let k = key(&format!("{rg}/providers/Microsoft.Network/virtualNetworks/{}", n.other));
    if engine.world().vnets.contains_key(&k) {
        Ok(k)
    } else {
        Err(ApiError::resource_not_found(
            &format!("Microsoft.Network/virtualNetworks/{}", n.other),
            &n.rg,
        ))
    }
}

/// A migration volume with no operation running on it; its key.
pub fn require_idle_migration(engine: &Engine, n: &Names) -> Result<String, ApiError> {
    let k = require_volume(engine, n)?;
    let v = &engine.world().volumes[&k];
    if v.migration.is_none() {
        return Err(ApiError::not_migration_volume());
    }
    require_no_pending(engine, &k)?;
    Ok(k)
}

/// 409 if an operation is running on the volume.
pub fn require_no_pending(engine: &Engine, vkey: &str) -> Result<(), ApiError> {
    match engine.world().volumes.get(vkey).and_then(|v| v.pending_op.as_ref()) {
        Some(op) => Err(ApiError::operation_in_progress(op)),
        None => Ok(()),
    }
}

/// A `{"value": [...]}` list.
pub fn list_body(items: Vec<Value>) -> Value {
    serde_json::json!({ "value": items })
}

/// The relationship of an idle migration volume, which must exist; the volume's key.
pub fn require_relationship(engine: &Engine, n: &Names) -> Result<String, ApiError> {
    let k = require_idle_migration(engine, n)?;
    let has =
        engine.world().volumes[&k].migration.as_ref().is_some_and(|m| m.relationship.is_some());
    if has {
        Ok(k)
    } else {
        Err(ApiError::replication_not_created())
    }
}

/// The target of a replication action: an idle migration volume whose relationship exists;
/// its key and the relationship.
pub fn replication_target<'a>(
    engine: &'a Engine,
    n: &Names,
) -> Result<(String, &'a Relationship), ApiError> {
    let k = require_relationship(engine, n)?;
    let rel = relationship(engine, &k).ok_or_else(ApiError::volume_gone)?;
    Ok((k, rel))
}

/// The relationship of a volume, by key (callers checked it exists).
pub fn relationship<'a>(engine: &'a Engine, vkey: &str) -> Option<&'a Relationship> {
    engine.world().volumes.get(vkey)?.migration.as_ref()?.relationship.as_ref()
}
