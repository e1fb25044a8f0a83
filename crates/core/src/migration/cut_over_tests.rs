use super::*;
use crate::migration::CutOverBook;
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
fn a_break_whose_answer_was_lost_is_judged_by_the_replication() {
    let mut c = waiting();
    c.status_read(idle_mirrored(), false, t(1));
    c.break_started(2);
    assert!(c.op_ended(2, OpEnd::Unknown, t(2)).is_none());
    assert_eq!(
        c.work(t(2)),
        CutOverWork::CheckBroken { at: t(2) },
        "checked, never resent blindly"
    );
    // The unknown end reported again changes nothing while the check is out.
    assert!(c.op_ended(2, OpEnd::Unknown, t(3)).is_none());
    let change =
        c.broken_checked(status(MirrorState::Broken, RelationshipStatus::Idle), t(3)).unwrap();
    assert!(change.records_cut_over());
    assert_eq!(c.step(), &CutOverStep::Done);
    // A check answer without a check out is ignored.
    assert!(c.broken_checked(idle_mirrored(), t(4)).is_none());
}

#[test]
fn a_lost_break_still_running_is_read_again_until_it_shows() {
    // ARM accepted the break (its answer was lost); its operation takes a few seconds, so the
    // first reads still say mirrored. That is no reason to call it failed.
    let mut c = waiting();
    c.status_read(idle_mirrored(), false, t(1));
    c.break_started(2);
    c.op_ended(2, OpEnd::Unknown, t(2));
    assert!(c.broken_checked(idle_mirrored(), t(2)).is_none());
    assert!(matches!(c.step(), CutOverStep::Break(2)));
    assert_eq!(c.work(t(3)), CutOverWork::CheckBroken { at: t(2).plus(WAIT_POLL) }, "paced");
    assert!(c.broken_checked(StatusRead::Failed("500".into()), t(5)).is_none());
    // No answer at all says nothing, however long it lasts.
    assert!(c.broken_checked(StatusRead::Unavailable("offline".into()), t(900)).is_none());
    let change = c.broken_checked(status(MirrorState::Broken, RelationshipStatus::Idle), t(901));
    assert!(change.unwrap().records_cut_over());
}

#[test]
fn a_lost_break_that_never_shows_asks_to_start_over() {
    let mut c = waiting();
    c.status_read(idle_mirrored(), false, t(1));
    c.break_started(2);
    c.op_ended(2, OpEnd::Unknown, t(2));
    let window = BREAK_CHECK_WINDOW.as_secs();
    assert!(c.broken_checked(idle_mirrored(), t(10)).is_none());
    assert!(c.broken_checked(idle_mirrored(), t(9 + window)).is_none(), "within the window");
    c.broken_checked(idle_mirrored(), t(10 + window));
    assert!(
        matches!(c.step(), CutOverStep::Failed(w) if w.contains("answer was lost") && w.contains("start over to send it")),
        "{:?}",
        c.step()
    );
    assert_eq!(c.work(t(11 + window)), CutOverWork::Idle);
    // The replication gone is an answer at once.
    let mut c = waiting();
    c.status_read(idle_mirrored(), false, t(1));
    c.break_started(2);
    c.op_ended(2, OpEnd::Unknown, t(2));
    c.broken_checked(StatusRead::Gone("404".into()), t(3));
    assert!(matches!(c.step(), CutOverStep::Failed(w) if w.contains("can't be read any more")));
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

const BUSY: &str = "A transfer is already in progress.";

#[test]
fn a_final_sync_refused_while_a_transfer_runs_is_sent_again_once_it_is_idle() {
    // A scheduled transfer started before the source went offline: ARM refuses the final sync.
    // What that transfer carries may predate the offline, so the sync goes again after it.
    let mut c = CutOver::new("vol1");
    c.sync_started(1);
    let change = c.op_ended(1, OpEnd::Refused(BUSY.into()), t(0)).unwrap();
    assert_eq!(change.to, CutOverStep::WaitIdle, "a refusal is not the end");
    assert_eq!(c.work(t(0)), CutOverWork::ReadStatus { at: t(0) });
    assert_eq!(c.status_read(transferring(), false, t(0)), ReadOutcome::Waiting);
    assert_eq!(c.status_read(idle_mirrored(), false, t(3)), ReadOutcome::SendSync);
    assert_eq!(c.break_started(2), None, "no break before the final sync went again");
    assert_eq!(c.sync_resent(2).unwrap().to, CutOverStep::Sync(2));
    assert_eq!(c.sync_resent(3), None, "once");
    c.op_ended(2, OpEnd::Succeeded, t(5));
    assert_eq!(c.status_read(idle_mirrored(), false, t(6)), ReadOutcome::SendBreak);
    assert!(c.break_started(4).is_some());
    assert!(c.op_ended(4, OpEnd::Succeeded, t(8)).unwrap().records_cut_over());
}

#[test]
fn a_break_refused_while_a_transfer_runs_is_sent_again_once_it_is_idle() {
    let mut c = waiting();
    assert_eq!(c.status_read(idle_mirrored(), false, t(1)), ReadOutcome::SendBreak);
    c.break_started(2);
    // A scheduled transfer began between the read and the break.
    assert_eq!(c.op_ended(2, OpEnd::Refused(BUSY.into()), t(2)).unwrap().to, CutOverStep::WaitIdle);
    assert_eq!(c.status_read(transferring(), false, t(2)), ReadOutcome::Waiting);
    assert_eq!(c.status_read(idle_mirrored(), false, t(5)), ReadOutcome::SendBreak);
    assert_eq!(c.break_started(3).unwrap().to, CutOverStep::Break(3));
    // A failure in Azure is still a failure: nothing is sent again.
    let failed = c.op_ended(3, OpEnd::Failed("boom".into()), t(6)).unwrap();
    assert_eq!(failed.to, CutOverStep::Failed("The break failed: boom".into()));
}

#[test]
fn refusals_past_the_limit_fail_with_azures_words() {
    let mut c = waiting();
    for op in 0..u64::from(MAX_REFUSALS) {
        assert_eq!(c.status_read(idle_mirrored(), false, t(op * 10)), ReadOutcome::SendBreak);
        c.break_started(10 + op);
        let change = c.op_ended(10 + op, OpEnd::Refused("Not allowed.".into()), t(op * 10 + 1));
        assert_eq!(change.unwrap().to, CutOverStep::WaitIdle);
    }
    assert_eq!(c.status_read(idle_mirrored(), false, t(100)), ReadOutcome::SendBreak);
    c.break_started(99);
    let change = c.op_ended(99, OpEnd::Refused("Not allowed.".into()), t(101)).unwrap();
    let CutOverStep::Failed(why) = change.to else { panic!("{change:?}") };
    assert!(why.contains("refused the break 4 times") && why.ends_with("Not allowed."), "{why}");
    // Starting over counts afresh.
    c.start_over();
    c.sync_started(100);
    assert_eq!(
        c.op_ended(100, OpEnd::Refused(BUSY.into()), t(102)).unwrap().to,
        CutOverStep::WaitIdle
    );
}

#[test]
fn a_sync_to_send_again_survives_a_reload_and_is_not_forced_past() {
    let mut c = CutOver::new("vol1");
    c.sync_started(1);
    c.op_ended(1, OpEnd::Refused(BUSY.into()), t(0));
    // The user asks to force the break meanwhile: the final sync still goes first.
    assert!(c.force_break());
    assert!(matches!(c.work(t(1)), CutOverWork::ReadStatus { .. }));
    let mut back: CutOver = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
    assert_eq!(back.status_read(idle_mirrored(), false, t(3)), ReadOutcome::SendSync);
    back.sync_resent(2);
    back.op_ended(2, OpEnd::Succeeded, t(4));
    assert_eq!(back.work(t(4)), CutOverWork::SendForcedBreak, "then the forced break");
}
