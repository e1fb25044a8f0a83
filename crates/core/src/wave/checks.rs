//! Every row of a wave through the wizard's rules ([`super::row_check`]), then the checks only
//! a whole wave has: target names unique in the wave and free in their pool, the quota total
//! against each pool's free size, the subnet's free addresses, one subscription per source
//! cluster, and no source volume twice. The verdict says whether the wave may start: only when
//! every remaining row is valid, so bad rows must be fixed or dropped first — nothing reaches
//! ARM before.
//!
//! Subnet addresses: migration takes seven addresses of the delegated subnet (six for cluster
//! peering, one for data) for each Azure NetApp Files storage system a volume is placed on.
//! Placement tries to reuse the storage of the subscription's earlier volumes, so most waves
//! need seven; but a wave whose every volume lands on new storage needs seven per volume. The
//! wizard's rule (at least seven free) blocks; the upper bound only warns.

use super::columns::Column;
use super::plan::{RowId, RowOrigin, WavePlan};
use super::row_check::{check_row, ValidRow};
use crate::api_version::ApiVersion;
use crate::models::{CapacityPool, ServiceLevel, Subnet};
use crate::validation::fields;
use crate::validation::network::{validate_subnet, MIN_FREE_IPS};
use crate::validation::quota::format_size;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

/// What the checks need to know about a capacity pool.
#[derive(Clone, Debug, PartialEq)]
pub struct PoolInfo {
    /// The pool's own name.
    pub name: String,
    /// Its service level.
    pub service_level: ServiceLevel,
    /// Manual QoS (throughput set per volume).
    pub manual_qos: bool,
    /// Provisioned size in bytes.
    pub size_bytes: u64,
    /// Bytes already given to volumes (the sum of their quotas).
    pub used_bytes: u64,
    /// Total throughput in MiB/s, when ARM reports it.
    pub throughput_mibps: Option<f64>,
    /// Names of the volumes already in the pool.
    pub volume_names: Vec<String>,
}

impl PoolInfo {
    /// From ARM's pool and what the caller added up from its volumes.
    #[must_use]
    pub fn from_pool(pool: &CapacityPool, used_bytes: u64, volume_names: Vec<String>) -> Self {
        let p = &pool.properties;
        Self {
            name: pool.short_name().to_owned(),
            service_level: p.service_level.clone().unwrap_or(ServiceLevel::Premium),
            manual_qos: p.qos_type.as_deref().is_some_and(|q| q.eq_ignore_ascii_case("manual")),
            size_bytes: p.size,
            used_bytes,
            throughput_mibps: p.total_throughput_mibps,
            volume_names,
        }
    }
}

/// What the wave is checked against.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WaveContext {
    /// The client's api-version (the file path pattern depends on it).
    pub api_version: ApiVersion,
    /// The NetApp account's region.
    pub location: String,
    /// The account's pools.
    pub pools: Vec<PoolInfo>,
    /// The wave's subnet, when loaded (its delegation is checked).
    pub subnet: Option<Subnet>,
    /// Free addresses in the subnet, when known.
    pub subnet_free_ips: Option<u64>,
    /// Source clusters known to be peered with another subscription.
    pub clusters_peered_elsewhere: Vec<String>,
}

/// A problem with one cell of one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// The row.
    pub row: RowId,
    /// Where it came from.
    pub origin: RowOrigin,
    /// The column.
    pub column: Column,
    /// The cell's value (after defaults).
    pub got: String,
    /// What the column should hold, when the problem is about the value's form.
    pub expected: Option<&'static str>,
    /// The rule's message.
    pub message: String,
    /// The value came from the wave's default, not the row.
    pub from_default: bool,
}

impl RowProblem {
    /// The problem as shown in its own cell, where the line and column go without saying:
    /// what the cell should hold, what it holds, and the rule's words.
    #[must_use]
    pub fn at_cell(&self) -> String {
        let default = if self.from_default { " (the wave's default)" } else { "" };
        match self.expected {
            Some(expected) if self.got.is_empty() => {
                format!("{expected}; got nothing{default}. {}", self.message)
            }
            Some(expected) => {
                format!("{expected}; got \"{}\"{default}. {}", self.got, self.message)
            }
            None => self.message.clone(),
        }
    }
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let default = if self.from_default { " (the wave's default)" } else { "" };
        write!(f, "{}, column {}{default}: ", self.origin, self.column)?;
        match self.expected {
            Some(expected) if self.got.is_empty() => {
                write!(f, "{expected}; got nothing. {}", self.message)
            }
            Some(expected) => write!(f, "{expected}; got \"{}\". {}", self.got, self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// One row's verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct RowVerdict {
    /// The row.
    pub id: RowId,
    /// Where it came from.
    pub origin: RowOrigin,
    /// Blocking problems.
    pub problems: Vec<RowProblem>,
    /// Remarks.
    pub warnings: Vec<RowProblem>,
    /// The create request, when the row and the wave allow it.
    pub create: Option<ValidRow>,
}

/// The subnet addresses a wave may take.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IpNeed {
    /// Seven per volume: every volume on new storage (an upper bound).
    pub at_most: u64,
    /// Free addresses, when known.
    pub free: Option<u64>,
}

/// Quota the wave puts into one pool.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolDemand {
    /// The pool.
    pub pool: String,
    /// Sum of the rows' quotas.
    pub quota_bytes: u64,
    /// The pool's free bytes.
    pub free_bytes: u64,
    /// Rows going there.
    pub rows: usize,
}

/// The whole wave's verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct WaveVerdict {
    /// Every row's verdict, in plan order.
    pub rows: Vec<RowVerdict>,
    /// Blocking problems of the wave as a whole.
    pub issues: Vec<String>,
    /// Remarks about the wave.
    pub warnings: Vec<String>,
    /// Subnet addresses.
    pub ips: IpNeed,
    /// Quota per pool.
    pub pools: Vec<PoolDemand>,
}

impl WaveVerdict {
    /// Whether the wave may start: at least one row, every row valid, no wave issue.
    #[must_use]
    pub fn may_start(&self) -> bool {
        !self.rows.is_empty()
            && self.issues.is_empty()
            && self.rows.iter().all(|r| r.problems.is_empty() && r.create.is_some())
    }

    /// Ids of the rows with problems (to fix, or to drop with [`WavePlan::drop_rows`]).
    #[must_use]
    pub fn bad_rows(&self) -> Vec<RowId> {
        self.rows.iter().filter(|r| !r.problems.is_empty()).map(|r| r.id).collect()
    }

    /// Every row problem, in plan order.
    pub fn problems(&self) -> impl Iterator<Item = &RowProblem> {
        self.rows.iter().flat_map(|r| r.problems.iter())
    }

    /// The requests of the valid rows, in plan order.
    #[must_use]
    pub fn creates(&self) -> Vec<&ValidRow> {
        self.rows.iter().filter_map(|r| r.create.as_ref()).collect()
    }

    /// Why the wave may not start yet, in one sentence; `None` when it may.
    #[must_use]
    pub fn why_not(&self) -> Option<String> {
        if self.may_start() {
            return None;
        }
        if self.rows.is_empty() {
            return Some("The wave has no volumes yet.".into());
        }
        let bad = self.bad_rows().len();
        let mut parts = Vec::new();
        if bad > 0 {
            parts.push(format!(
                "{bad} of {} rows have problems: fix them or drop them",
                self.rows.len()
            ));
        }
        parts.extend(self.issues.iter().cloned());
        Some(format!("{}.", parts.join("; ").trim_end_matches('.')))
    }
}

/// Checks the whole wave.
#[must_use]
pub fn check_wave(plan: &WavePlan, ctx: &WaveContext) -> WaveVerdict {
    let mut rows = Vec::new();
    let mut issues: Vec<String> = Vec::new();
    let mut warnings = Vec::new();
    let mut demand: BTreeMap<String, (u64, usize)> = BTreeMap::new();
    let mut names: HashMap<String, RowOrigin> = HashMap::new();
    let mut sources: HashMap<String, RowOrigin> = HashMap::new();
    // Each pool's volume names, lower-cased once: comparing every row with every volume of a
    // large pool was most of the time of a check.
    let taken: BTreeMap<&str, HashSet<String>> = ctx
        .pools
        .iter()
        .map(|p| (p.name.as_str(), p.volume_names.iter().map(|n| n.to_ascii_lowercase()).collect()))
        .collect();
    for row in &plan.rows {
        let eff = plan.effective(row);
        let mut outcome = check_row(plan, &eff, ctx);
        for e in outcome.wave_errors.drain(..) {
            let message = wave_error(&e, eff.get(Column::SourceCluster));
            if !issues.contains(&message) {
                issues.push(message);
            }
        }
        let mut cross = Vec::new();
        let target = eff.get(Column::TargetVolume).to_ascii_lowercase();
        // The name is also the file path, which must be unique beyond one pool: unique in the
        // whole wave, whatever the pools.
        if !target.is_empty() {
            match names.get(&target) {
                Some(first) => cross.push(format!(
                    "{first} already uses this name; target names must be unique in the wave"
                )),
                None => {
                    names.insert(target.clone(), row.origin);
                }
            }
        }
        if let Some(pool) = &outcome.pool {
            if taken.get(pool.as_str()).is_some_and(|names| names.contains(&target)) {
                cross.push(format!(
                    "the pool {pool} already has a volume named {}; pick another name",
                    eff.get(Column::TargetVolume)
                ));
            }
            if let Some(q) = outcome.quota_bytes {
                let d = demand.entry(pool.clone()).or_default();
                d.0 += q;
                d.1 += 1;
            }
        }
        for message in cross {
            outcome.problems.push(RowProblem {
                row: row.id,
                origin: row.origin,
                column: Column::TargetVolume,
                got: eff.get(Column::TargetVolume).to_owned(),
                expected: None,
                message,
                from_default: eff.defaulted.contains(&Column::TargetVolume),
            });
        }
        let source = format!(
            "{}\u{0}{}\u{0}{}",
            eff.get(Column::SourceCluster),
            eff.get(Column::Svm),
            eff.get(Column::SourceVolume)
        )
        .to_ascii_lowercase();
        if let Some(first) = sources.get(&source) {
            outcome.problems.push(RowProblem {
                row: row.id,
                origin: row.origin,
                column: Column::SourceVolume,
                got: eff.get(Column::SourceVolume).to_owned(),
                expected: None,
                message: format!("{first} migrates the same source volume; drop one of the two"),
                from_default: false,
            });
        } else {
            sources.insert(source, row.origin);
        }
        let create = outcome.valid.filter(|_| outcome.problems.is_empty());
        rows.push(RowVerdict {
            id: row.id,
            origin: row.origin,
            problems: outcome.problems,
            warnings: outcome.warnings,
            create,
        });
    }
    let pools = pool_demand(&demand, ctx, &mut issues);
    let ips = subnet_need(plan, ctx, &mut issues, &mut warnings);
    for cluster in distinct_clusters(plan) {
        if ctx.clusters_peered_elsewhere.iter().any(|c| c.eq_ignore_ascii_case(&cluster)) {
            issues.push(format!(
                "Cluster {cluster} is peered with another Azure subscription: cluster peering fails for a second subscription, so finish (or cancel) those migrations first"
            ));
        }
    }
    if plan.rows.is_empty() {
        issues.push("Add volumes: paste volume show, import a CSV or pick from the list".into());
    }
    WaveVerdict { rows, issues, warnings, ips, pools }
}

/// A wizard error that belongs to the wave (peer addresses, subnet), as a wave issue.
fn wave_error(e: &crate::validation::FieldError, cluster: &str) -> String {
    if e.field == fields::PEER_ADDRESSES {
        format!("Intercluster addresses of cluster {cluster}: {}", e.message)
    } else {
        format!("The wave's subnet: {}", e.message)
    }
}

fn pool_demand(
    demand: &BTreeMap<String, (u64, usize)>,
    ctx: &WaveContext,
    issues: &mut Vec<String>,
) -> Vec<PoolDemand> {
    let mut out = Vec::new();
    for (pool, (quota, rows)) in demand {
        let Some(info) = ctx.pools.iter().find(|p| &p.name == pool) else { continue };
        let free = info.size_bytes.saturating_sub(info.used_bytes);
        if *quota > free {
            issues.push(format!(
                "Pool {pool}: the wave's {rows} volumes need {} of quota, but the pool has {} free ({} of {} used); grow the pool or move rows to another",
                format_size(*quota), format_size(free), format_size(info.used_bytes), format_size(info.size_bytes)
            ));
        }
        out.push(PoolDemand {
            pool: pool.clone(),
            quota_bytes: *quota,
            free_bytes: free,
            rows: *rows,
        });
    }
    out
}

fn subnet_need(
    plan: &WavePlan,
    ctx: &WaveContext,
    issues: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> IpNeed {
    let volumes = plan.rows.iter().filter(|r| r.facts.blocker(&r.source_volume).is_none()).count();
    let at_most = MIN_FREE_IPS * u64::try_from(volumes).unwrap_or(u64::MAX / MIN_FREE_IPS);
    if let Some(subnet) = &ctx.subnet {
        // Delegation only: the free-address rule is the one below, which knows the wave.
        for e in validate_subnet(subnet, None) {
            issues.push(format!("The wave's subnet: {}", e.message));
        }
    }
    if let Some(free) = ctx.subnet_free_ips {
        if free < MIN_FREE_IPS {
            issues.push(format!(
                "The subnet has {free} free IP addresses; migration needs at least {MIN_FREE_IPS} (6 for cluster peering, 1 for data)"
            ));
        } else if free < at_most {
            warnings.push(format!(
                "If no volume can reuse storage, the wave's {volumes} volumes take up to {at_most} IP addresses (7 per new storage placement) and the subnet has {free} free. Placement usually reuses the storage of earlier volumes, so this is an upper bound; watch the subnet during the creates."
            ));
        }
    }
    IpNeed { at_most, free: ctx.subnet_free_ips }
}

fn distinct_clusters(plan: &WavePlan) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for row in &plan.rows {
        let c = plan.cluster_of(row).to_owned();
        if !c.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&c)) {
            out.push(c);
        }
    }
    out
}
