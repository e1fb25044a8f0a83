//! What a started wave's page is made of, derived once from the stored wave and the live data
//! of its pools: each volume's live row, its figures for the estimates (with the rates measured
//! from the replication status), the watch table's entries and the wave's word on each volume.
//! The page and the wave-page benchmark (bench/table-app) both build it with [`run_parts`].

use super::watch_row::RowStatus;
use super::watch_table::WatchEntry;
use crate::state::live::{LiveMigrations, LiveRow};
use anf_core::migration::{Phase, PhaseKind};
use anf_core::models::ServiceLevel;
use anf_core::wave::estimate::{DestinationQos, Link};
use anf_core::wave::saved::SavedWave;
use anf_core::wave::{Created, RateWatch, RowId, RunVolume, VolumeFigures};
use leptos::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// What the run view's parts share.
#[derive(Clone, Copy)]
pub struct RunData {
    /// The wave's name.
    pub name: StoredValue<String>,
    /// The wave as stored (tracked).
    pub wave: Memo<Option<SavedWave>>,
    /// The live data of its pools.
    pub live: LiveMigrations,
    /// The live row of each volume, by lower-cased id.
    pub rows: Memo<HashMap<String, LiveRow>>,
    /// Each volume's figures, in wave order.
    pub figures: ReadSignal<Vec<VolumeFigures>>,
    /// The link the estimates assume.
    pub link: Memo<Link>,
}

impl RunData {
    /// The live phase of a volume, or what the wave knows while the list hasn't shown it.
    #[must_use]
    pub fn phase_of(&self, v: &RunVolume) -> Phase {
        match self.rows.with(|r| r.get(&v.id.to_ascii_lowercase()).map(|r| r.phase.get())) {
            Some(p) if p != Phase::Unknown => p,
            _ if v.created != Created::Yes => Phase::Creating,
            _ => Phase::Unknown,
        }
    }
}

/// The destination's limit for a run volume's service level (auto QoS: the wave takes no
/// manual-QoS pool).
fn qos_of(level: &ServiceLevel) -> Option<DestinationQos> {
    anf_core::wave::mibps_per_tib(level).map(|_| DestinationQos::Auto { level: level.clone() })
}

/// Each volume's figures for the estimates, from its live row and the key of its raw data
/// (`matched`, in the same order)
/// and its raw status; the rates measured so far are kept in `rates`.
fn figures_of(
    volumes: &[RunVolume],
    matched: &[Option<(String, LiveRow)>],
    live: LiveMigrations,
    rates: StoredValue<HashMap<RowId, RateWatch>>,
) -> Vec<VolumeFigures> {
    volumes
        .iter()
        .zip(matched)
        .map(|(v, row)| {
            let phase = row.as_ref().map(|(_, r)| r.phase.get()).filter(|p| *p != Phase::Unknown);
            let phase = phase.map_or_else(
                || if v.created == Created::Yes { PhaseKind::Unknown } else { PhaseKind::Creating },
                |p| p.kind(),
            );
            // Progress moves these figures; the bytes and their time come from the raw row.
            let (asked_at, done) = match row {
                Some((key, r)) => {
                    r.progress.track();
                    live.with_raw(key, |raw| {
                        let done = raw.status.as_ref().and_then(|s| s.total_progress_bytes());
                        (raw.status_asked_at, done)
                    })
                    .unwrap_or((None, None))
                }
                None => (None, None),
            };
            let measured = rates
                .try_update_value(|m| {
                    let w = m.entry(v.row).or_default();
                    if let (Some(at), Some(bytes)) = (asked_at, done) {
                        if phase == PhaseKind::Baseline {
                            w.observe(at, bytes);
                        }
                    }
                    w.rate()
                })
                .flatten();
            VolumeFigures {
                row: v.row,
                phase,
                total_bytes: v.source_bytes,
                quota_bytes: v.spec.usage_threshold,
                qos: qos_of(&v.spec.service_level),
                done_bytes: done,
                measured,
            }
        })
        .collect()
}

/// The run's data, the watch table's entries and the wave's word on each volume.
#[derive(Clone, Copy)]
pub struct RunParts {
    /// What the page's parts share.
    pub data: RunData,
    /// The watch table's volumes, in wave order.
    pub entries: Memo<Vec<WatchEntry>>,
    /// The wave's word on each volume.
    pub statuses: Memo<BTreeMap<RowId, RowStatus>>,
}

/// Derives the page's data from the wave `name` as stored and `live`, the live data of its pools.
#[must_use]
pub fn run_parts(
    name: StoredValue<String>,
    wave: Memo<Option<SavedWave>>,
    live: LiveMigrations,
) -> RunParts {
    let rows = Memo::new(move |_| {
        live.rows.with(|r| {
            r.iter().map(|r| (r.id.to_ascii_lowercase(), r.clone())).collect::<HashMap<_, _>>()
        })
    });
    // Each run volume's live row, found once per list (not at every tick).
    let matched = Memo::new(move |_| {
        wave.with(|w| {
            let volumes = w.as_ref().and_then(|w| w.run.as_ref()).map_or(&[][..], |r| &r.volumes);
            rows.with(|r| {
                volumes
                    .iter()
                    .map(|v| {
                        let key = v.id.to_ascii_lowercase();
                        r.get(&key).map(|row| (key, row.clone()))
                    })
                    .collect::<Vec<Option<(String, LiveRow)>>>()
            })
        })
    });
    let rates = StoredValue::new(HashMap::<RowId, RateWatch>::new());
    let link = Memo::new(move |_| Link {
        mbit_per_second: wave
            .with(|w| w.as_ref().map_or(1000.0, |w| w.settings.link_mbit_per_second)),
    });
    // Worked out by an effect into a signal rather than by a memo. A poll tick sets a cell of
    // up to hundreds of rows, one after another, and every set marks everything downstream of
    // what it reaches: a memo over all the rows passed each of those marks on to its readers
    // (the totals, the page's times left, their cells), an effect only takes note and runs
    // once when the tick is done. Its readers are then marked once, if the figures changed.
    let compute = move || {
        // Borrowed, not copied: this runs at every tick that moves a progress bar.
        wave.with(|w| {
            let volumes: &[RunVolume] =
                w.as_ref().and_then(|w| w.run.as_ref()).map_or(&[], |r| r.volumes.as_slice());
            matched.with(|m| figures_of(volumes, m, live, rates))
        })
    };
    let figures = RwSignal::new(untrack(compute));
    Effect::new(move |_| {
        let next = compute();
        figures.maybe_update(|f| {
            let changed = *f != next;
            if changed {
                *f = next;
            }
            changed
        });
    });
    let data = RunData { name, wave, live, rows, figures: figures.read_only(), link };
    let entries = Memo::new(move |_| {
        let volumes: Vec<(RowId, String, String, String)> = wave.with(|w| {
            w.as_ref().and_then(|w| w.run.as_ref()).map_or_else(Vec::new, |r| {
                r.volumes
                    .iter()
                    .map(|v| {
                        let s = v.source();
                        (
                            v.row,
                            v.id.clone(),
                            v.name.clone(),
                            format!(
                                "{} / {} / {}",
                                s.external_host_name, s.server_name, s.volume_name
                            ),
                        )
                    })
                    .collect()
            })
        });
        rows.with(|live_rows| {
            volumes
                .into_iter()
                .map(|(row, id, name, source)| WatchEntry {
                    live: live_rows.get(&id.to_ascii_lowercase()).cloned(),
                    row,
                    id,
                    name,
                    source,
                })
                .collect::<Vec<_>>()
        })
    });
    let statuses = Memo::new(move |_| {
        wave.with(|w| {
            let Some(w) = w else { return BTreeMap::new() };
            let Some(run) = &w.run else { return BTreeMap::new() };
            run.volumes
                .iter()
                .map(|v| {
                    let cut = w
                        .window
                        .as_ref()
                        .filter(|win| win.members.iter().any(|m| m.id.eq_ignore_ascii_case(&v.id)))
                        .map(|win| cut_over_text(win, &v.id));
                    (
                        v.row,
                        RowStatus {
                            wave: v.status_text(run.names_checked),
                            cut_over: cut.unwrap_or_default(),
                            error: v.error.as_ref().map(|e| e.message.clone()),
                        },
                    )
                })
                .collect()
        })
    });
    RunParts { data, entries, statuses }
}

/// A volume's step in the cut-over window, in words.
fn cut_over_text(win: &anf_core::wave::window::CutOverWindow, id: &str) -> String {
    use anf_core::migration::{CutOver, CutOverStep};
    match win.book.step(id) {
        CutOverStep::Offline if win.started && win.stopping => "Not started (stopped)".into(),
        CutOverStep::Offline if win.started => "Waiting for a slot".into(),
        CutOverStep::Offline => "In the window".into(),
        CutOverStep::Sync(_) => "Final sync".into(),
        CutOverStep::WaitIdle if win.in_sync.contains(&id.to_ascii_lowercase()) => {
            "In sync, waiting for the others".into()
        }
        CutOverStep::WaitIdle if win.book.get(id).is_some_and(CutOver::sends_sync_again) => {
            "A scheduled transfer was running: the final sync goes again when it ends".into()
        }
        CutOverStep::WaitIdle => "Waiting for the final transfer".into(),
        CutOverStep::Break(_) => "Breaking".into(),
        CutOverStep::Done => "Cut over".into(),
        CutOverStep::Failed(why) => why,
    }
}
