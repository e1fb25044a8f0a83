//! The read budget against simulated minutes of ticks: the benchmark's world (500 migrations,
//! a quarter each peering, baseline, mirrored and broken off) and a small demo world.

use super::*;

const T0: Timestamp = Timestamp::from_secs(1_790_000_000);
const SCREEN: usize = 25;

/// The benchmark's mix by index, the first `SCREEN` rows on screen.
fn world(n: usize) -> Vec<PollRow> {
    (0..n)
        .map(|i| PollRow {
            motion: [Motion::Listed, Motion::Moving, Motion::Idle, Motion::Still][i % 4],
            status_read_at: None,
            seen_at: T0,
            on_screen: i < SCREEN,
            touched: false,
            busy: false,
        })
        .collect()
}

/// What a run of ticks read.
#[derive(Default)]
struct Run {
    reads: usize,
    list_reads: usize,
    lists: Vec<Timestamp>,
    status: Vec<Vec<Timestamp>>,
    worst_minute: usize,
}

/// Ticks once a second from `from` for `secs` seconds, every read answered at once.
fn run(p: &mut ReadPlanner, rows: &mut [PollRow], from: Timestamp, secs: u64) -> Run {
    let mut r = Run { status: vec![Vec::new(); rows.len()], ..Run::default() };
    for s in 0..secs {
        let now = from.plus(Duration::from_secs(s));
        let plan = p.plan(&Tick::at(now, rows.len()), rows);
        if plan.list {
            let pages = list_pages(rows.len()) as usize;
            r.reads += pages;
            r.list_reads += pages;
            r.lists.push(now);
        }
        for i in plan.statuses {
            r.reads += 1;
            r.status[i].push(now);
            rows[i].status_read_at = Some(now);
        }
        r.worst_minute = r.worst_minute.max(p.spent_last_minute(now));
    }
    r
}

fn max_gap(times: &[Timestamp], end: Timestamp) -> Duration {
    times
        .windows(2)
        .map(|w| w[1].since(w[0]))
        .chain(times.last().map(|t| end.since(*t)))
        .max()
        .unwrap_or_default()
}

#[test]
fn five_minutes_of_500_migrations_stay_within_75_reads_a_minute() {
    let mut rows = world(500);
    let mut p = ReadPlanner::new();
    let r = run(&mut p, &mut rows, T0, 300);
    // Any 60 seconds, and the 5 minutes on average (the old polling spent 333 a minute).
    assert!(r.worst_minute <= 75, "{} reads in one minute", r.worst_minute);
    assert!(r.reads <= 5 * 75, "{} reads in 5 minutes", r.reads);
    // The budget is used, not starved: moving rows want far more than it holds.
    assert!(r.reads >= 5 * 60, "{} reads in 5 minutes", r.reads);
    // Five pages every 30 s: ten reads a minute on the list.
    assert_eq!(list_every(500, &rows), Duration::from_secs(30));
    assert!((9..=11).contains(&r.lists.len()), "{} lists", r.lists.len());
    assert!(r.list_reads <= 5 * 11);
}

#[test]
fn every_moving_row_is_refreshed_within_a_bounded_time() {
    let mut rows = world(500);
    let mut p = ReadPlanner::new();
    let end = T0.plus(Duration::from_secs(600));
    let r = run(&mut p, &mut rows, T0, 600);
    for (i, _) in rows.iter().enumerate().filter(|(_, r)| r.motion == Motion::Moving) {
        let times = &r.status[i];
        // 125 moving rows at about 50 status reads a minute: each is first read within three
        // minutes, then at most four minutes apart.
        let first = times.first().unwrap_or_else(|| panic!("row {i} never read"));
        assert!(
            first.since(T0) <= Duration::from_secs(180),
            "row {i} first read after {:?}",
            first.since(T0)
        );
        assert!(
            max_gap(times, end) <= Duration::from_secs(240),
            "row {i}: {:?}",
            max_gap(times, end)
        );
    }
}

#[test]
fn rows_at_rest_and_rows_the_list_follows_are_not_polled() {
    let mut rows = world(500);
    let mut p = ReadPlanner::new();
    let r = run(&mut p, &mut rows, T0, 600);
    for (i, row) in rows.iter().enumerate() {
        let n = r.status[i].len();
        match row.motion {
            Motion::Listed => assert_eq!(n, 0, "peering row {i} read"),
            // On screen: read once to fill the cells in; off screen: never.
            Motion::Idle | Motion::Still if row.on_screen => assert_eq!(n, 1, "row {i} read {n}x"),
            Motion::Idle | Motion::Still => assert_eq!(n, 0, "row {i} at rest read {n}x"),
            Motion::Moving => assert!(n >= 2, "moving row {i} read {n}x"),
        }
    }
}

#[test]
fn on_screen_moving_rows_are_read_more_often() {
    let mut rows = world(500);
    let mut p = ReadPlanner::new();
    let r = run(&mut p, &mut rows, T0, 600);
    let avg = |shown: bool| {
        let counts: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, row)| row.motion == Motion::Moving && row.on_screen == shown)
            .map(|(i, _)| r.status[i].len())
            .collect();
        counts.iter().sum::<usize>() as f64 / counts.len() as f64
    };
    assert!(avg(true) >= 2.5 * avg(false), "on screen {} vs off {}", avg(true), avg(false));
}

#[test]
fn a_row_the_user_acts_on_is_read_first() {
    let mut rows = world(500);
    let mut p = ReadPlanner::new();
    let after = run(&mut p, &mut rows, T0, 120);
    // An idle, off-screen row, which nothing else would ever read; the user starts a sync on
    // it (its motion only changes once a read shows the transfer).
    let i = 402;
    assert_eq!(rows[i].motion, Motion::Idle);
    assert!(after.status[i].is_empty());
    rows[i].touched = true;
    let at = T0.plus(Duration::from_secs(120));
    let mut first = None;
    for s in 0..5 {
        let plan = p.plan(&Tick::at(at.plus(Duration::from_secs(s)), 500), &rows);
        if !plan.statuses.is_empty() {
            first = Some((s, plan.statuses[0]));
            break;
        }
    }
    let (s, read) = first.expect("no status read in 5 s");
    assert_eq!(read, i, "the touched row goes first");
    assert!(s <= 2, "read after {s} s");
}

#[test]
fn a_few_migrations_are_read_every_five_seconds() {
    let mut rows: Vec<PollRow> =
        world(8).into_iter().map(|r| PollRow { on_screen: true, ..r }).collect();
    let mut p = ReadPlanner::new();
    let end = T0.plus(Duration::from_secs(120));
    let r = run(&mut p, &mut rows, T0, 120);
    for (i, _) in rows.iter().enumerate().filter(|(_, r)| r.motion == Motion::Moving) {
        assert!(max_gap(&r.status[i], end) <= Duration::from_secs(6), "row {i}: {:?}", r.status[i]);
    }
    assert!(max_gap(&r.lists, end) <= Duration::from_secs(6), "lists {:?}", r.lists);
    assert!(r.worst_minute <= 75);
}

#[test]
fn nothing_is_read_while_hidden_and_reads_pause_after_a_429() {
    let mut rows = world(40);
    let mut p = ReadPlanner::new();
    let hidden = Tick { hidden: true, ..Tick::at(T0, 40) };
    assert_eq!(p.plan(&hidden, &rows), Plan::default());
    let _ = run(&mut p, &mut rows, T0, 20);
    let t = T0.plus(Duration::from_secs(20));
    p.throttled(t);
    let paused = run(&mut p, &mut rows, t, THROTTLE_PAUSE.as_secs());
    assert_eq!(paused.reads, 0);
    let resumed = run(&mut p, &mut rows, t.plus(THROTTLE_PAUSE), 10);
    assert!(resumed.reads > 0);
}

#[test]
fn a_low_arm_budget_slows_the_refill() {
    let mut rows = world(500);
    let mut p = ReadPlanner::new();
    let mut reads = 0;
    for s in 0..120 {
        let tick =
            Tick { arm_reads_left: Some(50), ..Tick::at(T0.plus(Duration::from_secs(s)), 500) };
        let plan = p.plan(&tick, &rows);
        reads += plan.statuses.len() + if plan.list { 5 } else { 0 };
        for i in plan.statuses {
            rows[i].status_read_at = Some(tick.now);
        }
    }
    // A quarter of 60 a minute, plus the bucket it started with.
    assert!(reads <= BURST as usize + 2 * 15 + 5, "{reads}");
}

#[test]
fn a_due_list_is_read_before_statuses_take_its_tokens() {
    let mut rows = world(500);
    let mut p = ReadPlanner::new();
    let r = run(&mut p, &mut rows, T0, 100);
    // Every 30 s, plus the few seconds five tokens take to gather, although statuses want
    // every token.
    assert_eq!(r.lists.len(), 3, "{:?}", r.lists);
    assert!(max_gap(&r.lists, r.lists[2]) <= Duration::from_secs(36), "{:?}", r.lists);
}

#[test]
fn a_forced_refresh_reads_the_screen_at_once_but_not_everything() {
    let mut rows: Vec<PollRow> =
        world(500).into_iter().map(|r| PollRow { on_screen: true, ..r }).collect();
    let mut p = ReadPlanner::new();
    let _ = run(&mut p, &mut rows, T0, 60);
    let now = T0.plus(Duration::from_secs(60));
    let tick = Tick { force: true, ..Tick::at(now, 500) };
    assert!(p.take_list(&tick, &rows), "a forced list goes even into debt");
    let statuses = p.take_statuses(&tick, &rows);
    assert_eq!(statuses.len(), FORCED_MAX);
    // Peering rows have nothing to say in their status, even when asked.
    assert!(statuses.iter().all(|i| rows[*i].motion != Motion::Listed));
    // The debt is paid back: nothing more for a while.
    assert!(p.plan(&Tick::at(now.plus(Duration::from_secs(5)), 500), &rows).statuses.is_empty());
}

#[test]
fn the_list_charge_is_corrected_when_the_pool_turns_out_bigger() {
    let mut p = ReadPlanner::new();
    let rows = world(0);
    assert!(p.take_list(&Tick::at(T0, 0), &rows));
    // One page was charged; 500 volumes came back in five.
    p.list_read(T0, 1, 500);
    assert_eq!(p.spent_last_minute(T0), 5);
}

#[test]
fn freshness_says_how_old_the_figures_get() {
    let rows = world(500);
    let f = Freshness::of(500, &rows, Some(11_000), 1);
    assert_eq!((f.moving, f.listed, f.at_rest), (125, 125, 250));
    assert_eq!(f.list_every, Duration::from_secs(30));
    // 125 rows at 50 status reads a minute.
    assert_eq!(f.status_every, Duration::from_secs(150));
    assert_eq!(
        f.describe(),
        "Progress of 125 moving migrations read about every 3 min (on-screen ones and running operations first), 250 at rest not re-read; phases from the volume list, read every 30 s."
    );
    let small = Freshness::of(3, &world(3), None, 1);
    assert_eq!(small.status_every, FAST_POLL);
    // One page, at most ten pages a minute.
    assert_eq!(small.list_every, Duration::from_secs(6));
}

#[test]
fn freshness_follows_the_quarter_rate_when_arm_runs_low() {
    let rows = world(500);
    let tight = Freshness::of(500, &rows, Some(ARM_BUDGET_TIGHT - 1), 1);
    assert!(tight.slowed);
    // 15 reads a minute: the five pages every 30 s take 10, statuses get 5.
    assert_eq!(tight.list_every, Duration::from_secs(30));
    assert_eq!(tight.status_every, Duration::from_secs(1500));
    assert!(
        tight.describe().ends_with("so reads are slowed to a quarter."),
        "{}",
        tight.describe()
    );
    // 2,000 volumes: the list's 20 pages every 2 min take 10 reads a minute of the 15, so the
    // 10 moving rows are read every 2 min.
    let long = Freshness::of(2_000, &world(40), Some(0), 1);
    assert_eq!(
        (long.list_every, long.status_every),
        (Duration::from_secs(120), Duration::from_secs(120))
    );
    assert!(!Freshness::of(500, &rows, Some(ARM_BUDGET_TIGHT), 1).slowed);
}

#[test]
fn a_list_longer_than_the_bucket_still_goes() {
    // 2,000 volumes: 20 pages, more than the bucket ever holds.
    let mut rows = world(40);
    let mut p = ReadPlanner::new();
    let mut lists = 0;
    for s in 0..600 {
        let plan = p.plan(&Tick::at(T0.plus(Duration::from_secs(s)), 2_000), &rows);
        lists += usize::from(plan.list);
        for i in plan.statuses {
            rows[i].status_read_at = Some(T0.plus(Duration::from_secs(s)));
        }
    }
    // Every two minutes (10 pages a minute), and status reads go between lists.
    assert!((4..=6).contains(&lists), "{lists} lists in 10 minutes");
    assert!(rows.iter().filter(|r| r.motion == Motion::Moving).all(|r| r.status_read_at.is_some()));
}

#[test]
fn asked_for_refreshes_borrow_one_bucketful_at_most_and_wait_out_a_pause() {
    let rows = world(500);
    let mut p = ReadPlanner::new();
    let forced = Tick { force: true, ..Tick::at(T0, 500) };
    // A bulk action ends many operations at once: the first refresh borrows, the rest wait.
    let mut went = 0;
    for _ in 0..20 {
        if p.may_force(&forced) {
            went += 1;
            assert!(p.take_list(&forced, &rows));
            p.take_statuses(&forced, &rows);
        } else {
            p.list_soon();
        }
    }
    assert!(went <= 2, "{went} forced refreshes in one instant");
    // After a 429, not even an asked-for refresh goes until the pause is over.
    let mut q = ReadPlanner::new();
    q.throttled(T0);
    assert!(!q.may_force(&forced));
    assert!(!q.may_force(&Tick { hidden: true, ..Tick::at(T0.plus(THROTTLE_PAUSE), 500) }));
    assert!(q.may_force(&Tick { force: true, ..Tick::at(T0.plus(THROTTLE_PAUSE), 500) }));
}

#[test]
fn two_views_in_the_browser_share_the_budget_instead_of_doubling_it() {
    // The Migrations page in one tab and a wave's page in another, over the same 500
    // migrations, each ticking once a second and each told the other is there.
    let (mut a, mut b) = (ReadPlanner::new(), ReadPlanner::new());
    let (mut rows_a, mut rows_b) = (world(500), world(500));
    let mut reads: Vec<Timestamp> = Vec::new();
    for s in 0..300 {
        let now = T0.plus(Duration::from_secs(s));
        for (p, rows) in [(&mut a, &mut rows_a), (&mut b, &mut rows_b)] {
            let plan = p.plan(&Tick { views: 2, ..Tick::at(now, rows.len()) }, rows);
            if plan.list {
                reads.extend(std::iter::repeat_n(now, list_pages(rows.len()) as usize));
            }
            for i in plan.statuses {
                reads.push(now);
                rows[i].status_read_at = Some(now);
            }
        }
    }
    let worst = (0..300)
        .map(|s| {
            let end = T0.plus(Duration::from_secs(s));
            reads.iter().filter(|t| **t <= end && end.since(**t) < Duration::from_secs(60)).count()
        })
        .max()
        .unwrap_or(0);
    assert!(worst <= 75, "{worst} reads in one minute by the two views together");
    assert!(reads.len() <= 5 * 75, "{} reads in 5 minutes", reads.len());
    // Both still read: the share is used, neither view starves.
    assert!(a.spent_last_minute(T0.plus(Duration::from_secs(299))) >= 20);
    assert!(b.spent_last_minute(T0.plus(Duration::from_secs(299))) >= 20);
    // What each says of its figures' age follows its share.
    let alone = Freshness::of(500, &rows_a, None, 1);
    let shared = Freshness::of(500, &rows_a, None, 2);
    assert!(shared.status_every > alone.status_every, "{shared:?} vs {alone:?}");
    assert!(shared.describe().ends_with("shared with the other live view open in this browser."));
    assert!(!alone.describe().contains("shared"), "{}", alone.describe());
}

#[test]
fn a_view_that_is_joined_by_another_keeps_only_its_share_of_what_it_saved() {
    let mut p = ReadPlanner::new();
    let mut rows = world(4);
    // Alone and idle for a minute: a full bucket of 15.
    let idle = |i| PollRow { motion: Motion::Still, on_screen: false, ..world(4)[i] };
    let mut still: Vec<PollRow> = (0..4).map(idle).collect();
    let _ = p.plan(&Tick::at(T0, 4), &still);
    let _ = p.plan(&Tick::at(T0.plus(Duration::from_secs(60)), 4), &still);
    still.clear();
    // Now a second view opens: the next tick may spend half a bucket at most.
    let now = T0.plus(Duration::from_secs(61));
    for r in &mut rows {
        r.motion = Motion::Moving;
    }
    let many =
        world(40).into_iter().map(|r| PollRow { motion: Motion::Moving, ..r }).collect::<Vec<_>>();
    let plan = p.plan(&Tick { views: 2, listed: 40, ..Tick::at(now, 40) }, &many);
    assert!(!plan.list, "the list was read in the minute before");
    assert!(plan.statuses.len() <= (BURST / 2) as usize, "{} reads at once", plan.statuses.len());
}
