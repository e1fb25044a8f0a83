//! A started wave: each volume's way through create, cluster peering, SVM peering and, after
//! the cut-over window, finalize, as a pure machine the app's wave driver asks what to send.
//!
//! The rules that keep a wave from doing anything twice:
//! - A create goes out only once a read of the pool's volumes has shown the name free. A name
//!   already taken by this very volume (the same ONTAP source: an earlier tab or day of the
//!   wave) is adopted, not sent again; one taken by another volume stops the row with a
//!   message. The client adds `If-None-Match: *` besides.
//! - A create whose answer was lost (the page went away before ARM answered) is never resent
//!   blindly: the pool is read again, and says whether the volume exists.
//! - Every event names the operation it is about: an answer about another operation (an
//!   earlier attempt, another tab's registry reusing the number) moves nothing.
//! - Peer, authorize and finalize calls whose answer was lost wait for the admin's Retry: each
//!   is a mutation, and sending it again is the admin's decision.
//!
//! The order: every create first; then peering for every created volume (so the admin gets
//! every cluster peering command at once); SVM peering (authorize) once the admin says the
//! cluster peering commands ran; finalize once a volume is cut over and the admin asks for it.
//! Creates are paced by the app's write budget alone ([`super::write_budget`]): each takes
//! one write, and holding a create back while earlier creates finish provisioning would tie
//! the wave's pace to ARM's provisioning time, not to its budget. Every other call waits for
//! a place among [`MAX_RUNNING`], then for the write budget too.

use super::plan::RowId;
use crate::migration::OpAction;
use crate::models::{
    ClusterPeerCommand, MigrationVolumeSpec, ProvisioningState, RemotePath, SvmPeerCommand, Volume,
};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Peerings, authorizations and finalizes of one wave in motion at once, at most: a wave of
/// 500 volumes doesn't put 500 of them on one NetApp account. Creates are not counted: they
/// are paced by ARM's write budget, and their provisioning polls, like every operation's, by
/// the app's poll pace (`arm::lro::pace`, a few a second whatever the number of operations).
pub const MAX_RUNNING: usize = 100;

/// A call the wave makes on one volume (the cut-over window's syncs and breaks aside).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum WaveCall {
    /// `Volumes_CreateOrUpdate` with `If-None-Match: *`.
    Create,
    /// `peerExternalCluster`.
    Peer,
    /// `authorizeExternalReplication`.
    Authorize,
    /// `finalizeExternalReplication`.
    Finalize,
    /// A dry run: `breakReplication` with the source online.
    DryRun,
    /// Resume after the dry run: `resyncReplication`.
    Resume,
}

impl WaveCall {
    /// The operations registry's key for it.
    #[must_use]
    pub const fn op_action(self) -> OpAction {
        match self {
            Self::Create => OpAction::Create,
            Self::Peer => OpAction::Peer,
            Self::Authorize => OpAction::Authorize,
            Self::Finalize => OpAction::Finalize,
            Self::DryRun => OpAction::DryRun,
            Self::Resume => OpAction::Resume,
        }
    }

    /// In the admin's words.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Create => "Create",
            Self::Peer => "Cluster peering",
            Self::Authorize => "SVM peering",
            Self::Finalize => "Finalize",
            Self::DryRun => "Dry run",
            Self::Resume => "Resume",
        }
    }
}

/// Whether the migration volume exists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Created {
    /// Not yet: a create is due once the names are checked.
    #[default]
    No,
    /// A create was sent and its answer lost: the pool's list says.
    Unknown,
    /// It exists and ARM is still provisioning it (found in the list, not followed by us).
    Provisioning,
    /// It exists.
    Yes,
}

/// What `peerExternalCluster` answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PeerAnswer {
    /// `cluster peer create ...`; `None`: the clusters are already peered.
    pub command: Option<String>,
    /// The passphrase ONTAP asks for.
    pub passphrase: Option<String>,
    /// When ARM answered, on the offer's clock (its 60 minutes start here).
    pub at: Timestamp,
}

/// An operation of the wave in motion on a volume.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Running {
    /// What it does.
    pub call: WaveCall,
    /// The operations registry's id.
    pub op: u64,
}

/// A call that did not succeed; the row waits for the admin's Retry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallError {
    /// Which call.
    pub call: WaveCall,
    /// Why, in ARM's or the app's words.
    pub message: String,
}

/// One volume of a started wave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunVolume {
    /// The plan's row.
    pub row: RowId,
    /// The ANF volume's ARM id.
    pub id: String,
    /// The ANF volume's name.
    pub name: String,
    /// Its capacity pool's name.
    pub pool: String,
    /// The create request's body, as checked.
    pub spec: MigrationVolumeSpec,
    /// The source's logical size in bytes.
    pub source_bytes: u64,
    /// The source cluster's intercluster addresses.
    pub peer_addresses: Vec<String>,
    /// Whether the volume exists.
    pub created: Created,
    /// The cluster peering answer, once there is one.
    pub peer: Option<PeerAnswer>,
    /// The `vserver peer accept` command once authorized (`Some("")`: nothing to accept).
    pub svm_command: Option<String>,
    /// The cut-over window broke its replication.
    #[serde(default)]
    pub cut_over: bool,
    /// Finalized.
    #[serde(default)]
    pub finalized: bool,
    /// The operation in motion.
    pub running: Option<Running>,
    /// The last call that failed.
    pub error: Option<CallError>,
}

impl RunVolume {
    /// The ONTAP source.
    #[must_use]
    pub fn source(&self) -> &RemotePath {
        &self.spec.remote_path
    }

    /// Where the volume stands in the wave, in the admin's words; `names_checked` is the
    /// run's.
    #[must_use]
    pub fn status_text(&self, names_checked: bool) -> String {
        if let Some(e) = &self.error {
            return format!("{} failed", e.call.label());
        }
        if let Some(r) = &self.running {
            return format!("{}: running", r.call.label());
        }
        if self.finalized {
            return "Finalized".into();
        }
        if self.cut_over {
            return "Cut over".into();
        }
        match (&self.svm_command, &self.peer, self.created) {
            (Some(_), _, _) => "SVM peering authorized".into(),
            (None, Some(p), _) if p.command.is_some() => "Cluster peering offered".into(),
            (None, Some(_), _) => "Clusters already peered".into(),
            (None, None, Created::Yes) => "Created".into(),
            (None, None, Created::Provisioning) => "Being created (found in the pool)".into(),
            (None, None, Created::Unknown) => "Create sent; the pool is read to see it".into(),
            (None, None, Created::No) if names_checked => "Waiting for the write budget".into(),
            (None, None, Created::No) => "Checking that the name is free".into(),
        }
    }
}

/// How an operation of the wave ended, as the registry saw it.
#[derive(Clone, Debug, PartialEq)]
pub enum CallEnd {
    /// Succeeded, with the operation's result body.
    Succeeded(Option<serde_json::Value>),
    /// Failed or was canceled; the message to show.
    Failed(String),
    /// The page went away before ARM answered: it may or may not have been sent.
    Unknown,
}

/// A volume as a pool's list shows it, for the name check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedVolume {
    /// Its pool's name.
    pub pool: String,
    /// Its name.
    pub name: String,
    /// `provisioningState`.
    pub provisioning: Option<ProvisioningState>,
    /// The ONTAP source, for a migration volume.
    pub remote: Option<RemotePath>,
}

impl ListedVolume {
    /// A volume of pool `pool`'s list.
    #[must_use]
    pub fn from_volume(pool: &str, volume: &Volume) -> Self {
        Self {
            pool: pool.to_owned(),
            name: volume.short_name().unwrap_or_default().to_owned(),
            provisioning: volume.properties.provisioning_state.clone(),
            remote: volume.replication().and_then(|r| r.remote_path.clone()),
        }
    }
}

/// A dry run or resume asked for many volumes at once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Batch {
    /// [`WaveCall::DryRun`] or [`WaveCall::Resume`].
    pub call: WaveCall,
    /// Rows still to send it to.
    pub rows: BTreeSet<RowId>,
}

/// A started wave.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WaveRun {
    /// The volumes, in wave order.
    pub volumes: Vec<RunVolume>,
    /// The pools' lists were read and every name checked.
    pub names_checked: bool,
    /// The admin said the cluster peering commands ran: SVM peering may go.
    pub authorize_open: bool,
    /// The admin asked to finalize the volumes that are cut over.
    pub finalize_open: bool,
    /// A dry run or resume under way.
    pub batch: Option<Batch>,
    /// When the wave was started.
    pub started_at: Timestamp,
}

fn same_source(a: &RemotePath, b: &RemotePath) -> bool {
    a.external_host_name.eq_ignore_ascii_case(&b.external_host_name)
        && a.server_name.eq_ignore_ascii_case(&b.server_name)
        && a.volume_name.eq_ignore_ascii_case(&b.volume_name)
}

impl WaveRun {
    /// A run of `volumes`, nothing sent yet.
    #[must_use]
    pub fn new(volumes: Vec<RunVolume>, now: Timestamp) -> Self {
        Self { volumes, started_at: now, ..Self::default() }
    }

    /// A volume by row.
    #[must_use]
    pub fn volume(&self, row: RowId) -> Option<&RunVolume> {
        self.volumes.iter().find(|v| v.row == row)
    }

    fn volume_mut(&mut self, row: RowId) -> Option<&mut RunVolume> {
        self.volumes.iter_mut().find(|v| v.row == row)
    }

    /// Whether the pools' volumes must be read before anything else: the names are not
    /// checked yet, or a volume's existence is in doubt.
    #[must_use]
    pub fn needs_list(&self) -> bool {
        !self.names_checked
            || self.volumes.iter().any(|v| {
                v.running.is_none() && matches!(v.created, Created::Unknown | Created::Provisioning)
            })
    }

    /// No create is left to send, in doubt or running: every volume exists or its create
    /// failed.
    #[must_use]
    pub fn creates_settled(&self) -> bool {
        self.volumes.iter().all(|v| {
            v.created == Created::Yes
                || v.error.as_ref().is_some_and(|e| e.call == WaveCall::Create)
        })
    }

    /// Operations of the wave in motion.
    #[must_use]
    pub fn running(&self) -> usize {
        self.volumes.iter().filter(|v| v.running.is_some()).count()
    }

    /// The calls due now, in wave order, one per volume: every create due, and the other
    /// calls within [`MAX_RUNNING`] less those of them in motion.
    #[must_use]
    pub fn due(&self) -> Vec<(RowId, WaveCall)> {
        let settled = self.creates_settled();
        let others_running = self
            .volumes
            .iter()
            .filter(|v| v.running.is_some_and(|r| r.call != WaveCall::Create))
            .count();
        let mut room = MAX_RUNNING.saturating_sub(others_running);
        self.volumes
            .iter()
            .filter_map(|v| {
                let call = self.next_for(v, settled)?;
                if call != WaveCall::Create {
                    room = room.checked_sub(1)?;
                }
                Some((v.row, call))
            })
            .collect()
    }

    fn next_for(&self, v: &RunVolume, creates_settled: bool) -> Option<WaveCall> {
        if v.running.is_some() || v.error.is_some() || v.finalized {
            return None;
        }
        match v.created {
            Created::No => self.names_checked.then_some(WaveCall::Create),
            Created::Unknown | Created::Provisioning => None,
            Created::Yes => {
                if let Some(b) = self.batch.as_ref().filter(|b| b.rows.contains(&v.row)) {
                    return Some(b.call);
                }
                if v.peer.is_none() {
                    return creates_settled.then_some(WaveCall::Peer);
                }
                if v.svm_command.is_none() {
                    return self.authorize_open.then_some(WaveCall::Authorize);
                }
                (v.cut_over && self.finalize_open).then_some(WaveCall::Finalize)
            }
        }
    }

    /// `call` went out on `row` as operation `op`. False (and nothing changes) unless it was
    /// due: a second start of the same call is refused here too.
    pub fn started(&mut self, row: RowId, call: WaveCall, op: u64) -> bool {
        let settled = self.creates_settled();
        let due = self.volume(row).and_then(|v| self.next_for(v, settled));
        if due != Some(call) {
            return false;
        }
        if let Some(b) = self.batch.as_mut().filter(|b| b.call == call) {
            b.rows.remove(&row);
        }
        let Some(v) = self.volume_mut(row) else { return false };
        v.running = Some(Running { call, op });
        if call == WaveCall::Create {
            // From here on, only ARM can say whether it exists.
            v.created = Created::Unknown;
        }
        true
    }

    /// `call` could not be sent on `row` (another operation runs on the volume); nothing went
    /// out.
    pub fn refused(&mut self, row: RowId, call: WaveCall, why: impl Into<String>) {
        if let Some(b) = self.batch.as_mut().filter(|b| b.call == call) {
            b.rows.remove(&row);
        }
        if let Some(v) = self.volume_mut(row).filter(|v| v.running.is_none()) {
            v.error = Some(CallError { call, message: why.into() });
        }
    }

    /// Operation `op` on `row` ended; `now` is on the offer's clock (a peering answer's 60
    /// minutes start then). Ignored unless the row waits for exactly that operation.
    pub fn ended(&mut self, row: RowId, op: u64, end: CallEnd, now: Timestamp) -> bool {
        let Some(v) = self.volume_mut(row) else { return false };
        let Some(running) = v.running.filter(|r| r.op == op) else { return false };
        v.running = None;
        let call = running.call;
        let fail = |message: String| Some(CallError { call, message });
        match (call, end) {
            (WaveCall::Create, CallEnd::Succeeded(_)) => v.created = Created::Yes,
            // Whether it exists is read from the pool's list next.
            (WaveCall::Create, CallEnd::Unknown) => v.created = Created::Unknown,
            (WaveCall::Create, CallEnd::Failed(e)) => {
                v.created = Created::No;
                v.error = fail(e);
            }
            (WaveCall::Peer, CallEnd::Succeeded(result)) => {
                let answer = result
                    .map(|r| ClusterPeerCommand::from_value(&r).unwrap_or_default())
                    .unwrap_or_default();
                v.peer = Some(PeerAnswer {
                    command: answer.command,
                    passphrase: answer.passphrase,
                    at: now,
                });
            }
            (WaveCall::Authorize, CallEnd::Succeeded(result)) => {
                let answer = result
                    .map(|r| SvmPeerCommand::from_value(&r).unwrap_or_default())
                    .unwrap_or_default();
                v.svm_command = Some(answer.command.unwrap_or_default().trim().to_owned());
            }
            (WaveCall::Finalize, CallEnd::Succeeded(_)) => v.finalized = true,
            (WaveCall::DryRun | WaveCall::Resume, CallEnd::Succeeded(_)) => {}
            (_, CallEnd::Failed(e)) => v.error = fail(e),
            (_, CallEnd::Unknown) => {
                v.error = fail(format!(
                    "The page was reloaded before ARM answered this {} call, so it may or may not have been made. Check the volume, then press Retry to send it again.",
                    call.label().to_lowercase()
                ));
            }
        }
        true
    }

    /// Takes a read of the pools' volumes: each volume whose existence is not known yet is
    /// found or not, by name in its pool. A name taken by another volume stops the row.
    pub fn listed(&mut self, listed: &[ListedVolume]) {
        for v in &mut self.volumes {
            if v.running.is_some() || v.created == Created::Yes {
                continue;
            }
            let found = listed.iter().find(|l| {
                l.pool.eq_ignore_ascii_case(&v.pool) && l.name.eq_ignore_ascii_case(&v.name)
            });
            let Some(found) = found else {
                if v.created == Created::Provisioning {
                    v.error = Some(CallError {
                        call: WaveCall::Create,
                        message: "The volume was being created and is gone from the pool: its create failed. Press Retry to create it again.".into(),
                    });
                }
                // Never created, or a create that never reached ARM: it may go (again).
                v.created = Created::No;
                continue;
            };
            let ours = found.remote.as_ref().is_some_and(|r| same_source(r, v.source()));
            if !ours {
                v.created = Created::No;
                v.error = Some(CallError {
                    call: WaveCall::Create,
                    message: format!(
                        "Pool {} already has a volume named {} that migrates something else (or is no migration volume); nothing was sent. Leave this volume out of the wave, or plan it again under another name.",
                        v.pool, v.name
                    ),
                });
                continue;
            }
            v.created = match &found.provisioning {
                Some(ProvisioningState::Succeeded) | None => Created::Yes,
                Some(p) if p.is_busy() => Created::Provisioning,
                Some(p) => {
                    v.error = Some(CallError {
                        call: WaveCall::Create,
                        message: format!(
                            "ARM reports the volume's provisioning state as {p}. Delete the volume in the portal, then press Retry to create it again."
                        ),
                    });
                    Created::Provisioning
                }
            };
        }
        self.names_checked = true;
    }

    /// The admin's Retry of a row's failed call. A create is preceded by a new read of the
    /// pool (the failed one may have left a volume behind).
    pub fn retry(&mut self, row: RowId) {
        let Some(v) = self.volume_mut(row) else { return };
        let Some(error) = v.error.take() else { return };
        if error.call == WaveCall::Create {
            v.created = Created::Unknown;
            self.names_checked = false;
        }
    }

    /// Asks ARM for a new cluster peering offer on these rows (the last expired).
    pub fn reissue_peering(&mut self, rows: &[RowId]) {
        for v in self.volumes.iter_mut().filter(|v| rows.contains(&v.row)) {
            if v.running.is_none() && v.svm_command.is_none() {
                v.peer = None;
                v.error = None;
            }
        }
    }

    /// The admin ran the cluster peering commands: SVM peering may go.
    pub fn open_authorize(&mut self) {
        self.authorize_open = true;
    }

    /// The cut-over window broke the replication of `row`.
    pub fn mark_cut_over(&mut self, row: RowId) {
        if let Some(v) = self.volume_mut(row) {
            v.cut_over = true;
        }
    }

    /// The admin asked to finalize every volume that is cut over.
    pub fn open_finalize(&mut self) {
        self.finalize_open = true;
    }

    /// A dry run or resume for `rows` (the app picks those in the phase it needs).
    pub fn ask_batch(&mut self, call: WaveCall, rows: BTreeSet<RowId>) {
        if matches!(call, WaveCall::DryRun | WaveCall::Resume) && !rows.is_empty() {
            self.batch = Some(Batch { call, rows });
        }
    }

    /// Stops sending the batch to the rows it has not reached.
    pub fn cancel_batch(&mut self) {
        self.batch = None;
    }

    /// Forgets a finished batch.
    pub fn tidy(&mut self) {
        if self.batch.as_ref().is_some_and(|b| b.rows.is_empty()) {
            self.batch = None;
        }
    }
}

#[cfg(test)]
#[path = "run_tests.rs"]
mod tests;
