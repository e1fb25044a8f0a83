//! The Configure Peering wizard's steps and what they share.

pub mod addresses_step;
pub mod cluster_step;
pub mod demo_console_hint;
pub mod ipspace_field;
pub mod offer_countdown;
pub mod step_list;
pub mod svm_step;
pub mod watch_step;

use crate::arm::browser_env::now;
use crate::arm::context::ArmContext;
use anf_core::arm::ArmError;
use anf_core::time::Timestamp;
use anf_core::wizard::peering::{PeeringWizardState, WizardView};
use leptos::prelude::*;

/// What every step needs.
#[derive(Clone, Copy)]
pub struct Wizard {
    /// What this browser keeps (sessionStorage).
    pub state: RwSignal<PeeringWizardState>,
    /// The step and remark derived from ARM and the state.
    pub view: Memo<WizardView>,
    /// The label of an operation in motion on the volume, if any.
    pub busy: Signal<Option<String>>,
    /// Now, on the clock the offer was stamped with (ticks every second).
    pub clock: RwSignal<Timestamp>,
    /// Starts (or restarts) cluster peering with the state's addresses.
    pub start_peering: Callback<()>,
    /// Authorizes the external replication (SVM peering).
    pub authorize: Callback<()>,
    /// The error of the last peering attempt, if it failed.
    pub peer_error: Signal<Option<ArmError>>,
    /// The error of the last authorize attempt, if it failed.
    pub authorize_error: Signal<Option<ArmError>>,
    /// Demo mode: point to the simulated ONTAP console.
    pub demo: bool,
    /// The source cluster's node count when the app knows it (demo mode: the simulated
    /// cluster's); otherwise the wizard asks for it.
    pub known_nodes: Signal<Option<u32>>,
    /// The source cluster's name, once the volume is read (for what is remembered per cluster).
    pub cluster: Signal<Option<String>>,
}

/// Now, on the clock offers are stamped with: in demo mode the simulator's (its time runs
/// faster, and the offer expires on its clock), otherwise the wall clock.
#[must_use]
pub fn offer_clock(arm: &ArmContext, real: Timestamp) -> Timestamp {
    arm.demo().map_or(real, |world| world.read(|sim| sim.sim_time(real)))
}

/// Now on the offer clock.
#[must_use]
pub fn offer_now(arm: &ArmContext) -> Timestamp {
    offer_clock(arm, now())
}

/// The sessionStorage key of a volume's wizard.
#[must_use]
pub fn state_key(volume_id: &str) -> String {
    format!("anf-migrate.peering.{}", volume_id.to_ascii_lowercase())
}

pub use crate::local_time::local_time;
