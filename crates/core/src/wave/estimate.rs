//! How long the baselines take, per volume and for the wave, with the formula as text.
//!
//! Before a transfer runs: logical size ÷ min(link bandwidth, destination throughput limit).
//! The destination's limit (Microsoft, "Service levels for Azure NetApp Files",
//! <https://learn.microsoft.com/en-us/azure/azure-netapp-files/azure-netapp-files-service-levels>):
//! on an auto-QoS pool, the service level's throughput per TiB of the volume's quota —
//! Standard 16, Premium 64, Ultra 128 MiB/s per TiB (the page's example: 2 TiB of Premium is
//! 128 MiB/s, regardless of pool size); on a manual-QoS pool, the throughput assigned to the
//! volume (`throughputMibps`); on a Flexible pool, the pool's throughput (the most a volume
//! there can have). The link bandwidth is what the admin gives for the network path to Azure,
//! in Mbit/s (10^6 bits a second).
//!
//! Once a transfer runs: the measured rate, bytes transferred over elapsed time between two
//! readings of `replicationStatus.totalProgress`, replaces the formula.
//!
//! The wave: at most `concurrency` baselines run at once, in wave order, and they share the
//! link. Sharing is modelled as max-min fair: each running transfer gets an equal share of the
//! link, a transfer whose destination limit is below its share keeps only its limit, and what
//! it leaves is shared among the others. Each time a transfer ends, the next one starts and the
//! shares are worked out again. A running transfer's measured rate is taken as its limit.

use super::checks::PoolInfo;
use super::plan::RowId;
use crate::migration::{format_bytes, format_lag};
use crate::models::{ReplicationStatus, ServiceLevel};
use crate::time::Timestamp;
use crate::validation::quota::TIB;
use std::time::Duration;

/// Bytes in a MiB.
const MIB: f64 = 1_048_576.0;

/// MiB/s per TiB of quota of an auto-QoS pool's service level (Microsoft's service levels
/// page); `None` for a level the page gives no figure for.
#[must_use]
pub fn mibps_per_tib(level: &ServiceLevel) -> Option<f64> {
    match level {
        ServiceLevel::Standard => Some(16.0),
        ServiceLevel::Premium => Some(64.0),
        ServiceLevel::Ultra => Some(128.0),
        _ => None,
    }
}

/// How the destination volume's throughput is limited.
#[derive(Clone, Debug, PartialEq)]
pub enum DestinationQos {
    /// Auto QoS: service level × quota.
    Auto {
        /// The pool's level.
        level: ServiceLevel,
    },
    /// A Flexible pool: the pool's throughput.
    Flexible {
        /// The pool's throughput in MiB/s.
        pool_throughput_mibps: f64,
    },
    /// Manual QoS: the volume's own throughput.
    Manual {
        /// The volume's `throughputMibps`.
        volume_throughput_mibps: f64,
    },
}

impl DestinationQos {
    /// The limit that applies to a volume in `pool`: a Flexible pool's throughput, the
    /// volume's own throughput on a manual-QoS pool (`None` until it is known), else the
    /// pool's service level.
    #[must_use]
    pub fn for_pool(pool: &PoolInfo, volume_throughput_mibps: Option<f64>) -> Option<Self> {
        if pool.service_level == ServiceLevel::Flexible {
            return pool.throughput_mibps.map(|t| Self::Flexible { pool_throughput_mibps: t });
        }
        if pool.manual_qos {
            return volume_throughput_mibps.map(|t| Self::Manual { volume_throughput_mibps: t });
        }
        Some(Self::Auto { level: pool.service_level.clone() })
    }

    /// The limit in MiB/s for a volume of `quota_bytes`, and the formula's text for it.
    #[must_use]
    pub fn limit(&self, quota_bytes: u64) -> Option<(f64, String)> {
        let mibps = self.limit_mibps(quota_bytes)?;
        Some((mibps, self.limit_formula(quota_bytes, mibps)))
    }

    /// The limit in MiB/s alone (the wave's time left reads it for every volume, whenever a
    /// baseline ends, and shows no formula per volume).
    #[must_use]
    pub fn limit_mibps(&self, quota_bytes: u64) -> Option<f64> {
        match self {
            Self::Auto { level } => {
                #[allow(clippy::cast_precision_loss)]
                let tib = quota_bytes as f64 / TIB as f64;
                Some(mibps_per_tib(level)? * tib)
            }
            Self::Flexible { pool_throughput_mibps: t } => Some(*t),
            Self::Manual { volume_throughput_mibps: t } => Some(*t),
        }
    }

    fn limit_formula(&self, quota_bytes: u64, mibps: f64) -> String {
        match self {
            Self::Auto { level } => {
                let per = mibps_per_tib(level).unwrap_or_default();
                #[allow(clippy::cast_precision_loss)]
                let tib = quota_bytes as f64 / TIB as f64;
                format!("{level} {per:.0} MiB/s per TiB × {tib:.2} TiB quota = {mibps:.1} MiB/s")
            }
            Self::Flexible { pool_throughput_mibps: t } => {
                format!("the Flexible pool's throughput {t:.1} MiB/s")
            }
            Self::Manual { volume_throughput_mibps: t } => {
                format!("the volume's throughputMibps {t:.1} MiB/s")
            }
        }
    }
}

/// The network path's bandwidth as the admin gives it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    /// Megabits (10^6 bits) per second.
    pub mbit_per_second: f64,
}

impl Link {
    /// Bytes per second.
    #[must_use]
    pub fn bytes_per_second(self) -> f64 {
        self.mbit_per_second * 1_000_000.0 / 8.0
    }
}

/// What limits a transfer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// The link.
    Link,
    /// The destination volume's throughput limit.
    Destination,
    /// The rate measured while it runs.
    Measured,
}

/// A baseline's estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct BaselineEstimate {
    /// Bytes to transfer.
    pub bytes: u64,
    /// The rate used, bytes per second.
    pub bytes_per_second: f64,
    /// What limits it.
    pub limited_by: Limit,
    /// How long it takes.
    pub duration: Duration,
    /// The formula with the numbers, for the UI.
    pub formula: String,
}

/// Seconds to move `bytes` at `rate` bytes a second (`None` for a zero or unknown rate).
fn seconds(bytes: u64, rate: f64) -> Option<Duration> {
    #[allow(clippy::cast_precision_loss)]
    let s = bytes as f64 / rate;
    (rate.is_finite() && rate > 0.0 && s.is_finite()).then(|| Duration::from_secs_f64(s))
}

/// The baseline of one volume before it runs: logical size ÷ min(link, destination limit).
#[must_use]
pub fn estimate_baseline(
    logical_bytes: u64,
    quota_bytes: u64,
    qos: &DestinationQos,
    link: Link,
) -> Option<BaselineEstimate> {
    let (dest_mibps, dest_text) = qos.limit(quota_bytes)?;
    let link_rate = link.bytes_per_second();
    let dest_rate = dest_mibps * MIB;
    let (rate, limited_by) = if link_rate <= dest_rate {
        (link_rate, Limit::Link)
    } else {
        (dest_rate, Limit::Destination)
    };
    let duration = seconds(logical_bytes, rate)?;
    let formula = format!(
        "{} ÷ min(link {:.0} Mbit/s = {:.1} MiB/s, {dest_text}) = {} at {:.1} MiB/s",
        format_bytes(logical_bytes),
        link.mbit_per_second,
        link_rate / MIB,
        format_lag(duration),
        rate / MIB,
    );
    Some(BaselineEstimate {
        bytes: logical_bytes,
        bytes_per_second: rate,
        limited_by,
        duration,
        formula,
    })
}

/// The rate between two readings of `replicationStatus`: bytes transferred over the time
/// between them. `None` when progress is unknown, went backwards (a new transfer counts from
/// zero) or no time passed.
#[must_use]
pub fn measured_rate(
    earlier: (Timestamp, &ReplicationStatus),
    later: (Timestamp, &ReplicationStatus),
) -> Option<f64> {
    let (a, b) = (earlier.1.total_progress_bytes()?, later.1.total_progress_bytes()?);
    let elapsed = later.0.since(earlier.0).as_secs_f64();
    #[allow(clippy::cast_precision_loss)]
    (b >= a && elapsed > 0.0).then(|| (b - a) as f64 / elapsed)
}

/// A running baseline's estimate from its measured rate: what is left ÷ the rate.
#[must_use]
pub fn estimate_running(
    total_bytes: u64,
    latest: &ReplicationStatus,
    rate: f64,
) -> Option<BaselineEstimate> {
    let done = latest.total_progress_bytes()?;
    let left = total_bytes.saturating_sub(done);
    let duration = seconds(left, rate).or_else(|| (left == 0).then_some(Duration::ZERO))?;
    let formula = format!(
        "{} left of {} ÷ measured {:.1} MiB/s = {}",
        format_bytes(left),
        format_bytes(total_bytes),
        rate / MIB,
        format_lag(duration)
    );
    Some(BaselineEstimate {
        bytes: left,
        bytes_per_second: rate,
        limited_by: Limit::Measured,
        duration,
        formula,
    })
}

/// One volume's part in the wave's estimate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transfer {
    /// The row.
    pub id: RowId,
    /// Bytes still to move.
    pub remaining_bytes: u64,
    /// Its own limit in bytes per second (destination limit, or the measured rate).
    pub cap_bytes_per_second: f64,
    /// Already running (takes a slot before queued ones).
    pub running: bool,
}

/// The wave's estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct WaveEta {
    /// Until the last baseline ends.
    pub total: Duration,
    /// When each baseline starts and ends, from now, in wave order.
    pub schedule: Vec<(RowId, Duration, Duration)>,
    /// How it was worked out, for the UI.
    pub model: String,
}

/// A transfer in the estimate's run: where it is in the wave, its limit, bytes left and when
/// it started.
struct Active {
    at: usize,
    cap: f64,
    left: f64,
    start: f64,
}

/// Max-min fair shares of `link` among `active`, kept in order of their limits: each gets an
/// equal share of what the lower-limited ones left, capped by its own limit. Written into
/// `rates` (one allocation for the whole run: this runs once per baseline that ends).
fn fair_shares(active: &[Active], link: f64, rates: &mut Vec<f64>) {
    rates.clear();
    let mut left = link;
    for (k, a) in active.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let others = (active.len() - k) as f64;
        if a.cap * others < left {
            rates.push(a.cap);
            left -= a.cap;
        } else {
            // This one and every one after it (no lower limits) take an equal share.
            let share = left / others;
            rates.resize(active.len(), share);
            return;
        }
    }
}

/// The wave's baselines, `concurrency` at a time over a shared link (see the module doc).
/// `None` when a transfer could never end (a zero limit or link).
///
/// Each step runs until the next transfer ends, so the run takes as many steps as there are
/// transfers. The wave page works it out again whenever a baseline ends, over hundreds of
/// volumes, so a step costs one pass over the transfers running: they are kept in order of
/// their limits (the order the fair shares are handed out in) rather than sorted again.
#[must_use]
pub fn wave_eta(transfers: &[Transfer], link: Link, concurrency: usize) -> Option<WaveEta> {
    let link_rate = link.bytes_per_second();
    let slots = concurrency.max(1);
    let mut queue = transfers
        .iter()
        .enumerate()
        .filter(|(_, t)| t.running)
        .chain(transfers.iter().enumerate().filter(|(_, t)| !t.running));
    let mut active: Vec<Active> = Vec::new();
    let mut rates: Vec<f64> = Vec::new();
    // (place in the wave, start, end)
    let mut done: Vec<(usize, f64, f64)> = Vec::new();
    let mut now = 0.0_f64;
    loop {
        while active.len() < slots {
            let Some((at, t)) = queue.next() else { break };
            let cap = t.cap_bytes_per_second;
            // After the others of the same limit: the order they joined in is kept.
            let place = active.partition_point(|a| a.cap.total_cmp(&cap).is_le());
            #[allow(clippy::cast_precision_loss)]
            let left = t.remaining_bytes as f64;
            active.insert(place, Active { at, cap, left, start: now });
        }
        if active.is_empty() {
            break;
        }
        fair_shares(&active, link_rate, &mut rates);
        // The time to the next end: a division only where a transfer ends sooner than the
        // soonest so far.
        let mut step = f64::INFINITY;
        for (a, r) in active.iter().zip(&rates) {
            if a.left <= 0.0 {
                step = 0.0;
            } else if a.left < step * r {
                step = a.left / r;
            }
        }
        if !step.is_finite() {
            return None;
        }
        now += step;
        let mut rate = rates.iter();
        active.retain_mut(|a| {
            a.left -= rate.next().copied().unwrap_or(0.0) * step;
            // A relative tolerance: float steps leave a few bytes on the one that ends.
            #[allow(clippy::cast_precision_loss)]
            let ended = a.left <= 1e-6 * transfers[a.at].remaining_bytes.max(1) as f64;
            if ended {
                done.push((a.at, a.start, now));
            }
            !ended
        });
    }
    done.sort_unstable_by_key(|(at, _, _)| *at);
    let schedule = done
        .iter()
        .map(|(at, s, e)| {
            (transfers[*at].id, Duration::from_secs_f64(*s), Duration::from_secs_f64(*e))
        })
        .collect();
    let model = format!(
        "{} baselines, {slots} at a time, share the {:.0} Mbit/s link fairly: each running transfer gets an equal share, capped by its own limit, and what a capped one leaves goes to the others. Last one ends in {}.",
        transfers.len(),
        link.mbit_per_second,
        format_lag(Duration::from_secs_f64(now))
    );
    Some(WaveEta { total: Duration::from_secs_f64(now), schedule, model })
}
