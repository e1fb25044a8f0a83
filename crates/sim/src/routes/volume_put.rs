//! `PUT` a volume: creates (201 + `Azure-AsyncOperation`, `Location`, `Retry-After`) or updates
//! the mutable properties of an existing one, unless `If-None-Match: *` asks for a create only
//! (412 `PreconditionFailed`, ARM's answer to a failed condition). An SMB or dual-protocol
//! volume (or one with LDAP) needs its account's Active Directory connection, as in ANF.

use super::volume_body::{parse, VolumeSpec};
use super::volume_extras::check_throughput;
use super::{netapp_api, require_no_pending, require_pool, Names, Req};
use crate::engine::operation::{OpKind, Poll};
use crate::engine::Engine;
use crate::http::{ApiError, Handled};
use crate::model::key;
use crate::model::netapp::{Migration, Volume};
use crate::model::tenancy::FeatureState;

pub fn handle(engine: &mut Engine, req: &Req, n: &Names) -> Handled {
    let api = netapp_api(req)?;
    let pool_key = require_pool(engine, n)?;
    let spec = parse(req.body, api)?;
    let vkey = format!("{pool_key}/volumes/{}", n.volume.to_ascii_lowercase());
    if engine.world().volumes.contains_key(&vkey) {
        if req.header("If-None-Match") == Some("*") {
            return Err(ApiError::new(
                412,
                "PreconditionFailed",
                "The condition specified using HTTP conditional header(s) is not met.",
            ));
        }
        return update(engine, req, &vkey, spec, api);
    }
    validate_new(engine, n, &pool_key, &spec)?;
    // Ids first (the replication's, then the file system's, as the RNG always drew them).
    let migration = spec.migration.clone().map(|(schedule, remote)| Migration {
        replication_id: engine.rng().uuid(),
        schedule,
        remote,
        cluster: None,
        authorized: false,
        relationship: None,
    });
    let file_system_id = engine.rng().uuid();
    let pool = &engine.world().pools[&pool_key];
    let id = format!("{}/volumes/{}", pool.id, n.volume);
    let volume = Volume {
        id,
        name: format!("{}/{}", pool.name, n.volume),
        location: pool.location.clone(),
        subscription: n.sub.clone(),
        pool_key: pool_key.clone(),
        creation_token: spec.creation_token,
        usage_threshold: spec.usage_threshold,
        service_level: spec.service_level.unwrap_or_else(|| pool.service_level.clone()),
        subnet_id: spec.subnet_id,
        network_features: spec.network_features,
        protocol_types: spec.protocol_types,
        export_rules: spec.export_rules,
        is_large_volume: spec.is_large_volume,
        file_system_id,
        provisioning_state: "Creating".into(),
        backend: None,
        migration,
        pending_op: None,
        local_writes: 0,
        tags: spec.tags,
        extras: spec.extras,
    };
    engine.world_mut().volumes.insert(vkey.clone(), volume);
    let op = engine.start_op(OpKind::CreateVolume, &vkey, api);
    let body = engine.volume_json(&vkey, api);
    Ok(engine.accepted(&op, 201, body.as_ref(), Poll::AsyncAndLocation, &req.base))
}

fn validate_new(
    engine: &Engine,
    n: &Names,
    pool_key: &str,
    spec: &VolumeSpec,
) -> Result<(), ApiError> {
    let pool = &engine.world().pools[pool_key];
    if !spec.location.eq_ignore_ascii_case(&pool.location) {
        return Err(ApiError::invalid(
            "location",
            format!("The volume must be in the capacity pool's location '{}'.", pool.location),
        ));
    }
    let subnet = engine.world().subnet(&spec.subnet_id).ok_or_else(|| {
        ApiError::invalid(
            "properties.subnetId",
            format!("Subnet '{}' was not found.", spec.subnet_id),
        )
    })?;
    if !subnet.delegated_to_netapp {
        return Err(ApiError::invalid(
            "properties.subnetId",
            format!("Subnet '{}' is not delegated to Microsoft.NetApp/volumes.", subnet.name),
        ));
    }
    if spec.extras.smb.is_some() || spec.extras.ldap_enabled {
        require_active_directory(engine, pool_key)?;
    }
    check_throughput(engine, pool_key, None, spec.extras.throughput_mibps)?;
    if spec.migration.is_some() {
        let feature = engine.world().subscription(&n.sub).map(|s| s.feature);
        if feature != Some(FeatureState::Registered) {
            return Err(ApiError::new(
                400,
                "SubscriptionNotRegisteredForFeature",
                format!("Subscription '{}' is not registered for feature Microsoft.NetApp/ANFMigrationAssistant, which migration volumes need.", n.sub),
            ));
        }
    }
    let used: u64 = engine.world().pool_volumes(pool_key).map(|v| v.usage_threshold).sum();
    if used + spec.usage_threshold > pool.size {
        return Err(ApiError::invalid(
            "properties.usageThreshold",
            format!(
                "Capacity pool '{}' has {} bytes left, less than the requested usageThreshold.",
                pool.name,
                pool.size.saturating_sub(used)
            ),
        ));
    }
    let sub = key(&n.sub);
    if let Some(other) = engine.world().volumes.values().find(|v| {
        key(&v.subscription) == sub && v.creation_token.eq_ignore_ascii_case(&spec.creation_token)
    }) {
        return Err(ApiError::conflict(
            "DuplicateCreationToken",
            format!(
                "creationToken '{}' is already used by volume '{}'.",
                spec.creation_token, other.name
            ),
        )
        .with_target("properties.creationToken"));
    }
    Ok(())
}

/// 400 unless the pool's account has an Active Directory connection. The message is the one
/// Microsoft's volume troubleshooting page quotes from ANF; the code is the simulator's own.
fn require_active_directory(engine: &Engine, pool_key: &str) -> Result<(), ApiError> {
    let account = pool_key.rsplit_once("/capacitypools/").map_or(pool_key, |(a, _)| a);
    let has = engine.world().accounts.get(account).is_some_and(|a| a.active_directory.is_some());
    if has {
        return Ok(());
    }
    Err(ApiError::new(
        400,
        "ActiveDirectoryNotConfigured",
        "This NetApp account has no configured Active Directory connections. SMB and \
         dual-protocol volumes (and LDAP) need one: create it in the account's Active Directory \
         connections.",
    )
    .with_target("properties.protocolTypes"))
}

fn update(
    engine: &mut Engine,
    req: &Req,
    vkey: &str,
    spec: VolumeSpec,
    api: crate::api::ApiVersion,
) -> Handled {
    require_no_pending(engine, vkey)?;
    let v = &engine.world().volumes[vkey];
    check_throughput(engine, &v.pool_key, Some(vkey), spec.extras.throughput_mibps)?;
    let immutable = [
        ("properties.creationToken", v.creation_token.eq_ignore_ascii_case(&spec.creation_token)),
        ("properties.subnetId", v.subnet_id.eq_ignore_ascii_case(&spec.subnet_id)),
        ("properties.networkFeatures", v.network_features == spec.network_features),
        ("properties.isLargeVolume", v.is_large_volume == spec.is_large_volume),
        ("properties.securityStyle", v.extras.security_style == spec.extras.security_style),
        ("properties.ldapEnabled", v.extras.ldap_enabled == spec.extras.ldap_enabled),
        (
            "properties.volumeType",
            v.migration.is_some() == spec.migration.is_some() || v.migration.is_none(),
        ),
    ];
    if let Some((field, _)) = immutable.iter().find(|(_, same)| !same) {
        return Err(ApiError::new(
            400,
            "PropertyChangeNotAllowed",
            format!("Changing '{field}' of an existing volume is not allowed."),
        )
        .with_target(field));
    }
    let v = engine.world_mut().volumes.get_mut(vkey).ok_or_else(ApiError::volume_gone)?;
    v.usage_threshold = spec.usage_threshold;
    v.export_rules = spec.export_rules;
    v.protocol_types = spec.protocol_types;
    v.extras.smb = spec.extras.smb;
    if spec.extras.throughput_mibps.is_some() {
        v.extras.throughput_mibps = spec.extras.throughput_mibps;
    }
    if !spec.tags.is_null() {
        v.tags = spec.tags;
    }
    if let (Some(m), Some((schedule, _))) = (v.migration.as_mut(), spec.migration) {
        m.schedule = schedule;
    }
    v.provisioning_state = "Updating".into();
    let op = engine.start_op(OpKind::UpdateVolume, vkey, api);
    let body = engine.volume_json(vkey, api);
    Ok(engine.accepted(&op, 200, body.as_ref(), Poll::AsyncAndLocation, &req.base))
}

#[cfg(test)]
mod tests {
    use crate::scenario::Scenario;
    use crate::testkit::{code, json_of, Kit, A25, A26, GIB};
    use serde_json::json;

    #[test]
    fn creates_through_an_async_operation() {
        let mut k = Kit::new();
        let path = k.volume_path("mig1");
        let r =
            k.put(&format!("{path}?api-version={A26}"), k.migration_body("mig1", "vol_home", 60));
        assert_eq!(r.status, 201);
        assert!(r.header("Azure-AsyncOperation").unwrap().contains("/operationResults/"));
        assert!(r.header("Location").unwrap().ends_with("&operationResultResponseType=Location"));
        assert!(r.header("Retry-After").is_some());
        assert_eq!(json_of(&r)["properties"]["provisioningState"], "Creating");
        let done = k.finish(&r);
        assert_eq!(done["status"], "Succeeded");
        let v = json_of(&k.get(&format!("{path}?api-version={A26}")));
        assert_eq!(v["properties"]["provisioningState"], "Succeeded");
        assert_eq!(v["properties"]["usageThreshold"], 60 * GIB);
    }

    #[test]
    fn updates_the_quota_of_an_existing_volume() {
        let mut k = Kit::new();
        let path = k.create_migration("mig1", "vol_home", 60, A26);
        let mut body = k.migration_body("mig1", "vol_home", 80);
        let r = k.put(&format!("{path}?api-version={A26}"), body.clone());
        assert_eq!(r.status, 200);
        k.finish(&r);
        assert_eq!(
            json_of(&k.get(&format!("{path}?api-version={A26}")))["properties"]["usageThreshold"],
            80 * GIB
        );
        body["properties"]["creationToken"] = json!("other");
        let r = k.put(&format!("{path}?api-version={A26}"), body);
        assert_eq!((r.status, code(&r)), (400, "PropertyChangeNotAllowed".into()));
    }

    #[test]
    fn the_schedule_changes_with_a_put_of_the_volume_as_read() {
        // What Client::change_replication_schedule (and az netappfiles volume update
        // --replication-schedule) sends: the GET body, read-only properties and all.
        let mut k = Kit::new();
        let path = k.create_migration("mig1", "vol_home", 60, A26);
        let mut v = json_of(&k.get(&format!("{path}?api-version={A26}")));
        v["properties"]["dataProtection"]["replication"]["replicationSchedule"] = json!("daily");
        let r = k.put(&format!("{path}?api-version={A26}"), v);
        assert_eq!(r.status, 200, "{}", r.body);
        k.finish(&r);
        let v = json_of(&k.get(&format!("{path}?api-version={A25}")));
        assert_eq!(
            v["properties"]["dataProtection"]["replication"]["replicationSchedule"],
            "daily"
        );
        assert_eq!(v["properties"]["usageThreshold"], 60 * GIB);
    }

    #[test]
    fn if_none_match_star_creates_only() {
        let mut k = Kit::new();
        let path = format!("{}?api-version={A26}", k.volume_path("mig1"));
        let put = |k: &mut Kit, gib: u64| {
            let mut req = anf_core::transport::ArmRequest::new(
                anf_core::transport::Method::Put,
                format!("https://management.azure.com{path}"),
            )
            .with_header("if-none-match", " * ");
            req.body = Some(k.migration_body("mig1", "vol_home", gib));
            k.now += 10;
            k.sim.handle(&req, anf_core::time::Timestamp(k.now))
        };
        // No volume yet: the condition holds and the volume is created.
        let r = put(&mut k, 60);
        assert_eq!(r.status, 201, "{}", r.body);
        k.finish(&r);
        // It exists now: refused, and left as it was.
        let r = put(&mut k, 80);
        assert_eq!((r.status, code(&r)), (412, "PreconditionFailed".into()));
        assert!(json_of(&r)["error"]["message"].as_str().unwrap().contains("conditional header"));
        assert_eq!(json_of(&k.get(&path))["properties"]["usageThreshold"], 60 * GIB);
        // Without the header the same PUT updates it.
        assert_eq!(k.put(&path, k.migration_body("mig1", "vol_home", 80)).status, 200);
    }

    #[test]
    fn parent_pool_must_exist() {
        let mut k = Kit::new();
        let path = format!("{}/capacityPools/nope/volumes/v?api-version={A26}", k.account_path());
        let r = k.put(&path, k.migration_body("v", "vol_home", 60));
        assert_eq!((r.status, code(&r)), (404, "ResourceNotFound".into()));
    }

    #[test]
    fn invalid_input_names_the_field() {
        let mut k = Kit::new();
        let path = format!("{}?api-version={A26}", k.volume_path("v"));
        let mut body = k.migration_body("v", "vol_home", 60);
        body["properties"]["networkFeatures"] = json!("Basic");
        let r = k.put(&path, body);
        assert_eq!(json_of(&r)["error"]["target"], "properties.networkFeatures");
        let mut body = k.migration_body("v", "vol_home", 60);
        body["properties"]["subnetId"] =
            json!(k.scope.subnet_id.replace("snet-anf", "snet-workload"));
        let r = k.put(&path, body);
        assert_eq!(
            (r.status, json_of(&r)["error"]["target"].clone()),
            (400, json!("properties.subnetId"))
        );
        let mut body = k.migration_body("v", "vol_home", 60);
        body["properties"]["creationToken"] = json!("with_underscore");
        let r = k.put(&format!("{}?api-version={A25}", k.volume_path("v")), body);
        assert_eq!(json_of(&r)["error"]["target"], "properties.creationToken");
        let mut body = k.migration_body("v", "vol_home", 5000);
        body["properties"]["usageThreshold"] = json!(5000 * GIB);
        assert_eq!(json_of(&k.put(&path, body))["error"]["target"], "properties.usageThreshold");
    }

    #[test]
    fn conflicts_on_duplicate_token_and_running_operation() {
        let mut k = Kit::new();
        let r = k.put(
            &format!("{}?api-version={A26}", k.volume_path("a")),
            k.migration_body("tok", "vol_home", 60),
        );
        assert_eq!(r.status, 201);
        let r = k.put(
            &format!("{}?api-version={A26}", k.volume_path("a")),
            k.migration_body("tok", "vol_home", 70),
        );
        assert_eq!((r.status, code(&r)), (409, "AnotherOperationInProgress".into()));
        let r = k.put(
            &format!("{}?api-version={A26}", k.volume_path("b")),
            k.migration_body("tok", "vol_home", 60),
        );
        assert_eq!((r.status, code(&r)), (409, "DuplicateCreationToken".into()));
    }

    #[test]
    fn migration_volumes_need_the_feature() {
        let mut k = Kit::with(Scenario::FeatureNotRegistered);
        let r = k.put(
            &format!("{}?api-version={A26}", k.volume_path("a")),
            k.migration_body("a", "vol_home", 60),
        );
        assert_eq!((r.status, code(&r)), (400, "SubscriptionNotRegisteredForFeature".into()));
    }
}
