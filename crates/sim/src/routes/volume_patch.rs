//! `PATCH` a volume (Volumes_Update): the mutable properties only (quota, export policy,
//! protocols, tags, replication schedule); 202 with `Location`, as the spec says.

use super::volume_body::{MAX_QUOTA, MAX_REGULAR_QUOTA, MIN_QUOTA};
use super::{netapp_api, require_no_pending, require_volume, Names, Req};
use crate::engine::operation::{OpKind, Poll};
use crate::engine::Engine;
use crate::http::{ApiError, Handled};
use crate::model::netapp::Schedule;
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
    let large = engine.world().volumes[&k].is_large_volume;
    let quota = match props.get("usageThreshold") {
        None => None,
        Some(q) => {
            let max = if large { MAX_QUOTA } else { MAX_REGULAR_QUOTA };
            Some(q.as_u64().filter(|q| (MIN_QUOTA..=max).contains(q)).ok_or_else(|| {
                ApiError::invalid(
                    "properties.usageThreshold",
                    format!("usageThreshold must be between {MIN_QUOTA} and {max} bytes."),
                )
            })?)
        }
    };
    let schedule = match props.pointer("/dataProtection/replication/replicationSchedule") {
        None => None,
        Some(s) => Some(s.as_str().and_then(Schedule::parse).ok_or_else(|| {
            ApiError::invalid(
                "properties.dataProtection.replication.replicationSchedule",
                "replicationSchedule must be _10minutely, hourly or daily.",
            )
        })?),
    };
    let v = engine.world_mut().volumes.get_mut(&k).ok_or_else(ApiError::volume_gone)?;
    if let Some(q) = quota {
        v.usage_threshold = q;
    }
    if let Some(rules) = props.pointer("/exportPolicy/rules") {
        v.export_rules = rules.clone();
    }
    if let Some(Value::Array(p)) = props.get("protocolTypes") {
        v.protocol_types = p.iter().filter_map(|x| x.as_str().map(str::to_string)).collect();
    }
    if let Some(tags) = req.body.and_then(|b| b.get("tags")) {
        v.tags = tags.clone();
    }
    if let (Some(s), Some(m)) = (schedule, v.migration.as_mut()) {
        m.schedule = s;
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
