//! Reads what ONTAP prints for
//! `volume show -vserver * -fields vserver,volume,size,logical-used,type,volume-style-extended`.
//!
//! ONTAP's `-fields` output is a table: the echoed command (after a `cluster1::>` prompt when
//! copied from a terminal), a header of field names, a line of dashes, one row per volume with
//! values padded by spaces, and a closing `N entries were displayed.`. Values never contain
//! spaces (an empty value prints as `-`), so a row is its whitespace-separated words. The
//! columns may come in any order and any subset, as long as `vserver` and `volume` are there.
//!
//! Sizes are printed in ONTAP's units, which are binary: `1KB` is 1024 bytes, `1GB` is 2^30
//! (ONTAP's CLI reference writes sizes as `<integer>[KB|MB|GB|TB|PB]` and sizes volumes in
//! 4 KB blocks of 4096 bytes). Nothing here converts to decimal units.
//!
//! What cannot be migrated is flagged, not dropped, so the admin sees it: FlexGroup volumes
//! and their constituents (Microsoft's how-to: external FlexGroups can't be migrated to large
//! volumes), volumes of any type but `RW` (`DP` SnapMirror destinations, `LS` mirrors, `TMP`),
//! and root volumes. The root rule: ONTAP's `is-vserver-root` field decides when it was asked
//! for; without it, a volume named `vol0` (a node's root) or ending in `_root` (the name ONTAP
//! gives an SVM's root) is taken for a root volume. The name rule can be wrong for a data volume
//! someone named `x_root`; adding `is-vserver-root` to the command settles it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One volume row of the output.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OntapVolume {
    /// 1-based line of the paste.
    pub line: usize,
    /// The SVM.
    pub vserver: String,
    /// The volume.
    pub volume: String,
    /// `size` as printed (`None` when the column is absent or `-`).
    pub size: Option<String>,
    /// `logical-used` as printed.
    pub logical_used: Option<String>,
    /// What ONTAP says about the volume's kind.
    pub facts: SourceFacts,
}

/// A line that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineProblem {
    /// 1-based line.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for LineProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Everything read from a paste.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OntapOutput {
    /// The cluster named by the prompt (`cluster1::>`), when the paste has one.
    pub cluster: Option<String>,
    /// The header's field names, in order (of the last header seen).
    pub columns: Vec<String>,
    /// The volumes, in order.
    pub volumes: Vec<OntapVolume>,
    /// Lines that could not be read.
    pub problems: Vec<LineProblem>,
}

/// ONTAP's facts about a source volume that decide whether it can be migrated, as text so a
/// CSV can carry them too (empty: not known).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SourceFacts {
    /// ONTAP `type`: `RW`, `DP`, `LS`, `TMP`.
    pub ontap_type: String,
    /// ONTAP `volume-style-extended`: `flexvol`, `flexgroup`, `flexgroup-constituent`.
    pub ontap_style: String,
    /// ONTAP `is-vserver-root`: `true` or `false`.
    pub ontap_root: String,
}

/// Why a source volume cannot be migrated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotMigratable {
    /// A FlexGroup (or one of its constituents).
    FlexGroup {
        /// The volume is a constituent of a FlexGroup.
        constituent: bool,
    },
    /// A volume whose ONTAP type is not `RW`.
    NotReadWrite {
        /// The type as ONTAP prints it.
        ontap_type: String,
    },
    /// A root volume.
    Root {
        /// Decided by the volume's name, not by `is-vserver-root`.
        by_name: bool,
    },
}

impl fmt::Display for NotMigratable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::FlexGroup { constituent: false } => f.write_str(
                "a FlexGroup volume: FlexGroups can't be migrated to Azure NetApp Files",
            ),
            Self::FlexGroup { constituent: true } => f.write_str(
                "a FlexGroup constituent: FlexGroups can't be migrated to Azure NetApp Files",
            ),
            Self::NotReadWrite { ontap_type } => {
                let what = match ontap_type.to_ascii_uppercase().as_str() {
                    "DP" => "a data-protection (SnapMirror destination) volume".to_owned(),
                    "LS" => "a load-sharing mirror".to_owned(),
                    "TMP" => "a temporary volume".to_owned(),
                    other => format!("a volume of type {other}"),
                };
                write!(f, "{what}: only read-write (RW) volumes can be migrated")
            }
            Self::Root { by_name: false } => {
                f.write_str("an SVM root volume (is-vserver-root true): root volumes hold no data to migrate")
            }
            Self::Root { by_name: true } => f.write_str(
                "a root volume by its name (vol0 or *_root): root volumes hold no data to migrate; if it is a data volume, add is-vserver-root to the fields and paste again",
            ),
        }
    }
}

impl SourceFacts {
    /// Why `volume` (with these facts) cannot be migrated, or `None` when nothing says so.
    #[must_use]
    pub fn blocker(&self, volume: &str) -> Option<NotMigratable> {
        let style = self.ontap_style.trim().to_ascii_lowercase();
        if style == "flexgroup" {
            return Some(NotMigratable::FlexGroup { constituent: false });
        }
        if style == "flexgroup-constituent" {
            return Some(NotMigratable::FlexGroup { constituent: true });
        }
        let ontap_type = self.ontap_type.trim();
        if !ontap_type.is_empty() && !ontap_type.eq_ignore_ascii_case("rw") {
            return Some(NotMigratable::NotReadWrite { ontap_type: ontap_type.to_owned() });
        }
        match self.ontap_root.trim().to_ascii_lowercase().as_str() {
            "true" => Some(NotMigratable::Root { by_name: false }),
            "false" => None,
            _ => {
                let name = volume.trim().to_ascii_lowercase();
                (name == "vol0" || name.ends_with("_root"))
                    .then_some(NotMigratable::Root { by_name: true })
            }
        }
    }
}

/// Reads the output of `volume show ... -fields ...`.
#[must_use]
pub fn parse_volume_show(text: &str) -> OntapOutput {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let mut out = OntapOutput::default();
    let mut header: Option<Vec<String>> = None;
    let mut i = 0;
    while i < lines.len() {
        let n = i + 1;
        let line = lines[i].trim();
        i += 1;
        if line.is_empty() || is_chatter(line) {
            continue;
        }
        if let Some((cluster, rest)) = split_prompt(line) {
            out.cluster = Some(cluster.to_owned());
            if rest.is_empty() || is_command(rest) {
                continue;
            }
            out.problems.push(LineProblem {
                line: n,
                message: format!("\"{rest}\" is not the volume show command"),
            });
            continue;
        }
        if is_command(line) {
            continue;
        }
        // A header is the line right above the dashes.
        let next = lines.get(i).map_or("", |l| l.trim());
        if is_dashes(next) {
            i += 1;
            let names: Vec<String> = line.split_whitespace().map(str::to_ascii_lowercase).collect();
            let missing: Vec<&str> = ["vserver", "volume"]
                .into_iter()
                .filter(|k| !names.iter().any(|c| c == k))
                .collect();
            if missing.is_empty() {
                out.columns.clone_from(&names);
                header = Some(names);
            } else {
                out.problems.push(LineProblem {
                    line: n,
                    message: format!(
                        "the header has no {} column; run volume show -vserver * -fields vserver,volume,size,logical-used,type,volume-style-extended",
                        missing.join(" or ")
                    ),
                });
                header = None;
            }
            continue;
        }
        let Some(columns) = &header else {
            out.problems.push(LineProblem {
                line: n,
                message: "a row before the header line; paste the whole output, from the header and its dashes".into(),
            });
            continue;
        };
        match read_row(columns, line, n) {
            Ok(v) => out.volumes.push(v),
            Err(message) => out.problems.push(LineProblem { line: n, message }),
        }
    }
    if header.is_none() && out.volumes.is_empty() && out.problems.is_empty() {
        out.problems.push(LineProblem {
            line: 1,
            message: "no volume show table found (a header line of field names followed by a line of dashes)".into(),
        });
    }
    out
}

fn read_row(columns: &[String], line: &str, n: usize) -> Result<OntapVolume, String> {
    let values: Vec<&str> = line.split_whitespace().collect();
    if values.len() != columns.len() {
        return Err(format!(
            "{} values, but the header has {} columns ({})",
            values.len(),
            columns.len(),
            columns.join(" ")
        ));
    }
    let get = |name: &str| {
        columns
            .iter()
            .position(|c| c == name)
            .map(|i| values[i])
            .filter(|v| *v != "-")
            .map(str::to_owned)
    };
    let vserver = get("vserver").ok_or("the vserver value is empty")?;
    let volume = get("volume").ok_or("the volume value is empty")?;
    Ok(OntapVolume {
        line: n,
        vserver,
        volume,
        size: get("size"),
        logical_used: get("logical-used"),
        facts: SourceFacts {
            ontap_type: get("type").unwrap_or_default(),
            ontap_style: get("volume-style-extended").unwrap_or_default(),
            ontap_root: get("is-vserver-root").unwrap_or_default(),
        },
    })
}

/// `cluster1::>` or `cluster1::*>` (advanced privilege) and what follows it.
fn split_prompt(line: &str) -> Option<(&str, &str)> {
    let (cluster, rest) = line.split_once("::")?;
    let rest = rest.strip_prefix('*').unwrap_or(rest).strip_prefix('>')?;
    (!cluster.is_empty() && !cluster.contains(char::is_whitespace)).then(|| (cluster, rest.trim()))
}

fn is_command(line: &str) -> bool {
    let mut words = line.split_whitespace();
    matches!((words.next(), words.next()), (Some("volume" | "vol"), Some("show")))
}

fn is_dashes(line: &str) -> bool {
    !line.is_empty() && line.split_whitespace().all(|w| w.chars().all(|c| c == '-'))
}

/// The footer and the pager's prompt, which carry no data.
fn is_chatter(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    let footer = lower.ends_with("entries were displayed.")
        || lower.ends_with("entry was displayed.")
        || lower.starts_with("there are no entries matching");
    footer || lower.starts_with("press <space> to page down")
}

/// Bytes in ONTAP's binary units.
const UNITS: [(&str, u64); 6] =
    [("PB", 1 << 50), ("TB", 1 << 40), ("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("B", 1)];

/// Reads a size as ONTAP prints it (`500GB`, `1.95TB`, `0B`), also with `GiB`-style or
/// one-letter units and a space before the unit; a bare number is bytes. `-` and empty are
/// `None`. Decimals are rounded to the nearest byte.
///
/// # Errors
/// A message saying what is wrong, for a text that is not a size.
pub fn parse_ontap_size(text: &str) -> Result<Option<u64>, String> {
    let t = text.trim();
    if t.is_empty() || t == "-" {
        return Ok(None);
    }
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let unit = unit.trim().to_ascii_uppercase();
    let unit = unit.strip_suffix("IB").map_or(unit.clone(), |u| format!("{u}B"));
    let factor = match unit.as_str() {
        "" | "B" => 1,
        u => UNITS
            .iter()
            .find(|(name, _)| *name == u || name.strip_suffix('B') == Some(u))
            .map(|(_, f)| *f)
            .ok_or_else(|| format!("\"{t}\" has an unknown unit; use B, KB, MB, GB, TB or PB"))?,
    };
    let (whole, frac) = num.split_once('.').unwrap_or((num, ""));
    if (whole.is_empty() && frac.is_empty()) || frac.contains('.') || frac.len() > 9 {
        return Err(format!("\"{t}\" is not a size"));
    }
    let w: u128 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| format!("\"{t}\" is not a size"))?
    };
    let f: u128 = if frac.is_empty() {
        0
    } else {
        frac.parse().map_err(|_| format!("\"{t}\" is not a size"))?
    };
    let scale = 10u128.pow(u32::try_from(frac.len()).unwrap_or(0));
    let bytes = w * u128::from(factor) + (f * u128::from(factor) + scale / 2) / scale;
    u64::try_from(bytes).map(Some).map_err(|_| format!("\"{t}\" is far too large"))
}

/// Writes bytes as ONTAP would, exactly: the largest unit that divides them (`500GB`,
/// `1536MB`), else bytes (`1234B`). [`parse_ontap_size`] reads it back to the same number.
#[must_use]
pub fn format_ontap_size(bytes: u64) -> String {
    let (name, factor) = UNITS
        .iter()
        .find(|(_, f)| bytes > 0 && bytes.is_multiple_of(*f))
        .copied()
        .unwrap_or(("B", 1));
    format!("{}{name}", bytes / factor)
}
