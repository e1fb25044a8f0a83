//! Reading and validating a volume PUT body against the spec, per api-version. Errors are 400s
//! whose `target` is the offending field, as ARM reports them.

use super::volume_extras;
use crate::api::ApiVersion;
use crate::http::ApiError;
use crate::model::netapp::{RemotePath, Schedule, VolumeExtras};
use serde_json::Value;

/// Smallest and largest `usageThreshold` the spec allows.
pub const MIN_QUOTA: u64 = 53_687_091_200;
pub const MAX_QUOTA: u64 = 2_638_827_906_662_400;
/// Largest regular (not large) volume: 100 TiB.
pub const MAX_REGULAR_QUOTA: u64 = 109_951_162_777_600;

/// A valid volume request.
#[derive(Clone, Debug, PartialEq)]
pub struct VolumeSpec {
    pub location: String,
    pub creation_token: String,
    pub usage_threshold: u64,
    pub service_level: Option<String>,
    pub subnet_id: String,
    pub network_features: String,
    pub protocol_types: Vec<String>,
    pub export_rules: Value,
    pub is_large_volume: bool,
    pub migration: Option<(Schedule, RemotePath)>,
    pub tags: Value,
    /// SMB share, security style, LDAP.
    pub extras: VolumeExtras,
}

fn string<'a>(v: &'a Value, field: &str, target: &str) -> Result<Option<&'a str>, ApiError> {
    match v.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ApiError::bad_content(&format!("'{target}' must be a string."))),
    }
}

/// Parses and validates a volume body.
pub fn parse(body: Option<&Value>, api: ApiVersion) -> Result<VolumeSpec, ApiError> {
    let body = body
        .filter(|b| b.is_object())
        .ok_or_else(|| ApiError::bad_content("a JSON object with the volume is required."))?;
    let location = string(body, "location", "location")?
        .ok_or_else(|| {
            ApiError::new(
                400,
                "LocationRequired",
                "The location property is required for this definition.",
            )
        })?
        .to_string();
    let p = body
        .get("properties")
        .filter(|p| p.is_object())
        .ok_or_else(|| ApiError::invalid("properties", "The volume properties are required."))?;
    let token = string(p, "creationToken", "properties.creationToken")?.ok_or_else(|| {
        ApiError::invalid("properties.creationToken", "creationToken is required.")
    })?;
    if !token_ok(token, api) {
        let allowed = if api == ApiVersion::V2025_12_01 {
            "letters, digits and '-'"
        } else {
            "letters, digits, '-' and '_'"
        };
        return Err(ApiError::invalid(
            "properties.creationToken",
            format!("creationToken '{token}' must start with a letter and contain only {allowed}, at most 80 characters."),
        ));
    }
    let quota = p
        .get("usageThreshold")
        .ok_or_else(|| {
            ApiError::invalid("properties.usageThreshold", "usageThreshold is required.")
        })?
        .as_u64()
        .ok_or_else(|| {
            ApiError::bad_content("'properties.usageThreshold' must be an integer number of bytes.")
        })?;
    let is_large_volume = match p.get("isLargeVolume") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        // The how-to and Microsoft's sample send "false" as a string, which ARM's deserializer
        // converts; anything else is an error.
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => true,
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => false,
        Some(_) => {
            return Err(ApiError::bad_content("'properties.isLargeVolume' must be a boolean."))
        }
    };
    let max = if is_large_volume { MAX_QUOTA } else { MAX_REGULAR_QUOTA };
    if !(MIN_QUOTA..=max).contains(&quota) {
        return Err(ApiError::invalid(
            "properties.usageThreshold",
            format!("usageThreshold must be between {MIN_QUOTA} and {max} bytes."),
        ));
    }
    let subnet_id = string(p, "subnetId", "properties.subnetId")?
        .ok_or_else(|| ApiError::invalid("properties.subnetId", "subnetId is required."))?
        .to_string();
    let service_level = match string(p, "serviceLevel", "properties.serviceLevel")? {
        None => None,
        Some(s) => Some(
            ["Standard", "Premium", "Ultra", "StandardZRS", "Flexible"]
                .into_iter()
                .find(|l| l.eq_ignore_ascii_case(s))
                .ok_or_else(|| {
                    ApiError::invalid(
                        "properties.serviceLevel",
                        format!("Unknown serviceLevel '{s}'."),
                    )
                })?
                .to_string(),
        ),
    };
    let network_features = match string(p, "networkFeatures", "properties.networkFeatures")? {
        None => "Basic".to_string(),
        Some(s) => ["Basic", "Standard", "Basic_Standard", "Standard_Basic"]
            .into_iter()
            .find(|l| l.eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                ApiError::invalid(
                    "properties.networkFeatures",
                    format!("Unknown networkFeatures '{s}'."),
                )
            })?
            .to_string(),
    };
    let protocol_types = match p.get("protocolTypes") {
        None | Some(Value::Null) => vec!["NFSv3".to_string()],
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| {
                let s = x.as_str().unwrap_or_default();
                ["NFSv3", "NFSv4.1", "CIFS"]
                    .into_iter()
                    .find(|l| l.eq_ignore_ascii_case(s))
                    .map(str::to_string)
                    .ok_or_else(|| {
                        ApiError::invalid(
                            "properties.protocolTypes",
                            format!("Unknown protocol '{s}'."),
                        )
                    })
            })
            .collect::<Result<_, _>>()?,
        Some(_) => {
            return Err(ApiError::bad_content("'properties.protocolTypes' must be an array."))
        }
    };
    check_protocol_set(&protocol_types)?;
    let extras = volume_extras::parse(p, &protocol_types)?;
    let export_rules =
        p.pointer("/exportPolicy/rules").cloned().unwrap_or_else(|| Value::Array(Vec::new()));
    let migration = match string(p, "volumeType", "properties.volumeType")? {
        None => None,
        Some(t) if t.eq_ignore_ascii_case("Migration") => Some(migration_of(p)?),
        Some(t) => {
            return Err(ApiError::invalid(
                "properties.volumeType",
                format!("volumeType '{t}' is not supported here; use 'Migration'."),
            ))
        }
    };
    if migration.is_some() && network_features != "Standard" {
        return Err(ApiError::invalid(
            "properties.networkFeatures",
            "Migration volumes need Standard network features.",
        ));
    }
    Ok(VolumeSpec {
        location,
        creation_token: token.to_string(),
        usage_threshold: quota,
        service_level,
        subnet_id,
        network_features,
        protocol_types,
        export_rules,
        is_large_volume,
        migration,
        tags: body.get("tags").cloned().unwrap_or(Value::Null),
        extras,
    })
}

/// One to two protocols, none twice, never all three: NFSv3 with NFSv4.1, or one NFS version
/// with CIFS (dual-protocol).
fn check_protocol_set(protocols: &[String]) -> Result<(), ApiError> {
    let dup = protocols.iter().enumerate().any(|(i, p)| protocols[..i].contains(p));
    if protocols.is_empty() || dup || protocols.len() > 2 {
        return Err(ApiError::invalid(
            "properties.protocolTypes",
            "protocolTypes takes NFSv3, NFSv4.1 or CIFS, or two of them (not all three), each once.",
        ));
    }
    Ok(())
}

fn token_ok(token: &str, api: ApiVersion) -> bool {
    let mut chars = token.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = token.chars().skip(1).all(|c| {
        c.is_ascii_alphanumeric() || c == '-' || (c == '_' && api == ApiVersion::V2026_04_01)
    });
    first_ok && rest_ok && token.len() <= 80
}

fn migration_of(p: &Value) -> Result<(Schedule, RemotePath), ApiError> {
    const REP: &str = "properties.dataProtection.replication";
    let rep =
        p.pointer("/dataProtection/replication").filter(|r| r.is_object()).ok_or_else(|| {
            ApiError::invalid(
                REP,
                "Migration volumes need dataProtection.replication with a remotePath.",
            )
        })?;
    if let Some(e) = string(rep, "endpointType", "endpointType")? {
        if !e.eq_ignore_ascii_case("dst") {
            return Err(ApiError::invalid(
                &format!("{REP}.endpointType"),
                "A migration volume is the destination (dst).",
            ));
        }
    }
    let schedule = match string(rep, "replicationSchedule", "replicationSchedule")? {
        None => Schedule::Hourly,
        Some(s) => Schedule::parse(s).ok_or_else(|| {
            ApiError::invalid(
                &format!("{REP}.replicationSchedule"),
                format!("replicationSchedule '{s}' must be _10minutely, hourly or daily."),
            )
        })?,
    };
    let rp = rep.get("remotePath").filter(|r| r.is_object()).ok_or_else(|| {
        ApiError::invalid(
            &format!("{REP}.remotePath"),
            "remotePath is required for migration volumes.",
        )
    })?;
    let field = |name: &str| -> Result<String, ApiError> {
        match string(rp, name, name)? {
            Some(s) if !s.trim().is_empty() => Ok(s.to_string()),
            _ => Err(ApiError::invalid(
                &format!("{REP}.remotePath.{name}"),
                format!("remotePath.{name} is required."),
            )),
        }
    };
    Ok((
        schedule,
        RemotePath {
            external_host_name: field("externalHostName")?,
            server_name: field("serverName")?,
            volume_name: field("volumeName")?,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body() -> Value {
        json!({ "location": "eastus", "properties": { "creationToken": "a_b", "usageThreshold": MIN_QUOTA, "subnetId": "s" } })
    }

    #[test]
    fn underscore_in_creation_token_only_from_2026_04_01() {
        assert!(parse(Some(&body()), ApiVersion::V2026_04_01).is_ok());
        let e = parse(Some(&body()), ApiVersion::V2025_12_01).unwrap_err();
        assert_eq!(e.target.as_deref(), Some("properties.creationToken"));
    }

    #[test]
    fn reports_the_field_as_target() {
        let mut b = body();
        b["properties"]["usageThreshold"] = json!(1);
        assert_eq!(
            parse(Some(&b), ApiVersion::V2026_04_01).unwrap_err().target.as_deref(),
            Some("properties.usageThreshold")
        );
        let mut b = body();
        b["properties"]["volumeType"] = json!("Migration");
        b["properties"]["networkFeatures"] = json!("Standard");
        let e = parse(Some(&b), ApiVersion::V2026_04_01).unwrap_err();
        assert_eq!(e.target.as_deref(), Some("properties.dataProtection.replication"));
        assert_eq!(parse(None, ApiVersion::V2026_04_01).unwrap_err().code, "InvalidRequestContent");
        let mut b = body();
        b.as_object_mut().unwrap().remove("location");
        assert_eq!(parse(Some(&b), ApiVersion::V2026_04_01).unwrap_err().code, "LocationRequired");
    }

    #[test]
    fn smb_and_dual_protocol_migration_volumes_are_read_with_their_settings() {
        let mut b = body();
        b["properties"]["protocolTypes"] = json!(["NFSv3", "CIFS"]);
        b["properties"]["securityStyle"] = json!("unix");
        let spec = parse(Some(&b), ApiVersion::V2026_04_01).unwrap();
        assert_eq!(spec.extras.security_style, "unix");
        assert!(spec.extras.smb.is_some());
        b["properties"]["protocolTypes"] = json!(["NFSv3", "NFSv4.1", "CIFS"]);
        let e = parse(Some(&b), ApiVersion::V2026_04_01).unwrap_err();
        assert_eq!(e.target.as_deref(), Some("properties.protocolTypes"));
    }

    #[test]
    fn is_large_volume_accepts_bool_and_the_how_tos_string() {
        let mut b = body();
        b["properties"]["isLargeVolume"] = json!("false");
        assert!(!parse(Some(&b), ApiVersion::V2026_04_01).unwrap().is_large_volume);
        b["properties"]["isLargeVolume"] = json!(3);
        assert!(parse(Some(&b), ApiVersion::V2026_04_01).is_err());
    }
}
