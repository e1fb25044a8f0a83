//! Signing in with the Entra stand-in and calling armsim with the token, all over real HTTP:
//! sign in, list subscriptions, reload and stay signed in, renew by refresh token, recover from a
//! claims challenge, sign out; a tampered `state` is refused.

use anf_e2e::armsim_app::{sign_in_on_the_form, AzureApp, AzureOptions};
use anf_e2e::{oidc_defaults, Armsim, Browser};
use std::time::Duration;
use thirtyfour::prelude::*;

const SESSION_KEY: &str = "anf-migrate.auth.session.v1";

async fn session_json(browser: &Browser) -> Option<serde_json::Value> {
    let script = format!("return sessionStorage.getItem('{SESSION_KEY}');");
    let value = browser.driver.execute(&script, vec![]).await.unwrap();
    let text: Option<String> = value.convert().unwrap();
    text.and_then(|t| serde_json::from_str(&t).ok())
}

fn expires_at(session: &serde_json::Value) -> u64 {
    let s = session.get("session").unwrap_or(session);
    ["expires_at", "expiresAt"]
        .iter()
        .find_map(|k| s.get(k).and_then(serde_json::Value::as_u64))
        .unwrap_or_else(|| panic!("no expiry in the stored session: {session}"))
}

/// Calls ARM made so far that armsim saw, as `METHOD path status` lines.
async fn armsim_log(armsim: &Armsim) -> String {
    anf_e2e::http::get(&format!("{}/_sim/requests", armsim.origin)).await.text()
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_call_arm_renew_claims_challenge_and_sign_out() {
    let azure = AzureApp::start_with(AzureOptions {
        token_seconds: 20,
        check_tokens: true,
        ..AzureOptions::default()
    })
    .await;
    let (browser, site, armsim) = (&azure.browser, &azure.site, &azure.armsim);
    let app = &site.base_url;
    let d = &browser.driver;

    // Signed out: Azure mode says so and offers the way in.
    d.goto(&format!("{}/scope", site.base_url)).await.unwrap();
    let badge = browser.wait_for("[data-mode='azure']", 20).await;
    let text = badge.text().await.unwrap();
    assert!(text.contains("not signed in"), "the badge says: {text}");
    browser.wait_for("[data-auth-notice]", 10).await;
    browser.screenshot("azure-signed-out").await;
    browser.wait_for("[data-sign-in]", 10).await.click().await.unwrap();

    sign_in_on_the_form(browser).await;

    // Back on the page we left, without the code in the address bar, signed in.
    browser.wait_for("[data-account]", 30).await;
    let url = d.current_url().await.unwrap().to_string();
    assert!(url.ends_with("/scope"), "the route is restored: {url}");
    assert!(!url.contains("code=") && !url.contains("state="), "code and state are gone: {url}");
    // Read in the page, not through a held element: the header may be drawn again as the
    // route's chunk arrives (a held element then goes stale).
    let tenant =
        anf_e2e::migration_flow::wait_text(browser, "[data-tenant]", oidc_defaults::TENANT, 10)
            .await;
    assert!(tenant.contains(oidc_defaults::TENANT), "the tenant is shown: {tenant}");

    // The scope page lists subscriptions from armsim with the token.
    let mut listed = false;
    for _ in 0..100 {
        if armsim_log(armsim).await.contains("/subscriptions") {
            listed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(listed, "subscriptions were listed: {}", armsim_log(armsim).await);
    browser.screenshot("azure-signed-in-scope").await;
    // ARM's tenant list (armsim, in the provider's tenant) names the tenant signed in to.
    let home = browser.wait_for(&format!("li[data-tenant='{}']", oidc_defaults::TENANT), 10).await;
    let text = home.text().await.unwrap();
    assert!(text.contains("Signed in here"), "the home tenant's entry says: {text}");
    let first = session_json(browser).await.expect("the session is in sessionStorage");
    let local: Option<String> = d
        .execute("return JSON.stringify(Object.keys(localStorage));", vec![])
        .await
        .unwrap()
        .convert()
        .unwrap();
    assert!(!local.unwrap_or_default().contains("auth"), "no tokens in localStorage");

    // A reload keeps the session.
    d.refresh().await.unwrap();
    browser.wait_for("[data-account]", 20).await;
    assert!(
        d.find(By::Css("[data-auth-notice]")).await.is_err(),
        "no sign-in prompt after a reload"
    );

    // Past the half-life of the 20 s token, the next call renews it with the refresh token.
    tokio::time::sleep(Duration::from_secs(12)).await;
    d.goto(&format!("{}/activity", site.base_url)).await.unwrap();
    browser.wait_for("[data-account]", 20).await;
    d.goto(&format!("{}/scope", site.base_url)).await.unwrap();
    let mut renewed = None;
    for _ in 0..100 {
        let now = session_json(browser).await.expect("session");
        if expires_at(&now) > expires_at(&first) {
            renewed = Some(now);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(renewed.is_some(), "the access token was renewed");
    assert!(d.find(By::Css("[data-auth-notice]")).await.is_err(), "renewal needed no sign-in");

    // ARM's claims challenge: the next call gets 401 insufficient_claims and armsim refuses
    // every token issued before it, so only a new token asked for with the claims gets through.
    let before_challenge = session_json(browser).await.expect("session");
    let calls_before = armsim_log(armsim).await.matches("\"status\":200").count();
    armsim.control("/_sim/fault/claims-challenge?count=1", "").await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    d.refresh().await.unwrap();
    let mut recovered = false;
    for _ in 0..200 {
        let ok_calls = armsim_log(armsim).await.matches("\"status\":200").count();
        let session = session_json(browser).await;
        let new_token =
            session.as_ref().is_some_and(|s| expires_at(s) > expires_at(&before_challenge));
        if ok_calls > calls_before && new_token {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(recovered, "the claims challenge was answered: {}", armsim_log(armsim).await);
    browser.wait_for("[data-account]", 20).await;
    assert!(d.find(By::Css("[data-auth-notice]")).await.is_err(), "no sign-in needed");

    // Sign out: back at the app, signed out.
    browser.wait_for("[data-account]", 20).await;
    let sign_out = d.find(By::XPath("//button[normalize-space()='Sign out']")).await.unwrap();
    sign_out.click().await.unwrap();
    let confirm = d
        .query(By::Css("button[autofocus], form button[type='submit'], #logout"))
        .wait(Duration::from_secs(5), Duration::from_millis(100));
    if let Ok(button) = confirm.first().await {
        if !d.current_url().await.unwrap().as_str().starts_with(app.as_str()) {
            let _ = button.click().await;
        }
    }
    browser.wait_for("[data-sign-in]", 30).await;
    assert!(session_json(browser).await.is_none(), "the session is cleared");
    browser.screenshot("azure-signed-out-again").await;

    // A response whose state was never issued is refused, and the code leaves the address bar.
    d.goto(&format!("{}/#code=forged&state=tampered", site.base_url)).await.unwrap();
    let notice = browser.wait_for("[data-auth-notice]", 20).await;
    let text = notice.text().await.unwrap();
    assert!(d.find(By::Css("[data-account]")).await.is_err(), "not signed in by a forged response");
    assert!(!d.current_url().await.unwrap().as_str().contains("forged"), "the code is removed");
    assert!(!text.is_empty());
    let errors = browser.console_errors().await;
    assert!(
        errors.iter().all(|e| !e.contains("Content Security Policy")),
        "CSP violations: {errors:#?}"
    );
    azure.browser.quit().await;
}
