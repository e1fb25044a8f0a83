//! The activity log records every call, its filter narrows it, and the demo page drives the
//! simulated ONTAP cluster.
#![cfg(target_arch = "wasm32")]

use anf_core::arm::Client;
use anf_migrate::arm::activity::{ActivityEntry, ActivityLog, LoggingTransport};
use anf_migrate::arm::sim_transport::{DemoWorld, SimTransport};
use anf_migrate::components::activity::activity_filter::Filter;
use anf_migrate::App;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod common;

use common::styles::{load_styles, Module};

wasm_bindgen_test_configure!(run_in_browser);

stylance::import_crate_style!(
    #[allow(dead_code)]
    picker_css,
    "src/components/demo/scenario_picker.module.css"
);

async fn until<T>(mut f: impl FnMut() -> Option<T>) -> T {
    for _ in 0..400 {
        if let Some(v) = f() {
            return v;
        }
        gloo_timers::future::TimeoutFuture::new(25).await;
    }
    panic!("timed out waiting for the page");
}

fn query(root: &web_sys::Element, selector: &str) -> Option<web_sys::HtmlElement> {
    root.query_selector(selector).ok().flatten().map(JsCast::unchecked_into)
}

#[wasm_bindgen_test]
async fn every_call_is_logged_with_status_and_request_id() {
    let owner = Owner::new();
    let (log, client) = owner.with(|| {
        let log = ActivityLog::restore();
        log.clear();
        let world = DemoWorld::restore_or_new();
        (log, Client::new(LoggingTransport::new(SimTransport::new(world), log)))
    });
    let subscriptions = client.list_subscriptions().await.expect("subscriptions");
    assert!(!subscriptions.is_empty());
    let missing = anf_core::ids::VolumeId::parse(
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/a/capacityPools/p/volumes/nope",
    )
    .unwrap();
    assert!(client.get_volume(&missing).await.is_err());
    let entries = log.entries().get_untracked();
    assert_eq!(entries.len(), 2, "{entries:#?}");
    let ok = &entries[0];
    assert_eq!((ok.method.as_str(), ok.status), ("GET", Some(200)));
    assert!(ok.path.starts_with("/subscriptions?api-version="), "{}", ok.path);
    assert!(ok.request_id.is_some(), "x-ms-request-id is kept");
    let failed = &entries[1];
    assert!(failed.is_error());
    assert!(failed.error.is_some(), "ARM's error code is kept: {failed:?}");
    assert!(entries[1].seq > entries[0].seq);
    drop(owner);
}

fn entry(method: &str, path: &str, status: Option<u16>, request_id: &str) -> ActivityEntry {
    ActivityEntry {
        seq: 1,
        at: anf_core::time::Timestamp(0),
        method: method.into(),
        path: path.into(),
        status,
        duration_ms: 5,
        request_id: Some(request_id.into()),
        correlation_id: None,
        error: status.filter(|s| *s >= 400).map(|_| "Conflict".into()),
        message: None,
    }
}

#[wasm_bindgen_test]
fn the_filter_narrows_by_text_method_and_failure() {
    let get = entry("GET", "/subscriptions/x/volumes/vol1", Some(200), "req-aaa");
    let post =
        entry("POST", "/subscriptions/x/volumes/vol1/breakReplication", Some(409), "req-bbb");
    let lost = entry("GET", "/subscriptions/x", None, "req-ccc");
    let all = Filter::default();
    assert!(all.matches(&get) && all.matches(&post) && all.matches(&lost));
    let errors = Filter { errors_only: true, ..Filter::default() };
    assert!(!errors.matches(&get) && errors.matches(&post) && errors.matches(&lost));
    let posts = Filter { method: Some("POST".into()), ..Filter::default() };
    assert!(!posts.matches(&get) && posts.matches(&post));
    let by_id = Filter { text: "REQ-BBB".into(), ..Filter::default() };
    assert!(!by_id.matches(&get) && by_id.matches(&post));
    let by_status = Filter { text: "409".into(), ..Filter::default() };
    assert!(by_status.matches(&post) && !by_status.matches(&get));
    let by_code = Filter { text: "conflict".into(), ..Filter::default() };
    assert!(by_code.matches(&post) && !by_code.matches(&get));
}

/// Each scenario's radio button sits on its title's line, left of it (issue 16: they sat on a
/// line of their own above the titles), with the stylesheets as shipped.
#[wasm_bindgen_test]
async fn scenario_radios_sit_beside_their_titles() {
    load_styles(&[Module {
        css: include_str!("../src/components/demo/scenario_picker.module.css"),
        class: "option",
        hashed: picker_css::option,
    }]);
    let doc = document();
    let root: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone(), App);
    until(|| query(&root, "nav a[href='/demo']")).await.click();
    until(|| query(&root, "input[name='scenario']")).await;
    let labels = common::dom::query_all(&root, "fieldset label");
    assert!(labels.len() > 2, "the scenarios are listed");
    for label in labels {
        let radio = label.query_selector("input[type='radio']").unwrap().unwrap();
        let title = label.query_selector("strong").unwrap().unwrap();
        let (r, t) = (radio.get_bounding_client_rect(), title.get_bounding_client_rect());
        let middle = (r.top() + r.bottom()) / 2.0;
        let name = title.text_content().unwrap();
        assert!(
            middle > t.top() && middle < t.top() + 1.5 * (t.height().min(30.0)),
            "{name}: the radio (middle {middle:.0}) is on the title's first line ({:.0}..)",
            t.top()
        );
        assert!(r.right() <= t.left(), "{name}: the radio is left of its title");
    }
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_ontap_console_runs_commands_on_the_simulated_cluster() {
    let doc = document();
    let root: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&root).unwrap();
    let _handle = leptos::mount::mount_to(root.clone(), App);
    let link = until(|| query(&root, "nav a[href='/demo']")).await;
    link.click();
    let input: web_sys::HtmlTextAreaElement =
        until(|| query(&root, "#ontap-input")).await.unchecked_into();
    input.set_value("network interface show -service-policy default-intercluster");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    leptos::task::tick().await;
    let run = until(|| query(&root, "#ontap-run")).await;
    run.click();
    leptos::task::tick().await;
    let output = until(|| {
        query(&root, "[data-ontap-output]")
            .and_then(|o| o.text_content())
            .filter(|t| t.contains("intercluster"))
    })
    .await;
    assert!(output.contains("::> network interface show"), "the command is echoed: {output}");
    assert_eq!(input.value(), "", "the input is cleared for the next command");

    // A command the cluster does not know is answered in ONTAP's style, not ignored.
    input.set_value("frobnicate the cluster");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    leptos::task::tick().await;
    run.click();
    leptos::task::tick().await;
    let output = until(|| {
        query(&root, "[data-ontap-output]")
            .and_then(|o| o.text_content())
            .filter(|t| t.contains("frobnicate") && t.to_lowercase().contains("error"))
    })
    .await;
    assert!(output.to_lowercase().contains("error"));
    root.remove();
}

#[wasm_bindgen_test]
async fn after_a_429_no_call_goes_out_before_retry_after() {
    use anf_core::testing::RecordingTransport;
    use anf_core::transport::{ArmRequest, ArmResponse, Method, Transport};
    use anf_migrate::arm::throttle_gate::ThrottleGate;

    let inner = RecordingTransport::new()
        .with(ArmResponse::new(429, "").with_header("Retry-After", "1"))
        .with(ArmResponse::new(200, "{}"));
    let gate = ThrottleGate::new(inner);
    let started = js_sys::Date::now();
    let first = gate.send(ArmRequest::new(Method::Get, "https://arm/a")).await.unwrap();
    assert_eq!(first.status, 429);
    // A different call, right after: it must wait for the window ARM asked for.
    let second = gate.send(ArmRequest::new(Method::Get, "https://arm/b")).await.unwrap();
    let waited = js_sys::Date::now() - started;
    assert_eq!(second.status, 200);
    assert!(waited >= 1000.0, "the second call went out after {waited} ms, inside Retry-After");
    assert!(waited < 3000.0, "and not much later: {waited} ms");
}

/// A transport whose answers come when the test sends them, in the order the calls went out.
struct HeldAnswers(
    std::cell::RefCell<std::collections::VecDeque<futures::channel::oneshot::Receiver<u32>>>,
);

impl anf_core::transport::Transport for HeldAnswers {
    async fn send(
        &self,
        _request: anf_core::transport::ArmRequest,
    ) -> Result<anf_core::transport::ArmResponse, anf_core::transport::TransportError> {
        let answer = self.0.borrow_mut().pop_front().expect("an answer for every call");
        let left = answer.await.expect("answered");
        Ok(anf_core::transport::ArmResponse::new(201, "{}")
            .with_header("x-ms-ratelimit-remaining-subscription-writes", left.to_string()))
    }
}

#[wasm_bindgen_test]
async fn each_write_answer_says_how_many_other_writes_arm_may_not_have_counted_yet() {
    use anf_core::transport::{ArmRequest, Method, Transport};
    use anf_migrate::arm::throttle_gate::ThrottleGate;
    use futures::channel::oneshot;
    use futures::FutureExt;
    use gloo_timers::future::TimeoutFuture;

    let (answer, held): (Vec<_>, Vec<_>) = (0..6).map(|_| oneshot::channel::<u32>()).unzip();
    let mut answer = answer.into_iter().map(Some).collect::<Vec<_>>();
    let mut give = |i: usize, left: u32| answer[i].take().unwrap().send(left).unwrap();
    let gate = ThrottleGate::new(HeldAnswers(std::cell::RefCell::new(held.into())));
    let put = |n: u32| {
        ArmRequest::new(Method::Put, format!("https://management.azure.com/subscriptions/S1/v/{n}"))
    };
    let seen = |gate: &ThrottleGate<HeldAnswers>| {
        gate.take_write_answers()
            .iter()
            .map(|a| {
                assert!(a.sent <= a.at);
                let left = a.response.header("x-ms-ratelimit-remaining-subscription-writes");
                (a.others, a.subscription.clone(), left.map(str::to_owned))
            })
            .collect::<Vec<_>>()
    };
    let row = |others: usize, left: &str| (others, Some("s1".to_owned()), Some(left.to_owned()));
    // One alone.
    let (w1, ()) = futures::join!(gate.send(put(1)), async {
        TimeoutFuture::new(5).await;
        give(0, 199);
    });
    assert_eq!(w1.unwrap().status, 201);
    assert_eq!(seen(&gate), vec![row(0, "199")]);
    // Two out together, the second answered first.
    let (w2, w3, ()) = futures::join!(gate.send(put(2)), gate.send(put(3)), async {
        TimeoutFuture::new(5).await;
        give(2, 198);
        TimeoutFuture::new(5).await;
        give(1, 197);
    });
    assert!(w2.is_ok() && w3.is_ok());
    assert_eq!(
        seen(&gate),
        vec![
            // The third: the second still out beside it.
            row(1, "198"),
            // The second: the third ended while it was out (it may have reached ARM after it).
            row(1, "197"),
        ]
    );
    // One given up before its answer (nobody awaits it any more), then one alone.
    assert!(gate.send(put(4)).now_or_never().is_none());
    let (w5, ()) = futures::join!(gate.send(put(5)), async {
        TimeoutFuture::new(5).await;
        give(4, 190);
    });
    assert!(w5.is_ok());
    // A write goes out after the fifth's answer came, before the answers are taken: ARM may
    // count it before the budget reads the fifth's count.
    let mut w6 = Box::pin(gate.send(put(6)));
    assert!((&mut w6).now_or_never().is_none());
    // The fifth: the fourth ended before it went out; the sixth went out after it came.
    assert_eq!(seen(&gate), vec![row(1, "190")]);
    give(5, 189);
    assert!(w6.await.is_ok());
    assert_eq!(seen(&gate), vec![row(0, "189")]);
}
