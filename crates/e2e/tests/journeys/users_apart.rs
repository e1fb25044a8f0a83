//! Two people at one browser (Azure mode, the stand-in's two users): Ada types a draft, starts
//! a sync and signs out with it still running; Grace signs in in the same tab and finds nothing
//! of Ada's (no draft, no operation, no activity, no scope), and Ada's sync is not followed
//! with Grace's token; Ada, back, finds what she keeps in localStorage (scope, ledger).

use anf_e2e::armsim_app::{AzureApp, AzureOptions, ADA, GRACE};
use anf_e2e::fault_kit::{notices, record_notices, stored_operations, wait_op_state};
use anf_e2e::migration_flow as flow;
use anf_e2e::oidc_defaults;
use anf_e2e::sign_in::{choose_default_scope, sign_in_as, sign_out, signed_in_oid};
use anf_e2e::Browser;
use std::time::{Duration, Instant};

const NAME: &str = "mig-shared-pc";
const DRAFT_NAME: &str = "draft-of-ada";

/// `{key: value}` of the app's keys in `area` (`localStorage` or `sessionStorage`).
async fn keys(b: &Browser, area: &str) -> serde_json::Map<String, serde_json::Value> {
    let script = format!("return JSON.stringify(Object.fromEntries(Object.keys({area}).filter((k) => k.startsWith('anf-migrate.')).map((k) => [k, {area}.getItem(k)])));");
    let ret = b.driver.execute(&script, vec![]).await.unwrap();
    serde_json::from_str(ret.json().as_str().unwrap_or("{}")).unwrap_or_default()
}

/// The `anf-migrate.operations@...` value's status URL of the newest operation: where its
/// poller reads.
fn status_url_of(op: &serde_json::Value) -> String {
    fn find(v: &serde_json::Value) -> Option<String> {
        match v {
            serde_json::Value::String(s) if s.contains("/operationResults/") => Some(s.clone()),
            serde_json::Value::Array(a) => a.iter().find_map(find),
            serde_json::Value::Object(o) => o.values().find_map(find),
            _ => None,
        }
    }
    let url = find(op).unwrap_or_else(|| panic!("no status URL in {op}"));
    let path = url.find("/subscriptions/").map_or(url.as_str(), |i| &url[i..]);
    path.split('?').next().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_user_in_the_same_tab_finds_nothing_of_the_first() {
    let started = Instant::now();
    // Slow operations at real time: Ada's sync still runs when she leaves.
    let app = AzureApp::start_with(AzureOptions {
        scenario: "slow-operations",
        speed: 1.0,
        ..AzureOptions::default()
    })
    .await;
    let b = &app.browser;
    let ada_owner = format!("@{}.{}", oidc_defaults::TENANT, oidc_defaults::OBJECT_ID);
    app.sign_in_and_choose_scope().await;
    app.migrate_directly(NAME, "vol_scratch", 60).await;

    // Ada: a draft half typed, then a sync started on the migration.
    app.goto("/migrations/new").await;
    flow::type_into(b, "#nm-clusterName", flow::CLUSTER).await;
    flow::click_button(b, "[role='tabpanel']", "Next: Volume", 10).await;
    flow::type_into(b, "#nm-volumeName", DRAFT_NAME).await;
    flow::wait_js(b, "the draft to be kept", 10, &format!("return Object.keys(sessionStorage).some((k) => k.startsWith('anf-migrate.new-migration-draft{ada_owner}') && sessionStorage.getItem(k).includes('{DRAFT_NAME}'));")).await;
    app.goto(&format!("/migrations/{NAME}")).await;
    for _ in 0..60 {
        if flow::exists(b, "button[data-action='sync'][aria-disabled='false']").await {
            break;
        }
        app.advance(60).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    flow::click(b, "button[data-action='sync']", 10).await;
    let label = format!("Sync now on {NAME}");
    wait_op_state(b, &label, "running", 30).await;
    let ada_ops = stored_operations(b).await;
    assert_eq!(ada_ops.len(), 1, "{ada_ops:#?}");
    assert!(ada_ops[0].0.ends_with(&ada_owner), "Ada's operations carry her: {}", ada_ops[0].0);
    let ada_poll = status_url_of(ada_ops[0].1.last().unwrap());
    let ada_local = keys(b, "localStorage").await;
    for key in ["anf-migrate.scope", "anf-migrate.migration-ledger"] {
        assert!(
            ada_local.contains_key(&format!("{key}{ada_owner}")),
            "{key} is Ada's: {ada_local:#?}"
        );
    }
    b.screenshot("users-apart-ada-syncing").await;

    // Ada signs out with the sync running: her session data leaves the tab, her local data stays.
    sign_out(b).await;
    let session = keys(b, "sessionStorage").await;
    assert!(
        !session.keys().any(|k| k.contains(&ada_owner)),
        "Ada's session data is gone: {session:#?}"
    );
    let signed_out_at = app.requests().await.len();

    // Grace, same tab.
    sign_in_as(b, GRACE).await;
    let grace_oid = signed_in_oid(b).await;
    assert_ne!(grace_oid, oidc_defaults::OBJECT_ID, "Grace is someone else");
    let who = b.wait_for("[data-account]", 10).await.attr("title").await.unwrap();
    assert_eq!(who.as_deref(), Some(GRACE.username));
    record_notices(b).await;
    // Nothing chosen for her: the scope is Ada's.
    app.goto("/migrations").await;
    flow::wait_text(b, "main", "Choose a scope first", 20).await;
    assert!(!flow::exists(b, &format!("tr[data-volume='{NAME}']")).await, "no scope of Ada's");
    app.goto("/scope").await;
    choose_default_scope(b).await;
    // No draft.
    app.goto("/migrations/new").await;
    b.wait_for("#nm-clusterName", 20).await;
    let cluster = b.wait_for("#nm-clusterName", 5).await.prop("value").await.unwrap();
    assert_eq!(cluster.as_deref(), Some(""), "Ada's draft is not shown to Grace");
    assert!(!b.body_text().await.contains(DRAFT_NAME), "nor its volume name");
    // No operation: the migration's history is empty, and Ada's sync is not followed.
    app.goto(&format!("/migrations/{NAME}")).await;
    flow::wait_text(b, "#history-h + *", "No operation was run on this volume", 20).await;
    b.screenshot("users-apart-grace-details").await;
    // No activity of Ada's: Grace made no write.
    flow::follow(b, "/activity").await;
    b.wait_for("main tbody tr", 20).await;
    // Method and path of each row: Grace's page loads are reads (GETs, and the details page's
    // POST listReplications, a read-only action).
    let rows = b
        .driver
        .execute("return [...document.querySelectorAll('main tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()).join(' '));", vec![])
        .await
        .unwrap();
    let rows: Vec<String> = rows.convert().unwrap();
    assert!(
        rows.iter().all(|r| r.contains("GET") || r.contains("listReplications")),
        "only Grace's own reads are listed: {rows:?}"
    );
    b.screenshot("users-apart-grace-activity").await;
    let grace_keys: Vec<String> = stored_operations(b).await.into_iter().map(|(k, _)| k).collect();
    assert!(grace_keys.iter().all(|k| k.ends_with(&grace_oid)), "{grace_keys:?}");
    // Give an orphaned poller time to show itself, then look at what reached armsim.
    app.advance(120).await;
    tokio::time::sleep(Duration::from_secs(12)).await;
    let since: Vec<_> = app.requests().await.into_iter().skip(signed_out_at).collect();
    let followed: Vec<_> =
        since.iter().filter(|r| r.path.eq_ignore_ascii_case(&ada_poll)).collect();
    assert!(followed.is_empty(), "Ada's sync was polled after she left: {followed:#?}");
    let said = notices(b).await;
    assert!(!said.iter().any(|n| n.contains(&label)), "Grace was told of Ada's sync: {said:#?}");
    let grace_local = keys(b, "localStorage").await;
    assert_eq!(
        grace_local.get(&format!("anf-migrate.migration-ledger{ada_owner}")),
        ada_local.get(&format!("anf-migrate.migration-ledger{ada_owner}")),
        "Grace's visit left Ada's ledger as it was"
    );

    // Ada again: her scope and ledger are there.
    sign_out(b).await;
    sign_in_as(b, ADA).await;
    app.goto("/migrations").await;
    b.wait_for(&format!("tr[data-volume='{NAME}']"), 30).await;
    let back = keys(b, "localStorage").await;
    assert!(back.contains_key(&format!("anf-migrate.migration-ledger{ada_owner}")), "{back:#?}");
    assert_eq!(
        back.get(&format!("anf-migrate.scope{ada_owner}")),
        ada_local.get(&format!("anf-migrate.scope{ada_owner}")),
        "Ada's scope is hers again"
    );
    b.screenshot("users-apart-ada-back").await;
    println!("users_apart journey took {:?}", started.elapsed());
    app.browser.quit().await;
}
