//! The operations registry says how an operation ended as it ended: a first request whose
//! answer was lost may have reached Azure (unknown: never called failed, never sent again, the
//! target free for the user), one ARM refused never started, one Azure canceled is canceled,
//! not refused; and an operation an earlier build stored as unknown still reads.
#![cfg(target_arch = "wasm32")]

mod common;

use anf_core::arm::{ArmError, ClientError};
use anf_core::ids::PoolId;
use anf_core::migration::{OpAction, VolumeCall};
use anf_core::settings::{DemoReason, Settings};
use anf_core::transport::{Method, TransportError};
use anf_migrate::app::provide_demo_services;
use anf_migrate::state::operations::{trim_finished, OpState, Operations, TrackedOperation};
use anf_migrate::state::toasts::{use_toasts, Toasts};
use anf_sim::faults::{OperationEnd, OperationFault, PathPattern};
use common::dom::until_secs;
use common::sim_world::*;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn toast_saying(toasts: Toasts, needle: &str) -> Option<String> {
    toasts
        .list()
        .with_untracked(|l| l.iter().find(|t| t.text.contains(needle)).map(|t| t.text.clone()))
}

fn op(ops: Operations, id: u64) -> TrackedOperation {
    ops.get(id).expect("the operation is listed")
}

#[wasm_bindgen_test]
async fn lost_refused_and_canceled_first_requests_are_told_apart() {
    let (world, client, pool) = fresh_world(11, 60.0);
    let vid = create(&world, &client, &pool, "vol-outcomes", "vol_scratch", 60).await;
    peer(&world, &client, &vid).await;
    world.with(|s| s.advance(600, now()));
    // Azure will cancel the next transfer it is asked for.
    world.with(|s| {
        s.end_next_operations(OperationFault {
            end: OperationEnd::Canceled,
            path: Some(PathPattern::new("performReplicationTransfer")),
            methods: vec![Method::Post],
            left: 1,
        });
    });
    let slot: Rc<Cell<Option<(Operations, Toasts)>>> = Rc::new(Cell::new(None));
    let given = slot.clone();
    let root = container();
    let handle = leptos::mount::mount_to(root, move || {
        let settings = Settings::demo(DemoReason::Requested);
        provide_context(settings.clone());
        let (_, ops) = provide_demo_services(&settings);
        given.set(Some((ops, use_toasts())));
        view! { <p>"registry"</p> }
    });
    let (ops, toasts) = slot.get().expect("mounted");
    let target = vid.to_string();
    let answered = move || untrack(|| ops.answered());
    let first = answered();

    // The answer is lost (the connection dropped after Azure had the request).
    let lost = ops
        .start(&target, OpAction::DryRun, "Dry run on vol-outcomes", |_, _| async {
            Err(ClientError::Transport(TransportError::Network("connection reset".into())))
        })
        .unwrap();
    until("the lost answer to be told", || toast_saying(toasts, "may have reached Azure")).await;
    let o = op(ops, lost);
    assert!(
        matches!(&o.state, OpState::Unknown { lost: Some(why) } if why.contains("connection reset")),
        "{o:?}"
    );
    assert!(o.outcome_unknown() && !o.succeeded() && o.error().is_none(), "not failed: {o:?}");
    assert!(ops.active_on(&target).is_none(), "the target is free for the user");

    // Refused by ARM: nothing started.
    let refused = ops
        .start(&target, OpAction::Resume, "Resume on vol-outcomes", |_, _| async {
            Err(ClientError::Arm(Box::new(ArmError::bare(409, "Not broken.".into()))))
        })
        .unwrap();
    until("the refusal to be told", || {
        toast_saying(toasts, "Resume on vol-outcomes: Azure refused")
    })
    .await;
    assert!(matches!(op(ops, refused).state, OpState::NotStarted { .. }));
    // Neither got a first answer that started something: a wave's next write waits for one.
    assert_eq!(answered(), first);

    // Canceled in Azure: said so, not "refused".
    let canceled = ops
        .start(&target, OpAction::SyncNow, "Sync now on vol-outcomes", move |c, t| async move {
            VolumeCall::Transfer.send(&c, &vid, t).await
        })
        .unwrap();
    let said = until_secs("the cancel to be told", 60, || {
        toast_saying(toasts, "Sync now on vol-outcomes: canceled in Azure")
    })
    .await;
    assert!(!said.contains("refused"), "{said}");
    let o = op(ops, canceled);
    assert!(o.canceled() && !o.succeeded(), "{o:?}");
    assert_eq!(answered(), first + 1, "Azure's 202 to the transfer is counted once");
    drop(handle);

    // What an earlier build stored for a reload before the answer still reads.
    let old = r#"{"id":1,"target":"t","action":"sync","label":"Sync now on t","started_at":1,"finished_at":null,"state":{"state":"unknown"}}"#;
    let o: TrackedOperation = serde_json::from_str(old).unwrap();
    assert_eq!(o.state, OpState::Unknown { lost: None });
    let again = serde_json::to_string(&o).unwrap();
    assert!(again.contains(r#""state":{"state":"unknown"}"#), "{again}");
}

/// What sessionStorage holds for operation `id`, as JSON.
fn stored_op(id: u64) -> Option<serde_json::Value> {
    let text =
        web_sys::window()?.session_storage().ok()??.get_item("anf-migrate.operations").ok()??;
    let list: Vec<serde_json::Value> = serde_json::from_str(&text).ok()?;
    list.into_iter().find(|o| o["id"].as_u64() == Some(id))
}

fn polls_of(o: &TrackedOperation) -> Option<u32> {
    match &o.state {
        OpState::Running { poller } => Some(poller.polls()),
        _ => None,
    }
}

/// Starts a create of `name` through the registry; its id.
fn start_create(ops: Operations, world: &DemoWorld, pool: &PoolId, name: &str) -> u64 {
    let spec = world.read(|sim| migration_spec(sim, name, "vol_scratch", 60));
    let vid = pool.volume(name);
    ops.start(vid.to_string(), OpAction::Create, format!("Create {name}"), move |c, t| async move {
        c.create_migration_volume(&vid, &spec, t).await
    })
    .unwrap()
}

/// Waits for operation `id` to be saved as running and to have its first poll answered in
/// memory (a create's first poll comes after half its time: still in progress).
async fn first_poll(ops: Operations, id: u64) {
    // Started: saved within a fifth of a second (and at once when the page is left, below),
    // so a reload knows it may have gone out; well before the one-second save of polls.
    until_secs("the start to be saved", 1, || stored_op(id)).await;
    until("the first answer to be saved", || {
        stored_op(id).filter(|o| o["state"]["state"] == "running")
    })
    .await;
    until_secs("the first poll", 20, || polls_of(&op(ops, id)).filter(|n| *n >= 1)).await;
}

fn saved_polls(id: u64) -> Option<u64> {
    stored_op(id).and_then(|o| o["state"]["poller"]["polls"].as_u64())
}

#[wasm_bindgen_test]
async fn a_start_and_an_end_are_saved_within_a_fifth_a_poll_within_a_second_all_on_leaving() {
    // At 4 times real time a create takes 5 s, its first poll half-way.
    let (world, _client, pool) = fresh_world(12, 4.0);
    let slot: Rc<Cell<Option<Operations>>> = Rc::new(Cell::new(None));
    let given = slot.clone();
    let handle = leptos::mount::mount_to(container(), move || {
        let settings = Settings::demo(DemoReason::Requested);
        provide_context(settings.clone());
        let (_, ops) = provide_demo_services(&settings);
        given.set(Some(ops));
        view! { <p>"registry"</p> }
    });
    let ops = slot.get().expect("mounted");

    // A poll's answer is not saved at once (a reload would poll again either way)...
    let first = start_create(ops, &world, &pool, "vol-saving-1");
    first_poll(ops, first).await;
    assert_eq!(saved_polls(first), Some(0), "a poll is not saved as it comes");
    // ...but at once when the page is left.
    let event = web_sys::Event::new("pagehide").unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
    let in_memory = polls_of(&op(ops, first)).map(u64::from);
    assert_eq!(saved_polls(first), in_memory, "saved on pagehide");
    // The end is saved within a fifth of a second.
    until_secs("the create to end", 30, || (!op(ops, first).is_active()).then_some(())).await;
    until_secs("the end to be saved", 1, || {
        stored_op(first).filter(|o| o["state"]["state"] != "running")
    })
    .await;

    // A start is saved at once when the page is left, without waiting for the fifth.
    let left = start_create(ops, &world, &pool, "vol-saving-left");
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
    assert!(stored_op(left).is_some(), "a start is saved on pagehide");

    // Another create, alone now: its poll is saved within a second, without leaving.
    let second = start_create(ops, &world, &pool, "vol-saving-2");
    first_poll(ops, second).await;
    assert_eq!(saved_polls(second), Some(0), "not at once");
    until_secs("the poll to be saved", 2, || saved_polls(second).filter(|n| *n >= 1)).await;
    drop(handle);
}

#[wasm_bindgen_test]
fn the_history_drops_what_ended_first_and_never_what_is_in_motion() {
    let op = |id: u64, started: u64, active: bool, finished: Option<u64>| -> TrackedOperation {
        let state = if active { "starting" } else { "unknown" };
        let finished = finished.map_or("null".to_owned(), |f| f.to_string());
        let text = format!(
            r#"{{"id":{id},"target":"t{id}","action":"sync","label":"op {id}","started_at":{started},"finished_at":{finished},"state":{{"state":"{state}"}}}}"#
        );
        serde_json::from_str(&text).unwrap()
    };
    let mut list = vec![
        // Started first and ended last (a wave's first create, answered late).
        op(1, 1, false, Some(50)),
        op(2, 2, false, Some(10)),
        op(3, 3, false, Some(30)),
        op(4, 4, true, None),
        // Made unknown by a reload in an earlier build, with no end time: kept.
        op(5, 5, false, None),
        // The newest id, ended first: kept, so the next operation's id is never one given before.
        op(6, 6, false, Some(5)),
    ];
    trim_finished(&mut list, 3);
    let ids = |l: &[TrackedOperation]| l.iter().map(|o| o.id).collect::<Vec<_>>();
    assert_eq!(ids(&list), [1, 4, 5, 6], "the two that ended first go");
    trim_finished(&mut list, 0);
    assert_eq!(ids(&list), [4, 5, 6], "what is in motion stays, whatever the limit");
}
