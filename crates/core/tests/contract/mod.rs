//! Contract harness shared by the fixture run and the reference (ANF_SPEC_DIR) run.
//!
//! An example file (the spec's `x-ms-examples` format: `operationId`, `parameters`,
//! `responses`) is replayed against the client: for every response in it, the client is called
//! with the example's parameters over a recording transport that answers with that response.
//! The recorded request must match the operation's contract (method, path, query, body) and the
//! response must come back through the models with the fields the UI shows intact.

#![allow(dead_code)] // each test binary uses part of the harness

pub mod ops;

use anf_core::api_version::ApiVersion;
use anf_core::arm::{Client, ClientError, ClientSettings, LroOutcome, Poller};
use anf_core::ids::{ResourceGroupId, SubscriptionId, VirtualNetworkId};
use anf_core::models::{
    ClusterPeerCommand, ReplicationsExclude, SvmPeerCommand, Volume, VolumePatch,
};
use anf_core::testing::{block_on, RecordingTransport};
use anf_core::time::Timestamp;
use anf_core::transport::ArmResponse;
use serde_json::{Map, Value};
use std::path::Path;

pub const ENDPOINT: &str = "https://management.azure.com";

/// An example file.
pub struct Example {
    pub operation_id: String,
    pub params: Map<String, Value>,
    pub responses: Vec<(u16, Map<String, Value>, Option<Value>)>,
}

/// Reads an example file.
pub fn load(path: &Path) -> Result<Example, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let operation_id = v["operationId"].as_str().ok_or("no operationId")?.to_owned();
    let params = v["parameters"].as_object().cloned().ok_or("no parameters")?;
    let mut responses = Vec::new();
    for (code, r) in v["responses"].as_object().ok_or("no responses")? {
        let status: u16 = code.parse().map_err(|_| format!("bad status {code}"))?;
        let headers = r.get("headers").and_then(Value::as_object).cloned().unwrap_or_default();
        responses.push((status, headers, r.get("body").cloned()));
    }
    Ok(Example { operation_id, params, responses })
}

/// What a client call returned, reduced to JSON for comparison.
enum Got {
    List(Vec<Value>),
    One(Value),
    Operation(Box<Poller>),
}

fn p<'a>(params: &'a Map<String, Value>, key: &str) -> Result<&'a str, String> {
    params.get(key).and_then(Value::as_str).ok_or_else(|| format!("parameter {key} missing"))
}

fn to_json<T: serde::Serialize>(items: Vec<T>) -> Got {
    Got::List(items.iter().map(|i| serde_json::to_value(i).unwrap()).collect())
}

fn call(
    client: &Client<RecordingTransport>,
    ex: &Example,
) -> Result<Result<Got, ClientError>, String> {
    let prm = &ex.params;
    let sub = || p(prm, "subscriptionId").map(SubscriptionId::new);
    let rg = || {
        Ok::<_, String>(ResourceGroupId {
            subscription: p(prm, "subscriptionId")?.into(),
            resource_group: p(prm, "resourceGroupName")?.into(),
        })
    };
    let account = || Ok::<_, String>(rg()?.account(p(prm, "accountName")?));
    let pool = || Ok::<_, String>(account()?.pool(p(prm, "poolName")?));
    let vol = || Ok::<_, String>(pool()?.volume(p(prm, "volumeName")?));
    let vnet = || {
        Ok::<_, String>(VirtualNetworkId {
            subscription: p(prm, "subscriptionId")?.into(),
            resource_group: p(prm, "resourceGroupName")?.into(),
            vnet: p(prm, "virtualNetworkName")?.into(),
        })
    };
    let body = prm.get("body").cloned();
    let now = Timestamp::from_secs(1_800_000_000);
    let r = match ex.operation_id.as_str() {
        "Tenants_List" => block_on(client.list_tenants()).map(to_json),
        "Subscriptions_List" => block_on(client.list_subscriptions()).map(to_json),
        "ResourceGroups_List" => block_on(client.list_resource_groups(&sub()?)).map(to_json),
        "Accounts_ListBySubscription" => {
            block_on(client.list_accounts_by_subscription(&sub()?)).map(to_json)
        }
        "Accounts_List" => block_on(client.list_accounts(&rg()?)).map(to_json),
        "Pools_List" => block_on(client.list_pools(&account()?)).map(to_json),
        "Volumes_List" => block_on(client.list_volumes(&pool()?)).map(to_json),
        "Volumes_Get" => {
            block_on(client.get_volume(&vol()?)).map(|v| Got::One(serde_json::to_value(v).unwrap()))
        }
        "Volumes_CreateOrUpdate" => {
            let body = body.ok_or("CreateOrUpdate example has no body")?;
            let volume: Volume = serde_json::from_value(body).map_err(|e| e.to_string())?;
            block_on(client.create_or_update_volume(&vol()?, &volume, now)).map(op)
        }
        "Volumes_Delete" => block_on(client.delete_volume(&vol()?, false, now)).map(op),
        "Volumes_Update" => {
            let body = body.ok_or("Update example has no body")?;
            let patch: VolumePatch = serde_json::from_value(body).map_err(|e| e.to_string())?;
            block_on(client.update_volume(&vol()?, &patch, now)).map(op)
        }
        "Volumes_PeerExternalCluster" => {
            let ips: Vec<String> = body
                .as_ref()
                .and_then(|b| b.get("peerIpAddresses"))
                .and_then(|a| serde_json::from_value(a.clone()).ok())
                .ok_or("peerExternalCluster example has no peerIpAddresses")?;
            block_on(client.peer_external_cluster(&vol()?, &ips, now)).map(op)
        }
        "Volumes_AuthorizeExternalReplication" => {
            block_on(client.authorize_external_replication(&vol()?, now)).map(op)
        }
        "Volumes_PerformReplicationTransfer" => {
            block_on(client.perform_replication_transfer(&vol()?, now)).map(op)
        }
        "Volumes_BreakReplication" => {
            let force =
                body.as_ref().and_then(|b| b["forceBreakReplication"].as_bool()).unwrap_or(false);
            block_on(client.break_replication(&vol()?, force, now)).map(op)
        }
        "Volumes_ResyncReplication" => block_on(client.resync_replication(&vol()?, now)).map(op),
        "Volumes_FinalizeExternalReplication" => {
            block_on(client.finalize_external_replication(&vol()?, now)).map(op)
        }
        "Volumes_ReestablishReplication" => {
            let src = body
                .as_ref()
                .and_then(|b| b["sourceVolumeId"].as_str())
                .ok_or("no sourceVolumeId")?
                .to_owned();
            block_on(client.reestablish_replication(&vol()?, &src, now)).map(op)
        }
        "Volumes_DeleteReplication" => block_on(client.delete_replication(&vol()?, now)).map(op),
        "Volumes_ReplicationStatus" => block_on(client.replication_status(&vol()?))
            .map(|s| Got::One(serde_json::to_value(s).unwrap())),
        "Volumes_ListReplications" => {
            let exclude =
                body.as_ref().and_then(|b| b["exclude"].as_str()).map(ReplicationsExclude::parse);
            block_on(client.list_replications(&vol()?, exclude)).map(to_json)
        }
        "Features_Get" => block_on(client.get_migration_feature(&sub()?))
            .map(|f| Got::One(serde_json::to_value(f).unwrap())),
        "Features_Register" => block_on(client.register_migration_feature(&sub()?))
            .map(|f| Got::One(serde_json::to_value(f).unwrap())),
        "Providers_Get" => block_on(client.get_netapp_provider(&sub()?))
            .map(|f| Got::One(serde_json::to_value(f).unwrap())),
        "Providers_Register" => block_on(client.register_netapp_provider(&sub()?))
            .map(|f| Got::One(serde_json::to_value(f).unwrap())),
        "VirtualNetworks_ListAll" => block_on(client.list_virtual_networks(&sub()?)).map(to_json),
        "VirtualNetworks_List" => {
            block_on(client.list_virtual_networks_in_group(&rg()?)).map(to_json)
        }
        "Subnets_List" => block_on(client.list_subnets(&vnet()?)).map(to_json),
        "Subnets_Get" => {
            let id = vnet()?.subnet(p(prm, "subnetName")?);
            block_on(client.get_subnet(&id)).map(|s| Got::One(serde_json::to_value(s).unwrap()))
        }
        "VirtualNetworks_ListUsage" => {
            block_on(client.list_virtual_network_usages(&vnet()?)).map(to_json)
        }
        other => return Err(format!("no client method for {other}")),
    };
    Ok(r)
}

fn op(p: Poller) -> Got {
    Got::Operation(Box::new(p))
}

/// JSON pointers of the fields the UI reads, per operation's result items.
fn ui_fields(operation_id: &str) -> &'static [&'static str] {
    match operation_id {
        "Tenants_List" => &["/id", "/tenantId", "/displayName", "/defaultDomain"],
        "Subscriptions_List" => &["/id", "/subscriptionId", "/tenantId", "/displayName", "/state"],
        "ResourceGroups_List" => &["/id", "/name", "/location", "/properties/provisioningState"],
        "Accounts_List" | "Accounts_ListBySubscription" => {
            &["/id", "/name", "/location", "/properties/provisioningState"]
        }
        "Pools_List" => &[
            "/id",
            "/name",
            "/location",
            "/properties/poolId",
            "/properties/size",
            "/properties/serviceLevel",
            "/properties/qosType",
            "/properties/provisioningState",
            "/properties/totalThroughputMibps",
            "/properties/utilizedThroughputMibps",
        ],
        // The whole volume round-trips.
        "Volumes_List" | "Volumes_Get" | "Volumes_CreateOrUpdate" | "Volumes_Update" => &[""],
        "Volumes_ReplicationStatus" => {
            &["/healthy", "/relationshipStatus", "/mirrorState", "/totalProgress", "/errorMessage"]
        }
        "Volumes_ListReplications" => &[
            "/replicationId",
            "/endpointType",
            "/replicationSchedule",
            "/remoteVolumeResourceId",
            "/remoteVolumeRegion",
            "/mirrorState",
            "/replicationCreationTime",
            "/replicationDeletionTime",
        ],
        "Features_Get" | "Features_Register" => &["/id", "/name", "/properties/state"],
        "Providers_Get" | "Providers_Register" => &["/id", "/namespace", "/registrationState"],
        "VirtualNetworks_ListAll" | "VirtualNetworks_List" => {
            &["/id", "/name", "/location", "/properties/addressSpace/addressPrefixes"]
        }
        "Subnets_List" | "Subnets_Get" => {
            &["/id", "/name", "/properties/addressPrefix", "/properties/delegations"]
        }
        "VirtualNetworks_ListUsage" => &["/id", "/currentValue", "/limit", "/name/value", "/unit"],
        _ => &[],
    }
}

/// Equality of JSON values with numbers compared as numbers (128 == 128.0).
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_eq(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

fn check_fields(op_id: &str, original: &Value, got: &Value, errors: &mut Vec<String>) {
    for ptr in ui_fields(op_id) {
        if let Some(want) = original.pointer(ptr) {
            match got.pointer(ptr) {
                Some(have) if json_eq(want, have) => {}
                // Enums are written back in the spec's spelling ("registered" -> "Registered").
                Some(Value::String(have))
                    if want.as_str().is_some_and(|w| w.eq_ignore_ascii_case(have)) => {}
                have => {
                    errors.push(format!("{op_id}: field {ptr:?} is {have:?}, example says {want}"))
                }
            }
        }
    }
}

/// Replays every response of `ex` against a client at `version`; returns what did not match.
pub fn check(ex: &Example, version: ApiVersion) -> Vec<String> {
    let mut errors = Vec::new();
    let Some(spec) = ops::find(&ex.operation_id) else {
        return vec![format!("operation {} is not under contract", ex.operation_id)];
    };
    if ex.responses.iter().all(|(s, _, _)| !(200..300).contains(s)) {
        errors.push(format!("{}: example has no success response", ex.operation_id));
    }
    for (status, headers, body) in &ex.responses {
        let mut response =
            ArmResponse::new(*status, body.as_ref().map(Value::to_string).unwrap_or_default());
        for (k, v) in headers {
            response = response.with_header(k.clone(), v.as_str().unwrap_or_default());
        }
        let transport = RecordingTransport::new().with(response);
        let settings = ClientSettings { endpoint: ENDPOINT.into(), api_version: version };
        let client = Client::with_settings(transport, settings);
        let got = match call(&client, ex) {
            Ok(g) => g,
            Err(e) => {
                errors.push(format!("{}: {e}", ex.operation_id));
                continue;
            }
        };
        let ctx = format!("{} ({status}, {version})", ex.operation_id);
        check_request(&client, &spec, ex, version, &ctx, &mut errors);
        match got {
            Err(e) => errors.push(format!("{ctx}: client failed: {e}")),
            Ok(got) => {
                check_result(&spec, ex, *status, headers, body.as_ref(), got, &ctx, &mut errors)
            }
        }
    }
    errors
}

fn check_request(
    client: &Client<RecordingTransport>,
    spec: &ops::OpSpec,
    ex: &Example,
    version: ApiVersion,
    ctx: &str,
    errors: &mut Vec<String>,
) {
    let requests = client.transport().requests();
    let Some(req) = requests.first() else {
        errors.push(format!("{ctx}: no request sent"));
        return;
    };
    if requests.len() != 1 {
        errors.push(format!("{ctx}: {} requests sent, expected 1", requests.len()));
    }
    if req.method != spec.method {
        errors.push(format!("{ctx}: method {} but the spec says {}", req.method, spec.method));
    }
    let mut path = spec.path.to_owned();
    for (k, v) in &ex.params {
        if let Some(s) = v.as_str() {
            path = path.replace(&format!("{{{k}}}"), s);
        }
    }
    let want_url = format!("{ENDPOINT}{path}?api-version={}", spec.family.version(version));
    if req.url != want_url {
        errors.push(format!("{ctx}: url\n  {}\nbut expected\n  {want_url}", req.url));
    }
    let want_body = if spec.has_body { ex.params.get("body") } else { None };
    match (want_body, &req.body) {
        (None, None) => {}
        (Some(w), Some(h)) if json_eq(w, h) => {}
        (w, h) => errors.push(format!("{ctx}: body {h:?}, expected {w:?}")),
    }
}

#[allow(clippy::too_many_arguments)]
fn check_result(
    spec: &ops::OpSpec,
    ex: &Example,
    status: u16,
    headers: &Map<String, Value>,
    body: Option<&Value>,
    got: Got,
    ctx: &str,
    errors: &mut Vec<String>,
) {
    let header = |n: &str| {
        headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(n)).and_then(|(_, v)| v.as_str())
    };
    match got {
        Got::List(items) => {
            let want = body.and_then(|b| b["value"].as_array()).cloned().unwrap_or_default();
            if want.len() != items.len() {
                errors.push(format!("{ctx}: {} items, example has {}", items.len(), want.len()));
            }
            for (w, h) in want.iter().zip(&items) {
                check_fields(&ex.operation_id, w, h, errors);
            }
        }
        Got::One(v) => match body {
            Some(b) => check_fields(&ex.operation_id, b, &v, errors),
            None => errors.push(format!("{ctx}: example has no body to compare")),
        },
        Got::Operation(poller) => {
            let async_url = header("Azure-AsyncOperation");
            let location = header("Location");
            let next = poller.next_request().map(|r| r.url);
            if let Some(a) = async_url.filter(|_| status == 202 || status == 201) {
                if next.as_deref() != Some(a) {
                    errors.push(format!("{ctx}: polls {next:?}, not Azure-AsyncOperation {a}"));
                }
            } else if let Some(l) = location.filter(|_| status == 202) {
                if next.as_deref() != Some(l) {
                    errors.push(format!("{ctx}: polls {next:?}, not Location {l}"));
                }
            } else if status == 202 && spec.method == anf_core::transport::Method::Put {
                // 202 without headers: follow the resource itself.
                if poller.is_done() {
                    errors.push(format!("{ctx}: a bare 202 must keep polling the resource"));
                }
            } else {
                match poller.outcome() {
                    Some(LroOutcome::Succeeded { result }) => {
                        check_operation_result(&ex.operation_id, body, result.as_ref(), ctx, errors)
                    }
                    other => {
                        errors.push(format!("{ctx}: expected a finished operation, got {other:?}"))
                    }
                }
            }
        }
    }
}

fn check_operation_result(
    op_id: &str,
    body: Option<&Value>,
    result: Option<&Value>,
    ctx: &str,
    errors: &mut Vec<String>,
) {
    let body = body.filter(|b| b.as_object().is_some_and(|o| !o.is_empty()));
    match op_id {
        "Volumes_PeerExternalCluster" => {
            let Some(b) = body else { return };
            let cmd =
                ClusterPeerCommand::from_value(result.unwrap_or(&Value::Null)).unwrap_or_default();
            let want = b["peerAcceptCommand"]
                .as_str()
                .or(b["properties"]["clusterPeeringCommand"].as_str());
            if cmd.command.as_deref() != want || want.is_none() {
                errors.push(format!(
                    "{ctx}: peering command {:?}, example says {want:?}",
                    cmd.command
                ));
            }
            if let Some(pw) = b["properties"]["passphrase"].as_str() {
                if cmd.passphrase.as_deref() != Some(pw) {
                    errors
                        .push(format!("{ctx}: passphrase {:?}, example says {pw}", cmd.passphrase));
                }
            }
        }
        "Volumes_AuthorizeExternalReplication" => {
            let Some(b) = body else { return };
            let cmd =
                SvmPeerCommand::from_value(result.unwrap_or(&Value::Null)).unwrap_or_default();
            let want =
                b["svmPeeringCommand"].as_str().or(b["properties"]["svmPeeringCommand"].as_str());
            if cmd.command.as_deref() != want || want.is_none() {
                errors.push(format!("{ctx}: SVM command {:?}, example says {want:?}", cmd.command));
            }
        }
        "Volumes_CreateOrUpdate" | "Volumes_Update" => {
            let Some(b) = body else { return };
            match result.map(|r| serde_json::from_value::<Volume>(r.clone())) {
                Some(Ok(v)) => check_fields(op_id, b, &serde_json::to_value(v).unwrap(), errors),
                other => errors.push(format!("{ctx}: volume result {other:?}")),
            }
        }
        _ => {
            if let (Some(b), Some(r)) = (body, result) {
                if !json_eq(b, r) {
                    errors.push(format!("{ctx}: result {r} differs from body {b}"));
                }
            }
        }
    }
}
