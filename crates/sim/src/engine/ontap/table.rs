//! ONTAP's output formats: fixed-width tables with dashed rules and wrapped values, the
//! `-fields` table, the `-instance` view, the entry count footer, and sizes.
//!
//! The shapes are taken from ONTAP 9 sessions published with their output: a public notes
//! site's "NetApp SnapMirror" page (permalink `storage_netapp_snapmirror.html`, 2019, Cloud
//! Volumes ONTAP: `volume show`, `network interface show -role intercluster`, `vserver show`,
//! `vserver peer show`, `snapmirror show` with and without `-fields`, `snap show`, `cluster
//! peer create` and `cluster peer show -instance`), and the SODA Foundation delfin project's
//! ONTAP CLI fixtures (`delfin/tests/unit/drivers/netapp/netapp_ontap/test_constans.py`:
//! `volume show -instance`, `cluster identity show`, `version`, tables with the entry count).
//! What they show:
//!
//! - a default table has fixed column widths; titles may take several lines, set at the
//!   bottom; sizes and percentages are right-aligned, `up/up` is centred;
//! - a value longer than its column pushes the rest of the row to the next line, where each
//!   value starts at its column again (`svm_NetAppCloudVolumeTest2` then, on the next line,
//!   ten spaces and `MirrorDestVolume`);
//! - `-fields` prints the field names, a rule of dashes as wide as the widest value, and the
//!   values left-aligned;
//! - `-instance` prints `Label: value` with right-aligned labels, a blank line before each row;
//! - more than one row ends with `N entries were displayed.`;
//! - sizes use binary units with no decimals when exact, else two below 100, one below 1000
//!   (`42.14MB`, `970.8MB`, `100GB`, `1020MB`).

use crate::engine::ontap::fields::{Align, Column};

/// The footer ONTAP prints under a list of more than one row.
#[must_use]
pub fn footer(rows: usize) -> String {
    if rows > 1 {
        format!("{rows} entries were displayed.\n")
    } else {
        String::new()
    }
}

/// A default table: titles, rule, rows (each a value per column; "" prints nothing), and the
/// footer. The first `group` columns are left blank when they repeat the row above; with
/// `own_line` a new group's value stands on a line of its own.
#[must_use]
pub fn render_table(
    columns: &[Column],
    banner: &str,
    rows: &[Vec<String>],
    group: usize,
    own_line: bool,
) -> String {
    let starts: Vec<usize> = columns
        .iter()
        .scan(0, |at, c| {
            let start = *at;
            *at += c.width + 1;
            Some(start)
        })
        .collect();
    let mut out = String::new();
    if !banner.is_empty() {
        out.push_str(banner);
        out.push('\n');
    }
    let titles: Vec<Vec<&str>> = columns.iter().map(|c| c.title.split('\n').collect()).collect();
    let height = titles.iter().map(Vec::len).max().unwrap_or(0);
    for line in 0..height {
        let mut text = String::new();
        for (i, c) in columns.iter().enumerate() {
            let lines = &titles[i];
            let Some(title) = (line + lines.len()).checked_sub(height).and_then(|k| lines.get(k))
            else {
                continue;
            };
            let align = if c.align == Align::Right { Align::Right } else { Align::Left };
            put(&mut text, &mut out, starts[i], c.width, align, title);
        }
        push_line(&mut out, &text);
    }
    let rule: Vec<String> = columns.iter().map(|c| "-".repeat(c.width)).collect();
    push_line(&mut out, &rule.join(" "));
    let mut previous: Option<&Vec<String>> = None;
    for row in rows {
        let mut text = String::new();
        for (i, c) in columns.iter().enumerate() {
            let value = row.get(i).map_or("", String::as_str);
            let repeated = i < group && previous.is_some_and(|p| p[..=i] == row[..=i]);
            if value.is_empty() || repeated {
                continue;
            }
            put(&mut text, &mut out, starts[i], c.width, c.align, value);
            if own_line && i < group {
                push_line(&mut out, &text);
                text.clear();
            }
        }
        if !text.is_empty() {
            push_line(&mut out, &text);
        }
        previous = Some(row);
    }
    out + &footer(rows.len())
}

/// Writes `value` into the line being built at its column, moving to a new line (flushed to
/// `out`) when the line already reaches past where the value starts.
fn put(line: &mut String, out: &mut String, start: usize, width: usize, align: Align, v: &str) {
    let len = v.chars().count();
    let at = match align {
        Align::Left => start,
        Align::Right => start + width.saturating_sub(len),
        Align::Center => start + width.saturating_sub(len) / 2,
    };
    if !line.is_empty() && line.chars().count() + 1 > at {
        push_line(out, line);
        line.clear();
    }
    let pad = at.saturating_sub(line.chars().count());
    line.extend(std::iter::repeat_n(' ', pad));
    line.push_str(v);
}

fn push_line(out: &mut String, line: &str) {
    out.push_str(line.trim_end());
    out.push('\n');
}

/// The `-fields` table: `headers` over `rows`, each column as wide as its widest entry.
#[must_use]
pub fn render_fields(headers: &[&str], rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0).max(h.len()))
        .collect();
    let line = |cells: &[String]| {
        let padded: Vec<String> =
            cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        format!("{}\n", padded.join(" ").trim_end())
    };
    let mut out = line(&headers.iter().map(|h| (*h).to_string()).collect::<Vec<_>>());
    out += &line(&widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>());
    for r in rows {
        out += &line(r);
    }
    out + &footer(rows.len())
}

/// The `-instance` view of rows given as `(label, value)` pairs, labels right-aligned to
/// `width` (0: the longest label plus one).
#[must_use]
pub fn render_instance(rows: &[Vec<(&str, String)>], width: usize) -> String {
    let mut out = String::new();
    for row in rows {
        let w = if width == 0 {
            row.iter().map(|(l, _)| l.len()).max().unwrap_or(0) + 1
        } else {
            width
        };
        out.push('\n');
        for (label, value) in row {
            push_line(&mut out, &format!("{label:>w$}: {value}"));
        }
    }
    out + &footer(rows.len())
}

/// `42GB`, `1.20TB`, `970.8MB`: ONTAP's human sizes (binary units).
#[must_use]
pub fn size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 5] =
        [("PB", 1 << 50), ("TB", 1 << 40), ("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)];
    for (unit, scale) in UNITS {
        if bytes >= scale {
            if bytes.is_multiple_of(scale) {
                return format!("{}{unit}", bytes / scale);
            }
            let v = bytes as f64 / scale as f64;
            let decimals = if v < 100.0 {
                2
            } else if v < 1000.0 {
                1
            } else {
                0
            };
            return format!("{v:.decimals$}{unit}");
        }
    }
    format!("{bytes}B")
}

/// A percentage of `part` in `whole`, as ONTAP prints it (`83%`).
#[must_use]
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "0%".into();
    }
    format!("{}%", (u128::from(part) * 100 / u128::from(whole)).min(999))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ontap::fields::{left, right};

    const VOLUMES: &[Column] = &[
        left("vserver", "Vserver", 9),
        left("volume", "Volume", 12),
        left("aggregate", "Aggregate", 12),
        left("state", "State", 10),
        left("type", "Type", 4),
        right("size", "Size", 10),
        right("available", "Available", 10),
        right("percent-used", "Used%", 5),
    ];

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_string()).collect()
    }

    #[test]
    fn a_long_value_pushes_the_row_to_the_next_line_as_ontap_prints_it() {
        // The published `volume show` of a SnapMirror set-up, cell for cell.
        let out = render_table(
            VOLUMES,
            "",
            &[
                row(&[
                    "svm_NetAppCloudVolumeTest2",
                    "MirrorDestVolume",
                    "aggr1",
                    "online",
                    "DP",
                    "100GB",
                    "100.00GB",
                    "0%",
                ]),
                row(&["vs1", "vol1", "aggr1", "online", "RW", "2GB", "1.90GB", "5%"]),
            ],
            0,
            false,
        );
        let expected = concat!(
            "Vserver   Volume       Aggregate    State      Type       Size  Available Used%\n",
            "--------- ------------ ------------ ---------- ---- ---------- ---------- -----\n",
            "svm_NetAppCloudVolumeTest2\n",
            "          MirrorDestVolume\n",
            "                       aggr1        online     DP        100GB   100.00GB    0%\n",
            "vs1       vol1         aggr1        online     RW          2GB     1.90GB    5%\n",
            "2 entries were displayed.\n",
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn titles_stack_at_the_bottom_and_centred_values_fit_after_long_ones() {
        let cols = [
            left("vserver", "Vserver", 11),
            left("lif", "Logical\nInterface", 10),
            Column {
                field: "status",
                title: "Status\nAdmin/Oper",
                width: 10,
                align: Align::Center,
            },
            left("address", "Network\nAddress/Mask", 18),
        ];
        let out = render_table(
            &cols,
            "",
            &[
                row(&["cluster1", "cluster_mgmt", "up/up", "192.0.2.1/24"]),
                row(&["cluster1", "node1_ic1", "up/up", "192.0.2.2/24"]),
            ],
            1,
            true,
        );
        let expected = concat!(
            "            Logical    Status     Network\n",
            "Vserver     Interface  Admin/Oper Address/Mask\n",
            "----------- ---------- ---------- ------------------\n",
            "cluster1\n",
            "            cluster_mgmt up/up    192.0.2.1/24\n",
            "            node1_ic1    up/up    192.0.2.2/24\n",
            "2 entries were displayed.\n",
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn fields_and_instance_views() {
        let out = render_fields(
            &["vserver", "volume", "size"],
            &[row(&["svm_nfs", "vol_home", "100GB"]), row(&["svm_nfs", "vol_a", "1.20TB"])],
        );
        assert_eq!(
            out,
            "vserver volume   size\n------- -------- ------\nsvm_nfs vol_home 100GB\nsvm_nfs vol_a    1.20TB\n2 entries were displayed.\n"
        );
        let one = render_instance(
            &[vec![("Cluster UUID", "u".to_string()), ("Cluster Serial Number", "-".into())]],
            22,
        );
        assert_eq!(one, "\n          Cluster UUID: u\n Cluster Serial Number: -\n");
    }

    #[test]
    fn sizes_as_ontap_prints_them() {
        assert_eq!(size(100 << 30), "100GB");
        assert_eq!(size(1228 << 30), "1.20TB");
        assert_eq!(size(1020 << 20), "1020MB");
        assert_eq!(size((9708 << 20) / 10), "970.8MB");
        assert_eq!(size((4214 << 20) / 100), "42.14MB");
        assert_eq!(size(244 << 10), "244KB");
        assert_eq!(size(0), "0B");
        assert_eq!(percent(83, 100), "83%");
        assert_eq!(percent(1, 0), "0%");
    }
}
