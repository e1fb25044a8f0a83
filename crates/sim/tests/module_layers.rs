//! The crate's modules import each other in one direction only: front door -> routes -> engine
//! -> model (README, "Module layers"). This test reads the sources, lists every module's
//! `crate::`/`super::`/`self::` paths (in `use` declarations and in code), and fails on an
//! import that goes up a layer, on an import through the crate root's re-exports, and on any
//! import circle between files. Test code (`#[cfg(test)]` modules) is left out: tests drive
//! the simulator through the front door by design. An inline module other than tests is read
//! as part of its file, so it names `crate::` paths rather than `super::`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path ("engine::ops", "" for the crate root) -> the code outside its tests.
type Sources = BTreeMap<String, String>;

fn collect(dir: &Path, base: &Path, out: &mut Sources) {
    for entry in std::fs::read_dir(dir).expect("readable src directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect(&path, base, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(base).expect("under src").with_extension("");
            let mut segs: Vec<String> =
                rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
            if matches!(segs.last().map(String::as_str), Some("mod" | "lib")) {
                segs.pop();
            }
            let text = std::fs::read_to_string(&path).expect("readable source");
            out.insert(segs.join("::"), text);
        }
    }
}

/// The code before the file's trailing `#[cfg(test)] mod tests`, without comment lines.
fn code_of(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let end = lines.iter().position(|l| l.trim() == "#[cfg(test)]").unwrap_or(lines.len());
    if end < lines.len() {
        let next = lines[end + 1..].iter().find(|l| !l.trim().is_empty()).map(|l| l.trim());
        assert!(
            next.is_some_and(|l| l.starts_with("mod ") && l.ends_with('{')),
            "#[cfg(test)] must open the trailing tests module"
        );
    }
    lines[..end]
        .iter()
        .filter(|l| !l.trim_start().starts_with("//"))
        .copied()
        .collect::<Vec<_>>()
        .join("\n")
}

/// Modules the crate root declares under `#[cfg(test)]` (testkit and the cross-route tests).
fn test_only(root: &str) -> BTreeSet<String> {
    let lines: Vec<&str> = root.lines().map(str::trim).collect();
    lines
        .windows(2)
        .filter(|w| w[0] == "#[cfg(test)]")
        .filter_map(|w| w[1].strip_prefix("mod ")?.strip_suffix(';').map(str::to_string))
        .collect()
}

/// Expands a `use` tree (whitespace removed) into full paths.
fn expand(prefix: &[String], tree: &str, out: &mut Vec<Vec<String>>) {
    let mut path = prefix.to_vec();
    let mut rest = tree;
    loop {
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.len() - 1];
            let (mut depth, mut start) = (0, 0);
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&path, &inner[start..i], out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            expand(&path, &inner[start..], out);
            return;
        }
        let (seg, tail) = rest.split_once("::").unwrap_or((rest, ""));
        // `name as alias`: the name is what is imported.
        match seg.split('@').next().unwrap_or(seg) {
            "" | "self" | "*" => {}
            s => path.push(s.to_string()),
        }
        if tail.is_empty() {
            out.push(path);
            return;
        }
        rest = tail;
    }
}

/// Every path the code names that may be the crate's own: `use` trees, and inline paths that
/// start at `crate`, `super`, `self` or one of `children` (the module's own submodules).
fn paths_in(code: &str, children: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = code;
    while !rest.is_empty() {
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = rest[..line_end].trim_start();
        let decl = ["pub(crate) use ", "pub(super) use ", "pub use ", "use "]
            .iter()
            .find_map(|p| line.strip_prefix(p));
        match decl {
            Some(after) => {
                let offset = after.as_ptr() as usize - rest.as_ptr() as usize;
                let end = rest[offset..].find(';').map_or(rest.len(), |e| e + offset);
                let tree: String = rest[offset..end]
                    .replace(" as ", "@")
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                expand(&[], &tree, &mut out);
                rest = &rest[(end + 1).min(rest.len())..];
            }
            None => {
                plain += &rest[..line_end];
                rest = &rest[line_end..];
            }
        }
    }
    let bytes = plain.as_bytes();
    let anchors: Vec<String> = ["crate", "super", "self"]
        .iter()
        .map(|s| (*s).to_string())
        .chain(children.iter().cloned())
        .collect();
    for anchor in anchors {
        let anchor = format!("{anchor}::");
        let mut from = 0;
        while let Some(i) = plain[from..].find(&anchor).map(|i| i + from) {
            from = i + anchor.len();
            let before = if i == 0 { b' ' } else { bytes[i - 1] };
            if before.is_ascii_alphanumeric() || before == b'_' || before == b':' {
                continue;
            }
            let end = plain[i..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .map_or(plain.len(), |e| e + i);
            let path = plain[i..end].split("::").filter(|s| !s.is_empty());
            out.push(path.map(str::to_string).collect());
        }
    }
    out
}

/// The module a path names (its longest module prefix), seen from module `from`.
fn target(from: &str, path: &[String], modules: &Sources) -> Option<String> {
    let here: Vec<String> =
        if from.is_empty() { Vec::new() } else { from.split("::").map(str::to_string).collect() };
    let mut abs = match path.first().map(String::as_str) {
        Some("crate") => Vec::new(),
        Some("super" | "self") => here.clone(),
        Some(child)
            if modules
                .contains_key(&[here.clone(), vec![child.to_string()]].concat().join("::")) =>
        {
            here.clone()
        }
        _ => return None,
    };
    let mut segs = path.iter().peekable();
    if path.first().is_some_and(|s| s == "crate") {
        segs.next();
    }
    while let Some(s) = segs.next_if(|s| *s == "super" || *s == "self") {
        if s == "super" {
            abs.pop();
        }
    }
    let mut best = abs.join("::");
    for s in segs {
        abs.push(s.clone());
        let name = abs.join("::");
        if modules.contains_key(&name) {
            best = name;
        }
    }
    Some(best)
}

/// 3 front door, 2 routes, 1 engine, 0 model and the other leaves.
fn layer(module: &str) -> u8 {
    let top = module.split("::").next().unwrap_or_default();
    match top {
        "simulator" | "throttle" | "faults" | "log" | "latency" => 3,
        "routes" => 2,
        "engine" => 1,
        _ => 0,
    }
}

fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules = Sources::new();
    collect(&src, &src, &mut modules);
    let tests = test_only(&modules[""]);
    let is_test = |m: &str| tests.contains(m.split("::").next().unwrap_or_default());
    let mut graph = BTreeMap::new();
    for (m, text) in modules.iter().filter(|(m, _)| !m.is_empty() && !is_test(m)) {
        let prefix = format!("{m}::");
        let children: Vec<String> = modules
            .keys()
            .filter_map(|k| k.strip_prefix(&prefix))
            .filter(|k| !k.contains("::"))
            .map(str::to_string)
            .collect();
        let edges: BTreeSet<String> = paths_in(&code_of(text), &children)
            .iter()
            .filter_map(|p| target(m, p, &modules))
            .filter(|t| t != m)
            .collect();
        graph.insert(m.clone(), edges);
    }
    graph
}

#[test]
fn modules_import_downwards_only_and_never_through_the_root() {
    let mut wrong = Vec::new();
    for (m, edges) in imports() {
        for t in edges {
            if t.is_empty() {
                wrong.push(format!("{m} imports through the crate root; name the module"));
            } else if layer(&t) > layer(&m) {
                wrong.push(format!("{m} (layer {}) imports {t} (layer {})", layer(&m), layer(&t)));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_import_circle_between_files() {
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|s| s == m) {
            return Some(stack[i..].iter().cloned().chain([m.to_string()]).collect());
        }
        if !done.insert(m.to_string()) {
            return None;
        }
        stack.push(m.to_string());
        for t in graph.get(m).into_iter().flatten() {
            if let Some(circle) = visit(t, graph, done, stack) {
                return Some(circle);
            }
        }
        stack.pop();
        None
    }
    let graph = imports();
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        let circle = visit(m, &graph, &mut done, &mut Vec::new());
        assert!(circle.is_none(), "import circle: {}", circle.unwrap_or_default().join(" -> "));
    }
}

#[test]
fn the_reader_finds_the_imports_it_checks() {
    // The checks above pass trivially if the reader finds nothing; pin a few known edges.
    let graph = imports();
    let has = |from: &str, to: &str| graph.get(from).is_some_and(|e| e.contains(to));
    assert!(has("simulator", "routes::dispatch"), "{:?}", graph.get("simulator"));
    assert!(
        has("routes::break_replication", "routes"),
        "{:?}",
        graph.get("routes::break_replication")
    );
    assert!(
        has("routes::break_replication", "engine"),
        "{:?}",
        graph.get("routes::break_replication")
    );
    assert!(has("engine::ops", "http"), "{:?}", graph.get("engine::ops"));
    assert!(graph.len() > 60, "{} modules", graph.len());
}
