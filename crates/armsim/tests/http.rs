//! armsim over real HTTP: the how-to's workflow with a bearer token, token refusals, CORS and the
//! claims-challenge fault.

mod common;

use base64::Engine;
use common::{identity_provider, start, token, token_issued, Client, OTHER_KEY, TEST_KEY};
use reqwest::Method;
use serde_json::{json, Value};

const API: &str = "2026-04-01";
const ARM: &str = "https://management.azure.com";

async fn scope(base: &str) -> Value {
    reqwest::get(format!("{base}/_sim/scope"))
        .await
        .expect("scope")
        .json::<Value>()
        .await
        .expect("json")["scope"]
        .clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documented_workflow_with_a_bearer_token() {
    let issuer = identity_provider().await;
    let sim = start(&["--issuer", &issuer]).await;
    let c = Client::new(&sim.base, Some(token(TEST_KEY, &issuer, ARM, 3600)));
    let s = scope(&sim.base).await;
    let pool = format!(
        "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.NetApp/netAppAccounts/{}/capacityPools/{}",
        s["subscription_id"].as_str().unwrap(),
        s["resource_group"].as_str().unwrap(),
        s["account"].as_str().unwrap(),
        s["pool"].as_str().unwrap()
    );
    let vol = format!("{pool}/volumes/migvol");
    let body = json!({
        "location": "eastus",
        "properties": {
            "volumeType": "Migration",
            "dataProtection": { "replication": { "endpointType": "Dst", "replicationSchedule": "Hourly",
                "remotePath": { "externalHostName": "onprem-cl01", "serverName": "svm_nfs", "volumeName": "vol_scratch" } } },
            "serviceLevel": "Standard", "creationToken": "migvol", "usageThreshold": 107_374_182_400_u64,
            "subnetId": s["subnet_id"], "networkFeatures": "Standard", "protocolTypes": ["NFSv3"], "isLargeVolume": "false"
        }
    });
    let (status, h, _) = c.call(Method::PUT, &format!("{vol}?api-version={API}"), Some(body)).await;
    assert_eq!(status, 201);
    assert!(h.get("azure-asyncoperation").unwrap().to_str().unwrap().starts_with(&sim.base));
    assert_eq!(c.finish(&h).await["status"], "Succeeded");

    let (status, h, _) = c
        .call(
            Method::POST,
            &format!("{vol}/peerExternalCluster?api-version={API}"),
            Some(json!({ "peerIpAddresses": s["intercluster_addresses"] })),
        )
        .await;
    assert_eq!(status, 202);
    let peer = c.finish(&h).await;
    let cmd = peer["properties"]["clusterPeeringCommand"]
        .as_str()
        .unwrap()
        .replace("<IP-SPACE-NAME>", "Default");
    let pass = peer["properties"]["passphrase"].as_str().unwrap();
    let out = c.cli(&format!("{cmd}\n{pass}\n{pass}")).await;
    assert!(!out.contains("Error"), "{out}");

    let (_, h, _) = c
        .call(Method::POST, &format!("{vol}/authorizeExternalReplication?api-version={API}"), None)
        .await;
    let auth = c.finish(&h).await;
    let out = c.cli(auth["properties"]["svmPeeringCommand"].as_str().unwrap()).await;
    assert!(!out.contains("Error"), "{out}");

    let mut status_body = Value::Null;
    for _ in 0..30 {
        c.advance(10).await;
        status_body = c
            .call(Method::GET, &format!("{vol}/replicationStatus?api-version={API}"), None)
            .await
            .2;
        if status_body["mirrorState"] == "Mirrored" {
            break;
        }
    }
    assert_eq!(status_body["mirrorState"], "Mirrored", "{status_body}");

    let (_, h, _) = c
        .call(Method::POST, &format!("{vol}/performReplicationTransfer?api-version={API}"), None)
        .await;
    assert_eq!(c.finish(&h).await["status"], "Succeeded");
    let (_, h, _) = c
        .call(
            Method::POST,
            &format!("{vol}/breakReplication?api-version={API}"),
            Some(json!({ "forceBreakReplication": false })),
        )
        .await;
    assert_eq!(c.finish(&h).await["status"], "Succeeded");
    let (status, h, _) = c
        .call(Method::POST, &format!("{vol}/finalizeExternalReplication?api-version={API}"), None)
        .await;
    assert_eq!(status, 202);
    assert_eq!(c.finish(&h).await["status"], "Succeeded");
    let (_, _, v) = c.call(Method::GET, &format!("{vol}?api-version={API}"), None).await;
    assert!(v["properties"].get("volumeType").is_none(), "{v}");

    let log: Value =
        reqwest::get(format!("{}/_sim/requests", sim.base)).await.unwrap().json().await.unwrap();
    assert!(log["requests"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["method"] == "PUT" && r["status"] == 201));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_expired_or_missing_tokens_get_401_with_a_challenge() {
    let issuer = identity_provider().await;
    let sim = start(&["--issuer", &issuer]).await;
    let path = "/tenants?api-version=2022-12-01";
    for (t, code) in [
        (Some(token(OTHER_KEY, &issuer, ARM, 3600)), "InvalidAuthenticationToken"),
        (Some(token(TEST_KEY, &issuer, ARM, -3600)), "ExpiredAuthenticationToken"),
        (
            Some(token(TEST_KEY, &issuer, "https://graph.microsoft.com", 3600)),
            "InvalidAuthenticationToken",
        ),
        (
            Some(token(TEST_KEY, "https://elsewhere.example", ARM, 3600)),
            "InvalidAuthenticationToken",
        ),
        (Some("not-a-jwt".to_string()), "InvalidAuthenticationToken"),
        (None, "AuthenticationFailed"),
    ] {
        let (status, h, body) = Client::new(&sim.base, t).call(Method::GET, path, None).await;
        assert_eq!((status, body["error"]["code"].as_str()), (401, Some(code)), "{body}");
        let challenge = h.get("www-authenticate").expect("WWW-Authenticate").to_str().unwrap();
        assert!(
            challenge.starts_with(&format!("Bearer authorization_uri=\"{issuer}\"")),
            "{challenge}"
        );
        assert!(
            challenge.contains("error=\"invalid_token\"")
                && challenge.contains("error_description=\""),
            "{challenge}"
        );
    }
    let (status, _, _) = Client::new(
        &sim.base,
        Some(token(TEST_KEY, &issuer, "https://management.azure.com/", 3600)),
    )
    .call(Method::GET, path, None)
    .await;
    assert_eq!(status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_preflight_is_allowed_for_the_configured_origin_only() {
    let sim = start(&["--no-auth", "--allow-origin", "http://localhost:8080"]).await;
    let http = reqwest::Client::new();
    let preflight = |origin: &'static str| {
        http.request(Method::OPTIONS, format!("{}/subscriptions?api-version=2022-12-01", sim.base))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "PUT")
            .header("Access-Control-Request-Headers", "authorization,content-type")
            .send()
    };
    let ok = preflight("http://localhost:8080").await.unwrap();
    assert_eq!(ok.status(), 204);
    assert_eq!(ok.headers()["access-control-allow-origin"], "http://localhost:8080");
    assert!(ok.headers()["access-control-allow-methods"].to_str().unwrap().contains("PUT"));
    assert_eq!(ok.headers()["access-control-allow-headers"], "authorization,content-type");
    let refused = preflight("https://evil.example").await.unwrap();
    assert_eq!(refused.status(), 403);
    assert!(refused.headers().get("access-control-allow-origin").is_none());
    let r = http
        .get(format!("{}/subscriptions?api-version=2022-12-01", sim.base))
        .header("Origin", "http://localhost:8080")
        .send()
        .await
        .unwrap();
    assert!(r.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .contains("Azure-AsyncOperation"));
    let r = http
        .get(format!("{}/subscriptions?api-version=2022-12-01", sim.base))
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn claims_challenge_fault_answers_insufficient_claims_n_times() {
    let sim = start(&["--no-auth"]).await;
    let http = reqwest::Client::new();
    let r = http
        .post(format!("{}/_sim/fault/claims-challenge?count=2", sim.base))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    let c = Client::new(&sim.base, None);
    for _ in 0..2 {
        let (status, h, _) = c.call(Method::GET, "/tenants?api-version=2022-12-01", None).await;
        assert_eq!(status, 401);
        let challenge = h["www-authenticate"].to_str().unwrap().to_string();
        assert!(challenge.contains("error=\"insufficient_claims\""), "{challenge}");
        let b64 = challenge.split("claims=\"").nth(1).unwrap().trim_end_matches('"');
        let claims: Value =
            serde_json::from_slice(&base64::engine::general_purpose::STANDARD.decode(b64).unwrap())
                .unwrap();
        assert_eq!(claims["access_token"]["nbf"]["essential"], true);
        assert!(claims["access_token"]["nbf"]["value"].as_str().unwrap().parse::<u64>().is_ok());
    }
    assert_eq!(c.call(Method::GET, "/tenants?api-version=2022-12-01", None).await.0, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claims_challenge_revokes_older_tokens_until_a_new_one_is_used() {
    let issuer = identity_provider().await;
    let sim = start(&["--issuer", &issuer]).await;
    let old = Client::new(&sim.base, Some(token(TEST_KEY, &issuer, ARM, 3600)));
    let path = "/tenants?api-version=2022-12-01";
    assert_eq!(old.call(Method::GET, path, None).await.0, 200);
    let r = reqwest::Client::new()
        .post(format!("{}/_sim/fault/claims-challenge?count=1", sim.base))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    // The challenge, then the same token again: still refused, as continuous access
    // evaluation refuses a revoked token; retrying blindly does not get through.
    for _ in 0..2 {
        let (status, h, _) = old.call(Method::GET, path, None).await;
        assert_eq!(status, 401);
        let challenge = h["www-authenticate"].to_str().unwrap();
        assert!(challenge.contains("insufficient_claims"), "{challenge}");
    }
    // A token issued after the challenge passes.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let fresh = Client::new(&sim.base, Some(token_issued(TEST_KEY, &issuer, ARM, 3600, 0)));
    assert_eq!(fresh.call(Method::GET, path, None).await.0, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_api_resets_advances_and_reports() {
    let sim = start(&["--no-auth", "--scenario", "old-ontap"]).await;
    let c = Client::new(&sim.base, None);
    assert!(c.cli("version").await.starts_with("NetApp Release 9.9.1"));
    let http = reqwest::Client::new();
    let r = http.post(format!("{}/_sim/reset?scenario=nope", sim.base)).send().await.unwrap();
    assert_eq!(r.status(), 400);
    let r = http.post(format!("{}/_sim/reset?scenario=happy-path", sim.base)).send().await.unwrap();
    assert!(r.status().is_success());
    assert!(c.cli("version").await.starts_with("NetApp Release 9.14.1"));
    let r = http.post(format!("{}/_sim/clock/advance?seconds=x", sim.base)).send().await.unwrap();
    assert_eq!(r.status(), 400);
    let r = http
        .post(format!("{}/_sim/ontap/nope/cli", sim.base))
        .body("version")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let names: Value =
        reqwest::get(format!("{}/_sim/scenarios", sim.base)).await.unwrap().json().await.unwrap();
    assert!(names.as_array().unwrap().iter().any(|s| s["name"] == "throttling"));
}
