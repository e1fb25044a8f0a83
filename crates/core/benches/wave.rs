//! Waves at scale: the plan page's parsing and checks, and the cut-over window's work, timed
//! over hundreds and thousands of volumes.
//!
//! Run with `cargo bench -p anf-core --bench wave` (or `scripts/bench`, which records the
//! figures). Each figure is the median of repeated runs of the real core functions on
//! generated input of the size a large migration brings; the run exits non-zero when one is
//! over its budget, and prints all of them as one `BENCH {json}` line that `scripts/bench`
//! reads.
//!
//! The budgets: the issue's 100 ms for reading a 5,000-row CSV or 5,000-line paste (which the
//! browser runs once per import; natively the same code must leave the wasm's slowdown room,
//! so its budget here is a fifth of that); checking a 500-volume plan runs on every edit of the
//! plan (a memo over the plan), so it must stay well inside a frame's worth of a keystroke;
//! the window's `work()` runs on every driver tick of a window, several times a second, and
//! must cost next to nothing beside the ARM calls it schedules; the wave's time left
//! (`wave_totals`) is worked out again on the wave page whenever a baseline ends, which in a
//! wave of 500 is most poll ticks, so it must fit well inside the page tick's 4 ms.

use anf_core::migration::cut_over::{OpEnd, StatusRead};
use anf_core::migration::PhaseKind;
use anf_core::models::ServiceLevel;
use anf_core::models::{MirrorState, RelationshipStatus, ReplicationStatus};
use anf_core::time::Timestamp;
use anf_core::wave::estimate::{DestinationQos, Link};
use anf_core::wave::window::{CutOverWindow, Member, OnFailure};
use anf_core::wave::{
    check_wave, parse_volume_show, read_csv, wave_totals, VolumeFigures, WavePlan,
};
use serde_json::json;
use std::hint::black_box;
use std::time::{Duration, Instant};

// The bench uses the generators and the pool, not the started wave (the browser's benchmarks do).
#[allow(dead_code)]
#[path = "inputs/wave.rs"]
mod inputs;
use inputs::{csv, volume_show};

const SUBNET: &str = "/subscriptions/s1/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/anf";

/// The median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn plan_of(paste: &str) -> WavePlan {
    let mut p = WavePlan::new("wave-bench", "onprem-cl01");
    p.defaults.pool = "premium-pool".into();
    p.defaults.subnet_id = SUBNET.into();
    p.defaults.export_clients = "10.1.0.0/16".into();
    p.peer_addresses.insert("onprem-cl01".into(), "192.168.10.21 192.168.10.22".into());
    p.add_ontap_output(&parse_volume_show(paste));
    p
}

fn status(rel: RelationshipStatus) -> StatusRead {
    StatusRead::Read(ReplicationStatus {
        healthy: Some(true),
        mirror_state: Some(MirrorState::Mirrored),
        relationship_status: Some(rel),
        ..ReplicationStatus::default()
    })
}

/// A window of `n` members half-way: the first syncs done, some in sync and waiting for the
/// others, a full set of final transfers running, the rest not started.
fn window_mid_way(n: usize) -> (CutOverWindow, Timestamp) {
    let members: Vec<Member> = (0..n)
        .map(|i| Member {
            id: format!("/subscriptions/s1/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/a/capacityPools/p/volumes/mig-{i:05}"),
            name: format!("mig-{i:05}"),
        })
        .collect();
    let mut w = CutOverWindow::new(members, OnFailure::Continue);
    w.start();
    let mut now = Timestamp::from_secs(2_000_000);
    let mut op = 1;
    // Rounds of: every due sync started and ended, read idle (in sync), until half are.
    while w.counts().in_sync < n / 2 {
        let due = w.work(now).sync;
        assert!(!due.is_empty(), "the window starts more syncs");
        for id in &due {
            w.sync_started(id, op);
            w.op_ended(id, op, OpEnd::Succeeded, now);
            op += 1;
        }
        now = now.plus(Duration::from_secs(30));
        for id in w.work(now).read {
            w.status_read(&id, status(RelationshipStatus::Idle), false, now);
        }
    }
    // One more set of final syncs in flight.
    for id in w.work(now).sync {
        w.sync_started(&id, op);
        op += 1;
    }
    (w, now)
}

/// A wave of `n` volumes with its baselines under way, as the wave page holds it: two thirds
/// copying (half of them with a measured rate), the rest mirrored; mixed sizes, Premium.
fn figures_mid_baseline(n: usize) -> Vec<VolumeFigures> {
    (0..n)
        .map(|i| {
            let total = (50 + (i as u64 * 37) % 2_000) << 30;
            let copying = i % 3 != 0;
            VolumeFigures {
                row: u32::try_from(i).unwrap_or(u32::MAX),
                phase: if copying { PhaseKind::Baseline } else { PhaseKind::Mirrored },
                total_bytes: total,
                quota_bytes: total / 4 * 5,
                qos: Some(DestinationQos::Auto { level: ServiceLevel::Premium }),
                done_bytes: copying.then_some(total / 3),
                measured: (copying && i % 2 == 0)
                    .then_some(40.0 * 1_048_576.0 + i as f64 * 1_000.0),
            }
        })
        .collect()
}

fn main() {
    let mut figures = serde_json::Map::new();
    let mut misses = Vec::new();
    let mut record = |name: &str, d: Duration, budget_ms: f64, detail: String| {
        let ms = d.as_secs_f64() * 1000.0;
        let pass = ms <= budget_ms;
        println!(
            "{name}: {ms:.3} ms (budget {budget_ms} ms) {} — {detail}",
            if pass { "pass" } else { "MISS" }
        );
        if !pass {
            misses.push(name.to_owned());
        }
        figures.insert(
            name.to_owned(),
            json!({ "ms": ms, "budget_ms": budget_ms, "pass": pass, "detail": detail }),
        );
    };

    let paste = volume_show(5_000);
    let parsed = parse_volume_show(&paste);
    assert_eq!(parsed.volumes.len(), 5_000, "{:?}", parsed.problems.first());
    let t = median(21, || {
        black_box(parse_volume_show(black_box(&paste)));
    });
    record("paste_5000", t, 20.0, format!("parse_volume_show, {} KB", paste.len() / 1024));

    let text = csv(5_000, "premium-pool");
    let import = read_csv(&text).expect("the CSV reads");
    assert_eq!(import.rows.len(), 5_000, "{:?}", import.problems.first());
    let t = median(21, || {
        black_box(read_csv(black_box(&text)).ok());
    });
    record("csv_5000", t, 20.0, format!("read_csv, {} KB, quoted fields, CRLF", text.len() / 1024));

    for n in [200, 500, 5_000] {
        let paste = volume_show(n);
        let ctx = inputs::one_pool("premium-pool", 1_000);
        let plan = plan_of(&paste);
        let verdict = check_wave(&plan, &ctx);
        assert!(
            verdict.may_start(),
            "{:?} {:?}",
            verdict.issues,
            verdict.problems().next().map(ToString::to_string)
        );
        assert_eq!(verdict.creates().len(), n);
        let t = median(11, || {
            black_box(check_wave(black_box(&plan), black_box(&ctx)));
        });
        record(
            &format!("check_{n}"),
            t,
            match n {
                200 => 10.0,
                500 => 25.0,
                _ => 100.0,
            },
            format!("check_wave over {n} rows against a pool of 1,000 volumes (every rule, the cross-row checks)"),
        );
        let t = median(11, || {
            let plan = plan_of(black_box(&paste));
            black_box(check_wave(&plan, &ctx));
        });
        record(
            &format!("plan_and_check_{n}"),
            t,
            match n {
                200 => 16.0,
                500 => 40.0,
                _ => 100.0,
            },
            format!("a {n}-line paste parsed, added to a plan and the plan checked"),
        );
    }

    for n in [200, 500] {
        let (w, now) = window_mid_way(n);
        let c = w.counts();
        assert!(c.in_sync >= n / 2 && c.syncing > 0, "{c:?}");
        let t = median(101, || {
            black_box(w.work(black_box(now)));
        });
        record(
            &format!("window_work_{n}"),
            t,
            1.0,
            format!(
                "CutOverWindow::work over {n} members ({} in sync, {} syncing, {} not started)",
                c.in_sync, c.syncing, c.waiting_to_start
            ),
        );
    }

    let wave = figures_mid_baseline(500);
    let link = Link { mbit_per_second: 10_000.0 };
    assert!(wave_totals(&wave, link).eta.is_some());
    let t = median(21, || {
        black_box(wave_totals(black_box(&wave), link));
    });
    record(
        "wave_totals_500",
        t,
        0.5,
        "wave_totals over 500 volumes, 333 baselines sharing a 10 Gbit/s link (the wave page works it out again when a baseline ends)".into(),
    );

    println!("BENCH {}", serde_json::Value::Object(figures));
    if !misses.is_empty() {
        eprintln!("over budget: {misses:?}");
        std::process::exit(1);
    }
}
