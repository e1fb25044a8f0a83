//! One row through the single-volume wizard's rules: the row becomes the wizard's
//! [`MigrationForm`] and goes through [`validate_migration_form`] and
//! [`validate_export_rule`], so a wave row and a wizard form can never disagree. Each of the
//! wizard's field errors is then put back on the row's column, with the line it came from.

use super::checks::{PoolInfo, RowProblem, WaveContext};
use super::columns::Column;
use super::ontap_output::parse_ontap_size;
use super::plan::{EffectiveRow, WavePlan};
use crate::models::ServiceLevel;
use crate::validation::export_policy::validate_export_rule;
use crate::validation::migration::{validate_migration_form, MigrationForm};
use crate::validation::quota::MAX_REGULAR_BYTES;
use crate::validation::quota::{parse_size, SizeUnit};
use crate::validation::{fields, FieldError};
use crate::wizard::draft::CreateRequest;

/// A row that passed, ready to create.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidRow {
    /// The row.
    pub id: super::plan::RowId,
    /// The pool it goes into (resolved from a service level if need be).
    pub pool: String,
    /// The create request, as the wizard builds it.
    pub request: CreateRequest,
}

/// What checking one row found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowOutcome {
    /// Blocking problems of the row's own cells.
    pub problems: Vec<RowProblem>,
    /// Remarks that do not block (quota headroom).
    pub warnings: Vec<RowProblem>,
    /// The wizard's errors that belong to the wave, not the row: subnet, peer addresses.
    pub wave_errors: Vec<FieldError>,
    /// The request, when nothing at all blocks.
    pub valid: Option<ValidRow>,
    /// The resolved pool, when the pool cell named one.
    pub pool: Option<String>,
    /// The quota in bytes, when it reads.
    pub quota_bytes: Option<u64>,
}

/// Which column a wizard field belongs to (`None`: a wave-level field).
fn column_of(field: &str) -> Option<Column> {
    Some(match field {
        fields::VOLUME_NAME | fields::CREATION_TOKEN => Column::TargetVolume,
        fields::QUOTA => Column::Quota,
        fields::CLUSTER_NAME => Column::SourceCluster,
        fields::SVM_NAME => Column::Svm,
        fields::SOURCE_VOLUME => Column::SourceVolume,
        fields::SCHEDULE => Column::Schedule,
        fields::SERVICE_LEVEL => Column::Pool,
        fields::PROTOCOLS | fields::ACCESS => Column::Protocol,
        fields::ALLOWED_CLIENTS => Column::ExportClients,
        _ => return None,
    })
}

/// Finds the row's pool: by name, or by service level when the account has one pool of it.
fn resolve_pool<'a>(cell: &str, pools: &'a [PoolInfo]) -> Result<&'a PoolInfo, String> {
    if let Some(p) = pools.iter().find(|p| p.name.eq_ignore_ascii_case(cell.trim())) {
        return Ok(p);
    }
    let level = ServiceLevel::parse(cell);
    if level.is_known() {
        let of_level: Vec<&PoolInfo> = pools.iter().filter(|p| p.service_level == level).collect();
        return match of_level.as_slice() {
            [one] => Ok(one),
            [] => Err(format!("the account has no {level} pool")),
            many => {
                let names: Vec<&str> = many.iter().map(|p| p.name.as_str()).collect();
                Err(format!(
                    "the account has {} {level} pools ({}); name one",
                    many.len(),
                    names.join(", ")
                ))
            }
        };
    }
    let names: Vec<&str> = pools.iter().map(|p| p.name.as_str()).collect();
    if names.is_empty() {
        Err("the account has no capacity pool".into())
    } else {
        Err(format!("no pool of that name; the account has {}", names.join(", ")))
    }
}

/// Checks one row (defaults applied) with the wizard's rules.
#[must_use]
pub fn check_row(plan: &WavePlan, eff: &EffectiveRow, ctx: &WaveContext) -> RowOutcome {
    let mut out = RowOutcome::default();
    let problem = |column: Column, message: String| RowProblem {
        row: eff.row.id,
        origin: eff.row.origin,
        column,
        got: eff.get(column).to_owned(),
        expected: Some(column.expects()),
        message,
        from_default: eff.defaulted.contains(&column),
    };
    if let Some(blocker) = eff.row.facts.blocker(eff.get(Column::SourceVolume)) {
        let column = blocker_column(&eff.row.facts);
        out.problems.push(RowProblem {
            expected: None,
            message: format!("{blocker}; drop this row"),
            ..problem(column, String::new())
        });
    }
    if !matches!(eff.get(Column::OntapRoot).to_ascii_lowercase().as_str(), "" | "true" | "false") {
        out.problems
            .push(problem(Column::OntapRoot, "write true or false, or leave it empty".into()));
    }
    let logical = match parse_ontap_size(eff.get(Column::LogicalSize)) {
        Ok(Some(b)) => Some(b),
        Ok(None) => {
            out.problems.push(problem(
                Column::LogicalSize,
                "the source's logical size is needed to size the volume and estimate the baseline"
                    .into(),
            ));
            None
        }
        Err(e) => {
            out.problems.push(problem(Column::LogicalSize, e));
            None
        }
    };
    let pool = match resolve_pool(eff.get(Column::Pool), &ctx.pools) {
        Ok(p) => Some(p),
        Err(e) => {
            out.problems.push(problem(Column::Pool, e));
            None
        }
    };
    // A manual-QoS pool takes each volume's throughput (throughputMibps), which a wave row
    // has no column for: ARM would refuse the create (or the volume would get none), so the
    // row stops here with what to do instead.
    if let Some(p) = pool.filter(|p| p.manual_qos) {
        out.problems.push(problem(
            Column::Pool,
            format!(
                "pool {} uses manual QoS, where every volume needs its own throughput (throughputMibps) and a wave sets none; put this row in an auto-QoS pool, or create the volume on its own with New migration",
                p.name
            ),
        ));
    }
    out.pool = pool.map(|p| p.name.clone());
    let quota_bytes = parse_size(eff.get(Column::Quota), SizeUnit::GiB).ok();
    out.quota_bytes = quota_bytes;
    let form = form_for(plan, eff, ctx, pool, logical, quota_bytes);
    let mut spec = None;
    match validate_migration_form(&form, ctx.api_version) {
        Err(errors) => {
            for e in errors {
                match column_of(e.field) {
                    // An empty service level only means the pool was not found (said above).
                    Some(Column::Pool) if pool.is_none() => {}
                    Some(c) => out.problems.push(problem(c, e.message)),
                    None => out.wave_errors.push(e),
                }
            }
        }
        Ok(valid) => {
            for w in &valid.warnings {
                out.warnings.push(problem(Column::Quota, w.message.clone()));
            }
            if let Some(policy) = &valid.spec.export_policy {
                for rule in &policy.rules {
                    for e in validate_export_rule(rule, &valid.spec.protocol_types) {
                        let c = column_of(e.field).unwrap_or(Column::ExportClients);
                        out.problems.push(problem(c, e.message));
                    }
                }
            }
            spec = Some(valid);
        }
    }
    if let (true, Some(valid), Some(pool), Some(bytes)) =
        (out.problems.is_empty(), spec, pool, logical)
    {
        out.valid = Some(ValidRow {
            id: eff.row.id,
            pool: pool.name.clone(),
            request: CreateRequest {
                volume_name: valid.volume_name,
                spec: valid.spec,
                source_logical_bytes: bytes,
                peer_addresses: valid.peer_addresses,
            },
        });
    }
    out
}

/// The wizard's form for a row: its cells after defaults, the pool's level, the wave's subnet
/// and the row's cluster's intercluster addresses.
fn form_for(
    plan: &WavePlan,
    eff: &EffectiveRow,
    ctx: &WaveContext,
    pool: Option<&PoolInfo>,
    logical: Option<u64>,
    quota_bytes: Option<u64>,
) -> MigrationForm {
    let protocols: Vec<String> = eff
        .get(Column::Protocol)
        .split([';', '+', '/', ',', ' '])
        .filter(|p| !p.trim().is_empty())
        .map(str::to_owned)
        .collect();
    let cluster = eff.get(Column::SourceCluster).to_owned();
    MigrationForm {
        volume_name: eff.get(Column::TargetVolume).to_owned(),
        creation_token: eff.get(Column::TargetVolume).to_owned(),
        size: eff.get(Column::Quota).to_owned(),
        size_in_tib: false,
        // A wave has no large-volume switch: a quota over the regular limit asks for one.
        is_large_volume: quota_bytes.is_some_and(|b| b > MAX_REGULAR_BYTES),
        source_logical_bytes: logical,
        cluster_name: cluster.clone(),
        svm_name: eff.get(Column::Svm).to_owned(),
        source_volume: eff.get(Column::SourceVolume).to_owned(),
        peer_addresses: plan
            .peer_addresses
            .iter()
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(cluster.trim()))
            .map(|(_, v)| v.clone())
            .unwrap_or_default(),
        schedule: eff.get(Column::Schedule).to_owned(),
        service_level: pool.map(|p| p.service_level.to_string()).unwrap_or_default(),
        pool_service_level: pool.map(|p| p.service_level.clone()),
        protocols,
        allowed_clients: eff.get(Column::ExportClients).to_owned(),
        subnet_id: plan.defaults.subnet_id.clone(),
        location: ctx.location.clone(),
    }
}

/// The column that carries the fact a blocker comes from.
fn blocker_column(facts: &super::ontap_output::SourceFacts) -> Column {
    let style = facts.ontap_style.to_ascii_lowercase();
    if style.starts_with("flexgroup") {
        Column::OntapStyle
    } else if !facts.ontap_type.trim().is_empty()
        && !facts.ontap_type.trim().eq_ignore_ascii_case("rw")
    {
        Column::OntapType
    } else if facts.ontap_root.trim().eq_ignore_ascii_case("true") {
        Column::OntapRoot
    } else {
        Column::SourceVolume
    }
}
