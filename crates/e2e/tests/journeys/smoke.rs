//! The release build, served with the production headers, loads cleanly in Chromium.

use anf_e2e::{http, Browser, Site, SiteOptions};
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread")]
async fn release_build_loads_with_production_headers_and_no_console_errors() {
    let site = Site::start(SiteOptions::default()).await;
    let browser = Browser::start().await;
    let d = &browser.driver;

    d.goto(&site.base_url).await.unwrap();
    let badge = browser.wait_for("[data-mode]", 20).await;
    assert_eq!(badge.attr("data-mode").await.unwrap().as_deref(), Some("demo"));
    browser.wait_for_text("main h1", "Migration assistant", 10).await;
    assert!(
        d.current_url().await.unwrap().as_str().ends_with("/migrations"),
        "/ leads to /migrations"
    );
    browser.screenshot("shell-desktop-light").await;
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors on load: {errors:#?}");

    // A deep link is served the app by the fallback and routed on the client.
    d.goto(&format!("{}/preflight", site.base_url)).await.unwrap();
    browser.wait_for_text("main h1", "Pre-flight", 20).await;
    let current = d.find(By::Css("nav a[aria-current='page']")).await.unwrap();
    assert_eq!(current.text().await.unwrap(), "Pre-flight");

    // Dark theme, remembered across a reload.
    d.find(By::Css("button[aria-pressed]")).await.unwrap().click().await.unwrap();
    let html = d.find(By::Tag("html")).await.unwrap();
    let theme = html.attr("data-theme").await.unwrap().expect("a theme is set");
    d.refresh().await.unwrap();
    browser.wait_for_text("main h1", "Pre-flight", 20).await;
    let html = d.find(By::Tag("html")).await.unwrap();
    assert_eq!(html.attr("data-theme").await.unwrap().as_deref(), Some(theme.as_str()));
    // The chosen theme, not the system's, colours the page (the tokens' light-dark pairs).
    let background: String = d
        .execute("return getComputedStyle(document.body).backgroundColor;", vec![])
        .await
        .unwrap()
        .convert()
        .unwrap();
    let expected = if theme == "dark" { "rgb(20, 20, 20)" } else { "rgb(245, 245, 245)" };
    assert_eq!(background, expected, "the page background in the {theme} theme");
    browser.screenshot(&format!("shell-desktop-{theme}")).await;

    // 360 px wide: nothing spills sideways.
    d.set_window_rect(0, 0, 360, 780).await.unwrap();
    d.goto(&format!("{}/activity", site.base_url)).await.unwrap();
    browser.wait_for_text("main h1", "Activity", 20).await;
    let overflow: bool = d
        .execute("return document.documentElement.scrollWidth > window.innerWidth;", vec![])
        .await
        .unwrap()
        .convert()
        .unwrap();
    assert!(!overflow, "the page scrolls sideways at 360 px");
    browser.screenshot("shell-narrow").await;

    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors while navigating: {errors:#?}");
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn static_web_apps_rules_hold() {
    let site = Site::start(SiteOptions::default()).await;
    let index = http::get(&format!("{}/", site.base_url)).await;
    assert_eq!(index.status, 200);
    assert_eq!(index.header("cache-control"), Some("no-cache"));
    assert_eq!(index.header("x-content-type-options"), Some("nosniff"));
    let csp = index.header("content-security-policy").expect("a content security policy");
    for directive in [
        "script-src 'self' 'wasm-unsafe-eval'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "connect-src 'self' https://login.microsoftonline.com https://management.azure.com",
    ] {
        assert!(csp.contains(directive), "CSP lacks {directive:?}: {csp}");
    }
    let html = index.text();
    assert!(
        !html.contains("<script>") && !html.contains("<script type=\"module\">"),
        "an inline script: {html}"
    );

    let deep = http::get(&format!("{}/migrations/new", site.base_url)).await;
    assert_eq!(deep.status, 200, "deep links get the app");
    assert!(deep.text().contains("<title>anf-migrate</title>"));
    assert_eq!(deep.header("cache-control"), Some("no-cache"));

    let missing = http::get(&format!("{}/nothing-here.wasm", site.base_url)).await;
    assert_eq!(missing.status, 404, "a missing asset is a 404, not the app");
    assert!(!missing.text().contains("<html"));

    let script = html
        .split("src=\"")
        .filter_map(|s| s.split('"').next())
        .find(|s| s.ends_with(".js") && !s.contains("boot-"))
        .map(str::to_owned);
    let wasm_name = std::fs::read_dir(anf_e2e::dist_dir())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with(".wasm"))
        .expect("a wasm file in dist");
    let wasm = http::get(&format!("{}/{wasm_name}", site.base_url)).await;
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert!(wasm.body.starts_with(b"\0asm"));
    assert!(script.is_none() || script.is_some_and(|s| s.starts_with('/')));

    let config = http::get(&format!("{}/config.json", site.base_url)).await;
    assert_eq!(config.status, 200);
    assert_eq!(config.header("cache-control"), Some("no-cache"));
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_config_shows_the_field_to_fix() {
    let site = Site::start(SiteOptions {
        config_json: Some(
            r#"{"clientId": "abc", "authority": "http://login.example.com/common"}"#.into(),
        ),
        ..SiteOptions::default()
    })
    .await;
    let browser = Browser::start().await;
    browser.driver.goto(&site.base_url).await.unwrap();
    let field = browser.wait_for("[data-field]", 20).await;
    assert_eq!(field.text().await.unwrap(), "authority");
    let page = browser.body_text().await;
    assert!(page.contains("https://"), "says what is expected: {page}");
    assert!(page.contains("http://login.example.com/common"), "says what was found: {page}");
    browser.screenshot("settings-error").await;
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn no_config_file_means_demo_mode() {
    let site = Site::start(SiteOptions { no_config_json: true, ..SiteOptions::default() }).await;
    let browser = Browser::start().await;
    browser.driver.goto(&format!("{}/activity", site.base_url)).await.unwrap();
    let badge = browser.wait_for("[data-mode]", 20).await;
    assert_eq!(badge.attr("data-mode").await.unwrap().as_deref(), Some("demo"));
    assert!(badge.text().await.unwrap().contains("Demo"));
    browser.quit().await;
}
