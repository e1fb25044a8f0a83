//! One way for every `show` command to answer: its rows filtered by the query parameters,
//! then printed as `-fields`, `-instance` or the default table (see `fields` for the rules).

use crate::engine::ontap::command::Command;
use crate::engine::ontap::fields::{Field, Show, NO_MATCH};
use crate::engine::ontap::query::matches;
use crate::engine::ontap::table::{render_fields, render_instance, render_table};

/// Parameters of every `show` command that are not fields.
pub const SHOW_PARAMS: &[&str] = &["fields", "instance"];

/// The rows of a `show` command as ONTAP prints them for `cmd`; `value(row, field)` gives a
/// row's value of a field as printed.
///
/// # Errors
/// ONTAP's error for a `-fields` list naming a field the command does not have.
pub fn render<R>(
    show: &Show,
    rows: &[R],
    value: &dyn Fn(&R, &str) -> String,
    cmd: &Command,
) -> Result<String, String> {
    let asked = match cmd.get("fields") {
        Some("?") => return Ok(field_list(show.fields)),
        Some(list) => Some(resolve_fields(show.fields, list)?),
        None => None,
    };
    let queries: Vec<(&Field, &str)> = cmd
        .params
        .iter()
        .filter_map(|(name, v)| Some((show.fields.iter().find(|f| f.name == *name)?, v.as_str())))
        .collect();
    let mut kept: Vec<&R> = rows
        .iter()
        .filter(|r| queries.iter().all(|(f, q)| matches(f.kind, q, &value(r, f.name))))
        .collect();
    // ONTAP lists rows in the order of their keys.
    let order = if show.order.is_empty() { show.keys } else { show.order };
    kept.sort_by_cached_key(|r| order.iter().map(|k| value(r, k)).collect::<Vec<_>>());
    if kept.is_empty() {
        return Ok(if queries.is_empty() { show.empty.to_string() } else { NO_MATCH.to_string() });
    }
    if let Some(asked) = asked {
        let mut names: Vec<&str> = show.keys.to_vec();
        names.extend(
            show.fields
                .iter()
                .map(|f| f.name)
                .filter(|n| asked.contains(n) && !show.keys.contains(n)),
        );
        let table: Vec<Vec<String>> = kept
            .iter()
            .map(|r| names.iter().map(|n| dash_if_empty(value(r, n))).collect())
            .collect();
        return Ok(render_fields(&names, &table));
    }
    let keys_named = show.keys.iter().all(|k| cmd.get(k).is_some_and(is_exact));
    if cmd.flag("instance") || (show.instance_on_keys && keys_named && kept.len() == 1) {
        let views: Vec<Vec<(&str, String)>> = kept
            .iter()
            .map(|r| {
                show.fields
                    .iter()
                    .filter(|f| !f.hidden)
                    .map(|f| (f.label, value(r, f.name)))
                    .collect()
            })
            .collect();
        return Ok(render_instance(&views, show.label_width));
    }
    let table: Vec<Vec<String>> =
        kept.iter().map(|r| show.columns.iter().map(|c| value(r, c.field)).collect()).collect();
    Ok(render_table(show.columns, show.banner, &table, show.group, show.group_own_line))
}

/// The fields a `-fields` list names; each name may be any unique prefix (`lag` for
/// `lag-time`).
fn resolve_fields(fields: &[Field], list: &str) -> Result<Vec<&'static str>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|typed| {
            let lower = typed.to_ascii_lowercase();
            if let Some(f) = fields.iter().find(|f| f.name == lower) {
                return Ok(f.name);
            }
            let found: Vec<&Field> = fields.iter().filter(|f| f.name.starts_with(&lower)).collect();
            match found.as_slice() {
                [one] => Ok(one.name),
                _ => Err(format!("Error: \"{typed}\" is an invalid value for field \"-fields\"\n")),
            }
        })
        .collect()
}

/// What `-fields ?` lists.
fn field_list(fields: &[Field]) -> String {
    let lines: Vec<String> = fields
        .iter()
        .filter(|f| !f.hidden)
        .map(|f| format!("  {:<32}{}", f.name, f.label))
        .collect();
    lines.join("\n") + "\n"
}

/// A value with no query operator in it, which names one row.
fn is_exact(value: &str) -> bool {
    !value.contains(['*', '|', '!', '<', '>']) && !value.contains("..")
}

fn dash_if_empty(v: String) -> String {
    if v.is_empty() {
        "-".into()
    } else {
        v
    }
}
