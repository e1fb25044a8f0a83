//! The part of a volume PUT body beyond an NFS volume in an auto-QoS pool: the SMB share
//! settings, the security style and LDAP, read with the spec's names and types
//! (`smbEncryption`, `smbContinuouslyAvailable` booleans; `smbAccessBasedEnumeration`,
//! `smbNonBrowsable` `Enabled`/`Disabled`; `securityStyle` `ntfs`/`unix`; `ldapEnabled`
//! boolean) and checked against the protocols; and `throughputMibps` (a number), checked
//! against the pool's QoS and the throughput it has left. Errors are 400s naming the property
//! as `target`.

use crate::engine::Engine;
use crate::http::ApiError;
use crate::model::netapp::{SmbShare, VolumeExtras};
use serde_json::Value;

const P: &str = "properties";

fn target(field: &str) -> String {
    format!("{P}.{field}")
}

fn boolean(p: &Value, field: &str) -> Result<Option<bool>, ApiError> {
    match p.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(ApiError::bad_content(&format!("'{}' must be a boolean.", target(field)))),
    }
}

fn setting(p: &Value, field: &str) -> Result<Option<bool>, ApiError> {
    match p.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("Enabled") => Ok(Some(true)),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("Disabled") => Ok(Some(false)),
        Some(_) => Err(ApiError::invalid(
            &target(field),
            format!("{field} must be 'Enabled' or 'Disabled'."),
        )),
    }
}

/// Reads the extras of a volume with `protocols` (already checked names).
pub fn parse(p: &Value, protocols: &[String]) -> Result<VolumeExtras, ApiError> {
    let smb = protocols.iter().any(|x| x == "CIFS");
    let nfs = protocols.iter().any(|x| x != "CIFS");
    let share = SmbShare {
        encryption: boolean(p, "smbEncryption")?.unwrap_or(false),
        continuously_available: boolean(p, "smbContinuouslyAvailable")?.unwrap_or(false),
        access_based_enumeration: setting(p, "smbAccessBasedEnumeration")?.unwrap_or(false),
        non_browsable: setting(p, "smbNonBrowsable")?.unwrap_or(false),
    };
    if !smb {
        // On an NFS volume the share settings mean nothing; one switched on is a mistake.
        let on = [
            ("smbEncryption", share.encryption),
            ("smbContinuouslyAvailable", share.continuously_available),
            ("smbAccessBasedEnumeration", share.access_based_enumeration),
            ("smbNonBrowsable", share.non_browsable),
        ];
        if let Some((field, _)) = on.iter().find(|(_, on)| *on) {
            return Err(ApiError::invalid(
                &target(field),
                format!("{field} applies to SMB and dual-protocol volumes only."),
            ));
        }
    }
    if smb && nfs && share.continuously_available {
        return Err(ApiError::invalid(
            &target("smbContinuouslyAvailable"),
            "smbContinuouslyAvailable applies to SMB volumes only, not dual-protocol ones.",
        ));
    }
    let style = match p.get("securityStyle") {
        None | Some(Value::Null) => if smb { "ntfs" } else { "unix" }.to_string(),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("ntfs") => "ntfs".into(),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("unix") => "unix".into(),
        Some(_) => {
            return Err(ApiError::invalid(
                &target("securityStyle"),
                "securityStyle must be 'ntfs' or 'unix'.",
            ))
        }
    };
    if smb && !nfs && style == "unix" {
        return Err(ApiError::invalid(
            &target("securityStyle"),
            "An SMB volume's security style is ntfs; unix needs a dual-protocol volume.",
        ));
    }
    let ldap_enabled = boolean(p, "ldapEnabled")?.unwrap_or(false);
    if ldap_enabled && !nfs {
        return Err(ApiError::invalid(
            &target("ldapEnabled"),
            "ldapEnabled applies to volumes with NFS.",
        ));
    }
    let throughput_mibps = match p.get("throughputMibps") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => n.as_f64(),
        Some(_) => {
            return Err(ApiError::bad_content(&format!(
                "'{}' must be a number.",
                target("throughputMibps")
            )))
        }
    };
    Ok(VolumeExtras {
        smb: smb.then_some(share),
        security_style: style,
        ldap_enabled,
        throughput_mibps,
        data_bytes: 0,
    })
}

/// A volume's throughput against its pool: required above 0 and within what the pool's other
/// volumes leave on a manual-QoS pool, refused on an auto-QoS one (the spec takes it "as input
/// only for manual qosType volume"). `volume` is the volume's key when it exists already, so
/// its own current throughput counts as free.
pub fn check_throughput(
    engine: &Engine,
    pool_key: &str,
    volume: Option<&str>,
    mibps: Option<f64>,
) -> Result<(), ApiError> {
    const T: &str = "properties.throughputMibps";
    let Some(pool) = engine.world().pools.get(pool_key) else { return Ok(()) };
    let Some(mibps) = mibps else {
        if pool.manual_qos && volume.is_none() {
            return Err(ApiError::invalid(
                T,
                format!(
                    "Capacity pool '{}' uses manual QoS: throughputMibps is required.",
                    pool.name
                ),
            ));
        }
        return Ok(());
    };
    if !pool.manual_qos {
        return Err(ApiError::invalid(
            T,
            format!("Capacity pool '{}' uses auto QoS: throughputMibps can't be set.", pool.name),
        ));
    }
    if !mibps.is_finite() || mibps <= 0.0 {
        return Err(ApiError::invalid(T, "throughputMibps must be more than 0."));
    }
    let others = engine
        .world()
        .pool_volumes(pool_key)
        .filter(|v| Some(v.id.to_ascii_lowercase().as_str()) != volume);
    let left = pool.total_throughput_mibps() - pool.utilized_throughput_mibps(others);
    if mibps > left + 1e-9 {
        return Err(ApiError::new(
            400,
            "CapacityPoolThroughputExceeded",
            format!(
                "Capacity pool '{}' has {left:.2} MiB/s of its {:.2} MiB/s left; {mibps} MiB/s is more.",
                pool.name,
                pool.total_throughput_mibps()
            ),
        )
        .with_target(T));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn protocols(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_string()).collect()
    }

    #[test]
    fn reads_an_smb_share_with_the_spec_types() {
        let p = json!({ "smbEncryption": true, "smbContinuouslyAvailable": true,
                        "smbAccessBasedEnumeration": "Enabled", "smbNonBrowsable": "Disabled" });
        let o = parse(&p, &protocols(&["CIFS"])).unwrap();
        let smb = o.smb.unwrap();
        assert!(smb.encryption && smb.continuously_available && smb.access_based_enumeration);
        assert!(!smb.non_browsable);
        assert_eq!(o.security_style, "ntfs");
        let bad = json!({ "smbAccessBasedEnumeration": true });
        let e = parse(&bad, &protocols(&["CIFS"])).unwrap_err();
        assert_eq!(e.target.as_deref(), Some("properties.smbAccessBasedEnumeration"));
        let bad = json!({ "smbEncryption": "yes" });
        assert_eq!(parse(&bad, &protocols(&["CIFS"])).unwrap_err().code, "InvalidRequestContent");
    }

    #[test]
    fn refuses_what_does_not_fit_the_protocols() {
        let dual = protocols(&["NFSv3", "CIFS"]);
        let ca = json!({ "smbContinuouslyAvailable": true });
        assert_eq!(
            parse(&ca, &dual).unwrap_err().target.as_deref(),
            Some("properties.smbContinuouslyAvailable")
        );
        let unix = json!({ "securityStyle": "unix" });
        assert_eq!(parse(&unix, &dual).unwrap().security_style, "unix");
        assert!(parse(&unix, &protocols(&["CIFS"])).is_err());
        let enc = json!({ "smbEncryption": true });
        assert!(parse(&enc, &protocols(&["NFSv3"])).is_err());
        let ldap = json!({ "ldapEnabled": true });
        assert!(parse(&ldap, &dual).unwrap().ldap_enabled);
        assert!(parse(&ldap, &protocols(&["CIFS"])).is_err());
        let nfs = parse(&json!({}), &protocols(&["NFSv4.1"])).unwrap();
        assert_eq!((nfs.smb, nfs.security_style.as_str()), (None, "unix"));
        let t = parse(&json!({ "throughputMibps": 12.5 }), &protocols(&["NFSv3"])).unwrap();
        assert_eq!(t.throughput_mibps, Some(12.5));
        let bad = json!({ "throughputMibps": "fast" });
        assert_eq!(parse(&bad, &protocols(&["NFSv3"])).unwrap_err().code, "InvalidRequestContent");
    }
}
