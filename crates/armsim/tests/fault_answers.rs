//! The fault switches that answer in the simulator's place, over real HTTP: 429 with any
//! Retry-After, 5xx, a gateway's HTML page, 401 invalid_token; their path and method filters,
//! counts, listing and clearing, and the request log's record of them.

mod common;

use common::{arm, request_log, start, Client};
use reqwest::Method;
use serde_json::Value;

const TENANTS: &str = "/tenants?api-version=2022-12-01";

fn subscription_path(sub: &str) -> String {
    format!("/subscriptions/{sub}/resourceGroups?api-version=2021-04-01")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttling_sends_each_retry_after_verbatim_with_arm_s_body_and_budget() {
    let sim = start(&["--no-auth", "--allow-origin", "http://localhost:8080"]).await;
    let http = reqwest::Client::new();
    let sub = common::scope(&sim.base).await["subscription_id"].as_str().unwrap().to_string();
    let far_future = "Fri, 31 Dec 9999 23:59:59 GMT";
    for value in ["1e20", "-5", "soon", far_future, "18446744073709551616"] {
        arm(
            &sim.base,
            "throttle",
            &[("retry-after", value), ("x-ms-retry-after-ms", "2500"), ("retry-after-ms", "-1")],
        )
        .await;
        let r = http
            .get(format!("{}{}", sim.base, subscription_path(&sub)))
            .header("Origin", "http://localhost:8080")
            .header("x-ms-correlation-request-id", "c0ffee")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 429);
        let h = r.headers().clone();
        assert_eq!(h["retry-after"], value, "verbatim");
        assert_eq!(h["x-ms-retry-after-ms"], "2500");
        assert_eq!(h["retry-after-ms"], "-1");
        assert_eq!(h["x-ms-ratelimit-remaining-subscription-reads"], "0");
        assert_eq!(h["x-ms-correlation-request-id"], "c0ffee");
        assert_eq!(h["x-ms-request-id"].len(), 36);
        // The browser may read it: CORS headers, with the retry hints exposed.
        assert_eq!(h["access-control-allow-origin"], "http://localhost:8080");
        let exposed = h["access-control-expose-headers"].to_str().unwrap();
        for name in ["Retry-After", "retry-after-ms", "x-ms-retry-after-ms"] {
            assert!(exposed.contains(name), "{name} exposed: {exposed}");
        }
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["code"], "SubscriptionRequestsThrottled", "{body}");
        assert!(body["error"]["message"].as_str().unwrap().contains(&sub), "{body}");
        // One call only: the next passes.
        let (status, _, _) =
            Client::new(&sim.base, None).call(Method::GET, &subscription_path(&sub), None).await;
        assert_eq!(status, 200);
    }
    // A write's budget, a chosen remainder, and no Retry-After at all when asked for empty.
    arm(&sim.base, "throttle", &[("retry-after", ""), ("remaining", "7")]).await;
    let (status, h, _) = Client::new(&sim.base, None)
        .call(
            Method::PUT,
            &format!("/subscriptions/{sub}/resourceGroups/rg-x?api-version=2021-04-01"),
            Some(serde_json::json!({"location": "eastus"})),
        )
        .await;
    assert_eq!(status, 429);
    assert!(h.get("retry-after").is_none(), "{h:?}");
    assert_eq!(h["x-ms-ratelimit-remaining-subscription-writes"], "7");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_html_pages_and_invalid_tokens_answer_n_calls() {
    let sim = start(&["--no-auth"]).await;
    let c = Client::new(&sim.base, None);
    arm(&sim.base, "server-error", &[("count", "2")]).await;
    for _ in 0..2 {
        let (status, _, body) = c.call(Method::GET, TENANTS, None).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (500, Some("InternalServerError")),
            "{body}"
        );
    }
    arm(&sim.base, "server-error", &[("status", "503"), ("retry-after", "3")]).await;
    let (status, h, body) = c.call(Method::GET, TENANTS, None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (503, Some("ServiceUnavailable")),
        "{body}"
    );
    assert_eq!(h["retry-after"], "3");

    arm(&sim.base, "html", &[]).await;
    let r = reqwest::get(format!("{}{TENANTS}", sim.base)).await.unwrap();
    assert_eq!(r.status(), 502);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let page = r.text().await.unwrap();
    assert!(page.contains("<h1>502 Bad Gateway</h1>"), "{page}");
    assert!(serde_json::from_str::<Value>(&page).is_err(), "not JSON");
    arm(&sim.base, "html", &[("status", "504")]).await;
    assert_eq!(reqwest::get(format!("{}{TENANTS}", sim.base)).await.unwrap().status(), 504);

    arm(&sim.base, "invalid-token", &[]).await;
    let (status, h, body) = c.call(Method::GET, TENANTS, None).await;
    assert_eq!(status, 401);
    let challenge = h["www-authenticate"].to_str().unwrap();
    assert!(
        challenge.starts_with("Bearer ") && challenge.contains("error=\"invalid_token\""),
        "{challenge}"
    );
    assert_eq!(body["error"]["code"], "InvalidAuthenticationToken");
    assert_eq!(c.call(Method::GET, TENANTS, None).await.0, 200, "all used up");

    let log = request_log(&sim.base).await;
    let faults: Vec<(&str, u64)> = log
        .iter()
        .filter(|e| !e["fault"].is_null())
        .map(|e| (e["fault"].as_str().unwrap(), e["status"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        faults,
        [
            ("server-error", 500),
            ("server-error", 500),
            ("server-error", 503),
            ("html", 502),
            ("html", 504),
            ("invalid-token", 401)
        ]
    );
    assert!(
        log.iter().filter(|e| !e["fault"].is_null()).all(|e| e["handled"] == false),
        "answered without the simulator"
    );
    assert_eq!(log.last().unwrap()["handled"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switches_match_their_path_and_method_and_are_listed_and_cleared() {
    let sim = start(&["--no-auth"]).await;
    let c = Client::new(&sim.base, None);
    let pool = common::pool_path(&common::scope(&sim.base).await);
    let volumes = format!("{pool}/volumes?api-version=2026-04-01");
    let status = format!("{pool}/volumes/vol-nope/replicationStatus?api-version=2026-04-01");
    let armed = arm(
        &sim.base,
        "server-error",
        &[("path", "*/VOLUMES/*"), ("method", "put,delete"), ("count", "2")],
    )
    .await;
    assert_eq!(armed["left"], 2);
    assert_eq!(armed["methods"], serde_json::json!(["PUT", "DELETE"]));
    arm(&sim.base, "html", &[("path", "replicationStatus")]).await;
    arm(&sim.base, "operation", &[("status", "Canceled"), ("path", "breakReplication")]).await;
    let listed: Value =
        reqwest::get(format!("{}/_sim/faults", sim.base)).await.unwrap().json().await.unwrap();
    let kinds: Vec<&str> =
        listed["faults"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["server-error", "html", "operation"], "{listed}");
    assert_eq!(listed["faults"][2]["settings"]["status"], "Canceled");

    // A GET under /volumes/ is not a PUT; a PUT elsewhere is not under /volumes/.
    assert_eq!(c.call(Method::GET, &volumes, None).await.0, 200);
    let elsewhere = format!("{pool}?api-version=2026-04-01");
    assert_ne!(c.call(Method::PUT, &elsewhere, Some(serde_json::json!({}))).await.0, 500);
    // The substring pattern, whatever the case of the path.
    let r = reqwest::get(format!(
        "{}{}",
        sim.base,
        status.replace("replicationStatus", "REPLICATIONSTATUS")
    ))
    .await
    .unwrap();
    assert_eq!(r.status(), 502);
    assert_eq!(
        c.call(Method::DELETE, &format!("{pool}/volumes/vol-nope?api-version=2026-04-01"), None)
            .await
            .0,
        500
    );
    let listed: Value =
        reqwest::get(format!("{}/_sim/faults", sim.base)).await.unwrap().json().await.unwrap();
    assert_eq!(listed["faults"][0]["left"], 1, "{listed}");
    assert_eq!(listed["faults"].as_array().unwrap().len(), 2, "html used up: {listed}");

    let cleared: Value = reqwest::Client::new()
        .delete(format!("{}/_sim/faults", sim.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(cleared["cleared"], 2);
    let listed: Value =
        reqwest::get(format!("{}/_sim/faults", sim.base)).await.unwrap().json().await.unwrap();
    assert_eq!(listed["faults"], serde_json::json!([]));
    assert_ne!(
        c.call(Method::DELETE, &format!("{pool}/volumes/vol-nope?api-version=2026-04-01"), None)
            .await
            .0,
        500
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_switches_are_refused_and_a_reset_disarms_everything() {
    let sim = start(&["--no-auth"]).await;
    let http = reqwest::Client::new();
    for (path, code) in [
        ("/_sim/fault/nope", 404),
        ("/_sim/fault/throttle?retry_after=5", 400),
        ("/_sim/fault/slow", 400),
        ("/_sim/fault/drop?count=0", 400),
        ("/_sim/fault/server-error?status=404", 400),
        ("/_sim/fault/operation?status=Succeeded", 400),
        ("/_sim/fault/html?method=FETCH", 400),
    ] {
        let r = http.post(format!("{}{path}", sim.base)).send().await.unwrap();
        assert_eq!(r.status(), code, "{path}");
    }
    arm(&sim.base, "server-error", &[]).await;
    arm(&sim.base, "operation", &[]).await;
    let r = http.post(format!("{}/_sim/reset", sim.base)).send().await.unwrap();
    assert!(r.status().is_success());
    let listed: Value =
        reqwest::get(format!("{}/_sim/faults", sim.base)).await.unwrap().json().await.unwrap();
    assert_eq!(listed["faults"], serde_json::json!([]));
    assert_eq!(Client::new(&sim.base, None).call(Method::GET, TENANTS, None).await.0, 200);
    assert_eq!(request_log(&sim.base).await.len(), 1, "the log started over with the reset");
}
