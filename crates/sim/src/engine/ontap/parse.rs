//! Reading a command line as ONTAP's clustershell does: command words and parameter names
//! take any unique prefix (`vol off -vs svm1 -vol vol1`), the first parameters of a command
//! may be given by position (`volume show svm1 vol1`), `-instance` is a flag, double quotes
//! group words, and `?` lists what can come next.

use crate::engine::ontap::command::Command;
use crate::engine::ontap::commands::{Spec, ALIASES, COMMANDS};
use crate::engine::ontap::show::SHOW_PARAMS;

/// Parameters that take no value.
const FLAGS: &[&str] = &["instance"];
/// Boolean parameters whose value may be left out (`-force` means `-force true`).
const BOOLEANS: &[&str] = &["force"];

/// Splits a line into tokens; double quotes group words.
fn tokens(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether `line` is a command the CLI knows (used to tell an answer from the next command).
#[must_use]
pub fn is_command(line: &str) -> bool {
    parse(line).is_ok()
}

/// Resolves the command words (abbreviations allowed) and the parameters.
///
/// # Errors
/// ONTAP's message for a command it does not know, an ambiguous abbreviation, a command
/// directory, an unknown or ambiguous parameter or a missing value; `?` returns the usage.
pub fn parse(line: &str) -> Result<Command, String> {
    let mut toks = tokens(line);
    if toks.first().is_some_and(|t| t == "?") {
        return Ok(Command { words: &["help"], params: Vec::new() });
    }
    if let Some((_, full)) = toks.first().and_then(|t| {
        let t = t.to_ascii_lowercase();
        ALIASES.iter().find(|(alias, _)| *alias == t)
    }) {
        toks.splice(0..1, full.iter().map(|w| (*w).to_string()));
    }
    let (spec, mut i) = command_words(&toks)?;
    let mut params: Vec<(&'static str, String)> = Vec::new();
    let mut positional = spec.positional.iter();
    while i < toks.len() {
        let t = &toks[i];
        if t == "?" {
            return Err(usage(spec));
        }
        let Some(name) = t.strip_prefix('-').filter(|n| !n.is_empty()) else {
            let next = positional.by_ref().find(|p| !params.iter().any(|(n, _)| n == *p));
            let Some(name) = next else {
                return Err(format!("Error: invalid argument \"{t}\"\n"));
            };
            params.push((name, t.clone()));
            i += 1;
            continue;
        };
        let full = resolve_param(spec, name, t)?;
        if FLAGS.contains(&full) {
            params.push((full, "true".into()));
            i += 1;
            continue;
        }
        let value = toks.get(i + 1).filter(|v| !v.starts_with('-') || v.len() == 1);
        match value {
            Some(v) => {
                params.push((full, v.clone()));
                i += 2;
            }
            None if BOOLEANS.contains(&full) => {
                params.push((full, "true".into()));
                i += 1;
            }
            None => return Err(format!("Error: Missing value for \"-{full}\".\n")),
        }
    }
    Ok(Command { words: spec.words, params })
}

/// The command the leading words name, and where its parameters start.
fn command_words(toks: &[String]) -> Result<(&'static Spec, usize), String> {
    let mut candidates: Vec<&'static Spec> = COMMANDS.iter().collect();
    let mut depth = 0;
    while depth < toks.len() && !toks[depth].starts_with('-') {
        let t = toks[depth].to_ascii_lowercase();
        if t == "?" {
            break;
        }
        let exact: Vec<&Spec> = candidates
            .iter()
            .copied()
            .filter(|c| c.words.get(depth) == Some(&t.as_str()))
            .collect();
        let matching: Vec<&Spec> = if exact.is_empty() {
            candidates
                .iter()
                .copied()
                .filter(|c| c.words.get(depth).is_some_and(|w| w.starts_with(&t)))
                .collect()
        } else {
            exact
        };
        let mut words: Vec<&str> = matching.iter().map(|c| c.words[depth]).collect();
        words.dedup();
        match words.len() {
            0 if candidates.iter().any(|c| c.words.len() == depth) => break,
            0 => {
                let so_far: Vec<&str> = toks[..=depth].iter().map(String::as_str).collect();
                return Err(format!(
                    "Error: \"{}\" is not a recognized command\n",
                    so_far.join(" ")
                ));
            }
            1 => candidates = matching,
            _ => {
                return Err(format!(
                    "Error: Ambiguous command.  Possible matches include:\n  {}\n",
                    words.join("\n  ")
                ))
            }
        }
        depth += 1;
        if candidates.len() == 1 && candidates[0].words.len() == depth {
            break;
        }
    }
    if let Some(spec) = candidates.iter().find(|c| c.words.len() == depth) {
        return Ok((spec, depth));
    }
    let so_far: Vec<&str> = toks[..depth].iter().map(String::as_str).collect();
    let mut next: Vec<&str> =
        candidates.iter().filter_map(|c| c.words.get(depth).copied()).collect();
    next.dedup();
    Err(format!(
        "Error: \"{}\" is a command directory. Commands in it: {}\n",
        so_far.join(" "),
        next.join(", ")
    ))
}

/// Every parameter name `spec` takes.
fn names(spec: &Spec) -> Vec<&'static str> {
    let mut all: Vec<&'static str> = spec.params.to_vec();
    if let Some(show) = spec.show {
        all.extend(SHOW_PARAMS);
        all.extend(show.fields.iter().map(|f| f.name).filter(|n| !spec.params.contains(n)));
    }
    all
}

/// A parameter's full name from what was typed (`-vs` for `-vserver`).
fn resolve_param(spec: &Spec, typed: &str, token: &str) -> Result<&'static str, String> {
    let lower = typed.to_ascii_lowercase();
    let all = names(spec);
    if let Some(exact) = all.iter().find(|p| **p == lower) {
        return Ok(exact);
    }
    let found: Vec<&'static str> = all.into_iter().filter(|p| p.starts_with(&lower)).collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(format!("Error: invalid argument \"{token}\"\n")),
        many => Err(format!(
            "Error: Ambiguous argument.  Possible matches include:\n  -{}\n",
            many.join("\n  -")
        )),
    }
}

/// What `<command> ?` prints: the command's parameters.
fn usage(spec: &Spec) -> String {
    let mut out = String::new();
    if spec.show.is_some() {
        out.push_str("  [ -instance | -fields <fieldname>, ... ]\n");
    }
    for p in spec.params {
        if spec.positional.contains(p) {
            out += &format!("  [-{p}] <{}>\n", p.replace('-', " "));
        } else {
            out += &format!("  [ -{p} <{}> ]\n", p.replace('-', " "));
        }
    }
    if let Some(show) = spec.show {
        for f in show.fields.iter().filter(|f| !f.hidden && !spec.params.contains(&f.name)) {
            out += &format!("  [ -{:<40}{}\n", format!("{} <text> ]", f.name), f.label);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_resolve_to_full_commands_and_parameters() {
        let c = parse("vol off -vs svm_nfs -vol vol_home").unwrap();
        assert_eq!(c.words, &["volume", "offline"]);
        assert_eq!(c.get("vserver"), Some("svm_nfs"));
        assert_eq!(c.get("volume"), Some("vol_home"));
        assert_eq!(
            parse("net int show -role intercluster").unwrap().words,
            &["network", "interface", "show"]
        );
        // `lag` is the only field starting so: it stands for `lag-time`.
        let c = parse("snapmirror show -fields lag -source-path a:b").unwrap();
        assert_eq!(c.get("fields"), Some("lag"));
        assert_eq!(c.get("source-path"), Some("a:b"));
    }

    #[test]
    fn positional_values_flags_and_aliases() {
        let c = parse("volume show svm_nfs vol_home").unwrap();
        assert_eq!((c.get("vserver"), c.get("volume")), (Some("svm_nfs"), Some("vol_home")));
        assert!(parse("volume show -instance").unwrap().flag("instance"));
        let c = parse("set adv").unwrap();
        assert_eq!((c.words, c.get("privilege")), (&["set"][..], Some("adv")));
        assert_eq!(parse("license show").unwrap().words, &["system", "license", "show"]);
        assert_eq!(parse("snap show").unwrap().words, &["volume", "snapshot", "show"]);
        assert!(parse("snapmirror release -destination-path a:b -force").unwrap().flag("force"));
        // Any field is a query parameter of a show command.
        let c = parse("volume show -volume-style-extended flexgroup").unwrap();
        assert_eq!(c.get("volume-style-extended"), Some("flexgroup"));
    }

    #[test]
    fn errors_in_ontaps_style() {
        assert_eq!(
            parse("frobnicate").err().unwrap(),
            "Error: \"frobnicate\" is not a recognized command\n"
        );
        assert_eq!(
            parse("volume show -bogus x").err().unwrap(),
            "Error: invalid argument \"-bogus\"\n"
        );
        assert!(parse("volume o -vserver x").err().unwrap().contains("Ambiguous command"));
        assert!(parse("volume show -vol x").err().unwrap().contains("Ambiguous argument"));
        assert!(parse("cluster peer").err().unwrap().contains("command directory"));
        assert!(parse("volume offline -vserver").err().unwrap().contains("Missing value"));
        assert_eq!(parse("version extra").err().unwrap(), "Error: invalid argument \"extra\"\n");
        assert!(parse("volume offline ?").err().unwrap().contains("[-volume] <volume>"));
    }
}
