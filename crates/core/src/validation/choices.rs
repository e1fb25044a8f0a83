//! Picked or typed choices: replication schedule, service level, protocols.

use super::{fields, FieldError};
use crate::models::{ReplicationSchedule, ServiceLevel};

/// Reads a replication schedule: `_10minutely` (also "10 minutes", "10minutely"), `hourly`,
/// `daily`, any case.
///
/// # Errors
/// A [`FieldError`] on `replicationSchedule` listing the choices.
pub fn parse_replication_schedule(text: &str) -> Result<ReplicationSchedule, FieldError> {
    let t = text.trim().to_ascii_lowercase();
    let t = t.strip_prefix("every ").unwrap_or(&t);
    let s = match t {
        "_10minutely" | "10minutely" | "10 minutes" | "10 min" | "10min" => {
            ReplicationSchedule::TenMinutely
        }
        other => ReplicationSchedule::parse(other),
    };
    if s.is_known() {
        Ok(s)
    } else {
        Err(FieldError::new(
            fields::SCHEDULE,
            format!(
                "\"{}\" is not a schedule; choose every 10 minutes, hourly or daily.",
                text.trim()
            ),
        ))
    }
}

/// Reads a service level and checks it against the pool's: a volume has its pool's level.
///
/// # Errors
/// A [`FieldError`] on `serviceLevel` for an unknown level or one that differs from the pool's.
pub fn validate_service_level(
    text: &str,
    pool_level: Option<&ServiceLevel>,
) -> Result<ServiceLevel, FieldError> {
    let level = ServiceLevel::parse(text);
    if !level.is_known() {
        let names: Vec<&str> = ServiceLevel::KNOWN.iter().map(ServiceLevel::as_str).collect();
        return Err(FieldError::new(
            fields::SERVICE_LEVEL,
            format!(
                "\"{}\" is not a service level; choose one of {}.",
                text.trim(),
                names.join(", ")
            ),
        ));
    }
    match pool_level {
        Some(pool) if pool.is_known() && *pool != level => Err(FieldError::new(
            fields::SERVICE_LEVEL,
            format!("The capacity pool is {pool}; a volume in it must be {pool} too."),
        )),
        _ => Ok(level),
    }
}

/// Reads the protocol list: `NFSv3`, `NFSv4.1`, `CIFS` (also `nfs3`, `nfsv41`, `smb`, any case).
/// At least one; NFSv3 and NFSv4.1 may be combined, or one NFS version with CIFS (dual
/// protocol), but not all three. The spec's `protocolTypes` takes `CIFS` for SMB (the word
/// "SMB" itself is not a value), so that is what is returned. An SMB or dual-protocol volume
/// needs more than its protocols (see [`super::smb`]).
///
/// # Errors
/// A [`FieldError`] on `protocolTypes`.
pub fn validate_protocols(items: &[&str]) -> Result<Vec<String>, FieldError> {
    let err = |m: String| Err(FieldError::new(fields::PROTOCOLS, m));
    let mut out: Vec<&'static str> = Vec::new();
    for raw in items.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        let p = match raw.to_ascii_lowercase().replace(' ', "").as_str() {
            "nfsv3" | "nfs3" => "NFSv3",
            "nfsv4.1" | "nfsv41" | "nfs4.1" | "nfs41" => "NFSv4.1",
            "cifs" | "smb" => "CIFS",
            _ => {
                return err(format!(
                    "\"{raw}\" is not a protocol; use NFSv3, NFSv4.1 or CIFS (SMB)."
                ))
            }
        };
        if out.contains(&p) {
            return err(format!("{p} is listed twice."));
        }
        out.push(p);
    }
    if out.is_empty() {
        return err("Choose at least one protocol.".into());
    }
    if out.len() == 3 {
        return err(
            "Combine NFSv3 with NFSv4.1, or one NFS version with CIFS, not all three.".into()
        );
    }
    Ok(out.into_iter().map(str::to_owned).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules() {
        assert_eq!(parse_replication_schedule("Hourly"), Ok(ReplicationSchedule::Hourly));
        assert_eq!(
            parse_replication_schedule("every 10 minutes"),
            Ok(ReplicationSchedule::TenMinutely)
        );
        assert_eq!(parse_replication_schedule("_10minutely"), Ok(ReplicationSchedule::TenMinutely));
        assert_eq!(parse_replication_schedule(" DAILY "), Ok(ReplicationSchedule::Daily));
        let e = parse_replication_schedule("weekly").unwrap_err();
        assert_eq!(e.field, fields::SCHEDULE);
        assert!(e.message.contains("\"weekly\""));
    }

    #[test]
    fn service_levels() {
        assert_eq!(validate_service_level("premium", None), Ok(ServiceLevel::Premium));
        assert_eq!(
            validate_service_level("Ultra", Some(&ServiceLevel::Ultra)),
            Ok(ServiceLevel::Ultra)
        );
        let e = validate_service_level("Gold", None).unwrap_err();
        assert!(e.message.contains("Standard, Premium, Ultra"), "{}", e.message);
        let e = validate_service_level("Standard", Some(&ServiceLevel::Premium)).unwrap_err();
        assert!(e.message.contains("pool is Premium"), "{}", e.message);
    }

    #[test]
    fn protocol_combinations() {
        assert_eq!(validate_protocols(&["nfs3"]).unwrap(), ["NFSv3"]);
        assert_eq!(validate_protocols(&["NFSv3", "nfsv4.1"]).unwrap(), ["NFSv3", "NFSv4.1"]);
        assert_eq!(validate_protocols(&["NFSv4.1", "smb"]).unwrap(), ["NFSv4.1", "CIFS"]);
        assert_eq!(validate_protocols(&["SMB"]).unwrap(), ["CIFS"]);
        assert_eq!(validate_protocols(&["NFSv3", "CIFS"]).unwrap(), ["NFSv3", "CIFS"]);
        assert!(validate_protocols(&["NFSv3", "NFSv4.1", "CIFS"])
            .unwrap_err()
            .message
            .contains("not all three"));
        assert!(validate_protocols(&[]).unwrap_err().message.contains("at least one"));
        assert!(validate_protocols(&["nfs3", "NFSv3"]).unwrap_err().message.contains("twice"));
        assert!(validate_protocols(&["iSCSI"]).unwrap_err().message.contains("\"iSCSI\""));
    }
}
