//! How many ARM reads the live migrations view spends, and on what.
//!
//! ARM refills a subscription's read bucket at 25 a second (1,500 a minute). The table may take
//! a twentieth of that, 75 a minute, however many migrations it shows. A token bucket holds it
//! there: [`READS_PER_MINUTE`] tokens a minute, at most [`BURST`] saved up, one token per read
//! (a list page or a `replicationStatus`). So any 60 seconds see at most `BURST +
//! READS_PER_MINUTE` = 75 reads, but for two bounded exceptions paid back afterwards: a list
//! longer than the bucket (over 1,500 volumes) goes whole once the bucket is full, and a
//! refresh the user or an ending operation asks for may borrow about a bucketful, not more
//! ([`ReadPlanner::may_force`]). Within that, each tick reads:
//! - the volume list when its cadence comes round (slower the more pages it has, so lists take
//!   at most [`LIST_PAGES_PER_MINUTE`] reads a minute), before any status read;
//! - statuses by urgency: rows with an operation the user started first, then moving rows
//!   never read, then moving rows round-robin by age (on-screen ones weighted
//!   [`ON_SCREEN_WEIGHT`] times older), with on-screen rows at rest read once to fill them in;
//!   idle rows are re-read only with reads no moving row wants, still rows never.
//!
//! A few migrations fit easily and are read every [`FAST_POLL`]; many share the budget, and
//! [`Freshness`] says how fresh their figures are.
//!
//! The budget is the browser's, not the tab's: with several live views open (the Migrations
//! page in one tab, a wave's page in another), each refills at its share ([`Tick::views`]), so
//! two views don't read twice as much.

use super::polling::{Motion, FAST_POLL, IDLE_STATUS_EVERY, SLOW_POLL};
use crate::time::Timestamp;
use std::cmp::Reverse;
use std::collections::VecDeque;
use std::time::Duration;

/// Reads a minute the planner refills (the 75 of the budget less [`BURST`]: a minute that
/// starts with a full bucket still stays within 75).
pub const READS_PER_MINUTE: u32 = 60;
/// Reads that may go at once after a quiet spell (the first screen, a burst of due rows).
pub const BURST: u32 = 15;
/// At most this many list pages a minute: a long list is re-read less often.
pub const LIST_PAGES_PER_MINUTE: u32 = 10;
/// Volumes per list page (ARM's page size for volumes).
pub const LIST_PAGE_SIZE: usize = 100;
/// How much more often an on-screen moving row's status is read than an off-screen one's.
pub const ON_SCREEN_WEIGHT: u64 = 4;
/// At most this many status reads a forced refresh starts beyond the bucket (about a screenful).
pub const FORCED_MAX: usize = 30;
/// After a 429 that outlasted the client's retries (which honour Retry-After), planned reads
/// pause this long.
pub const THROTTLE_PAUSE: Duration = Duration::from_secs(30);
/// Below this many reads left in ARM's own bucket the planner refills at a quarter of its rate.
pub const ARM_BUDGET_TIGHT: u64 = 100;

/// What the planner needs to know of one row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PollRow {
    /// How much it moves.
    pub motion: Motion,
    /// When its status was last read.
    pub status_read_at: Option<Timestamp>,
    /// When the row first appeared (a row at rest waits for its one read from then).
    pub seen_at: Timestamp,
    /// Shown on screen now (or the view can't tell).
    pub on_screen: bool,
    /// The user acted on it: an operation runs or just finished.
    pub touched: bool,
    /// A status read is on its way, or the volume can't answer one (its provisioning is busy,
    /// it isn't a migration).
    pub busy: bool,
}

/// The circumstances of one tick.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tick {
    /// The clock.
    pub now: Timestamp,
    /// The tab is hidden: nothing is read.
    pub hidden: bool,
    /// Volumes the last list returned, every kind (pages cost reads whatever they hold).
    pub listed: usize,
    /// Reads left in ARM's bucket, from its headers, when known.
    pub arm_reads_left: Option<u64>,
    /// The user asked (Refresh, an operation started or ended): list now, and read the status of
    /// every on-screen row that isn't fresh, even into debt.
    pub force: bool,
    /// Live views polling in this browser, this one included (other tabs count): the budget is
    /// shared among them. 0 counts as 1.
    pub views: u32,
}

impl Tick {
    /// A tick at `now` with nothing special about it.
    #[must_use]
    pub fn at(now: Timestamp, listed: usize) -> Self {
        Self { now, hidden: false, listed, arm_reads_left: None, force: false, views: 1 }
    }
}

/// What to read at a tick.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Read the whole list (its pages are charged already).
    pub list: bool,
    /// Indices of the rows whose status to read, most urgent first.
    pub statuses: Vec<usize>,
}

/// List pages for `listed` volumes: at least one.
#[must_use]
pub fn list_pages(listed: usize) -> u32 {
    u32::try_from(listed.div_ceil(LIST_PAGE_SIZE).max(1)).unwrap_or(u32::MAX)
}

/// The list's cadence: [`FAST_POLL`] while anything moves or is followed through the list,
/// [`SLOW_POLL`] otherwise, stretched so the pages stay within [`LIST_PAGES_PER_MINUTE`].
#[must_use]
pub fn list_every(listed: usize, rows: &[PollRow]) -> Duration {
    let lively = rows.iter().any(|r| matches!(r.motion, Motion::Moving | Motion::Listed));
    let base = if lively { FAST_POLL } else { SLOW_POLL };
    base.max(Duration::from_secs(60) * list_pages(listed) / LIST_PAGES_PER_MINUTE)
}

/// The token bucket and the list's clock of one live view.
#[derive(Clone, Debug)]
pub struct ReadPlanner {
    /// Thousandths of a read, so a refill of a fraction of a read isn't lost; negative after a
    /// forced refresh went into debt.
    tokens_milli: i64,
    refilled_at: Option<Timestamp>,
    last_list: Option<Timestamp>,
    paused_until: Option<Timestamp>,
    spent: VecDeque<Timestamp>,
}

impl Default for ReadPlanner {
    fn default() -> Self {
        Self::new()
    }
}

impl ReadPlanner {
    /// A planner with a full bucket and the list due.
    #[must_use]
    pub fn new() -> Self {
        Self {
            tokens_milli: i64::from(BURST) * 1000,
            refilled_at: None,
            last_list: None,
            paused_until: None,
            spent: VecDeque::new(),
        }
    }

    /// Reads this tick (list and statuses). The list comes alone: its answer changes which
    /// statuses are due, so they wait for the next tick.
    pub fn plan(&mut self, tick: &Tick, rows: &[PollRow]) -> Plan {
        if self.take_list(tick, rows) {
            return Plan { list: true, statuses: Vec::new() };
        }
        Plan { list: false, statuses: self.take_statuses(tick, rows) }
    }

    /// Whether to read the list now; if so its pages are charged.
    pub fn take_list(&mut self, tick: &Tick, rows: &[PollRow]) -> bool {
        if !self.ready(tick) {
            return false;
        }
        let pages = list_pages(tick.listed);
        // A list longer than the bucket goes when the bucket is full; the rest is debt.
        let affordable = self.allowance() >= pages.min(burst(tick.views)) as usize;
        if tick.force || (self.list_due(tick, rows) && affordable) {
            self.last_list = Some(tick.now);
            self.spend(tick.now, pages as usize);
            return true;
        }
        false
    }

    /// The list came back with `listed` volumes after `charged` pages were paid for it: the
    /// pages the estimate missed are charged now.
    pub fn list_read(&mut self, now: Timestamp, charged: u32, listed: usize) {
        let extra = list_pages(listed).saturating_sub(charged);
        self.spend(now, extra as usize);
    }

    /// The rows whose status to read now (indices into `rows`), charged.
    pub fn take_statuses(&mut self, tick: &Tick, rows: &[PollRow]) -> Vec<usize> {
        if !self.ready(tick) {
            return Vec::new();
        }
        // A due list that doesn't fit yet keeps the tokens: statuses would take each as it comes.
        if !tick.force && self.list_due(tick, rows) {
            return Vec::new();
        }
        let mut due: Vec<(Reverse<(u8, u64)>, usize)> = rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| urgency(r, tick.now, tick.force).map(|u| (Reverse(u), i)))
            .collect();
        due.sort_unstable();
        let take = if tick.force {
            // The user asked: the on-screen rows whatever the bucket says, up to a screenful
            // (a view that can't tell what is on screen counts every row as shown).
            let asked = due.iter().take_while(|(Reverse((class, _)), _)| *class >= 4).count();
            asked.min(FORCED_MAX).max(self.allowance())
        } else {
            self.allowance()
        };
        let picked: Vec<usize> = due.into_iter().take(take).map(|(_, i)| i).collect();
        self.spend(tick.now, picked.len());
        picked
    }

    /// Whether a refresh asked for now may list at once, into debt if need be: not while the
    /// tab is hidden or reads pause after a 429, nor once earlier asked-for refreshes borrowed a
    /// bucketful (a bulk action ending many operations). Otherwise call [`Self::list_soon`].
    pub fn may_force(&mut self, tick: &Tick) -> bool {
        self.refill(tick);
        !tick.hidden
            && self.paused_until.is_none_or(|p| tick.now >= p)
            && self.tokens_milli > -i64::from(BURST) * 1000
    }

    /// Makes the list due now: it goes as soon as the bucket and the pause allow.
    pub fn list_soon(&mut self) {
        self.last_list = None;
    }

    /// A read came back 429 after the client's retries: pause and empty the bucket.
    pub fn throttled(&mut self, now: Timestamp) {
        self.paused_until = Some(now.plus(THROTTLE_PAUSE));
        self.tokens_milli = self.tokens_milli.min(0);
    }

    /// Reads charged in the 60 seconds up to `now`.
    #[must_use]
    pub fn spent_last_minute(&self, now: Timestamp) -> usize {
        self.spent.iter().filter(|t| now.since(**t) < Duration::from_secs(60)).count()
    }

    /// Refills for the time since the last tick and says whether reads may go at all.
    fn ready(&mut self, tick: &Tick) -> bool {
        self.refill(tick);
        if tick.force {
            return true;
        }
        !tick.hidden && self.paused_until.is_none_or(|p| tick.now >= p)
    }

    /// Adds the tokens earned since the last refill.
    fn refill(&mut self, tick: &Tick) {
        let tight = tick.arm_reads_left.is_some_and(|left| left < ARM_BUDGET_TIGHT);
        let views = i64::from(tick.views.max(1));
        // This view's share: the rate and the bucket's size divided among the views, so all of
        // them together stay within BURST + READS_PER_MINUTE in any minute.
        let rate_milli = i64::from(READS_PER_MINUTE) * 1000 / if tight { 4 } else { 1 } / views;
        if let Some(at) = self.refilled_at {
            let ms = i64::try_from(tick.now.since(at).as_millis()).unwrap_or(i64::MAX / 2);
            // rate_milli thousandths of a read a minute, per 60,000 ms.
            let gained = ms.saturating_mul(rate_milli) / 60_000;
            self.tokens_milli += gained;
        }
        // A view that was alone and no longer is (or starts beside another) keeps only its
        // share of the bucket.
        self.tokens_milli = self.tokens_milli.min(i64::from(BURST) * 1000 / views);
        self.refilled_at = Some(tick.now);
    }

    fn list_due(&self, tick: &Tick, rows: &[PollRow]) -> bool {
        self.last_list.is_none_or(|l| tick.now.since(l) >= list_every(tick.listed, rows))
    }

    fn allowance(&self) -> usize {
        usize::try_from(self.tokens_milli.max(0) / 1000).unwrap_or(0)
    }

    fn spend(&mut self, now: Timestamp, reads: usize) {
        self.tokens_milli -= i64::try_from(reads).unwrap_or(i64::MAX / 2000) * 1000;
        self.spent.extend(std::iter::repeat_n(now, reads));
        while self.spent.front().is_some_and(|t| now.since(*t) >= Duration::from_secs(60)) {
            self.spent.pop_front();
        }
    }
}

/// How urgent a status read of `row` is: (class, score), higher first; `None` when not due.
/// Classes: 4 touched by the user (or on screen when forced), 3 moving and never read, 2 moving
/// and older than [`FAST_POLL`] or on screen at rest and never read (by weighted age), 1 idle,
/// on screen and older than [`IDLE_STATUS_EVERY`] (only reads nothing else wants reach it).
/// The bucket's size for one of `views` live views (at least a read).
fn burst(views: u32) -> u32 {
    (BURST / views.max(1)).max(1)
}

fn urgency(row: &PollRow, now: Timestamp, force: bool) -> Option<(u8, u64)> {
    if row.busy {
        return None;
    }
    let weight = if row.on_screen { ON_SCREEN_WEIGHT } else { 1 };
    let millis = |d: Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX / 8);
    let waited = millis(now.since(row.status_read_at.unwrap_or(row.seen_at))) + 1;
    let fresh = row.status_read_at.is_some_and(|t| now.since(t) < FAST_POLL);
    if fresh {
        return None;
    }
    if row.touched || (force && row.on_screen && row.motion != Motion::Listed) {
        return Some((4, waited.saturating_mul(weight)));
    }
    match (row.motion, row.status_read_at) {
        (Motion::Moving, None) => Some((3, waited.saturating_mul(weight))),
        (Motion::Moving, Some(_)) => Some((2, waited.saturating_mul(weight))),
        (Motion::Idle | Motion::Still, None) if row.on_screen => {
            Some((2, waited.saturating_mul(weight)))
        }
        (Motion::Idle, Some(t)) if row.on_screen && now.since(t) >= IDLE_STATUS_EVERY => {
            Some((1, waited))
        }
        _ => None,
    }
}

/// How fresh the figures are, in the view's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Freshness {
    /// Rows whose status is polled.
    pub moving: usize,
    /// Rows followed through the list.
    pub listed: usize,
    /// Rows at rest.
    pub at_rest: usize,
    /// About how often a moving row's status is read.
    pub status_every: Duration,
    /// How often the list is read.
    pub list_every: Duration,
    /// ARM's own read budget for the subscription is low, and the planner refills at a quarter.
    pub slowed: bool,
    /// Live views sharing the budget, this one included.
    pub views: u32,
}

impl Freshness {
    /// The cadence the planner will hold for these rows, a list of `listed` volumes and what
    /// ARM said is left of its read budget (`arm_reads_left`, as the tick has it), shared among
    /// `views` live views.
    #[must_use]
    pub fn of(listed: usize, rows: &[PollRow], arm_reads_left: Option<u64>, views: u32) -> Self {
        let count = |f: fn(Motion) -> bool| rows.iter().filter(|r| f(r.motion)).count();
        let moving = count(|m| m == Motion::Moving);
        let slowed = arm_reads_left.is_some_and(|left| left < ARM_BUDGET_TIGHT);
        let rate =
            f64::from(READS_PER_MINUTE) / if slowed { 4.0 } else { 1.0 } / f64::from(views.max(1));
        // The list keeps its cadence (its pages a minute stay under the quarter rate, checked
        // after this impl); the statuses get what is left.
        let list_every = list_every(listed, rows);
        let list_per_minute = f64::from(list_pages(listed)) * 60.0 / list_every.as_secs_f64();
        let status_per_minute = (rate - list_per_minute).max(1.0);
        #[allow(clippy::cast_precision_loss)]
        let cycle = Duration::from_secs_f64(moving as f64 * 60.0 / status_per_minute);
        Self {
            moving,
            listed: count(|m| m == Motion::Listed),
            at_rest: count(|m| matches!(m, Motion::Idle | Motion::Still)),
            status_every: cycle.max(FAST_POLL),
            list_every,
            slowed,
            views: views.max(1),
        }
    }

    /// One sentence for the table's status bar.
    #[must_use]
    pub fn describe(&self) -> String {
        let moving = if self.moving == 0 {
            "Nothing is transferring".to_owned()
        } else {
            format!(
                "Progress of {} moving migration{} read about every {} (on-screen ones and running operations first)",
                self.moving,
                if self.moving == 1 { "" } else { "s" },
                words(self.status_every)
            )
        };
        let rest = if self.at_rest == 0 {
            String::new()
        } else {
            format!(", {} at rest not re-read", self.at_rest)
        };
        let slowed = if self.slowed {
            " ARM's read budget for this subscription is running low, so reads are slowed to a quarter."
        } else {
            ""
        };
        let shared = match self.views {
            0 | 1 => String::new(),
            2 => " The read budget is shared with the other live view open in this browser.".into(),
            n => format!(
                " The read budget is shared with the {} other live views open in this browser.",
                n - 1
            ),
        };
        format!(
            "{moving}{rest}; phases from the volume list, read every {}.{slowed}{shared}",
            words(self.list_every)
        )
    }
}

// Freshness::of assumes the list alone never outgrows a quarter of the bucket's rate.
const _: () = assert!(LIST_PAGES_PER_MINUTE < READS_PER_MINUTE / 4);

/// "5 s", "45 s", "about 3 min".
fn words(d: Duration) -> String {
    let s = d.as_secs();
    if s < 90 {
        format!("{s} s")
    } else {
        format!("{} min", s.div_ceil(60))
    }
}

#[cfg(test)]
#[path = "read_budget_tests.rs"]
mod tests;
