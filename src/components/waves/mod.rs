//! The wave pages' parts. Planning: the wave's defaults, adding volumes (paste, CSV, pick),
//! the editable table with every problem at its cell, the checks, the estimates and the start.
//! Once started: the stages, the peering commands, the watch table, the cut-over window and
//! finalize. Every decision is the core's (`anf_core::wave`); these render and hand the
//! admin's input to the waves service.

pub mod add_volumes;
pub mod context;
pub mod csv_import;
pub mod cut_over_panel;
pub mod failures_panel;
pub mod finalize_panel;
pub mod paste_import;
pub mod peer_addresses;
pub mod peering_panel;
pub mod pick_volumes;
pub mod plan_editor;
pub mod plan_row;
pub mod plan_table;
pub mod run_data;
pub mod run_totals;
pub mod run_view;
pub mod stage_bar;
pub mod start_bar;
pub mod watch_row;
pub mod watch_table;
pub mod wave_checks;
pub mod wave_defaults;
pub mod wave_estimates;

use crate::state::waves::Waves;
use anf_core::wave::saved::SavedWave;
use anf_core::wave::WavePlan;
use leptos::prelude::*;

/// Which wave a plan editor edits: the New wave page's draft, or a kept wave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WaveSlot {
    /// The draft.
    Draft,
    /// A kept wave, by name.
    Named(String),
}

/// The wave being edited, for every part of the editor.
#[derive(Clone, Copy)]
pub struct PlanHandle {
    waves: Waves,
    slot: StoredValue<WaveSlot>,
    /// The wave as stored (tracked).
    pub wave: Memo<Option<SavedWave>>,
}

impl PlanHandle {
    /// A handle on `slot`.
    #[must_use]
    pub fn new(waves: Waves, slot: WaveSlot) -> Self {
        let slot = StoredValue::new(slot);
        let wave = Memo::new(move |_| match slot.get_value() {
            WaveSlot::Draft => waves.with(|s| s.draft.clone()),
            WaveSlot::Named(name) => waves.get(&name),
        });
        Self { waves, slot, wave }
    }

    /// The slot.
    #[must_use]
    pub fn slot(&self) -> WaveSlot {
        self.slot.get_value()
    }

    /// The plan (tracked; empty while there is none).
    #[must_use]
    pub fn plan(&self) -> WavePlan {
        self.wave.with(|w| w.as_ref().map(|w| w.plan.clone()).unwrap_or_default())
    }

    /// Changes the wave (the draft is made when there is none).
    pub fn change<R>(&self, f: impl FnOnce(&mut SavedWave) -> R) -> Option<R> {
        match self.slot.get_value() {
            WaveSlot::Draft => self.waves.change_draft(f),
            WaveSlot::Named(name) => self.waves.change_wave(&name, f),
        }
    }

    /// Changes the plan.
    pub fn change_plan<R>(&self, f: impl FnOnce(&mut WavePlan) -> R) -> Option<R> {
        self.change(|w| f(&mut w.plan))
    }
}
