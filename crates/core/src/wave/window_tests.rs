use super::*;
use crate::models::{MirrorState, RelationshipStatus, ReplicationStatus};

fn t(secs: u64) -> Timestamp {
    Timestamp::from_secs(2_000_000 + secs)
}

fn read(mirror: MirrorState, rel: RelationshipStatus) -> StatusRead {
    StatusRead::Read(ReplicationStatus {
        healthy: Some(true),
        mirror_state: Some(mirror),
        relationship_status: Some(rel),
        ..ReplicationStatus::default()
    })
}

fn idle() -> StatusRead {
    read(MirrorState::Mirrored, RelationshipStatus::Idle)
}

fn busy() -> StatusRead {
    read(MirrorState::Mirrored, RelationshipStatus::Transferring)
}

fn window(n: usize, on_failure: OnFailure) -> CutOverWindow {
    let members =
        (0..n).map(|i| Member { id: format!("/v/{i}"), name: format!("vol{i}") }).collect();
    let mut w = CutOverWindow::new(members, on_failure);
    w.start();
    w
}

/// Starts every due sync (ops numbered from `first`), then ends them successfully at `at`.
fn sync_all(w: &mut CutOverWindow, first: u64, at: Timestamp) -> Vec<String> {
    let ids = w.work(at).sync;
    for (i, id) in ids.iter().enumerate() {
        assert!(w.sync_started(id, first + i as u64).is_some());
    }
    for (i, id) in ids.iter().enumerate() {
        w.op_ended(id, first + i as u64, OpEnd::Succeeded, at);
    }
    ids
}

#[test]
fn nothing_moves_before_the_admin_starts_it() {
    let members = vec![Member { id: "/v/0".into(), name: "vol0".into() }];
    let w = CutOverWindow::new(members, OnFailure::Continue);
    assert_eq!(w.work(t(0)), WindowWork::default());
}

#[test]
fn at_most_the_concurrency_syncs_at_once_and_the_next_starts_once_one_is_in_sync() {
    let mut w = window(WINDOW_CONCURRENCY + 5, OnFailure::Continue);
    let first = w.work(t(0)).sync;
    assert_eq!(first.len(), WINDOW_CONCURRENCY);
    for (i, id) in first.iter().enumerate() {
        w.sync_started(id, i as u64 + 1);
    }
    assert!(w.work(t(0)).sync.is_empty(), "the window is full");
    assert_eq!(w.work(t(0)).await_ops.len(), WINDOW_CONCURRENCY);
    w.op_ended(&first[0], 1, OpEnd::Succeeded, t(1));
    assert_eq!(w.work(t(1)).read, vec![first[0].clone()]);
    assert_eq!(w.status_read(&first[0], idle(), false, t(1)), WindowRead::Nothing);
    // In sync: its slot goes to the next volume.
    assert_eq!(w.work(t(1)).sync, vec![format!("/v/{WINDOW_CONCURRENCY}")]);
}

#[test]
fn no_break_until_every_volume_is_in_sync_then_each_breaks_on_its_next_read() {
    let mut w = window(3, OnFailure::Continue);
    let ids = sync_all(&mut w, 1, t(0));
    assert_eq!(w.status_read(&ids[0], idle(), false, t(0)), WindowRead::Nothing);
    assert_eq!(w.status_read(&ids[1], idle(), false, t(0)), WindowRead::Nothing);
    assert_eq!(w.status_read(&ids[2], busy(), false, t(0)), WindowRead::Nothing);
    assert!(!w.breaks_open);
    // The two in sync are not read while they wait; the third is.
    assert_eq!(w.work(t(10)).read, vec![ids[2].clone()]);
    assert_eq!(w.counts().in_sync, 2);
    assert_eq!(w.status_read(&ids[2], idle(), false, t(10)), WindowRead::Nothing);
    assert!(w.breaks_open, "all three in sync");
    // Each is read once more right before its break.
    assert_eq!(w.work(t(20)).read.len(), 3);
    for (i, id) in ids.iter().enumerate() {
        assert_eq!(w.status_read(id, idle(), false, t(20)), WindowRead::SendBreak);
        assert!(w.break_started(id, 10 + i as u64).is_some());
    }
    for (i, id) in ids.iter().enumerate() {
        let change = w.op_ended(id, 10 + i as u64, OpEnd::Succeeded, t(25)).unwrap();
        assert!(change.records_cut_over());
    }
    assert!(w.finished());
    assert_eq!(w.counts().done, 3);
}

#[test]
fn a_failure_under_stop_stops_every_volume_before_its_break() {
    let mut w = window(3, OnFailure::Stop);
    let ids = sync_all(&mut w, 1, t(0));
    w.status_read(&ids[0], idle(), false, t(0));
    let failed = StatusRead::Read(ReplicationStatus {
        error_message: Some("Last transfer error: the source is unreachable".into()),
        ..ReplicationStatus::default()
    });
    let moved = w.status_read(&ids[1], failed, false, t(0));
    assert!(matches!(moved, WindowRead::Moved(c) if matches!(c.to, CutOverStep::Failed(_))));
    assert!(w.stopping);
    for id in &ids {
        assert!(matches!(w.book.step(id), CutOverStep::Failed(_)), "{id}");
    }
    assert!(!w.breaks_open);
    assert!(w.break_started(&ids[0], 9).is_none(), "no break from a stopped window");
    assert!(w.finished());
    // Started over: the sources must be taken offline again before anything moves.
    w.start_over();
    assert!(!w.started && w.work(t(30)).sync.is_empty());
    w.start();
    assert_eq!(w.work(t(30)).sync.len(), 3);
}

#[test]
fn a_failure_under_continue_leaves_the_others_going_and_out_of_the_wait() {
    let mut w = window(3, OnFailure::Continue);
    let ids = sync_all(&mut w, 1, t(0));
    w.status_read(&ids[0], idle(), false, t(0));
    w.status_read(&ids[1], idle(), false, t(0));
    w.status_read(&ids[2], StatusRead::Gone("404 ResourceNotFound".into()), false, t(0));
    assert!(!w.stopping);
    assert!(w.breaks_open, "the failed volume no longer holds the breaks back");
    assert_eq!(w.status_read(&ids[0], idle(), false, t(5)), WindowRead::SendBreak);
}

#[test]
fn stop_before_the_break_also_catches_a_sync_still_running() {
    let mut w = window(2, OnFailure::Continue);
    let ids = w.work(t(0)).sync;
    w.sync_started(&ids[0], 1);
    w.sync_started(&ids[1], 2);
    w.op_ended(&ids[0], 1, OpEnd::Succeeded, t(1));
    let stopped = w.stop_before_break();
    assert_eq!(stopped.len(), 1, "the one waiting");
    assert!(w.sync_started(&ids[0], 3).is_none());
    // The other's sync ends after the stop: it is stopped as it reaches the wait.
    w.op_ended(&ids[1], 2, OpEnd::Succeeded, t(2));
    assert!(
        matches!(w.book.step(&ids[1]), CutOverStep::Failed(why) if why.starts_with("Stopped before the break"))
    );
    assert!(w.work(t(3)).read.is_empty() && w.work(t(3)).sync.is_empty());
}

#[test]
fn a_late_answer_for_another_operation_moves_nothing_and_the_window_survives_a_reload() {
    let mut w = window(1, OnFailure::Continue);
    let ids = w.work(t(0)).sync;
    w.sync_started(&ids[0], 4);
    assert!(w.op_ended(&ids[0], 3, OpEnd::Succeeded, t(1)).is_none());
    let text = serde_json::to_string(&w).unwrap();
    let mut back: CutOverWindow = serde_json::from_str(&text).unwrap();
    assert_eq!(back, w);
    // The page went away before the sync's answer: the wait decides, nothing is resent.
    back.op_ended(&ids[0], 4, OpEnd::Unknown, t(2));
    assert_eq!(back.book.step(&ids[0]), CutOverStep::WaitIdle);
    assert!(back.work(t(2)).sync.is_empty());
}

#[test]
fn a_refused_final_sync_is_sent_again_when_idle_and_the_breaks_wait_for_it() {
    let mut w = window(2, OnFailure::Stop);
    let ids = w.work(t(0)).sync;
    w.sync_started(&ids[0], 1);
    w.sync_started(&ids[1], 2);
    w.op_ended(&ids[0], 1, OpEnd::Succeeded, t(1));
    let refused = OpEnd::Refused("A transfer is already in progress.".into());
    let change = w.op_ended(&ids[1], 2, refused, t(1)).unwrap();
    assert_eq!(change.to, CutOverStep::WaitIdle, "not a failure: the window doesn't stop");
    assert!(!w.stopping);
    assert_eq!(w.status_read(&ids[0], idle(), false, t(1)), WindowRead::Nothing);
    assert_eq!(w.status_read(&ids[1], busy(), false, t(1)), WindowRead::Nothing);
    assert!(!w.breaks_open, "the second isn't in sync");
    assert_eq!(w.status_read(&ids[1], idle(), false, t(5)), WindowRead::SendSync);
    assert!(!w.breaks_open, "idle before its final sync went again is not in sync");
    assert!(w.sync_resent(&ids[1], 3).is_some());
    w.op_ended(&ids[1], 3, OpEnd::Succeeded, t(6));
    assert_eq!(w.status_read(&ids[1], idle(), false, t(7)), WindowRead::Nothing);
    assert!(w.breaks_open);
}
