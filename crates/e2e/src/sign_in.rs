//! Signing in through the Entra stand-in's form as one of its users, and choosing the
//! simulator's default scope: how every Azure-mode journey starts.

use crate::armsim_app::scope;
use crate::{oidc_defaults, Browser};
use std::time::Duration;
use thirtyfour::prelude::*;

/// Someone the stand-in signs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct User {
    /// What they type as their user name.
    pub username: &'static str,
    /// Their password.
    pub password: &'static str,
}

/// The stand-in's first user (Ada), whom the journeys sign in unless they say otherwise.
pub const ADA: User = User { username: oidc_defaults::USERNAME, password: oidc_defaults::PASSWORD };
/// The stand-in's second user (Grace), of the same tenant.
pub const GRACE: User =
    User { username: oidc_defaults::SECOND_USERNAME, password: oidc_defaults::SECOND_PASSWORD };

/// Signs in through the stand-in's form, starting from a page of the app that offers it.
///
/// # Panics
/// When the sign-in does not come back signed in.
pub async fn sign_in(browser: &Browser) {
    sign_in_as(browser, ADA).await;
}

/// [`sign_in`] as `user`.
///
/// # Panics
/// When the sign-in does not come back signed in.
pub async fn sign_in_as(browser: &Browser, user: User) {
    browser.wait_for("[data-sign-in]", 20).await.click().await.expect("sign in");
    sign_in_on_the_form_as(browser, user).await;
}

/// On the stand-in's sign-in form: the user and password, the consent that may follow on a
/// first sign-in, then back in the app, signed in.
///
/// # Panics
/// When the sign-in does not come back signed in.
pub async fn sign_in_on_the_form(browser: &Browser) {
    sign_in_on_the_form_as(browser, ADA).await;
}

/// [`sign_in_on_the_form`] as `user`.
///
/// # Panics
/// When the sign-in does not come back signed in.
pub async fn sign_in_on_the_form_as(browser: &Browser, who: User) {
    // The provider may still hold a sign-in session for this user and come straight back, as
    // Entra does: then there is no form to fill.
    let mut form = None;
    for _ in 0..200 {
        if let Ok(field) = browser.driver.find(By::Css("#username")).await {
            form = Some(field);
            break;
        }
        if browser.driver.find(By::Css("[data-account]")).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let user = form.unwrap_or_else(|| panic!("no sign-in form after 20 s"));
    user.clear().await.expect("clear");
    user.send_keys(who.username).await.expect("user");
    let password = browser.driver.find(By::Css("#password")).await.expect("password field");
    password.send_keys(who.password).await.expect("password");
    browser.screenshot("sign-in-form").await;
    browser.driver.find(By::Css("#sign-in")).await.expect("button").click().await.expect("submit");
    // A consent page may follow on a first sign-in; then the app, signed in.
    for _ in 0..300 {
        if browser.driver.find(By::Css("[data-account]")).await.is_ok() {
            return;
        }
        if let Ok(accept) = browser.driver.find(By::Css("#accept")).await {
            let _ = accept.click().await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("not signed in after 30 s; the page says:\n{}", browser.failure_text().await);
}

/// On the scope page: the simulator's default subscription, resource group, account and pool.
pub async fn choose_default_scope(browser: &Browser) {
    for (level, key) in [
        ("subscription", scope::SUBSCRIPTION),
        ("resource-group", scope::RESOURCE_GROUP),
        ("account", scope::ACCOUNT),
        ("pool", scope::POOL),
    ] {
        let css =
            format!("section[data-level='{level}'] li[data-key='{key}' i] input[type='radio']");
        let radio = browser.wait_for(&css, 30).await;
        radio.click().await.expect("choose");
        let chosen = format!("section[data-level='{level}'] li[data-key='{key}' i] input:checked");
        browser.wait_for(&chosen, 10).await;
    }
}

/// The session the app keeps in this tab (`anf-migrate.auth.session.v1`: the client id and
/// the session, its account and token times), if any.
pub async fn stored_session(browser: &Browser) -> Option<serde_json::Value> {
    let script = "return sessionStorage.getItem('anf-migrate.auth.session.v1');";
    let value = browser.driver.execute(script, vec![]).await.ok()?;
    let text: Option<String> = value.convert().ok()?;
    text.and_then(|t| serde_json::from_str(&t).ok())
}

/// When the stored access token expires (milliseconds): it moves on with each renewal.
pub async fn token_expiry(browser: &Browser) -> u64 {
    let s = stored_session(browser).await.expect("a stored session");
    s["session"]["expires_at"].as_u64().unwrap_or_else(|| panic!("no expiry in {s}"))
}

/// The signed-in user's object id, as the app stored it from the ID token.
pub async fn signed_in_oid(browser: &Browser) -> String {
    let s = stored_session(browser).await.expect("a stored session");
    s["session"]["account"]["object_id"]
        .as_str()
        .unwrap_or_else(|| panic!("no object id in {s}"))
        .to_ascii_lowercase()
}

/// Signs out from the account menu, through the stand-in's sign-out page, back to the app
/// signed out.
///
/// # Panics
/// When the app does not come back signed out.
pub async fn sign_out(browser: &Browser) {
    let d = &browser.driver;
    browser.wait_for("[data-account]", 20).await;
    let button =
        d.find(By::XPath("//button[normalize-space()='Sign out']")).await.expect("Sign out");
    button.click().await.expect("sign out");
    // The stand-in's sign-out page submits itself and comes back to the app.
    for _ in 0..300 {
        if browser.driver.find(By::Css("[data-sign-in]")).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("not signed out after 30 s; the page says:\n{}", browser.failure_text().await);
}
