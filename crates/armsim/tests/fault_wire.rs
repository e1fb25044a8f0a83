//! The fault switches that break the HTTP exchange itself, over real sockets: a connection
//! closed (or reset) with no answer, a slow answer, a truncated body.

mod common;

use common::{arm, request_log, start, Client};
use reqwest::Method;
use serde_json::Value;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const TENANTS: &str = "/tenants?api-version=2022-12-01";

/// Sends one raw GET and reads until the server closes; the bytes received, or the error
/// that ended the read (a reset).
async fn raw_get(base: &str, path: &str) -> Result<Vec<u8>, std::io::Error> {
    let addr = base.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).await?;
    s.write_all(format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes()).await?;
    let mut got = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut got))
        .await
        .expect("the server closes the connection");
    read.map(|_| got)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_closes_its_connection_so_a_cut_one_is_never_reused() {
    let sim = start(&["--no-auth"]).await;
    // HTTP/1.1 keeps a connection open unless told otherwise: armsim tells, and closes.
    let got = raw_get(&sim.base, TENANTS).await.expect("an answer, then the close");
    let text = String::from_utf8_lossy(&got).to_ascii_lowercase();
    assert!(text.starts_with("http/1.1 200"), "{text}");
    assert!(text.contains("\r\nconnection: close\r\n"), "{text}");
    let control = raw_get(&sim.base, "/_sim/faults").await.expect("the control API too");
    assert!(String::from_utf8_lossy(&control).to_ascii_lowercase().contains("connection: close"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_closes_with_nothing_sent_or_resets() {
    let sim = start(&["--no-auth"]).await;
    arm(&sim.base, "drop", &[]).await;
    let got = raw_get(&sim.base, TENANTS).await.expect("an orderly close");
    assert!(got.is_empty(), "no answer at all: {}", String::from_utf8_lossy(&got));

    arm(&sim.base, "drop", &[("reset", "true")]).await;
    let err = raw_get(&sim.base, TENANTS).await.expect_err("a reset");
    assert_eq!(err.kind(), std::io::ErrorKind::ConnectionReset, "{err}");

    // What a browser's fetch gets: a network error, not a status.
    arm(&sim.base, "drop", &[]).await;
    let err = reqwest::get(format!("{}{TENANTS}", sim.base)).await.expect_err("no response");
    assert!(!err.is_status() && !err.is_timeout(), "{err}");
    // The next call gets through, on a new connection.
    assert_eq!(Client::new(&sim.base, None).call(Method::GET, TENANTS, None).await.0, 200);

    let log = request_log(&sim.base).await;
    let dropped: Vec<&Value> = log.iter().filter(|e| e["fault"] == "drop").collect();
    assert_eq!(dropped.len(), 3, "{log:?}");
    assert!(dropped.iter().all(|e| e["status"].is_null() && e["handled"] == false), "{dropped:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_drop_after_applying_creates_the_volume_though_the_client_saw_nothing() {
    let sim = start(&["--no-auth"]).await;
    let s = common::scope(&sim.base).await;
    let vol = format!("{}/volumes/dropped?api-version=2026-04-01", common::pool_path(&s));
    arm(&sim.base, "drop", &[("apply", "true"), ("method", "PUT")]).await;
    let err = reqwest::Client::new()
        .put(format!("{}{vol}", sim.base))
        .json(&common::migration_body(&s, "dropped", "vol_scratch"))
        .send()
        .await
        .expect_err("no response");
    assert!(!err.is_status(), "{err}");
    let (status, _, v) = Client::new(&sim.base, None).call(Method::GET, &vol, None).await;
    assert_eq!(status, 200, "the PUT took effect: {v}");
    let put = request_log(&sim.base).await.into_iter().find(|e| e["method"] == "PUT").unwrap();
    assert_eq!(
        (put["fault"].as_str(), put["status"].is_null(), put["handled"].as_bool()),
        (Some("drop"), true, Some(true)),
        "{put}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_answer_outlasts_a_client_timeout_then_answers_or_drops() {
    let sim = start(&["--no-auth"]).await;
    arm(&sim.base, "slow", &[("seconds", "1.5")]).await;
    let impatient = reqwest::Client::builder().timeout(Duration::from_millis(500)).build().unwrap();
    let err = impatient.get(format!("{}{TENANTS}", sim.base)).send().await.expect_err("timed out");
    assert!(err.is_timeout(), "{err}");

    arm(&sim.base, "slow", &[("seconds", "1")]).await;
    let started = Instant::now();
    let r = reqwest::get(format!("{}{TENANTS}", sim.base)).await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1), "held {:?}", started.elapsed());
    assert_eq!(r.status(), 200);
    assert!(r.json::<Value>().await.unwrap()["value"].is_array(), "then the normal answer");

    arm(&sim.base, "slow", &[("seconds", "1"), ("then", "drop")]).await;
    let started = Instant::now();
    let got = raw_get(&sim.base, TENANTS).await.expect("an orderly close");
    assert!(started.elapsed() >= Duration::from_secs(1), "held {:?}", started.elapsed());
    assert!(got.is_empty(), "{}", String::from_utf8_lossy(&got));

    let slow: Vec<Value> =
        request_log(&sim.base).await.into_iter().filter(|e| e["fault"] == "slow").collect();
    let statuses: Vec<Option<u64>> = slow.iter().map(|e| e["status"].as_u64()).collect();
    assert_eq!(statuses, [Some(200), Some(200), None], "{slow:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_truncated_body_is_incomplete_json_or_a_cut_connection() {
    let sim = start(&["--no-auth"]).await;
    let full = reqwest::get(format!("{}{TENANTS}", sim.base)).await.unwrap().text().await.unwrap();
    arm(&sim.base, "truncated", &[]).await;
    let r = reqwest::get(format!("{}{TENANTS}", sim.base)).await.unwrap();
    assert_eq!(r.status(), 200);
    let declared: usize = r.headers()["content-length"].to_str().unwrap().parse().unwrap();
    let cut = r.text().await.expect("a complete HTTP answer");
    assert_eq!(declared, cut.len(), "the length sent is the truncated one");
    assert!(cut.len() < full.len() && full.starts_with(&cut), "{cut} / {full}");
    assert!(serde_json::from_str::<Value>(&cut).is_err(), "incomplete JSON: {cut}");

    arm(&sim.base, "truncated", &[("close", "true")]).await;
    let got = raw_get(&sim.base, TENANTS).await.expect("closed after the first half");
    let text = String::from_utf8_lossy(&got).to_string();
    let (head, body) = text.split_once("\r\n\r\n").expect("headers then part of the body");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(
        head.to_ascii_lowercase().contains(&format!("content-length: {}", full.len())),
        "the full length declared: {head}"
    );
    assert!(body.len() < full.len() && full.starts_with(body), "{body}");
    arm(&sim.base, "truncated", &[("close", "true")]).await;
    let r = reqwest::get(format!("{}{TENANTS}", sim.base)).await.unwrap();
    assert!(r.text().await.is_err(), "reading the body fails");

    // A body-less answer can't be cut: the switch waits for one that has a body.
    let s = common::scope(&sim.base).await;
    let vol = format!("{}/volumes/v-trunc?api-version=2026-04-01", common::pool_path(&s));
    let c = Client::new(&sim.base, None);
    arm(&sim.base, "truncated", &[]).await;
    let (status, _, _) = c.call(Method::DELETE, &vol, None).await;
    assert_eq!(status, 204, "nothing to cut");
    let listed: Value =
        reqwest::get(format!("{}/_sim/faults", sim.base)).await.unwrap().json().await.unwrap();
    assert_eq!(listed["faults"][0]["kind"], "truncated", "still armed: {listed}");
    let log = request_log(&sim.base).await;
    assert_eq!(log.iter().filter(|e| e["fault"] == "truncated").count(), 3, "{log:?}");
    assert!(log.last().unwrap()["fault"].is_null());
}
