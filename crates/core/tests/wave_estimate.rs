//! Baseline estimates: the destination limits from Microsoft's service levels page, the
//! formula, the measured rate, and the wave with bounded concurrency over a shared link.

use anf_core::models::{ReplicationStatus, ServiceLevel};
use anf_core::time::Timestamp;
use anf_core::validation::quota::{GIB, TIB};
use anf_core::wave::estimate::{
    estimate_baseline, estimate_running, measured_rate, mibps_per_tib, wave_eta, DestinationQos,
    Limit, Link, Transfer,
};
use anf_core::wave::PoolInfo;
use std::time::Duration;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

#[test]
fn limits_are_microsofts_figures() {
    assert_eq!(mibps_per_tib(&ServiceLevel::Standard), Some(16.0));
    assert_eq!(mibps_per_tib(&ServiceLevel::Premium), Some(64.0));
    assert_eq!(mibps_per_tib(&ServiceLevel::Ultra), Some(128.0));
    assert_eq!(mibps_per_tib(&ServiceLevel::StandardZrs), None);
    let premium = DestinationQos::Auto { level: ServiceLevel::Premium };
    // The page's two examples: 2 TiB of Premium is 128 MiB/s, 100 GiB is 6.25 MiB/s.
    assert!(close(premium.limit(2 * TIB).unwrap().0, 128.0));
    assert!(close(premium.limit(100 * GIB).unwrap().0, 6.25));
    let manual = DestinationQos::Manual { volume_throughput_mibps: 250.0 };
    assert_eq!(manual.limit(TIB).unwrap().0, 250.0);
    let flexible = DestinationQos::Flexible { pool_throughput_mibps: 640.0 };
    assert!(flexible.limit(TIB).unwrap().1.contains("Flexible pool's throughput 640.0"));
}

#[test]
fn the_pool_decides_which_limit_applies() {
    let mut p = PoolInfo {
        name: "p".into(),
        service_level: ServiceLevel::Ultra,
        manual_qos: false,
        size_bytes: 4 * TIB,
        used_bytes: 0,
        throughput_mibps: Some(512.0),
        volume_names: Vec::new(),
    };
    assert_eq!(
        DestinationQos::for_pool(&p, Some(9.0)),
        Some(DestinationQos::Auto { level: ServiceLevel::Ultra })
    );
    p.manual_qos = true;
    assert_eq!(DestinationQos::for_pool(&p, None), None);
    assert_eq!(
        DestinationQos::for_pool(&p, Some(9.0)),
        Some(DestinationQos::Manual { volume_throughput_mibps: 9.0 })
    );
    p.service_level = ServiceLevel::Flexible;
    assert_eq!(
        DestinationQos::for_pool(&p, Some(9.0)),
        Some(DestinationQos::Flexible { pool_throughput_mibps: 512.0 })
    );
}

#[test]
fn baseline_is_logical_size_over_the_slower_of_link_and_destination() {
    let premium = DestinationQos::Auto { level: ServiceLevel::Premium };
    // 540 GiB of Premium: 64 × 540/1024 = 33.75 MiB/s, below a 1 Gbit/s link (119.2 MiB/s).
    let e = estimate_baseline(450 * GIB, 540 * GIB, &premium, Link { mbit_per_second: 1000.0 })
        .unwrap();
    assert_eq!(e.limited_by, Limit::Destination);
    assert!(close(e.bytes_per_second, 33.75 * 1_048_576.0));
    assert!(close(e.duration.as_secs_f64(), 450.0 * 1024.0 / 33.75));
    assert_eq!(
        e.formula,
        "450 GiB ÷ min(link 1000 Mbit/s = 119.2 MiB/s, Premium 64 MiB/s per TiB × 0.53 TiB quota = 33.8 MiB/s) = 3 h 47 min at 33.8 MiB/s"
    );
    // A 100 Mbit/s link is the slower one.
    let e =
        estimate_baseline(450 * GIB, 540 * GIB, &premium, Link { mbit_per_second: 100.0 }).unwrap();
    assert_eq!(e.limited_by, Limit::Link);
    assert!(close(e.bytes_per_second, 12_500_000.0));
    assert!(estimate_baseline(GIB, GIB, &premium, Link { mbit_per_second: 0.0 }).is_none());
}

fn status(progress: u64) -> ReplicationStatus {
    ReplicationStatus { total_progress: Some(progress.to_string()), ..ReplicationStatus::default() }
}

#[test]
fn a_running_transfer_uses_its_measured_rate() {
    let a = (Timestamp::from_secs(1_000), &status(GIB));
    let b = (Timestamp::from_secs(1_100), &status(2 * GIB));
    #[allow(clippy::cast_precision_loss)]
    let expected = GIB as f64 / 100.0;
    let rate = measured_rate(a, b).unwrap();
    assert!(close(rate, expected));
    let e = estimate_running(10 * GIB, b.1, rate).unwrap();
    assert_eq!(e.limited_by, Limit::Measured);
    assert_eq!(e.duration, Duration::from_secs(800));
    assert_eq!(e.formula, "8.0 GiB left of 10.0 GiB ÷ measured 10.2 MiB/s = 13 min");
    // Progress going back (a new transfer), no time between readings, or no progress at all.
    assert_eq!(measured_rate(b, (Timestamp::from_secs(1_200), &status(5))), None);
    assert_eq!(measured_rate(a, (Timestamp::from_secs(1_000), &status(3 * GIB))), None);
    assert_eq!(
        measured_rate(a, (Timestamp::from_secs(1_200), &ReplicationStatus::default())),
        None
    );
    assert_eq!(estimate_running(GIB, &status(GIB), 0.0).unwrap().duration, Duration::ZERO);
}

fn t(id: u32, bytes: u64, cap: f64) -> Transfer {
    Transfer { id, remaining_bytes: bytes, cap_bytes_per_second: cap, running: false }
}

#[test]
fn the_wave_shares_the_link_with_bounded_concurrency() {
    let link = Link { mbit_per_second: 8e-4 }; // 100 bytes a second keeps the numbers small
                                               // Two at a time, equal limits: each gets half the link.
    let both = wave_eta(&[t(1, 1000, 100.0), t(2, 1000, 100.0)], link, 2).unwrap();
    assert!(close(both.total.as_secs_f64(), 20.0));
    // One at a time: one after the other at the full link.
    let serial = wave_eta(&[t(1, 1000, 100.0), t(2, 1000, 100.0)], link, 1).unwrap();
    let ends: Vec<f64> = serial.schedule.iter().map(|(_, _, e)| e.as_secs_f64()).collect();
    assert!(close(ends[0], 10.0) && close(ends[1], 20.0), "{ends:?}");
    assert!(
        close(serial.schedule[1].1.as_secs_f64(), 10.0),
        "the second starts when the first ends"
    );
    // A transfer capped at 10 B/s leaves 90 to the other; when the big one ends at 10 s the
    // small one stays at its cap.
    let capped = wave_eta(&[t(1, 200, 10.0), t(2, 900, 1000.0)], link, 2).unwrap();
    let ends: Vec<f64> = capped.schedule.iter().map(|(_, _, e)| e.as_secs_f64()).collect();
    assert!(close(ends[0], 20.0) && close(ends[1], 10.0), "{ends:?}");
    assert!(
        capped.model.contains("2 at a time") && capped.model.contains("fairly"),
        "{}",
        capped.model
    );
}

#[test]
fn running_transfers_take_the_slots_first() {
    let link = Link { mbit_per_second: 8e-4 };
    let mut running = t(2, 500, 100.0);
    running.running = true;
    let eta = wave_eta(&[t(1, 500, 100.0), running], link, 1).unwrap();
    // Listed in wave order, but the running one went first.
    assert_eq!(eta.schedule[0].0, 1);
    assert!(close(eta.schedule[0].1.as_secs_f64(), 5.0));
    assert!(close(eta.schedule[1].2.as_secs_f64(), 5.0));
    assert!(wave_eta(&[t(1, 500, 0.0)], link, 1).is_none(), "a zero limit never ends");
    assert_eq!(wave_eta(&[], link, 4).unwrap().total, Duration::ZERO);
}
