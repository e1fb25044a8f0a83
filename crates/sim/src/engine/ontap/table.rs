//! ONTAP's output formats: column tables with dashed rules, the entry count footer, and sizes.

/// A table as ONTAP prints it.
#[must_use]
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    if rows.is_empty() {
        return "This table is currently empty.\n".into();
    }
    let widths: Vec<usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            rows.iter().map(|r| r.get(i).map_or(0, String::len)).max().unwrap_or(0).max(h.len())
        })
        .collect();
    let line = |cells: Vec<String>| {
        let s: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        format!("{}\n", s.join(" ").trim_end())
    };
    let mut out = line(headers.iter().map(|h| (*h).to_string()).collect());
    out += &line(widths.iter().map(|w| "-".repeat(*w)).collect());
    for r in rows {
        out += &line(r.clone());
    }
    if rows.len() > 1 {
        out += &format!("{} entries were displayed.\n", rows.len());
    }
    out
}

/// `42GB`, `1.20TB`: ONTAP's human sizes.
#[must_use]
pub fn size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 4] =
        [("PB", 1 << 50), ("TB", 1 << 40), ("GB", 1 << 30), ("MB", 1 << 20)];
    for (unit, scale) in UNITS {
        if bytes >= scale {
            let v = bytes as f64 / scale as f64;
            return if (v - v.round()).abs() < 0.005 {
                format!("{}{unit}", v.round())
            } else {
                format!("{v:.2}{unit}")
            };
        }
    }
    format!("{bytes}B")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_ontap_tables_and_sizes() {
        let t = table(
            &["Node", "Health"],
            &[vec!["n1".into(), "true".into()], vec!["node-2".into(), "false".into()]],
        );
        assert_eq!(
            t,
            "Node   Health\n------ ------\nn1     true\nnode-2 false\n2 entries were displayed.\n"
        );
        assert_eq!(table(&["A"], &[]), "This table is currently empty.\n");
        assert_eq!(size(100 << 30), "100GB");
        assert_eq!(size(1228 << 30), "1.20TB");
    }
}
