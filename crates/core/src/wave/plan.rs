//! The wave plan: what the admin is putting together, saved whole (localStorage, per tenant and
//! user) so it survives a reload, the sign-in redirect and a day's break.
//!
//! A row keeps every cell as typed or pasted, bad ones included, plus the line it came from, so
//! a message can name the line and column long after the paste. Nothing is checked here (see
//! [`super::checks`]); a row that leaves a cell empty takes the wave's default for it
//! ([`WavePlan::effective`]). Rows leave the plan only when the admin drops them
//! ([`WavePlan::drop_rows`]).

use super::columns::Column;
use super::ontap_output::{format_ontap_size, parse_ontap_size, OntapOutput, SourceFacts};
use crate::validation::quota::{format_size, GIB, MIN_QUOTA_BYTES};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// A row's id within its plan (never reused).
pub type RowId = u32;

/// Where a row came from, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "from")]
pub enum RowOrigin {
    /// A line of a pasted `volume show`.
    Paste {
        /// 1-based line.
        line: usize,
    },
    /// A record of an imported CSV (the line it starts on).
    Csv {
        /// 1-based line.
        line: usize,
    },
    /// A volume picked from the list.
    Picked {
        /// 1-based position in the pick.
        index: usize,
    },
}

impl Default for RowOrigin {
    fn default() -> Self {
        Self::Picked { index: 0 }
    }
}

impl fmt::Display for RowOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Paste { line } => write!(f, "pasted line {line}"),
            Self::Csv { line } => write!(f, "line {line}"),
            Self::Picked { index } => write!(f, "picked volume {index}"),
        }
    }
}

/// One volume of the wave, as entered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WaveRow {
    /// Id within the plan.
    pub id: RowId,
    /// Where it came from.
    pub origin: RowOrigin,
    /// ONTAP cluster (empty: the wave's).
    pub source_cluster: String,
    /// SVM.
    pub svm: String,
    /// ONTAP volume.
    pub source_volume: String,
    /// Logical size as written (`450GB`).
    pub logical_size: String,
    /// ANF volume name (empty: derived from the source volume).
    pub target_volume: String,
    /// Quota (empty: logical size plus the wave's headroom).
    pub quota: String,
    /// Protocol(s) (empty: the wave's).
    pub protocol: String,
    /// Pool or service level (empty: the wave's pool).
    pub pool: String,
    /// Replication schedule (empty: the wave's).
    pub schedule: String,
    /// Export policy allowed clients (empty: the wave's; empty there too: no export policy).
    pub export_clients: String,
    /// What ONTAP said about the volume's kind.
    pub facts: SourceFacts,
}

impl WaveRow {
    /// A cell's text as entered.
    #[must_use]
    pub fn cell(&self, column: Column) -> &str {
        match column {
            Column::SourceCluster => &self.source_cluster,
            Column::Svm => &self.svm,
            Column::SourceVolume => &self.source_volume,
            Column::LogicalSize => &self.logical_size,
            Column::TargetVolume => &self.target_volume,
            Column::Quota => &self.quota,
            Column::Protocol => &self.protocol,
            Column::Pool => &self.pool,
            Column::Schedule => &self.schedule,
            Column::ExportClients => &self.export_clients,
            Column::OntapType => &self.facts.ontap_type,
            Column::OntapStyle => &self.facts.ontap_style,
            Column::OntapRoot => &self.facts.ontap_root,
        }
    }

    /// Sets a cell (trimmed).
    pub fn set_cell(&mut self, column: Column, value: &str) {
        let slot = match column {
            Column::SourceCluster => &mut self.source_cluster,
            Column::Svm => &mut self.svm,
            Column::SourceVolume => &mut self.source_volume,
            Column::LogicalSize => &mut self.logical_size,
            Column::TargetVolume => &mut self.target_volume,
            Column::Quota => &mut self.quota,
            Column::Protocol => &mut self.protocol,
            Column::Pool => &mut self.pool,
            Column::Schedule => &mut self.schedule,
            Column::ExportClients => &mut self.export_clients,
            Column::OntapType => &mut self.facts.ontap_type,
            Column::OntapStyle => &mut self.facts.ontap_style,
            Column::OntapRoot => &mut self.facts.ontap_root,
        };
        value.trim().clone_into(slot);
    }

    /// The same volume and settings, whatever the id and origin.
    #[must_use]
    pub fn same_content(&self, other: &Self) -> bool {
        Column::ALL.iter().all(|c| self.cell(*c) == other.cell(*c))
    }
}

/// What rows that leave a cell empty take.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WaveDefaults {
    /// Capacity pool.
    pub pool: String,
    /// Delegated subnet id (every volume of the wave uses it).
    pub subnet_id: String,
    /// Replication schedule.
    pub schedule: String,
    /// Protocol(s).
    pub protocol: String,
    /// Quota over the logical size, in percent (Microsoft recommends at least 20).
    pub quota_headroom_percent: u32,
    /// Export policy allowed clients (empty: no export policy).
    pub export_clients: String,
}

impl Default for WaveDefaults {
    fn default() -> Self {
        Self {
            pool: String::new(),
            subnet_id: String::new(),
            schedule: "hourly".into(),
            protocol: "NFSv3".into(),
            quota_headroom_percent: 20,
            export_clients: String::new(),
        }
    }
}

/// A wave being planned.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WavePlan {
    /// The wave's name.
    pub name: String,
    /// The source cluster of rows that name none.
    pub source_cluster: String,
    /// Defaults for empty cells.
    pub defaults: WaveDefaults,
    /// Intercluster LIF addresses as pasted, by source cluster name.
    pub peer_addresses: BTreeMap<String, String>,
    /// The rows, in order.
    pub rows: Vec<WaveRow>,
    /// The next row id.
    pub next_id: RowId,
}

/// A volume picked from the source cluster's list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PickedVolume {
    /// Cluster.
    pub cluster: String,
    /// SVM.
    pub svm: String,
    /// Volume.
    pub volume: String,
    /// Logical size in bytes, when known.
    pub logical_bytes: Option<u64>,
    /// What ONTAP says about it.
    pub facts: SourceFacts,
}

/// What an addition did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddReport {
    /// Ids of the rows added.
    pub added: Vec<RowId>,
    /// Remarks about rows, by origin: skipped duplicates, substituted sizes.
    pub notes: Vec<(RowOrigin, String)>,
}

/// A row with the wave's defaults filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EffectiveRow {
    /// The row as entered.
    pub row: WaveRow,
    /// Cells after defaults.
    pub cells: BTreeMap<Column, String>,
    /// Cells that came from a default.
    pub defaulted: BTreeSet<Column>,
}

impl EffectiveRow {
    /// A cell after defaults.
    #[must_use]
    pub fn get(&self, column: Column) -> &str {
        self.cells.get(&column).map_or("", String::as_str)
    }
}

impl WavePlan {
    /// An empty plan.
    #[must_use]
    pub fn new(name: impl Into<String>, source_cluster: impl Into<String>) -> Self {
        Self { name: name.into(), source_cluster: source_cluster.into(), ..Self::default() }
    }

    /// The localStorage key of a user's plans in a tenant.
    #[must_use]
    pub fn storage_key(tenant_id: &str, user_id: &str) -> String {
        format!("anf-migrate.wave-plans.{}.{}", tenant_id.trim(), user_id.trim())
    }

    /// A row by id.
    #[must_use]
    pub fn row(&self, id: RowId) -> Option<&WaveRow> {
        self.rows.iter().find(|r| r.id == id)
    }

    /// Adds rows (ids are assigned here); a row for a source volume already in the wave is
    /// skipped with a note, so pasting the same output twice adds nothing.
    pub fn add_rows(&mut self, rows: Vec<WaveRow>) -> AddReport {
        let mut report = AddReport::default();
        // Where each source volume already in the wave came from, looked up by key: a paste of
        // thousands of lines must not compare every line with every row (that was 0.85 s for
        // 5,000 lines).
        let mut present: HashMap<String, RowOrigin> =
            self.rows.iter().filter_map(|r| self.source_key(r).map(|k| (k, r.origin))).collect();
        for mut row in rows {
            // Cells are kept trimmed whatever the source, so a CSV round trip is exact.
            for column in Column::ALL {
                let value = row.cell(column).to_owned();
                row.set_cell(column, &value);
            }
            if let Some(key) = self.source_key(&row) {
                if let Some(existing) = present.get(&key) {
                    report.notes.push((
                        row.origin,
                        format!(
                            "{}:{} is already in the wave ({existing}); skipped",
                            row.svm, row.source_volume
                        ),
                    ));
                    continue;
                }
                present.insert(key, row.origin);
            }
            row.id = self.next_id;
            self.next_id += 1;
            report.added.push(row.id);
            self.rows.push(row);
        }
        report
    }

    /// Adds the volumes of a pasted `volume show`. The prompt's cluster name, when the paste has
    /// one, goes into each row; a volume without `logical-used` takes its `size` (an upper
    /// bound of its data), with a note.
    pub fn add_ontap_output(&mut self, output: &OntapOutput) -> AddReport {
        let mut notes = Vec::new();
        let rows = output
            .volumes
            .iter()
            .map(|v| {
                let origin = RowOrigin::Paste { line: v.line };
                let logical = v.logical_used.clone().or_else(|| {
                    let size = v.size.clone()?;
                    notes.push((
                        origin,
                        format!("no logical-used for {}:{}; its size {size} is used as the logical size", v.vserver, v.volume),
                    ));
                    Some(size)
                });
                WaveRow {
                    origin,
                    source_cluster: output.cluster.clone().unwrap_or_default(),
                    svm: v.vserver.clone(),
                    source_volume: v.volume.clone(),
                    logical_size: logical.unwrap_or_default(),
                    facts: v.facts.clone(),
                    ..WaveRow::default()
                }
            })
            .collect();
        let mut report = self.add_rows(rows);
        notes.append(&mut report.notes);
        report.notes = notes;
        report
    }

    /// Adds volumes picked from a list.
    pub fn add_picked(&mut self, picked: &[PickedVolume]) -> AddReport {
        let rows = picked
            .iter()
            .enumerate()
            .map(|(i, p)| WaveRow {
                origin: RowOrigin::Picked { index: i + 1 },
                source_cluster: p.cluster.clone(),
                svm: p.svm.clone(),
                source_volume: p.volume.clone(),
                logical_size: p.logical_bytes.map(format_ontap_size).unwrap_or_default(),
                facts: p.facts.clone(),
                ..WaveRow::default()
            })
            .collect();
        self.add_rows(rows)
    }

    /// Removes the rows with these ids and returns them, in plan order.
    pub fn drop_rows(&mut self, ids: &[RowId]) -> Vec<WaveRow> {
        let (dropped, kept) =
            std::mem::take(&mut self.rows).into_iter().partition(|r| ids.contains(&r.id));
        self.rows = kept;
        dropped
    }

    /// A row's source cluster after the default.
    #[must_use]
    pub fn cluster_of<'a>(&'a self, row: &'a WaveRow) -> &'a str {
        if row.source_cluster.trim().is_empty() {
            self.source_cluster.trim()
        } else {
            row.source_cluster.trim()
        }
    }

    /// What makes two rows the same source volume (cluster, SVM and volume, in any case); `None`
    /// for a row without a source volume, which is never a duplicate.
    fn source_key(&self, row: &WaveRow) -> Option<String> {
        let volume = row.source_volume.trim();
        (!volume.is_empty()).then(|| {
            format!("{}\u{0}{}\u{0}{volume}", self.cluster_of(row), row.svm.trim())
                .to_ascii_lowercase()
        })
    }

    /// The row with the wave's defaults in its empty cells.
    #[must_use]
    pub fn effective(&self, row: &WaveRow) -> EffectiveRow {
        let mut cells = BTreeMap::new();
        let mut defaulted = BTreeSet::new();
        for column in Column::ALL {
            let own = row.cell(column).trim();
            let value = if own.is_empty() {
                let d = self.default_for(column, row);
                if !d.is_empty() {
                    defaulted.insert(column);
                }
                d
            } else {
                own.to_owned()
            };
            cells.insert(column, value);
        }
        EffectiveRow { row: row.clone(), cells, defaulted }
    }

    fn default_for(&self, column: Column, row: &WaveRow) -> String {
        let d = &self.defaults;
        match column {
            Column::SourceCluster => self.source_cluster.trim().to_owned(),
            Column::TargetVolume => suggest_target_name(&row.source_volume),
            Column::Quota => parse_ontap_size(&row.logical_size)
                .ok()
                .flatten()
                .and_then(|b| quota_with_headroom(b, d.quota_headroom_percent))
                .map(format_size)
                .unwrap_or_default(),
            Column::Protocol => d.protocol.trim().to_owned(),
            Column::Pool => d.pool.trim().to_owned(),
            Column::Schedule => d.schedule.trim().to_owned(),
            Column::ExportClients => d.export_clients.trim().to_owned(),
            _ => String::new(),
        }
    }
}

/// The quota for `logical_bytes` with `percent` headroom: rounded up to whole GiB and never
/// under the 50 GiB minimum (at 20 % this is the wizard's suggestion, `suggest_quota`).
#[must_use]
pub fn quota_with_headroom(logical_bytes: u64, percent: u32) -> Option<u64> {
    if logical_bytes == 0 {
        return None;
    }
    let with = u128::from(logical_bytes) * (100 + u128::from(percent));
    let bytes = u64::try_from(with.div_ceil(100)).ok()?;
    Some((bytes.div_ceil(GIB) * GIB).max(MIN_QUOTA_BYTES))
}

/// An ANF volume name for an ONTAP volume: the same name where ANF allows it (ONTAP names are
/// letters, digits and `_`); one starting with `_` gets a `v` in front (ANF names start with a
/// letter); anything else ANF refuses becomes `-`; at most 64 characters.
#[must_use]
pub fn suggest_target_name(source_volume: &str) -> String {
    let s = source_volume.trim();
    if s.is_empty() {
        return String::new();
    }
    let mut name: String = s
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '-' })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert(0, 'v');
    }
    name.chars().take(64).collect()
}
