//! Starting armsim as a process, a tiny OpenID provider serving the test key, and tokens.

#![allow(dead_code)] // each test file uses a different part

use axum::routing::get;
use axum::{Json, Router};
use jsonwebtoken::{encode, EncodingKey, Header};
use serde_json::{json, Value};
use std::process::Stdio;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub const TEST_KEY: &str = include_str!("../fixtures/test_key.pem");
pub const OTHER_KEY: &str = include_str!("../fixtures/other_key.pem");
const JWKS: &str = include_str!("../fixtures/jwks.json");

/// A running armsim; killed when dropped.
pub struct Armsim {
    pub base: String,
    _child: Child,
}

/// Starts armsim with `args` on a free port and waits for its ready line.
pub async fn start(args: &[&str]) -> Armsim {
    let mut child = Command::new(env!("CARGO_BIN_EXE_armsim"))
        .args(args)
        .args(["--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("armsim starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
        .await
        .expect("armsim is ready within 30 s")
        .expect("stdout readable")
        .expect("a ready line");
    let base =
        line.strip_prefix("armsim listening on ").expect("the ready line").trim().to_string();
    Armsim { base, _child: child }
}

/// Serves a discovery document and the test key set on loopback; the issuer URL.
pub async fn identity_provider() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let issuer = format!("http://{}", listener.local_addr().expect("addr"));
    let doc = json!({
        "issuer": issuer,
        "jwks_uri": format!("{issuer}/keys"),
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "id_token_signing_alg_values_supported": ["RS256"],
    });
    let jwks: Value = serde_json::from_str(JWKS).expect("jwks fixture");
    let app = Router::new()
        .route("/.well-known/openid-configuration", get(move || async move { Json(doc) }))
        .route("/keys", get(move || async move { Json(jwks) }));
    tokio::spawn(async move { axum::serve(listener, app).await });
    issuer
}

/// A token for ARM signed with `key_pem`, expiring `ttl_secs` from now (negative: expired).
pub fn token(key_pem: &str, issuer: &str, audience: &str, ttl_secs: i64) -> String {
    token_issued(key_pem, issuer, audience, ttl_secs, -10)
}

/// A token issued `offset_secs` from now (negative: in the past).
pub fn token_issued(
    key_pem: &str,
    issuer: &str,
    audience: &str,
    ttl_secs: i64,
    offset_secs: i64,
) -> String {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_secs() as i64;
    let iat = now + offset_secs;
    let claims = json!({ "iss": issuer, "aud": audience, "sub": "trainee", "tid": "t", "iat": iat, "nbf": iat, "exp": now + ttl_secs });
    let mut header = Header::new(jsonwebtoken::Algorithm::RS256);
    header.kid = Some("test-key-1".into());
    encode(&header, &claims, &EncodingKey::from_rsa_pem(key_pem.as_bytes()).expect("key"))
        .expect("signed")
}

/// A small ARM client over HTTP.
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub token: Option<String>,
}

impl Client {
    pub fn new(base: &str, token: Option<String>) -> Self {
        Self { http: reqwest::Client::new(), base: base.to_string(), token }
    }

    /// Calls ARM; status, headers and JSON body (Null if none).
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, reqwest::header::HeaderMap, Value) {
        let url = if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.base)
        };
        let mut req = self.http.request(method, url);
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.expect("armsim answers");
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let text = resp.text().await.expect("body");
        (status, headers, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// Runs lines on the source cluster's CLI.
    pub async fn cli(&self, input: &str) -> String {
        let resp = self
            .http
            .post(format!("{}/_sim/ontap/onprem-cl01/cli", self.base))
            .body(input.to_string())
            .send()
            .await
            .expect("cli");
        resp.text().await.expect("text")
    }

    /// Jumps simulated time.
    pub async fn advance(&self, secs: u64) {
        let r = self
            .http
            .post(format!("{}/_sim/clock/advance?seconds={secs}", self.base))
            .send()
            .await
            .expect("advance");
        assert!(r.status().is_success());
    }

    /// Follows `Azure-AsyncOperation` to the end, moving the clock along; the final status.
    pub async fn finish(&self, headers: &reqwest::header::HeaderMap) -> Value {
        let url = headers
            .get("azure-asyncoperation")
            .or_else(|| headers.get("location"))
            .expect("poll URL")
            .to_str()
            .expect("ascii")
            .replace("&operationResultResponseType=Location", "");
        for _ in 0..500 {
            let (status, _, body) = self.call(reqwest::Method::GET, &url, None).await;
            assert_eq!(status, 200, "{body}");
            if body["status"] != "InProgress" {
                return body;
            }
            self.advance(10).await;
        }
        panic!("operation never finished");
    }
}

/// Arms a fault switch (`kind` and its query, e.g. `("throttle", &[("retry-after", "5")])`);
/// what armsim says it armed.
pub async fn arm(base: &str, kind: &str, query: &[(&str, &str)]) -> Value {
    let r = reqwest::Client::new()
        .post(format!("{base}/_sim/fault/{kind}"))
        .query(query)
        .send()
        .await
        .expect("control API");
    let status = r.status();
    let body: Value = r.json().await.expect("JSON");
    assert!(status.is_success(), "arming {kind} {query:?}: {status} {body}");
    body["armed"].clone()
}

/// armsim's request log.
pub async fn request_log(base: &str) -> Vec<Value> {
    let log: Value = reqwest::get(format!("{base}/_sim/requests"))
        .await
        .expect("log")
        .json()
        .await
        .expect("JSON");
    log["requests"].as_array().expect("requests").clone()
}

/// The simulator's default scope (`GET /_sim/scope`).
pub async fn scope(base: &str) -> Value {
    reqwest::get(format!("{base}/_sim/scope"))
        .await
        .expect("scope")
        .json::<Value>()
        .await
        .expect("json")["scope"]
        .clone()
}

/// The default pool's resource path.
pub fn pool_path(s: &Value) -> String {
    format!(
        "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.NetApp/netAppAccounts/{}/capacityPools/{}",
        s["subscription_id"].as_str().expect("subscription"),
        s["resource_group"].as_str().expect("resource group"),
        s["account"].as_str().expect("account"),
        s["pool"].as_str().expect("pool")
    )
}

/// The how-to's migration volume body, for `name` from the source volume `source`.
pub fn migration_body(s: &Value, name: &str, source: &str) -> Value {
    json!({
        "location": "eastus",
        "properties": {
            "volumeType": "Migration",
            "dataProtection": { "replication": { "endpointType": "Dst", "replicationSchedule": "Hourly",
                "remotePath": { "externalHostName": "onprem-cl01", "serverName": "svm_nfs", "volumeName": source } } },
            "serviceLevel": "Standard", "creationToken": name, "usageThreshold": 107_374_182_400_u64,
            "subnetId": s["subnet_id"], "networkFeatures": "Standard", "protocolTypes": ["NFSv3"], "isLargeVolume": "false"
        }
    })
}
