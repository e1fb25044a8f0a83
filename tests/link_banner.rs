//! What the page says about its line to Azure: a network error makes it "reconnecting" until a
//! call is answered again; a 429 holds every call, and a Retry-After past the cap says so.
#![cfg(target_arch = "wasm32")]

use anf_core::arm::retry_after::MAX_RETRY_AFTER;
use anf_core::testing::RecordingTransport;
use anf_core::transport::{ArmRequest, ArmResponse, Method, Transport, TransportError};
use anf_migrate::arm::context::use_arm;
use anf_migrate::arm::link_state::{Link, LinkState, LinkWatch};
use anf_migrate::components::link_banner::LinkBanner;
use leptos::prelude::*;
use wasm_bindgen_test::*;

mod common;
use common::dom::{container, now, query, sleep_ms, text, until};

wasm_bindgen_test_configure!(run_in_browser);

fn get() -> ArmRequest {
    ArmRequest::new(Method::Get, "https://arm/x")
}

#[wasm_bindgen_test]
async fn a_network_error_reconnects_until_a_call_is_answered() {
    let inner = RecordingTransport::new();
    inner.push_error(TransportError::Network("connection reset".into()));
    inner.push_error(TransportError::Network("still down".into()));
    inner.push(ArmResponse::new(200, "{}"));
    let state = LinkState::default();
    let watch = LinkWatch::new(inner, state.clone());
    assert!(watch.send(get()).await.is_err());
    let Link::Reconnecting { since, error } = state.link.get_untracked() else {
        panic!("not reconnecting after a network error");
    };
    assert_eq!(error, "connection reset");
    let _ = watch.send(get()).await;
    assert_eq!(
        state.link.get_untracked(),
        Link::Reconnecting { since, error: "still down".into() },
        "the first failure's time is kept, the last error shown"
    );
    assert!(watch.send(get()).await.is_ok());
    assert_eq!(state.link.get_untracked(), Link::Up);
}

fn dispatch(event: &str) {
    let e = web_sys::Event::new(event).unwrap();
    web_sys::window().unwrap().dispatch_event(&e).unwrap();
}

#[wasm_bindgen_test]
async fn a_call_cut_off_by_the_page_leaving_is_no_network_failure() {
    let inner = RecordingTransport::new();
    inner.push_error(TransportError::Network("TypeError: Failed to fetch".into()));
    inner.push_error(TransportError::Network("connection reset".into()));
    let state = LinkState::default();
    let watch = LinkWatch::new(inner, state.clone());
    // A reload or a navigation away: the browser cuts the calls in flight.
    dispatch("pagehide");
    assert!(watch.send(get()).await.is_err(), "the error still reaches the caller");
    assert_eq!(state.link.get_untracked(), Link::Up, "the leaving page does not say reconnecting");
    // Back from the back-forward cache: a failure is the network's again.
    dispatch("pageshow");
    assert!(watch.send(get()).await.is_err());
    assert!(matches!(state.link.get_untracked(), Link::Reconnecting { .. }));
}

#[wasm_bindgen_test]
async fn a_hostile_retry_after_is_capped_and_said() {
    let inner = RecordingTransport::new()
        .with(ArmResponse::new(429, "").with_header("Retry-After", "1e20"));
    let state = LinkState::default();
    let watch = LinkWatch::new(inner, state.clone());
    let before = now();
    let response = watch.send(get()).await.expect("answered");
    assert_eq!(response.status, 429);
    let hold = state.hold.get_untracked().expect("a hold");
    let held = hold.until.since(before);
    assert!(held <= MAX_RETRY_AFTER + std::time::Duration::from_secs(1), "capped: {held:?}");
    assert!(held >= MAX_RETRY_AFTER - std::time::Duration::from_secs(1), "at the cap: {held:?}");
    assert!(hold.cap_note.is_some_and(|n| n.contains("5 minutes")), "the cap is said");
}

#[wasm_bindgen_test]
async fn the_banner_says_reconnecting_and_throttled_and_goes_away() {
    let root = container();
    let link = RwSignal::new(None::<LinkState>);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let settings =
            anf_core::settings::Settings::demo(anf_core::settings::DemoReason::Requested);
        let _ = anf_migrate::app::provide_demo_services(&settings);
        link.set(Some(use_arm().link.get_value()));
        view! { <LinkBanner /> }
    });
    let state = until("the banner's state", || link.get_untracked()).await;
    assert!(query(&root, "[data-link]").is_none(), "nothing to say while Azure answers");
    state.link.set(Link::Reconnecting { since: now(), error: "offline".into() });
    let shown = until("reconnecting", || query(&root, "[data-link='reconnecting']")).await;
    assert!(shown.text_content().unwrap().contains("nothing is sent twice"));
    state.link.set(Link::Up);
    until("gone", || query(&root, "[data-link='reconnecting']").is_none().then_some(())).await;

    state.hold.set(Some(anf_migrate::arm::link_state::Hold {
        until: now().plus(std::time::Duration::from_millis(600)),
        cap_note: Some("Azure asked to wait more than 5 minutes".into()),
    }));
    until("throttled", || query(&root, "[data-link='throttled']")).await;
    assert!(text(&root, "[data-link='throttled']").contains("more than 5 minutes"));
    sleep_ms(900).await;
    assert!(query(&root, "[data-link='throttled']").is_none(), "a hold ends by itself");
    drop(handle);
    root.remove();
}
