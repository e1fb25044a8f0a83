//! What the browser keeps of a user's waves: every wave's plan, its settings, and once started
//! its run and cut-over window, in one value saved in localStorage under
//! [`WavePlan::storage_key`] (per tenant and user), so a wave survives a reload, the sign-in
//! redirect, a closed tab and a day's break. The plan being put together on the New wave page
//! is the draft, kept the same way until it gets its place in the list.

use super::checks::WaveVerdict;
use super::peering::with_ipspace;
use super::peering::DEFAULT_IPSPACE;
use super::plan::WavePlan;
use super::run::{Created, RunVolume, WaveRun};
use super::runbook::{RunbookInput, RunbookVolume};
use super::window::{CutOverWindow, OnFailure};
use crate::api_version::ApiVersion;
use crate::ids::{AccountId, VolumeId};
use crate::models::{ClusterPeerCommand, SvmPeerCommand};
use crate::time::Timestamp;
use crate::wizard::draft::CreateRequest;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The link bandwidth estimates start from, Mbit/s, until the admin gives theirs.
pub const DEFAULT_LINK_MBPS: f64 = 1000.0;
/// The longest wave name (it is part of the page's address).
pub const MAX_NAME: usize = 40;

/// A wave's settings beside its plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WaveSettings {
    /// The NetApp account the wave's pools are in (ARM id).
    pub account: String,
    /// The network link's bandwidth to Azure, Mbit/s, for the estimates.
    pub link_mbit_per_second: f64,
    /// The IPspace of the source's intercluster LIFs, for the peering command.
    pub ipspace: String,
    /// What a failed volume does in the cut-over window.
    pub on_failure: OnFailure,
}

impl Default for WaveSettings {
    fn default() -> Self {
        Self {
            account: String::new(),
            link_mbit_per_second: DEFAULT_LINK_MBPS,
            ipspace: DEFAULT_IPSPACE.into(),
            on_failure: OnFailure::Continue,
        }
    }
}

/// Where a wave stands, from its run and window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WaveStage {
    /// Being planned.
    Planning,
    /// Creating the volumes.
    Creating,
    /// Asking ANF for the cluster peering of each volume.
    Peering,
    /// The cluster peering commands wait to be run on the source.
    ClusterPeering,
    /// SVM peering: authorizing, then the accept commands.
    SvmPeering,
    /// The baselines run; the cut-over window has not started.
    Replicating,
    /// The cut-over window runs.
    CutOver,
    /// Cut over; finalize waits for the admin.
    CutOverDone,
    /// Finalizing.
    Finalizing,
    /// Every volume finalized.
    Done,
}

impl WaveStage {
    /// In the admin's words.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Planning => "Planning",
            Self::Creating => "Creating volumes",
            Self::Peering => "Starting cluster peering",
            Self::ClusterPeering => "Cluster peering: commands to run",
            Self::SvmPeering => "SVM peering",
            Self::Replicating => "Baseline and updates",
            Self::CutOver => "Cut-over window",
            Self::CutOverDone => "Cut over: ready to finalize",
            Self::Finalizing => "Finalizing",
            Self::Done => "Finalized",
        }
    }
}

/// One wave as kept.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SavedWave {
    /// The plan as entered.
    pub plan: WavePlan,
    /// Its settings.
    pub settings: WaveSettings,
    /// Once started.
    pub run: Option<WaveRun>,
    /// Once the cut-over window was opened.
    pub window: Option<CutOverWindow>,
    /// When last changed.
    pub saved_at: Timestamp,
}

impl SavedWave {
    /// A wave's name (its plan's).
    #[must_use]
    pub fn name(&self) -> &str {
        self.plan.name.trim()
    }

    /// Where it stands.
    #[must_use]
    pub fn stage(&self) -> WaveStage {
        let Some(run) = &self.run else { return WaveStage::Planning };
        // The least advanced volume sets the stage: one whose call failed holds it there (its
        // Retry is on the page) rather than letting the wave look further along than it is.
        let live = || run.volumes.iter().filter(|v| v.created == Created::Yes);
        if !run.creates_settled() {
            return WaveStage::Creating;
        }
        if live().any(|v| v.peer.is_none()) {
            return WaveStage::Peering;
        }
        if !run.authorize_open {
            return WaveStage::ClusterPeering;
        }
        if live().any(|v| v.svm_command.is_none()) {
            return WaveStage::SvmPeering;
        }
        match &self.window {
            Some(w) if w.started && !w.finished() => return WaveStage::CutOver,
            Some(w) if w.finished() => {}
            _ => return WaveStage::Replicating,
        }
        let cut: Vec<&RunVolume> = run.volumes.iter().filter(|v| v.cut_over).collect();
        if cut.is_empty() {
            return WaveStage::Replicating;
        }
        if cut.iter().all(|v| v.finalized) {
            return WaveStage::Done;
        }
        if run.finalize_open {
            WaveStage::Finalizing
        } else {
            WaveStage::CutOverDone
        }
    }

    /// Starts the wave with the rows the verdict lets go (call only when it may start): each
    /// becomes a volume in `account`'s pool the row names.
    pub fn start(&mut self, verdict: &WaveVerdict, account: &AccountId, now: Timestamp) {
        let volumes = verdict
            .creates()
            .into_iter()
            .map(|valid| {
                let id = account.pool(valid.pool.clone()).volume(valid.request.volume_name.clone());
                RunVolume {
                    row: valid.id,
                    id: id.to_string(),
                    name: valid.request.volume_name.clone(),
                    pool: valid.pool.clone(),
                    spec: valid.request.spec.clone(),
                    source_bytes: valid.request.source_logical_bytes,
                    peer_addresses: valid.request.peer_addresses.clone(),
                    created: Created::No,
                    peer: None,
                    svm_command: None,
                    cut_over: false,
                    finalized: false,
                    running: None,
                    error: None,
                }
            })
            .collect();
        self.settings.account = account.to_string();
        self.run = Some(WaveRun::new(volumes, now));
    }
}

impl SavedWave {
    /// The runbook's input: a started wave's volumes with what ARM answered so far (cluster
    /// peering commands by cluster, SVM commands by volume), or, before the start, the rows
    /// `verdict` lets go into `account`.
    #[must_use]
    pub fn runbook_input(
        &self,
        endpoint: &str,
        api_version: ApiVersion,
        planned: Option<(&WaveVerdict, &AccountId)>,
    ) -> RunbookInput {
        let mut input = RunbookInput {
            wave_name: self.name().to_owned(),
            endpoint: endpoint.to_owned(),
            api_version,
            volumes: Vec::new(),
            cluster_peer: BTreeMap::new(),
            svm_peer: BTreeMap::new(),
        };
        match (&self.run, planned) {
            (Some(run), _) => {
                for v in &run.volumes {
                    let Ok(id) = VolumeId::parse(&v.id) else { continue };
                    input.volumes.push(RunbookVolume {
                        id,
                        request: CreateRequest {
                            volume_name: v.name.clone(),
                            spec: v.spec.clone(),
                            source_logical_bytes: v.source_bytes,
                            peer_addresses: v.peer_addresses.clone(),
                        },
                    });
                    if let Some(p) = &v.peer {
                        let cluster = v.source().external_host_name.clone();
                        let answer = ClusterPeerCommand {
                            command: p
                                .command
                                .as_deref()
                                .map(|c| with_ipspace(c, &self.settings.ipspace)),
                            passphrase: p.passphrase.clone(),
                        };
                        // The first command per cluster; "already peered" only when no
                        // volume of the cluster has one.
                        let slot = input.cluster_peer.entry(cluster).or_default();
                        if slot.command.is_none() {
                            *slot = answer;
                        }
                    }
                    if let Some(c) = v.svm_command.as_deref().filter(|c| !c.is_empty()) {
                        input
                            .svm_peer
                            .insert(v.name.clone(), SvmPeerCommand { command: Some(c.to_owned()) });
                    }
                }
            }
            (None, Some((verdict, account))) => {
                for valid in verdict.creates() {
                    let id =
                        account.pool(valid.pool.clone()).volume(valid.request.volume_name.clone());
                    input.volumes.push(RunbookVolume { id, request: valid.request.clone() });
                }
            }
            (None, None) => {}
        }
        input
    }
}

/// Whether `name` may name a wave: it is part of the page's address.
///
/// # Errors
/// What it should look like, in plain words.
pub fn validate_wave_name(name: &str) -> Result<(), String> {
    let n = name.trim();
    if n.is_empty() {
        return Err("Give the wave a name, such as wave-1.".into());
    }
    if n.chars().count() > MAX_NAME {
        return Err(format!("At most {MAX_NAME} characters."));
    }
    if !n.starts_with(|c: char| c.is_ascii_alphanumeric())
        || !n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(
            "Letters, digits, - and _ only, starting with a letter or digit (the name is part of the page's address).".into(),
        );
    }
    Ok(())
}

/// A user's waves.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WaveStore {
    /// The plan on the New wave page.
    pub draft: Option<SavedWave>,
    /// The waves, oldest first.
    pub waves: Vec<SavedWave>,
}

impl WaveStore {
    /// A wave by name (any case).
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&SavedWave> {
        self.waves.iter().find(|w| w.name().eq_ignore_ascii_case(name.trim()))
    }

    /// A wave by name, to change.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut SavedWave> {
        self.waves.iter_mut().find(|w| w.name().eq_ignore_ascii_case(name.trim()))
    }

    /// A name for a new wave nobody uses yet: `wave-1`, `wave-2`...
    #[must_use]
    pub fn next_name(&self) -> String {
        (1..).map(|i| format!("wave-{i}")).find(|n| self.get(n).is_none()).unwrap_or_default()
    }

    /// Moves the draft into the list under its plan's name.
    ///
    /// # Errors
    /// No draft, a name that is not allowed, or one another wave has.
    pub fn keep_draft(&mut self) -> Result<String, String> {
        let Some(draft) = &self.draft else { return Err("There is no plan to keep.".into()) };
        let name = draft.name().to_owned();
        validate_wave_name(&name)?;
        if self.get(&name).is_some() {
            return Err(format!("A wave named {name} exists already: choose another name."));
        }
        if let Some(mut draft) = self.draft.take() {
            draft.plan.name.clone_from(&name);
            self.waves.push(draft);
        }
        Ok(name)
    }

    /// Removes a wave that is not running (never started, or done).
    ///
    /// # Errors
    /// When it has operations to follow: removing it would leave them unwatched.
    pub fn remove(&mut self, name: &str) -> Result<SavedWave, String> {
        let i = self
            .waves
            .iter()
            .position(|w| w.name().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| format!("There is no wave named {name}."))?;
        let stage = self.waves[i].stage();
        if !matches!(stage, WaveStage::Planning | WaveStage::Done) {
            return Err(format!(
                "{name} is under way ({}): finish it, or cancel its migrations on the Migrations page, before removing it.",
                stage.label().to_lowercase()
            ));
        }
        Ok(self.waves.remove(i))
    }
}

#[cfg(test)]
#[path = "saved_tests.rs"]
mod tests;
