//! The figures of a wave's watch page: each volume's time left, the wave's totals (volumes
//! per phase, bytes transferred of the total) and the wave's time left.
//!
//! A volume's time left comes from [`super::estimate`]: before its baseline runs, the formula
//! (logical size ÷ the slower of the link and the destination's limit); once it runs, the rate
//! measured between the first and the latest reading of its progress ([`RateWatch`]: over the
//! whole span seen, steadier than between two reads). The wave's time left is
//! [`super::estimate::wave_eta`] over what every unfinished volume has left: all of a wave's
//! baselines run at once once peered, sharing the link.

use super::estimate::{
    estimate_baseline, wave_eta, BaselineEstimate, DestinationQos, Limit, Link, Transfer,
};
use super::plan::RowId;
use crate::migration::{format_bytes, format_lag, PhaseKind};
use crate::time::Timestamp;
use std::time::Duration;

const MIB: f64 = 1_048_576.0;
/// A measured rate needs readings at least this far apart.
const MIN_SPAN: Duration = Duration::from_secs(2);

/// Progress readings of one running baseline, for its measured rate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RateWatch {
    first: Option<(Timestamp, u64)>,
    last: Option<(Timestamp, u64)>,
}

impl RateWatch {
    /// Takes a reading of `totalProgress` made at `at`. Progress that went back (a new
    /// transfer counts from zero) starts the watch over.
    pub fn observe(&mut self, at: Timestamp, progress: u64) {
        if self.last.is_some_and(|(t, _)| t >= at) {
            return;
        }
        if self.first.is_none() || self.last.is_some_and(|(_, p)| progress < p) {
            self.first = Some((at, progress));
        }
        self.last = Some((at, progress));
    }

    /// Bytes a second between the first and the latest reading.
    #[must_use]
    pub fn rate(&self) -> Option<f64> {
        let ((t0, p0), (t1, p1)) = (self.first?, self.last?);
        let span = t1.since(t0);
        #[allow(clippy::cast_precision_loss)]
        (span >= MIN_SPAN && p1 > p0).then(|| (p1 - p0) as f64 / span.as_secs_f64())
    }
}

/// What the watch knows of one volume.
#[derive(Clone, Debug, PartialEq)]
pub struct VolumeFigures {
    /// The plan's row.
    pub row: RowId,
    /// Its phase.
    pub phase: PhaseKind,
    /// Bytes the baseline copies (the source's logical size).
    pub total_bytes: u64,
    /// The volume's quota.
    pub quota_bytes: u64,
    /// The destination's throughput limit, when known.
    pub qos: Option<DestinationQos>,
    /// `totalProgress` during the baseline.
    pub done_bytes: Option<u64>,
    /// The measured rate, bytes a second.
    pub measured: Option<f64>,
}

impl VolumeFigures {
    /// The baseline is behind it.
    #[must_use]
    pub fn baseline_done(&self) -> bool {
        matches!(
            self.phase,
            PhaseKind::Mirrored
                | PhaseKind::PausedForDryRun
                | PhaseKind::CutOver
                | PhaseKind::Finalized
        )
    }

    /// Bytes of the baseline transferred.
    #[must_use]
    pub fn transferred(&self) -> u64 {
        if self.baseline_done() {
            self.total_bytes
        } else if self.phase == PhaseKind::Baseline {
            self.done_bytes.unwrap_or(0).min(self.total_bytes)
        } else {
            0
        }
    }
}

/// A volume's time left.
#[derive(Clone, Debug, PartialEq)]
pub enum VolumeEta {
    /// The baseline is done.
    Done,
    /// Can't be told (failed, deleting, or no rate at all).
    Unknown,
    /// The estimate with its formula.
    Estimate(BaselineEstimate),
}

/// The time left of one volume's baseline over `link`.
#[must_use]
pub fn volume_eta(v: &VolumeFigures, link: Link) -> VolumeEta {
    if v.baseline_done() {
        return VolumeEta::Done;
    }
    if matches!(v.phase, PhaseKind::Failed | PhaseKind::Deleting) {
        return VolumeEta::Unknown;
    }
    let left = v.total_bytes.saturating_sub(v.transferred());
    if let Some(rate) = v.measured.filter(|r| *r > 0.0 && v.phase == PhaseKind::Baseline) {
        #[allow(clippy::cast_precision_loss)]
        let duration = Duration::from_secs_f64(left as f64 / rate);
        let formula = format!(
            "{} left of {} ÷ measured {:.1} MiB/s = {}",
            format_bytes(left),
            format_bytes(v.total_bytes),
            rate / MIB,
            format_lag(duration)
        );
        return VolumeEta::Estimate(BaselineEstimate {
            bytes: left,
            bytes_per_second: rate,
            limited_by: Limit::Measured,
            duration,
            formula,
        });
    }
    let estimate = match &v.qos {
        Some(qos) => estimate_baseline(left, v.quota_bytes, qos, link),
        None => link_only(left, link),
    };
    estimate.map_or(VolumeEta::Unknown, VolumeEta::Estimate)
}

/// `bytes` over the link alone (the destination's limit unknown).
fn link_only(bytes: u64, link: Link) -> Option<BaselineEstimate> {
    let rate = link.bytes_per_second();
    #[allow(clippy::cast_precision_loss)]
    let secs = bytes as f64 / rate;
    if !(rate > 0.0 && secs.is_finite()) {
        return None;
    }
    let duration = Duration::from_secs_f64(secs);
    let formula = format!(
        "{} ÷ link {:.0} Mbit/s = {} (the destination's limit is not known)",
        format_bytes(bytes),
        link.mbit_per_second,
        format_lag(duration)
    );
    Some(BaselineEstimate {
        bytes,
        bytes_per_second: rate,
        limited_by: Limit::Link,
        duration,
        formula,
    })
}

/// The wave's totals.
#[derive(Clone, Debug, PartialEq)]
pub struct WaveTotals {
    /// Volumes in the wave.
    pub volumes: usize,
    /// How many are in each phase (phases with none left out), in the order a migration goes.
    pub by_phase: Vec<(PhaseKind, usize)>,
    /// Baseline bytes transferred.
    pub bytes_done: u64,
    /// Baseline bytes in all.
    pub bytes_total: u64,
    /// Baselines not done.
    pub baselines_left: usize,
    /// Until the last baseline ends, when it can be told.
    pub eta: Option<Duration>,
    /// How the wave's time left is worked out.
    pub eta_model: String,
}

/// The wave's counts and bytes, without the time left (which takes longer to work out: the
/// watch page works it out every few seconds, not at every tick).
#[must_use]
pub fn wave_counts(volumes: &[VolumeFigures]) -> WaveTotals {
    let by_phase = PhaseKind::ALL
        .iter()
        .map(|k| (*k, volumes.iter().filter(|v| v.phase == *k).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    WaveTotals {
        volumes: volumes.len(),
        by_phase,
        bytes_done: volumes.iter().map(VolumeFigures::transferred).sum(),
        bytes_total: volumes.iter().map(|v| v.total_bytes).sum(),
        baselines_left: volumes.iter().filter(|v| unfinished(v)).count(),
        eta: None,
        eta_model: String::new(),
    }
}

fn unfinished(v: &VolumeFigures) -> bool {
    !v.baseline_done() && !matches!(v.phase, PhaseKind::Failed | PhaseKind::Deleting)
}

/// The wave's totals and time left over `link`.
#[must_use]
pub fn wave_totals(volumes: &[VolumeFigures], link: Link) -> WaveTotals {
    let transfers: Vec<Transfer> = volumes
        .iter()
        .filter(|v| unfinished(v))
        .map(|v| {
            let cap = v
                .measured
                .filter(|r| *r > 0.0 && v.phase == PhaseKind::Baseline)
                .or_else(|| Some(v.qos.as_ref()?.limit_mibps(v.quota_bytes)? * MIB))
                .unwrap_or(f64::INFINITY);
            Transfer {
                id: v.row,
                remaining_bytes: v.total_bytes.saturating_sub(v.transferred()),
                cap_bytes_per_second: cap,
                running: v.phase == PhaseKind::Baseline,
            }
        })
        .collect();
    // The running transfers' measured rates already are what the link carries. When together
    // they move more than the admin's figure for the link (the figure was low, or the
    // simulator runs sped up), the link can't be what holds them back: the wave's time left
    // takes the measured total as the link, so it never contradicts the rows' own time left.
    let measured: f64 = volumes
        .iter()
        .filter(|v| v.phase == PhaseKind::Baseline && unfinished(v))
        .filter_map(|v| v.measured.filter(|r| *r > 0.0))
        .sum();
    let (link, raised) = if measured > link.bytes_per_second() {
        (Link { mbit_per_second: measured * 8.0 / 1_000_000.0 }, true)
    } else {
        (link, false)
    };
    let eta = if transfers.is_empty() { None } else { wave_eta(&transfers, link, transfers.len()) };
    let mut eta_model = eta.as_ref().map(|e| e.model.clone()).unwrap_or_default();
    if raised && !eta_model.is_empty() {
        eta_model.push_str(
            " The running transfers were measured moving more than the link figure given, so their measured total stands in for the link.",
        );
    }
    WaveTotals { eta: eta.map(|e| e.total), eta_model, ..wave_counts(volumes) }
}

/// The plan's estimates: each valid row's baseline, and the wave's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanEstimates {
    /// By row.
    pub rows: std::collections::BTreeMap<RowId, BaselineEstimate>,
    /// The whole wave's baselines over the shared link.
    pub wave: Option<super::estimate::WaveEta>,
}

/// The estimates of a checked plan over `link`: each row that may be created, into its pool.
#[must_use]
pub fn plan_estimates(
    verdict: &super::checks::WaveVerdict,
    pools: &[super::checks::PoolInfo],
    link: Link,
) -> PlanEstimates {
    let mut out = PlanEstimates::default();
    let mut transfers = Vec::new();
    for valid in verdict.creates() {
        let quota = valid.request.spec.usage_threshold;
        let bytes = valid.request.source_logical_bytes;
        let qos = pools
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(&valid.pool))
            .and_then(|p| DestinationQos::for_pool(p, None));
        let estimate = match &qos {
            Some(q) => estimate_baseline(bytes, quota, q, link),
            None => link_only(bytes, link),
        };
        let cap = qos
            .as_ref()
            .and_then(|q| q.limit(quota))
            .map_or(f64::INFINITY, |(mibps, _)| mibps * MIB);
        transfers.push(Transfer {
            id: valid.id,
            remaining_bytes: bytes,
            cap_bytes_per_second: cap,
            running: false,
        });
        if let Some(e) = estimate {
            out.rows.insert(valid.id, e);
        }
    }
    if !transfers.is_empty() {
        out.wave = wave_eta(&transfers, link, transfers.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::ServiceLevel;

    const GIB: u64 = 1 << 30;
    const TIB: u64 = 1 << 40;

    fn fig(row: RowId, phase: PhaseKind, total: u64, done: Option<u64>) -> VolumeFigures {
        VolumeFigures {
            row,
            phase,
            total_bytes: total,
            quota_bytes: 2 * TIB,
            qos: Some(DestinationQos::Auto { level: ServiceLevel::Premium }),
            done_bytes: done,
            measured: None,
        }
    }

    #[test]
    fn a_plans_estimates_cover_each_valid_row_and_the_wave() {
        use crate::wave::checks::{check_wave, PoolInfo, WaveContext};
        let mut plan = crate::wave::WavePlan::new("w", "cl1");
        plan.defaults.pool = "p".into();
        plan.defaults.subnet_id = "/subscriptions/s/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/anf".into();
        plan.peer_addresses.insert("cl1".into(), "10.0.0.1".into());
        plan.add_rows(
            crate::wave::read_csv(
                "svm,source_volume,logical_size\nsvm1,a,1TB\nsvm1,b,100GB\nsvm1,c,nonsense\n",
            )
            .unwrap()
            .rows,
        );
        let pools = vec![PoolInfo {
            name: "p".into(),
            service_level: ServiceLevel::Standard,
            manual_qos: false,
            size_bytes: 100 * TIB,
            used_bytes: 0,
            throughput_mibps: None,
            volume_names: vec![],
        }];
        let ctx = WaveContext {
            location: "westeurope".into(),
            pools: pools.clone(),
            subnet_free_ips: Some(99),
            ..WaveContext::default()
        };
        let verdict = check_wave(&plan, &ctx);
        let e = plan_estimates(&verdict, &pools, Link { mbit_per_second: 10_000.0 });
        assert_eq!(e.rows.len(), 2, "the bad row has no estimate");
        // Standard: 16 MiB/s per TiB of quota (1.2 TiB quota for 1 TB logical): the pool limits.
        let a = &e.rows[&0];
        assert_eq!(a.limited_by, Limit::Destination);
        assert!(a.formula.contains("Standard 16 MiB/s per TiB"), "{}", a.formula);
        let wave = e.wave.unwrap();
        assert_eq!(wave.schedule.len(), 2);
        assert!(wave.total >= a.duration);
    }

    #[test]
    fn the_rate_is_measured_over_the_whole_span_and_restarts_when_progress_goes_back() {
        let mut w = RateWatch::default();
        w.observe(Timestamp(0), 0);
        assert_eq!(w.rate(), None, "one reading");
        w.observe(Timestamp(1_000), 50);
        assert_eq!(w.rate(), None, "too short a span");
        w.observe(Timestamp(10_000), 1_000);
        assert_eq!(w.rate(), Some(100.0));
        // A late answer older than the latest changes nothing.
        w.observe(Timestamp(9_000), 900);
        assert_eq!(w.rate(), Some(100.0));
        w.observe(Timestamp(20_000), 10);
        w.observe(Timestamp(24_000), 410);
        assert_eq!(w.rate(), Some(100.0), "a new transfer: from its own start");
    }

    #[test]
    fn a_volume_shows_the_formula_before_it_runs_and_the_measured_rate_once_it_does() {
        let link = Link { mbit_per_second: 1000.0 };
        let before = fig(1, PhaseKind::Peering, 500 * GIB, None);
        let VolumeEta::Estimate(e) = volume_eta(&before, link) else { panic!() };
        // Premium 2 TiB is 128 MiB/s, a 1 Gbit/s link 119.2 MiB/s: the link limits.
        assert_eq!(e.limited_by, Limit::Link);
        assert!(e.formula.contains("min(link 1000 Mbit/s"), "{}", e.formula);
        let mut running = fig(1, PhaseKind::Baseline, 500 * GIB, Some(100 * GIB));
        running.measured = Some(100.0 * MIB);
        let VolumeEta::Estimate(e) = volume_eta(&running, link) else { panic!() };
        assert_eq!(e.limited_by, Limit::Measured);
        assert_eq!(e.duration, Duration::from_secs(400 * 1024 / 100));
        assert!(e.formula.contains("measured 100.0 MiB/s"), "{}", e.formula);
        assert_eq!(volume_eta(&fig(1, PhaseKind::Mirrored, GIB, None), link), VolumeEta::Done);
        assert_eq!(volume_eta(&fig(1, PhaseKind::Failed, GIB, None), link), VolumeEta::Unknown);
        let mut unknown = fig(1, PhaseKind::Creating, 100 * GIB, None);
        unknown.qos = None;
        let VolumeEta::Estimate(e) = volume_eta(&unknown, link) else { panic!() };
        assert!(e.formula.contains("not known"), "{}", e.formula);
    }

    #[test]
    fn totals_count_phases_and_bytes_and_the_wave_eta_shares_the_link() {
        let link = Link { mbit_per_second: 800.0 };
        let vols = vec![
            fig(1, PhaseKind::Mirrored, 100 * GIB, None),
            fig(2, PhaseKind::Baseline, 100 * GIB, Some(40 * GIB)),
            fig(3, PhaseKind::Peering, 100 * GIB, None),
            fig(4, PhaseKind::Failed, 100 * GIB, None),
        ];
        let t = wave_totals(&vols, link);
        assert_eq!(t.volumes, 4);
        assert_eq!(
            t.by_phase,
            vec![
                (PhaseKind::Peering, 1),
                (PhaseKind::Baseline, 1),
                (PhaseKind::Mirrored, 1),
                (PhaseKind::Failed, 1)
            ]
        );
        assert_eq!((t.bytes_done, t.bytes_total), (140 * GIB, 400 * GIB));
        assert_eq!(t.baselines_left, 2);
        // 160 GiB left over a 100 MB/s link shared by two: the link is the limit.
        let secs = t.eta.unwrap().as_secs_f64();
        #[allow(clippy::cast_precision_loss)]
        let expected = (160 * GIB) as f64 / 100_000_000.0;
        assert!((secs - expected).abs() < 1.0, "{secs} vs {expected}");
        assert!(t.eta_model.contains("share the 800 Mbit/s link"), "{}", t.eta_model);
        let done = wave_totals(&vols[..1], link);
        assert_eq!((done.eta, done.baselines_left), (None, 0));
    }

    #[test]
    fn the_waves_time_left_never_contradicts_measured_rates_above_the_link_figure() {
        // Two baselines measured at 500 MiB/s each over a link given as 100 Mbit/s (12 MB/s):
        // the rows say 200 s and 100 s; the wave must say 200 s, not the hours the link
        // figure would give.
        let link = Link { mbit_per_second: 100.0 };
        let mut a = fig(1, PhaseKind::Baseline, 200 * GIB, Some(100 * GIB));
        a.measured = Some(500.0 * MIB);
        let mut b = fig(2, PhaseKind::Baseline, 100 * GIB, Some(50 * GIB));
        b.measured = Some(500.0 * MIB);
        let rows: Vec<f64> = [&a, &b]
            .iter()
            .map(|v| match volume_eta(v, link) {
                VolumeEta::Estimate(e) => e.duration.as_secs_f64(),
                other => panic!("{other:?}"),
            })
            .collect();
        let t = wave_totals(&[a, b], link);
        let wave = t.eta.unwrap().as_secs_f64();
        let longest = rows.iter().copied().fold(0.0, f64::max);
        assert!((wave - longest).abs() < 1.0, "wave {wave} s, rows {rows:?}");
        assert!(t.eta_model.contains("measured total stands in for the link"), "{}", t.eta_model);
        // Measured below the link figure: the link figure stays, and nothing is said.
        let mut slow = fig(3, PhaseKind::Baseline, 100 * GIB, Some(0));
        slow.measured = Some(1.0 * MIB);
        let t = wave_totals(&[slow], Link { mbit_per_second: 1000.0 });
        assert!(t.eta_model.contains("share the 1000 Mbit/s link"), "{}", t.eta_model);
        assert!(!t.eta_model.contains("stands in"), "{}", t.eta_model);
    }
}
