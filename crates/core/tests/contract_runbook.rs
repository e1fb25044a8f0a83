//! Every REST call the runbook writes is an operation of the spec the client is held to: the
//! curl calls are read back out of the Markdown (method, URL, api-version, JSON body) and each
//! must match a path template and method of the spec, carry an api-version the spec has, and
//! send only body properties the operation's schema declares.
//!
//! With `ANF_SPEC_DIR` set (CI: `../shared/reference/anf-arm-spec`, relative paths from the
//! workspace root), the spec is Microsoft's `netapp.json` of each api-version, with its
//! `$ref`s followed into common-types. Without it, the project's own contract (the operations
//! table in `contract/ops.rs`) and fixtures stand in: the body's properties must all appear
//! in that operation's fixture bodies.

mod contract;

use anf_core::api_version::ApiVersion;
use anf_core::ids::SubscriptionId;
use anf_core::models::ServiceLevel;
use anf_core::validation::quota::TIB;
use anf_core::wave::runbook::{runbook_markdown, RunbookInput, RunbookVolume};
use anf_core::wave::{check_wave, read_csv, PoolInfo, WaveContext, WavePlan};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

const ENDPOINT: &str = "https://management.azure.com";
const STABLE: &str = "specification/netapp/resource-manager/Microsoft.NetApp/NetApp/stable";
const SUBNET: &str = "/subscriptions/sub-1/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/anf";

fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// A wave of four volumes touching every body shape: export policy or none, NFSv4.1, a large
/// volume, two pools.
fn runbook(version: ApiVersion) -> (String, usize) {
    let mut plan = WavePlan::new("Contract wave", "onprem-cl01");
    plan.defaults.pool = "premium-pool".into();
    plan.defaults.subnet_id = SUBNET.into();
    plan.peer_addresses.insert("onprem-cl01".into(), "192.168.10.21 fd00::22".into());
    let csv = "svm,source_volume,logical_size,protocol,pool,export_clients,schedule\n\
               svm_nfs,app01,450GB,,,10.1.0.0/16,\n\
               svm_nfs,app02,1TB,,,,daily\n\
               svm_sql,db01,200GB,NFSv4.1,ultra-pool,10.2.0.0/24,_10minutely\n\
               svm_sql,archive,90TB,NFSv3;NFSv4.1,,10.3.0.0/16,\n";
    plan.add_rows(read_csv(csv).unwrap().rows);
    let pool = |name: &str, level| PoolInfo {
        name: name.into(),
        service_level: level,
        manual_qos: false,
        size_bytes: 500 * TIB,
        used_bytes: 0,
        throughput_mibps: None,
        volume_names: Vec::new(),
    };
    let ctx = WaveContext {
        api_version: version,
        location: "westeurope".into(),
        pools: vec![
            pool("premium-pool", ServiceLevel::Premium),
            pool("ultra-pool", ServiceLevel::Ultra),
        ],
        subnet_free_ips: Some(50),
        ..WaveContext::default()
    };
    let verdict = check_wave(&plan, &ctx);
    assert!(verdict.may_start(), "{:?}", verdict.why_not());
    let account = SubscriptionId::new("sub-1").resource_group("mig-rg").account("anf-west");
    let volumes: Vec<RunbookVolume> = verdict
        .creates()
        .into_iter()
        .map(|v| RunbookVolume {
            id: account.pool(v.pool.clone()).volume(v.request.volume_name.clone()),
            request: v.request.clone(),
        })
        .collect();
    assert!(volumes.iter().any(|v| v.request.spec.is_large_volume), "one large volume");
    assert!(
        volumes.iter().any(|v| v.request.spec.export_policy.is_none()),
        "one without export policy"
    );
    let n = volumes.len();
    let input = RunbookInput {
        wave_name: "Contract wave".into(),
        endpoint: ENDPOINT.into(),
        api_version: version,
        volumes,
        cluster_peer: BTreeMap::new(),
        svm_peer: BTreeMap::new(),
    };
    (runbook_markdown(&input), n)
}

/// A curl call read back from the runbook.
#[derive(Debug, Clone)]
struct CurlCall {
    method: String,
    url: String,
    headers: Vec<String>,
    body: Option<String>,
}

/// Shell words of one logical line: single quotes literal, double quotes with `\` escapes.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut any = false;
    let mut it = line.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\'' => {
                any = true;
                for c in it.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    cur.push(c);
                }
            }
            '"' => {
                any = true;
                while let Some(c) = it.next() {
                    match c {
                        '"' => break,
                        '\\' => cur.extend(it.next()),
                        c => cur.push(c),
                    }
                }
            }
            '\\' => cur.extend(it.next()),
            c if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Every curl call in the runbook's `sh` code blocks.
fn curl_calls(markdown: &str) -> Vec<CurlCall> {
    let mut calls = Vec::new();
    let mut in_sh = false;
    let mut logical = String::new();
    for line in markdown.lines() {
        if line.starts_with("```") {
            in_sh = line == "```sh";
            continue;
        }
        if !in_sh {
            continue;
        }
        if let Some(head) = line.strip_suffix('\\') {
            logical.push_str(head);
            continue;
        }
        logical.push_str(line);
        let text = std::mem::take(&mut logical);
        let w = words(&text);
        if w.first().map(String::as_str) != Some("curl") {
            continue;
        }
        let mut call =
            CurlCall { method: "GET".into(), url: String::new(), headers: Vec::new(), body: None };
        let mut i = 1;
        while i < w.len() {
            match w[i].as_str() {
                "-X" => {
                    call.method.clone_from(&w[i + 1]);
                    i += 1;
                }
                "-H" => {
                    call.headers.push(w[i + 1].clone());
                    i += 1;
                }
                "-d" | "--data" => {
                    call.body = Some(w[i + 1].clone());
                    i += 1;
                }
                u if u.starts_with("http") || u.starts_with('$') => call.url = u.to_owned(),
                _ => {}
            }
            i += 1;
        }
        calls.push(call);
    }
    calls
}

/// What a call resolved to.
struct Matched {
    operation_id: String,
}

/// The spec the calls are checked against.
trait Contract {
    /// The api-versions it has.
    fn versions(&self) -> Vec<String>;
    /// The operation for a path and method, with problems found in the body.
    fn check(
        &mut self,
        version: &str,
        path: &str,
        method: &str,
        body: Option<&Value>,
    ) -> Result<Matched, Vec<String>>;
}

fn template_matches(template: &str, path: &str) -> bool {
    let (t, p): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| (t.starts_with('{') && t.ends_with('}') && !p.is_empty()) || t == p)
}

/// Every property path of a JSON value (`properties.exportPolicy.rules[].nfsv3`).
fn key_paths(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                out.insert(p.clone());
                key_paths(v, &p, out);
            }
        }
        Value::Array(items) => {
            for v in items {
                key_paths(v, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

/// The project's contract table and fixtures.
struct Fixtures {
    bodies: HashMap<String, BTreeSet<String>>,
}

impl Fixtures {
    fn load() -> Self {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut bodies: HashMap<String, BTreeSet<String>> = HashMap::new();
        for dir in std::fs::read_dir(&root).unwrap() {
            for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
                let v: Value =
                    serde_json::from_str(&std::fs::read_to_string(file.unwrap().path()).unwrap())
                        .unwrap();
                let id = v["operationId"].as_str().unwrap().to_owned();
                let set = bodies.entry(id).or_default();
                if let Some(b) = v["parameters"].get("body") {
                    key_paths(b, "", set);
                }
                for r in v["responses"].as_object().into_iter().flat_map(|m| m.values()) {
                    if let Some(b) = r.get("body") {
                        key_paths(b, "", set);
                    }
                }
            }
        }
        Self { bodies }
    }
}

impl Contract for Fixtures {
    fn versions(&self) -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        std::fs::read_dir(root)
            .unwrap()
            .map(|d| d.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "common")
            .collect()
    }

    fn check(
        &mut self,
        _version: &str,
        path: &str,
        method: &str,
        body: Option<&Value>,
    ) -> Result<Matched, Vec<String>> {
        let op = contract::ops::all()
            .into_iter()
            .filter(|o| o.family == contract::ops::Family::NetApp)
            .find(|o| template_matches(o.path, path) && o.method.as_str() == method)
            .ok_or_else(|| vec![format!("{method} {path} is no operation of the contract")])?;
        let mut errors = Vec::new();
        if op.has_body != body.is_some() {
            errors.push(format!(
                "{}: body sent {}, the contract declares a body {}",
                op.id,
                body.is_some(),
                op.has_body
            ));
        }
        if let Some(b) = body {
            let mut sent = BTreeSet::new();
            key_paths(b, "", &mut sent);
            let known = self.bodies.get(op.id).cloned().unwrap_or_default();
            for p in sent.difference(&known) {
                errors.push(format!(
                    "{}: body property {p} is in no fixture of the operation",
                    op.id
                ));
            }
        }
        if errors.is_empty() {
            Ok(Matched { operation_id: op.id.to_owned() })
        } else {
            Err(errors)
        }
    }
}

/// Microsoft's spec files, with `$ref`s followed across files.
struct Spec {
    dir: PathBuf,
    files: HashMap<PathBuf, Rc<Value>>,
}

impl Spec {
    fn netapp(&self, version: &str) -> PathBuf {
        self.dir.join(version).join(STABLE).join(version).join("netapp.json")
    }

    fn file(&mut self, path: &Path) -> Rc<Value> {
        let key = path.canonicalize().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let loaded = self.files.entry(key.clone()).or_insert_with(|| {
            Rc::new(serde_json::from_str(&std::fs::read_to_string(&key).unwrap()).unwrap())
        });
        Rc::clone(loaded)
    }

    /// Follows `$ref` until a schema without one.
    fn resolve(&mut self, file: &Path, schema: &Value) -> (PathBuf, Value) {
        let (mut file, mut schema) = (file.to_path_buf(), schema.clone());
        while let Some(r) = schema.get("$ref").and_then(Value::as_str).map(str::to_owned) {
            let (f, pointer) = r.split_once('#').unwrap_or((&r, ""));
            if !f.is_empty() {
                file = file.parent().unwrap().join(f);
            }
            schema = self
                .file(&file)
                .pointer(pointer)
                .cloned()
                .unwrap_or_else(|| panic!("{r} in {}", file.display()));
        }
        (file, schema)
    }

    /// The schema of `key` in an object schema, through `allOf` and `additionalProperties`.
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
        match &schema["additionalProperties"] {
            Value::Object(_) => Some((file, schema["additionalProperties"].clone())),
            Value::Bool(true) => Some((file, Value::Object(serde_json::Map::new()))),
            _ => None,
        }
    }

    fn walk(
        &mut self,
        file: &Path,
        schema: &Value,
        value: &Value,
        at: &str,
        errors: &mut Vec<String>,
    ) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    let here = if at.is_empty() { k.clone() } else { format!("{at}.{k}") };
                    match self.property(file, schema, k) {
                        Some((f, s)) => self.walk(&f, &s, v, &here, errors),
                        None => errors
                            .push(format!("body property {here} is not in the operation's schema")),
                    }
                }
            }
            Value::Array(items) => {
                let (f, s) = self.resolve(file, schema);
                let item = s["items"].clone();
                for v in items {
                    self.walk(&f, &item, v, &format!("{at}[]"), errors);
                }
            }
            _ => {}
        }
    }
}

impl Contract for Spec {
    fn versions(&self) -> Vec<String> {
        ApiVersion::ALL
            .iter()
            .filter_map(|v| {
                let text = std::fs::read_to_string(self.netapp(v.as_str())).ok()?;
                let spec: Value = serde_json::from_str(&text).ok()?;
                spec["info"]["version"].as_str().map(str::to_owned)
            })
            .collect()
    }

    fn check(
        &mut self,
        version: &str,
        path: &str,
        method: &str,
        body: Option<&Value>,
    ) -> Result<Matched, Vec<String>> {
        let file = self.netapp(version);
        let spec = self.file(&file);
        let (template, item) = spec["paths"]
            .as_object()
            .unwrap()
            .iter()
            .find(|(t, _)| template_matches(t, path))
            .ok_or_else(|| vec![format!("{path} matches no path of the {version} spec")])?;
        let op = item
            .get(method.to_ascii_lowercase())
            .ok_or_else(|| vec![format!("{template} has no {method} in the spec")])?
            .clone();
        let id = op["operationId"].as_str().unwrap_or_default().to_owned();
        let mut body_param = None;
        for p in op["parameters"].as_array().cloned().unwrap_or_default() {
            let (f, p) = self.resolve(&file, &p);
            if p["in"] == "body" {
                body_param = Some((f, p));
            }
        }
        let mut errors = Vec::new();
        match (&body_param, body) {
            (None, Some(_)) => errors.push(format!("{id}: a body is sent, the spec declares none")),
            (Some((_, p)), None) if p["required"] == true => {
                errors.push(format!("{id}: the spec requires a body"))
            }
            (Some((f, p)), Some(b)) => {
                let (f, schema) = (f.clone(), p["schema"].clone());
                self.walk(&f, &schema, b, "", &mut errors);
                errors.iter_mut().for_each(|e| *e = format!("{id}: {e}"));
            }
            _ => {}
        }
        if errors.is_empty() {
            Ok(Matched { operation_id: id })
        } else {
            Err(errors)
        }
    }
}

fn spec_dir() -> Option<PathBuf> {
    let raw = std::env::var_os("ANF_SPEC_DIR")?;
    let p = PathBuf::from(raw);
    Some(if p.is_absolute() {
        p
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(p)
    })
}

/// Checks every call of the runbook at `version`; returns the problems and the operations seen.
fn check_calls(
    contract: &mut dyn Contract,
    markdown: &str,
    version: ApiVersion,
) -> (Vec<String>, Vec<String>, usize) {
    let versions = contract.versions();
    let mut errors = Vec::new();
    let mut seen = Vec::new();
    let calls = curl_calls(markdown);
    for c in &calls {
        let Some(rest) = c.url.strip_prefix(ENDPOINT) else {
            errors.push(format!("{} {}: not an ARM URL", c.method, c.url));
            continue;
        };
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let api = query.strip_prefix("api-version=").unwrap_or_default();
        if api != version.as_str() || !versions.iter().any(|v| v == api) {
            errors.push(format!("{path}: api-version {api:?}; the spec has {versions:?}"));
            continue;
        }
        if !c.headers.iter().any(|h| h == "Authorization: Bearer $TOKEN") {
            errors.push(format!("{path}: no bearer token"));
        }
        let body = match c.body.as_deref().map(serde_json::from_str::<Value>).transpose() {
            Ok(b) => b,
            Err(e) => {
                errors.push(format!("{path}: the body is not JSON: {e}"));
                continue;
            }
        };
        match contract.check(api, path, &c.method, body.as_ref()) {
            Ok(m) => {
                if m.operation_id == "Volumes_CreateOrUpdate"
                    && !c.headers.iter().any(|h| h == "If-None-Match: *")
                {
                    errors.push(format!("{path}: a create without If-None-Match: *"));
                }
                seen.push(m.operation_id);
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    (errors, seen, calls.len())
}

const OPERATIONS: [&str; 7] = [
    "Volumes_CreateOrUpdate",
    "Volumes_PeerExternalCluster",
    "Volumes_AuthorizeExternalReplication",
    "Volumes_ReplicationStatus",
    "Volumes_PerformReplicationTransfer",
    "Volumes_BreakReplication",
    "Volumes_FinalizeExternalReplication",
];

fn check_all(contract: &mut dyn Contract, what: &str) {
    let mut failures = Vec::new();
    for version in ApiVersion::ALL {
        let (md, volumes) = runbook(*version);
        let (mut errors, seen, calls) = check_calls(contract, &md, *version);
        failures.append(&mut errors);
        assert_eq!(calls, volumes * OPERATIONS.len(), "{version}: one call per volume and step");
        for op in OPERATIONS {
            assert_eq!(seen.iter().filter(|s| *s == op).count(), volumes, "{version}: {op}");
        }
        say(&format!("runbook contract ({what}): {calls} curl calls at {version} match"));
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_runbook_rest_call_matches_the_spec() {
    match spec_dir() {
        Some(dir) => {
            assert!(dir.is_dir(), "ANF_SPEC_DIR={} is not a directory", dir.display());
            check_all(&mut Spec { dir, files: HashMap::new() }, "reference spec");
        }
        None => {
            say("runbook contract: ANF_SPEC_DIR is not set; checking against the project's contract and fixtures");
            check_all(&mut Fixtures::load(), "fixtures");
        }
    }
}

#[test]
fn the_check_catches_a_wrong_call() {
    // Guard against a check that passes everything: a body property the schema lacks, a path
    // no operation has, a wrong method and a wrong api-version must each be reported.
    let (md, _) = runbook(ApiVersion::V2026_04_01);
    // The first curl body (not the PowerShell payload before it).
    let at = md.find("-d '{\"location\"").unwrap();
    let md = format!(
        "{}{}",
        &md[..at],
        md[at..].replacen(
            "\"isLargeVolume\":false",
            "\"isLargeVolume\":false,\"bogusProperty\":1",
            1
        )
    );
    let bad = md
        .replacen("/authorizeExternalReplication?", "/authorizeExternalReplicationz?", 1)
        .replacen("-X POST \"https://management.azure.com/subscriptions/sub-1/resourceGroups/mig-rg/providers/Microsoft.NetApp/netAppAccounts/anf-west/capacityPools/premium-pool/volumes/app01/finalizeExternalReplication", "-X DELETE \"https://management.azure.com/subscriptions/sub-1/resourceGroups/mig-rg/providers/Microsoft.NetApp/netAppAccounts/anf-west/capacityPools/premium-pool/volumes/app01/finalizeExternalReplication", 1)
        .replacen("replicationStatus?api-version=2026-04-01", "replicationStatus?api-version=2019-01-01", 1);
    let mut contracts: Vec<Box<dyn Contract>> = vec![Box::new(Fixtures::load())];
    if let Some(dir) = spec_dir() {
        contracts.push(Box::new(Spec { dir, files: HashMap::new() }));
    }
    for contract in &mut contracts {
        let (errors, _, _) = check_calls(contract.as_mut(), &bad, ApiVersion::V2026_04_01);
        let has = |needle: &str| errors.iter().any(|e| e.contains(needle));
        assert!(has("bogusProperty"), "{errors:#?}");
        assert!(has("authorizeExternalReplicationz"), "{errors:#?}");
        assert!(has("DELETE"), "{errors:#?}");
        assert!(has("2019-01-01"), "{errors:#?}");
        assert_eq!(errors.len(), 4, "{errors:#?}");
    }
}

#[test]
fn shell_words_are_read_as_a_shell_reads_them() {
    assert_eq!(
        words(r#"curl -X PUT "a b" -d '{"x":"it'\''s"}'"#),
        ["curl", "-X", "PUT", "a b", "-d", r#"{"x":"it's"}"#]
    );
}
