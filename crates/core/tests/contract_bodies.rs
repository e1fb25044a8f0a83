//! The bodies the client sends for SMB, dual-protocol and manual-QoS volumes, Volumes_Update and
//! a forced break, checked property by property against the spec's schemas: every property
//! must exist there, with the spec's type (boolean, string, integer, number, array, object),
//! one of the spec's values for a string enum, and not be read-only (except `endpointType`,
//! which the how-to sends and ARM ignores). The spec has no example of a CIFS volume, so the
//! schema is the contract.
//!
//! With `ANF_SPEC_DIR` set (CI: `../shared/reference/anf-arm-spec`) the schemas are the spec's
//! `netapp.json` of each api-version, `$ref`s followed into common-types; without it, the
//! project's table `contract/body_schemas.json`, which the second test holds to the spec.

use anf_core::api_version::ApiVersion;
use anf_core::models::{BreakReplicationRequest, ShareSetting, VolumePatch, VolumePatchProperties};
use anf_core::validation::migration::{
    validate_migration_volume, MigrationForm, TargetFacts, VolumeOptionsForm,
};
use anf_core::validation::smb::{AdConnection, SmbForm};
use anf_core::validation::throughput::PoolQos;
use serde_json::Value;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

const STABLE: &str = "specification/netapp/resource-manager/Microsoft.NetApp/NetApp/stable";
/// Read-only properties the client sends on purpose.
const READ_ONLY_SENT: &[&str] = &["properties.dataProtection.replication.endpointType"];

fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn spec_dir() -> Option<PathBuf> {
    let p = PathBuf::from(std::env::var_os("ANF_SPEC_DIR")?);
    Some(if p.is_absolute() {
        p
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(p)
    })
}

/// JSON schema files, read once, with `$ref`s followed across them.
struct Schemas {
    files: HashMap<PathBuf, Rc<Value>>,
}

impl Schemas {
    fn new() -> Self {
        Self { files: HashMap::new() }
    }

    fn file(&mut self, path: &Path) -> Rc<Value> {
        let key = path.canonicalize().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let v = self.files.entry(key.clone()).or_insert_with(|| {
            Rc::new(serde_json::from_str(&std::fs::read_to_string(&key).unwrap()).unwrap())
        });
        Rc::clone(v)
    }

    fn resolve(&mut self, file: &Path, schema: &Value) -> (PathBuf, Value) {
        let (mut file, mut schema) = (file.to_path_buf(), schema.clone());
        while let Some(r) = schema.get("$ref").and_then(Value::as_str).map(str::to_owned) {
            let (f, pointer) = r.split_once('#').unwrap_or((&r, ""));
            if !f.is_empty() {
                file = file.parent().unwrap().join(f);
            }
            schema = self.file(&file).pointer(pointer).cloned().unwrap_or_else(|| panic!("{r}"));
        }
        (file, schema)
    }

    /// The schema of property `key` of an object schema, through `allOf`.
    fn property(&mut self, file: &Path, schema: &Value, key: &str) -> Option<(PathBuf, Value)> {
        let (file, schema) = self.resolve(file, schema);
        if let Some(p) = schema["properties"].get(key) {
            return Some((file, p.clone()));
        }
        for part in schema["allOf"].as_array().cloned().unwrap_or_default() {
            if let Some(found) = self.property(&file, &part, key) {
                return Some(found);
            }
        }
        None
    }

    /// The schema's type, `object` for one that has properties or parts but says none.
    fn kind(schema: &Value) -> &str {
        schema["type"].as_str().unwrap_or(
            if schema.get("properties").is_some() || schema.get("allOf").is_some() {
                "object"
            } else {
                ""
            },
        )
    }

    /// Checks `value` at `at` against `schema`; problems go to `errors`.
    fn check(
        &mut self,
        file: &Path,
        schema: &Value,
        value: &Value,
        at: &str,
        errors: &mut Vec<String>,
    ) {
        let (file, schema) = self.resolve(file, schema);
        let kind = Self::kind(&schema).to_owned();
        let wrong = |errors: &mut Vec<String>| {
            errors.push(format!("{at}: {value} is not of the spec's type {kind:?}"));
        };
        if schema["readOnly"] == true && !READ_ONLY_SENT.contains(&at) {
            errors.push(format!("{at} is read-only in the spec"));
        }
        match value {
            Value::Bool(_) if kind != "boolean" => wrong(errors),
            Value::String(s) => {
                if kind != "string" {
                    wrong(errors);
                } else if let Some(values) = schema["enum"].as_array() {
                    if !values.iter().any(|v| v.as_str() == Some(s)) {
                        errors.push(format!("{at}: {s:?} is none of the spec's values {values:?}"));
                    }
                }
            }
            Value::Number(n) => {
                let ok = match kind.as_str() {
                    "integer" => n.is_i64() || n.is_u64(),
                    "number" => true,
                    _ => false,
                };
                if !ok {
                    wrong(errors);
                }
            }
            Value::Array(items) => {
                if kind != "array" {
                    return wrong(errors);
                }
                let item = schema["items"].clone();
                for v in items {
                    self.check(&file, &item, v, &format!("{at}[]"), errors);
                }
            }
            Value::Object(map) => {
                if kind != "object" {
                    return wrong(errors);
                }
                for (k, v) in map {
                    let here = if at.is_empty() { k.clone() } else { format!("{at}.{k}") };
                    match self.property(&file, &schema, k) {
                        Some((f, s)) => self.check(&f, &s, v, &here, errors),
                        None if schema.get("additionalProperties").is_some() => {}
                        None => errors.push(format!("{here} is not in the spec's schema")),
                    }
                }
            }
            _ => {}
        }
    }
}

/// Where a definition is: the spec of a version, or the project's table.
fn definition(dir: Option<&Path>, version: ApiVersion, name: &str) -> (PathBuf, Value) {
    match dir {
        Some(d) => {
            let v = version.as_str();
            let file = d.join(v).join(STABLE).join(v).join("netapp.json");
            (file, serde_json::json!({ "$ref": format!("#/definitions/{name}") }))
        }
        None => {
            let file =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/contract/body_schemas.json");
            (file, serde_json::json!({ "$ref": format!("#/{name}") }))
        }
    }
}

fn form(protocols: &[&str]) -> MigrationForm {
    MigrationForm {
        volume_name: "mig-share01".into(),
        creation_token: "mig-share01".into(),
        size: "600".into(),
        source_logical_bytes: Some(480 << 30),
        cluster_name: "cluster1".into(),
        svm_name: "svm_cifs".into(),
        source_volume: "share01".into(),
        peer_addresses: "10.0.0.1\n10.0.0.2".into(),
        schedule: "hourly".into(),
        service_level: "Premium".into(),
        protocols: protocols.iter().map(|p| (*p).to_owned()).collect(),
        allowed_clients: "10.1.0.0/16".into(),
        subnet_id: "/subscriptions/s/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/anf".into(),
        location: "westeurope".into(),
        ..MigrationForm::default()
    }
}

/// The PUT body the client sends for a form, its SMB choices and throughput.
fn volume_body(protocols: &[&str], smb: SmbForm, throughput: &str, version: ApiVersion) -> Value {
    let target = TargetFacts {
        active_directory: AdConnection::Joined("contoso.com".into()),
        pool_qos: Some(PoolQos {
            name: "pool-manual".into(),
            manual: !throughput.is_empty(),
            total_mibps: Some(256.0),
            utilized_mibps: Some(0.0),
        }),
    };
    let options = VolumeOptionsForm { smb, throughput: throughput.into() };
    let valid = validate_migration_volume(&form(protocols), &options, &target, version)
        .unwrap_or_else(|e| panic!("{protocols:?}: {e:?}"));
    serde_json::to_value(valid.spec.to_volume()).unwrap()
}

/// Every body under test: `(what, definition, body)`.
fn bodies(version: ApiVersion) -> Vec<(&'static str, &'static str, Value)> {
    let all_smb = SmbForm {
        encryption: true,
        continuously_available: true,
        access_based_enumeration: true,
        non_browsable: true,
        ..SmbForm::default()
    };
    let smb = volume_body(&["CIFS"], all_smb, "", version);
    // The SMB body carries every share setting, so none of them goes unchecked.
    for p in [
        "smbEncryption",
        "smbContinuouslyAvailable",
        "smbAccessBasedEnumeration",
        "smbNonBrowsable",
        "securityStyle",
    ] {
        assert!(smb["properties"].get(p).is_some(), "the SMB body has no {p}: {smb}");
    }
    assert_eq!(smb["properties"]["exportPolicy"]["rules"][0]["cifs"], true);
    let dual_unix =
        SmbForm { security_style: "unix".into(), ldap_enabled: true, ..SmbForm::default() };
    let patch_smb = VolumePatch {
        tags: None,
        properties: Some(VolumePatchProperties {
            smb_access_based_enumeration: Some(ShareSetting::Enabled),
            smb_non_browsable: Some(ShareSetting::Disabled),
            ..VolumePatchProperties::default()
        }),
    };
    vec![
        ("SMB volume", "Volume", smb),
        (
            "dual-protocol NFSv3 volume, UNIX, LDAP, manual QoS",
            "Volume",
            volume_body(&["NFSv3", "CIFS"], dual_unix, "64", version),
        ),
        (
            "dual-protocol NFSv4.1 volume",
            "Volume",
            volume_body(&["NFSv4.1", "CIFS"], SmbForm::default(), "", version),
        ),
        (
            "NFS volume in a manual-QoS pool",
            "Volume",
            volume_body(&["NFSv3"], SmbForm::default(), "12.5", version),
        ),
        ("quota patch", "VolumePatch", json(&VolumePatch::quota(500 << 30))),
        ("throughput patch", "VolumePatch", json(&VolumePatch::throughput(48.0))),
        ("share settings patch", "VolumePatch", json(&patch_smb)),
        (
            "forced break",
            "BreakReplicationRequest",
            json(&BreakReplicationRequest { force_break_replication: true }),
        ),
    ]
}

fn json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

fn check_all(dir: Option<&Path>) -> Vec<String> {
    let mut schemas = Schemas::new();
    let mut errors = Vec::new();
    for version in ApiVersion::ALL {
        for (what, def, body) in bodies(*version) {
            let (file, schema) = definition(dir, *version, def);
            let mut e = Vec::new();
            schemas.check(&file, &schema, &body, "", &mut e);
            errors.extend(e.into_iter().map(|e| format!("{version} {what}: {e}")));
        }
    }
    errors
}

#[test]
fn every_body_the_client_sends_fits_the_spec_schema() {
    let dir = spec_dir();
    match &dir {
        Some(d) => assert!(d.is_dir(), "ANF_SPEC_DIR={} is not a directory", d.display()),
        None => say("body contract: ANF_SPEC_DIR is not set; checking against the project's table contract/body_schemas.json"),
    }
    let errors = check_all(dir.as_deref());
    assert!(errors.is_empty(), "{} problems:\n{}", errors.len(), errors.join("\n"));
}

#[test]
fn the_projects_table_agrees_with_the_spec() {
    let Some(dir) = spec_dir() else {
        say("body contract table check SKIPPED: ANF_SPEC_DIR is not set");
        return;
    };
    // Every property of the table, as a value of its own type and first enum value, must pass
    // the spec's schema: same names, same types, enum values the spec has.
    fn sample(schema: &Value) -> Value {
        match Schemas::kind(schema) {
            "boolean" => Value::Bool(true),
            "integer" => Value::from(1),
            "number" => Value::from(1.5),
            "array" => Value::Array(vec![sample(&schema["items"])]),
            "object" => Value::Object(
                schema["properties"]
                    .as_object()
                    .map(|m| m.iter().map(|(k, v)| (k.clone(), sample(v))).collect())
                    .unwrap_or_default(),
            ),
            _ => schema["enum"].get(0).cloned().unwrap_or_else(|| Value::from("text")),
        }
    }
    let table: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/contract/body_schemas.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut schemas = Schemas::new();
    let mut errors = Vec::new();
    for version in ApiVersion::ALL {
        for def in ["Volume", "VolumePatch", "BreakReplicationRequest"] {
            let (file, schema) = definition(Some(&dir), *version, def);
            let mut e = Vec::new();
            schemas.check(&file, &schema, &sample(&table[def]), "", &mut e);
            // The table marks endpointType read-only as the spec does; the sample sends it.
            errors.extend(e.into_iter().map(|e| format!("{version} {def}: {e}")));
        }
    }
    assert!(errors.is_empty(), "the table differs from the spec:\n{}", errors.join("\n"));
}

#[test]
fn the_check_catches_a_wrong_body() {
    // Guard against a check that passes everything: a wrong type, a value the enum lacks, an
    // unknown property and a read-only one must each be reported, by the table and the spec.
    let mut body = bodies(ApiVersion::V2026_04_01).remove(0).2;
    body["properties"]["smbEncryption"] = Value::from("true");
    body["properties"]["securityStyle"] = Value::from("NTFS");
    body["properties"]["smbShareName"] = Value::from("x");
    body["properties"]["provisioningState"] = Value::from("Succeeded");
    let mut dirs = vec![None];
    if let Some(d) = spec_dir() {
        dirs.push(Some(d));
    }
    for dir in dirs {
        let mut schemas = Schemas::new();
        let (file, schema) = definition(dir.as_deref(), ApiVersion::V2026_04_01, "Volume");
        let mut errors = Vec::new();
        schemas.check(&file, &schema, &body, "", &mut errors);
        let has = |n: &str| errors.iter().any(|e| e.contains(n));
        assert!(has("properties.smbEncryption: \"true\""), "{errors:#?}");
        assert!(has("\"NTFS\" is none of"), "{errors:#?}");
        assert!(has("smbShareName is not in"), "{errors:#?}");
        // The project's table does not list provisioningState at all; the spec says read-only.
        assert!(has("provisioningState"), "{errors:#?}");
        assert_eq!(errors.len(), 4, "{errors:#?}");
    }
}
