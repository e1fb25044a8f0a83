use super::*;
use crate::models::ReplicationStatus;

fn t(secs: u64) -> Timestamp {
    Timestamp::from_secs(1_000_000 + secs)
}

fn status(mirror: MirrorState, rel: RelationshipStatus) -> StatusRead {
    StatusRead::Read(ReplicationStatus {
        healthy: Some(true),
        mirror_state: Some(mirror),
        relationship_status: Some(rel),
        ..ReplicationStatus::default()
    })
}

fn idle_mirrored() -> StatusRead {
    status(MirrorState::Mirrored, RelationshipStatus::Idle)
}

fn transferring() -> StatusRead {
    status(MirrorState::Mirrored, RelationshipStatus::Transferring)
}

/// A sequence waiting for the final transfer, as after a successful sync (op 1) at t(0).
fn waiting() -> CutOver {
    let mut c = CutOver::new("vol1");
    c.sync_started(1);
    c.op_ended(1, OpEnd::Succeeded, t(0));
    assert_eq!(c.step(), &CutOverStep::WaitIdle);
    c
}

#[test]
fn the_happy_sequence() {
    let mut c = CutOver::new("vol1");
    assert_eq!(c.work(t(0)), CutOverWork::Idle);
    assert!(c.sync_started(7).is_some());
    assert_eq!(c.work(t(0)), CutOverWork::AwaitOp(7));
    c.op_ended(7, OpEnd::Succeeded, t(10));
    assert_eq!(c.work(t(10)), CutOverWork::ReadStatus { at: t(10) });
    assert_eq!(c.status_read(transferring(), false, t(10)), ReadOutcome::Waiting);
    assert_eq!(c.work(t(10)), CutOverWork::ReadStatus { at: t(13) }, "next read after WAIT_POLL");
    assert_eq!(c.status_read(idle_mirrored(), false, t(13)), ReadOutcome::SendBreak);
    assert!(c.break_started(8).is_some());
    assert_eq!(c.work(t(14)), CutOverWork::AwaitOp(8));
    let change = c.op_ended(8, OpEnd::Succeeded, t(20)).unwrap();
    assert!(change.records_cut_over());
    assert_eq!(c.step(), &CutOverStep::Done);
    assert_eq!(c.work(t(20)), CutOverWork::Idle);
}

#[test]
fn stop_is_not_overtaken_by_a_read_that_was_out() {
    // The race a browser test found: a status read was in flight when the user pressed Stop,
    // and its "idle and mirrored" answer sent the break anyway.
    let mut c = waiting();
    let asked = c.work(t(1));
    assert!(matches!(asked, CutOverWork::ReadStatus { .. }));
    assert!(c.stop().is_some());
    assert_eq!(c.status_read(idle_mirrored(), false, t(2)), ReadOutcome::Ignored);
    assert!(
        matches!(c.step(), CutOverStep::Failed(why) if why.starts_with("Stopped before the break"))
    );
    assert!(c.break_started(9).is_none(), "no break from a stopped sequence");
}

#[test]
fn stop_only_while_waiting() {
    let mut c = CutOver::new("vol1");
    assert!(c.stop().is_none());
    c.sync_started(1);
    assert!(c.stop().is_none(), "a sync already sent can't be called back");
    c.op_ended(1, OpEnd::Succeeded, t(0));
    c.status_read(idle_mirrored(), false, t(1));
    c.break_started(2);
    assert!(c.stop().is_none(), "nor a break");
    assert_eq!(c.step(), &CutOverStep::Break(2));
}

#[test]
fn events_count_only_from_the_step_they_were_meant_for() {
    let mut c = CutOver::new("vol1");
    // The end of an operation this sequence never started.
    assert!(c.op_ended(3, OpEnd::Succeeded, t(0)).is_none());
    assert_eq!(c.step(), &CutOverStep::Offline);
    c.sync_started(4);
    // A second go while the sync runs sends nothing more.
    assert!(c.sync_started(5).is_none());
    assert_eq!(c.step(), &CutOverStep::Sync(4));
    // An older attempt's operation ending doesn't move this one.
    assert!(c.op_ended(3, OpEnd::Failed("old".into()), t(1)).is_none());
    assert_eq!(c.step(), &CutOverStep::Sync(4));
    // A status answer before the wait began is not taken.
    assert_eq!(c.status_read(idle_mirrored(), false, t(1)), ReadOutcome::Ignored);
    assert!(c.break_started(6).is_none());
    c.op_ended(4, OpEnd::Succeeded, t(2));
    // The sync's end reported twice moves it once.
    assert!(c.op_ended(4, OpEnd::Succeeded, t(3)).is_none());
    assert_eq!(c.step(), &CutOverStep::WaitIdle);
}

#[test]
fn a_failed_sync_or_break_says_which() {
    let mut c = CutOver::new("v");
    c.sync_started(1);
    c.op_ended(1, OpEnd::Failed("quota".into()), t(0));
    assert_eq!(c.step(), &CutOverStep::Failed("The final sync failed: quota".into()));
    let mut c = waiting();
    c.status_read(idle_mirrored(), false, t(1));
    c.break_started(2);
    let change = c.op_ended(2, OpEnd::Failed("busy".into()), t(2)).unwrap();
    assert!(!change.records_cut_over());
    assert_eq!(c.step(), &CutOverStep::Failed("The break failed: busy".into()));
}

#[test]
fn a_sync_a_reload_left_unknown_still_waits_for_idle() {
    let mut c = CutOver::new("v");
    c.sync_started(1);
    c.op_ended(1, OpEnd::Unknown, t(0));
    assert_eq!(c.step(), &CutOverStep::WaitIdle);
}

#[test]
fn a_break_a_reload_left_unknown_is_judged_by_the_replication() {
    let mut c = waiting();
    c.status_read(idle_mirrored(), false, t(1));
    c.break_started(2);
    assert!(c.op_ended(2, OpEnd::Unknown, t(2)).is_none());
    assert_eq!(c.work(t(2)), CutOverWork::CheckBroken, "checked, never resent blindly");
    // The unknown end reported again changes nothing while the check is out.
    assert!(c.op_ended(2, OpEnd::Unknown, t(3)).is_none());
    let change = c.broken_checked(Ok(true)).unwrap();
    assert!(change.records_cut_over());
    assert_eq!(c.step(), &CutOverStep::Done);

    let mut c = waiting();
    c.status_read(idle_mirrored(), false, t(1));
    c.break_started(2);
    c.op_ended(2, OpEnd::Unknown, t(2));
    c.broken_checked(Ok(false));
    assert!(matches!(c.step(), CutOverStep::Failed(w) if w.contains("start over to send it")));
    // A check answer without a check out is ignored.
    assert!(c.broken_checked(Ok(true)).is_none());
}

#[test]
fn taking_over_a_sequence_another_tab_finished_sends_nothing() {
    // The other tab broke the replication and recorded the cut-over in the shared ledger.
    let mut c = waiting();
    let broken = status(MirrorState::Broken, RelationshipStatus::Idle);
    assert!(
        matches!(c.status_read(broken.clone(), true, t(1)), ReadOutcome::Moved(ch) if !ch.records_cut_over())
    );
    assert_eq!(c.step(), &CutOverStep::Done);
    // Broken with no cut-over recorded: a dry run or another console did it. Nothing is sent.
    let mut c = waiting();
    c.status_read(broken, false, t(1));
    assert!(matches!(c.step(), CutOverStep::Failed(w) if w.contains("broken outside")));
}

#[test]
fn the_wait_gives_up_on_errors_a_gone_replication_and_time() {
    let mut c = waiting();
    let bad = ReplicationStatus {
        error_message: Some("relationship quiesced".into()),
        ..ReplicationStatus::default()
    };
    c.status_read(StatusRead::Read(bad), false, t(1));
    assert!(matches!(c.step(), CutOverStep::Failed(w) if w.contains("relationship quiesced")));

    let mut c = waiting();
    c.status_read(StatusRead::Gone("not found".into()), false, t(1));
    assert!(matches!(c.step(), CutOverStep::Failed(w) if w.contains("can't be read any more")));

    let mut c = waiting();
    for i in 1..WAIT_READ_FAILURES {
        c.status_read(StatusRead::Failed("offline".into()), false, t(u64::from(i)));
        assert_eq!(c.step(), &CutOverStep::WaitIdle, "read {i} failed, still waiting");
    }
    c.status_read(StatusRead::Failed("offline".into()), false, t(20));
    assert!(matches!(c.step(), CutOverStep::Failed(w) if w.contains("10 times in a row")));

    // A good read in between starts the count again.
    let mut c = waiting();
    for i in 0..WAIT_READ_FAILURES * 2 {
        let read = if i % 5 == 4 { transferring() } else { StatusRead::Failed("x".into()) };
        c.status_read(read, false, t(u64::from(i)));
    }
    assert_eq!(c.step(), &CutOverStep::WaitIdle);

    let mut c = waiting();
    assert!(c.tick(t(WAIT_LIMIT.as_secs())).is_none());
    assert!(c.tick(t(WAIT_LIMIT.as_secs() + 1)).is_some());
    assert!(matches!(c.step(), CutOverStep::Failed(w) if w.contains("did not finish in time")));
}

#[test]
fn a_reload_resumes_where_it_stood_with_its_wait_limit() {
    let mut c = waiting();
    c.status_read(transferring(), false, t(100));
    let saved = serde_json::to_string(&c).unwrap();
    let mut back: CutOver = serde_json::from_str(&saved).unwrap();
    assert_eq!(back, c);
    assert_eq!(back.waiting_since(), Some(t(0)), "the limit counts from the first wait");
    assert_eq!(back.work(t(100)), CutOverWork::ReadStatus { at: t(103) });
    assert!(back.tick(t(WAIT_LIMIT.as_secs() + 1)).is_some());
    // What an earlier build stored (step names only) still reads.
    let old: CutOver = serde_json::from_str(r#"{"name":"v","step":{"Sync":4}}"#).unwrap();
    assert_eq!(old.step(), &CutOverStep::Sync(4));
}

#[test]
fn start_over_only_after_a_failure() {
    let mut c = waiting();
    assert!(c.start_over().is_none());
    c.stop();
    assert!(c.start_over().is_some());
    assert_eq!(c.step(), &CutOverStep::Offline);
    assert_eq!(c.waiting_since(), None, "a new attempt gets a new wait limit");
    c.sync_started(9);
    c.op_ended(9, OpEnd::Succeeded, t(500));
    assert_eq!(c.waiting_since(), Some(t(500)));
}

#[test]
fn a_refused_start_or_break_sends_nothing_and_says_why() {
    let mut c = CutOver::new("v");
    c.start_refused("another tab drives it");
    assert_eq!(c.step(), &CutOverStep::Failed("another tab drives it".into()));
    assert_eq!(c.work(t(0)), CutOverWork::Idle);
    let mut c = waiting();
    c.status_read(idle_mirrored(), false, t(1));
    c.break_refused("\"Sync now\" is running");
    assert!(matches!(c.step(), CutOverStep::Failed(_)));
}

#[test]
fn a_book_runs_many_side_by_side() {
    let mut book = CutOverBook::default();
    for (i, name) in ["a", "b", "c"].iter().enumerate() {
        let id = format!("/Sub/Vol/{name}");
        book.entry(&id, name).sync_started(i as u64 + 1);
    }
    assert_eq!(book.running().len(), 3);
    assert_eq!(book.step("/sub/vol/B"), CutOverStep::Sync(2), "ids match case-insensitively");
    book.get_mut("/sub/vol/a").unwrap().op_ended(1, OpEnd::Succeeded, t(0));
    book.get_mut("/sub/vol/b").unwrap().op_ended(2, OpEnd::Failed("x".into()), t(0));
    assert_eq!(book.counts(), (0, 2, 0, 1));
    // The wait of `a` wants a read now; `c` waits on its operation.
    assert_eq!(book.next_due(t(0)), Some(t(0)));
    book.get_mut("/sub/vol/a").unwrap().status_read(transferring(), false, t(0));
    assert_eq!(book.next_due(t(0)), Some(t(1)), "c's operation is looked at each second");
    book.get_mut("/sub/vol/c").unwrap().op_ended(3, OpEnd::Failed("y".into()), t(0));
    assert_eq!(book.next_due(t(0)), Some(t(3)));
    let json = serde_json::to_string(&book).unwrap();
    assert_eq!(serde_json::from_str::<CutOverBook>(&json).unwrap(), book);
    assert!(book.remove("/SUB/VOL/A").is_some());
    assert_eq!(book.next_due(t(0)), None);
}

#[test]
fn no_answer_at_all_never_gives_up_the_wait() {
    // The network is down (or the sign-in must be renewed) while the source is offline: the
    // wait goes on, however long, within its limit, and a failure count in progress is kept.
    let mut c = waiting();
    c.status_read(StatusRead::Failed("500".into()), false, t(1));
    for i in 0..(WAIT_READ_FAILURES * 5) {
        let read = StatusRead::Unavailable("offline".into());
        assert_eq!(c.status_read(read, false, t(2 + u64::from(i))), ReadOutcome::Waiting);
    }
    assert_eq!(c.step(), &CutOverStep::WaitIdle);
    for i in 1..WAIT_READ_FAILURES - 1 {
        c.status_read(StatusRead::Failed("500".into()), false, t(100 + u64::from(i)));
    }
    assert_eq!(c.step(), &CutOverStep::WaitIdle, "nine answered failures so far");
    c.status_read(StatusRead::Failed("500".into()), false, t(200));
    assert!(matches!(c.step(), CutOverStep::Failed(_)), "the tenth answered failure ends it");
}

#[test]
fn a_forced_break_goes_at_once_and_only_from_the_wait() {
    let mut c = CutOver::new("v");
    assert!(!c.force_break(), "not before the final sync ended");
    let mut c = waiting();
    assert!(c.force_break());
    assert!(!c.force_break(), "asked once");
    assert_eq!(c.work(t(1)), CutOverWork::SendForcedBreak, "no more waiting for the transfer");
    // A status read that was out still can't take a second break.
    assert_eq!(c.status_read(idle_mirrored(), false, t(2)), ReadOutcome::SendBreak);
    assert!(c.break_started(5).is_some());
    assert!(c.break_started(6).is_none(), "one break");
    assert!(c.is_forced());
    c.op_ended(5, OpEnd::Succeeded, t(3));
    assert_eq!(c.step(), &CutOverStep::Done);
    // Stopped, then started over: a new attempt waits again.
    let mut c = waiting();
    c.force_break();
    c.stop();
    c.start_over();
    assert!(!c.is_forced());
}
