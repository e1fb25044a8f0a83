//! `PATCH` a volume (Volumes_Update): the properties the spec's `VolumePatch` has and the
//! simulator models (quota, throughput, SMB share settings, export policy, protocols, tags);
//! 202 with `Location`, as the spec says.
//!
//! A new quota keeps to the spec's range and may not go below the data the volume holds
//! (`VolumeQuotaBelowUsedSize`, the simulator's own code). The spec's `VolumePatch` has no
//! `dataProtection.replication`, so a replication schedule is refused here with a pointer to
//! the PUT that changes it (`az netappfiles volume update --replication-schedule` also PUTs).

use super::volume_body::{MAX_QUOTA, MAX_REGULAR_QUOTA, MIN_QUOTA};
use super::volume_extras::check_throughput;
use super::{netapp_api, require_no_pending, require_volume, Names, Req};
use crate::engine::operation::{OpKind, Poll};
use crate::engine::Engine;
use crate::http::{ApiError, Handled};
use serde_json::Value;

/// Properties a PATCH may not change.
const IMMUTABLE: [&str; 6] =
    ["creationToken", "subnetId", "networkFeatures", "volumeType", "isLargeVolume", "serviceLevel"];

pub fn handle(engine: &mut Engine, req: &Req, n: &Names) -> Handled {
    let api = netapp_api(req)?;
    let k = require_volume(engine, n)?;
    let props =
        req.body.and_then(|b| b.get("properties")).filter(|p| p.is_object()).ok_or_else(|| {
            ApiError::invalid("properties", "A PATCH body needs the properties to change.")
        })?;
    if let Some(field) = IMMUTABLE.iter().find(|f| props.get(**f).is_some()) {
        return Err(ApiError::new(
            400,
            "PropertyChangeNotAllowed",
            format!("'{field}' can't be changed with PATCH."),
        )
        .with_target(&format!("properties.{field}")));
    }
    require_no_pending(engine, &k)?;
    if props.pointer("/dataProtection/replication").is_some() {
        return Err(ApiError::invalid(
            "properties.dataProtection.replication",
            "Volumes_Update takes no replication settings; change replicationSchedule with a PUT of the volume (Volumes_CreateOrUpdate).",
        ));
    }
    let vol = &engine.world().volumes[&k];
    let quota = match props.get("usageThreshold") {
        None => None,
        Some(q) => {
            let max = if vol.is_large_volume { MAX_QUOTA } else { MAX_REGULAR_QUOTA };
            let q = q.as_u64().filter(|q| (MIN_QUOTA..=max).contains(q)).ok_or_else(|| {
                ApiError::invalid(
                    "properties.usageThreshold",
                    format!("usageThreshold must be between {MIN_QUOTA} and {max} bytes."),
                )
            })?;
            let used = vol.used_bytes(engine.now());
            if q < used {
                return Err(ApiError::new(
                    400,
                    "VolumeQuotaBelowUsedSize",
                    format!(
                        "usageThreshold {q} bytes is less than the {used} bytes the volume holds."
                    ),
                )
                .with_target("properties.usageThreshold"));
            }
            Some(q)
        }
    };
    let throughput = match props.get("throughputMibps") {
        None | Some(Value::Null) => None,
        Some(t) => Some(t.as_f64().ok_or_else(|| {
            ApiError::bad_content("'properties.throughputMibps' must be a number.")
        })?),
    };
    if throughput.is_some() {
        check_throughput(engine, &vol.pool_key, Some(&k), throughput)?;
    }
    let mut share = vol.extras.smb;
    for (field, set) in [("smbAccessBasedEnumeration", 0), ("smbNonBrowsable", 1)] {
        let Some(value) = props.get(field) else { continue };
        let on = match value.as_str() {
            Some(s) if s.eq_ignore_ascii_case("Enabled") => true,
            Some(s) if s.eq_ignore_ascii_case("Disabled") => false,
            _ => {
                return Err(ApiError::invalid(
                    &format!("properties.{field}"),
                    format!("{field} must be 'Enabled' or 'Disabled'."),
                ))
            }
        };
        let smb = share.as_mut().ok_or_else(|| {
            ApiError::invalid(
                &format!("properties.{field}"),
                format!("{field} applies to SMB and dual-protocol volumes only."),
            )
        })?;
        if set == 0 {
            smb.access_based_enumeration = on;
        } else {
            smb.non_browsable = on;
        }
    }
    let v = engine.world_mut().volumes.get_mut(&k).ok_or_else(ApiError::volume_gone)?;
    if let Some(q) = quota {
        v.usage_threshold = q;
    }
    if throughput.is_some() {
        v.extras.throughput_mibps = throughput;
    }
    v.extras.smb = share;
    if let Some(rules) = props.pointer("/exportPolicy/rules") {
        v.export_rules = rules.clone();
    }
    if let Some(Value::Array(p)) = props.get("protocolTypes") {
        v.protocol_types = p.iter().filter_map(|x| x.as_str().map(str::to_string)).collect();
    }
    if let Some(tags) = req.body.and_then(|b| b.get("tags")) {
        v.tags = tags.clone();
    }
    v.provisioning_state = "Updating".into();
    let op = engine.start_op(OpKind::UpdateVolume, &k, api);
    Ok(engine.accepted(&op, 202, None, Poll::LocationOnly, &req.base))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit, A26, GIB};
    use anf_core::transport::Method;
    use serde_json::json;

    #[test]
    fn changes_the_quota_through_location_polling() {
        let mut k = Kit::new();
        let path = k.create_migration("mig1", "vol_home", 60, A26);
        let r = k.send(
            Method::Patch,
            &format!("{path}?api-version={A26}"),
            Some(json!({ "properties": { "usageThreshold": 70 * GIB } })),
        );
        assert_eq!(r.status, 202);
        assert!(r.header("Location").is_some());
        let loc = r
            .header("Location")
            .unwrap()
            .trim_start_matches("https://management.azure.com")
            .to_string();
        k.wait(10);
        let v = json_of(&k.get(&loc));
        assert_eq!(v["properties"]["usageThreshold"], 70 * GIB);
    }

    #[test]
    fn missing_volume_is_not_found() {
        let mut k = Kit::new();
        let r = k.send(
            Method::Patch,
            &format!("{}?api-version={A26}", k.volume_path("x")),
            Some(json!({ "properties": {} })),
        );
        assert_eq!(r.status, 404);
    }

    #[test]
    fn immutable_or_invalid_fields_are_refused() {
        let mut k = Kit::new();
        let path = k.create_migration("mig1", "vol_home", 60, A26);
        let r = k.send(
            Method::Patch,
            &format!("{path}?api-version={A26}"),
            Some(json!({ "properties": { "subnetId": "x" } })),
        );
        assert_eq!(
            (code(&r), json_of(&r)["error"]["target"].clone()),
            ("PropertyChangeNotAllowed".into(), json!("properties.subnetId"))
        );
        let r = k.send(
            Method::Patch,
            &format!("{path}?api-version={A26}"),
            Some(json!({ "properties": { "usageThreshold": 1 } })),
        );
        assert_eq!(json_of(&r)["error"]["target"], "properties.usageThreshold");
        let r = k.send(Method::Patch, &format!("{path}?api-version={A26}"), None);
        assert_eq!(r.status, 400);
        // The spec's VolumePatch has no replication: the schedule is changed with a PUT.
        let r = k.send(
            Method::Patch,
            &format!("{path}?api-version={A26}"),
            Some(json!({ "properties": { "dataProtection": { "replication": { "replicationSchedule": "daily" } } } })),
        );
        assert_eq!(json_of(&r)["error"]["target"], "properties.dataProtection.replication");
        assert!(json_of(&r)["error"]["message"].as_str().unwrap().contains("PUT"));
    }

    fn patch(
        k: &mut Kit,
        path: &str,
        props: serde_json::Value,
    ) -> anf_core::transport::ArmResponse {
        k.send(
            Method::Patch,
            &format!("{path}?api-version={A26}"),
            Some(json!({ "properties": props })),
        )
    }

    #[test]
    fn a_finalized_volume_shrinks_but_never_below_the_data_it_holds() {
        let mut k = Kit::new();
        let path = k.migrate_until_replicating("mig1", "vol_home", 60);
        for _ in 0..200 {
            let s = k.status(&path);
            if s["mirrorState"] == "Mirrored" && s["relationshipStatus"] == "Idle" {
                break;
            }
            k.wait(30);
        }
        let r = k.post(&format!("{path}/breakReplication?api-version={A26}"), None);
        assert_eq!(k.finish(&r)["status"], "Succeeded");
        let r = k.post(&format!("{path}/finalizeExternalReplication?api-version={A26}"), None);
        assert_eq!(k.finish(&r)["status"], "Succeeded");
        // 42 GiB came over from the source; clients add 10 GiB.
        k.sim.write_to_volume(&path, 10 * GIB, anf_core::time::Timestamp(k.now)).unwrap();
        let r = patch(&mut k, &path, json!({ "usageThreshold": 50 * GIB }));
        assert_eq!((r.status, code(&r)), (400, "VolumeQuotaBelowUsedSize".into()));
        assert_eq!(json_of(&r)["error"]["target"], "properties.usageThreshold");
        let r = patch(&mut k, &path, json!({ "usageThreshold": 56 * GIB }));
        assert_eq!(r.status, 202, "{}", r.body);
        k.finish(&r);
        let v = json_of(&k.get(&format!("{path}?api-version={A26}")));
        assert_eq!(v["properties"]["usageThreshold"], 56 * GIB);
    }

    #[test]
    fn throughput_and_share_settings_change_where_they_apply() {
        use crate::engine::seed_netapp::MANUAL_QOS_POOL;
        let mut k = Kit::new();
        let pool = format!("{}/capacityPools/{MANUAL_QOS_POOL}", k.account_path());
        let path = format!("{pool}/volumes/smb1");
        let mut body = k.migration_body("smb1", "vol_home", 60);
        body["properties"]["protocolTypes"] = json!(["CIFS"]);
        body["properties"]["throughputMibps"] = json!(100);
        let r = k.put(&format!("{path}?api-version={A26}"), body);
        assert_eq!(r.status, 201, "{}", r.body);
        k.finish(&r);
        // 512 MiB/s in the pool: this volume may take all of it, not more.
        assert_eq!(
            code(&patch(&mut k, &path, json!({ "throughputMibps": 513 }))),
            "CapacityPoolThroughputExceeded"
        );
        let r =
            patch(&mut k, &path, json!({ "throughputMibps": 512, "smbNonBrowsable": "Enabled" }));
        assert_eq!(r.status, 202, "{}", r.body);
        k.finish(&r);
        let v = json_of(&k.get(&format!("{path}?api-version={A26}")));
        assert_eq!(v["properties"]["throughputMibps"], 512.0);
        assert_eq!(v["properties"]["smbNonBrowsable"], "Enabled");
        let nfs = k.create_migration("nfs1", "vol_scratch", 60, A26);
        let r = patch(&mut k, &nfs, json!({ "smbNonBrowsable": "Enabled" }));
        assert_eq!(json_of(&r)["error"]["target"], "properties.smbNonBrowsable");
        let r = patch(&mut k, &nfs, json!({ "throughputMibps": 10 }));
        assert_eq!(json_of(&r)["error"]["target"], "properties.throughputMibps");
    }

    #[test]
    fn conflicts_with_a_running_operation() {
        let mut k = Kit::new();
        let path = k.volume_path("v");
        k.put(&format!("{path}?api-version={A26}"), k.migration_body("v", "vol_home", 60));
        let r = k.send(
            Method::Patch,
            &format!("{path}?api-version={A26}"),
            Some(json!({ "properties": { "usageThreshold": 70 * GIB } })),
        );
        assert_eq!((r.status, code(&r)), (409, "AnotherOperationInProgress".into()));
    }
}
