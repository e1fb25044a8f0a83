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
        match self {
            Self::Auto { level } => {
                let per = mibps_per_tib(level)?;
                #[allow(clippy::cast_precision_loss)]
                let tib = quota_bytes as f64 / TIB as f64;
                let mibps = per * tib;
                Some((
                    mibps,
                    format!(
                        "{level} {per:.0} MiB/s per TiB × {tib:.2} TiB quota = {mibps:.1} MiB/s"
                    ),
                ))
            }
            Self::Flexible { pool_throughput_mibps: t } => {
                Some((*t, format!("the Flexible pool's throughput {t:.1} MiB/s")))
            }
            Self::Manual { volume_throughput_mibps: t } => {
                Some((*t, format!("the volume's throughputMibps {t:.1} MiB/s")))
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

/// Max-min fair shares of `link` among transfers limited to `caps`.
fn fair_shares(caps: &[f64], link: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..caps.len()).collect();
    order.sort_by(|a, b| caps[*a].total_cmp(&caps[*b]));
    let mut rates = vec![0.0; caps.len()];
    let mut left = link;
    for (k, &i) in order.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let share = left / (order.len() - k) as f64;
        rates[i] = caps[i].min(share);
        left -= rates[i];
    }
    rates
}

/// The wave's baselines, `concurrency` at a time over a shared link (see the module doc).
/// `None` when a transfer could never end (a zero limit or link).
#[must_use]
pub fn wave_eta(transfers: &[Transfer], link: Link, concurrency: usize) -> Option<WaveEta> {
    let link_rate = link.bytes_per_second();
    let slots = concurrency.max(1);
    let mut queue: Vec<Transfer> = transfers.iter().filter(|t| t.running).copied().collect();
    queue.extend(transfers.iter().filter(|t| !t.running).copied());
    let mut queue = queue.into_iter();
    let mut active: Vec<(Transfer, f64, f64)> = Vec::new(); // transfer, bytes left, start
    let mut done: Vec<(RowId, f64, f64)> = Vec::new();
    let mut now = 0.0_f64;
    loop {
        while active.len() < slots {
            match queue.next() {
                #[allow(clippy::cast_precision_loss)]
                Some(t) => active.push((t, t.remaining_bytes as f64, now)),
                None => break,
            }
        }
        if active.is_empty() {
            break;
        }
        let caps: Vec<f64> = active.iter().map(|(t, _, _)| t.cap_bytes_per_second).collect();
        let rates = fair_shares(&caps, link_rate);
        let step = active
            .iter()
            .zip(&rates)
            .map(|((_, left, _), r)| if *left <= 0.0 { 0.0 } else { left / r })
            .fold(f64::INFINITY, f64::min);
        if !step.is_finite() {
            return None;
        }
        now += step;
        let mut still = Vec::new();
        for ((t, left, start), r) in active.into_iter().zip(&rates) {
            let left = left - r * step;
            // A relative tolerance: float steps leave a few bytes on the one that ends.
            #[allow(clippy::cast_precision_loss)]
            if left <= 1e-6 * t.remaining_bytes.max(1) as f64 {
                done.push((t.id, start, now));
            } else {
                still.push((t, left, start));
            }
        }
        active = still;
    }
    let order: Vec<RowId> = transfers.iter().map(|t| t.id).collect();
    done.sort_by_key(|(id, _, _)| order.iter().position(|o| o == id));
    let schedule = done
        .iter()
        .map(|(id, s, e)| (*id, Duration::from_secs_f64(*s), Duration::from_secs_f64(*e)))
        .collect();
    let model = format!(
        "{} baselines, {slots} at a time, share the {:.0} Mbit/s link fairly: each running transfer gets an equal share, capped by its own limit, and what a capped one leaves goes to the others. Last one ends in {}.",
        transfers.len(),
        link.mbit_per_second,
        format_lag(Duration::from_secs_f64(now))
    );
    Some(WaveEta { total: Duration::from_secs_f64(now), schedule, model })
}
