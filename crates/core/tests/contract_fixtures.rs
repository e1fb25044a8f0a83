//! Contract tests on the project's own fixtures (written from the spec's facts): every
//! operation, both api-versions. Fixtures in `tests/fixtures/common` hold shapes that do not
//! differ between versions; `tests/fixtures/<version>` hold the ones that do.

mod contract;

use anf_core::api_version::ApiVersion;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    out.sort();
    out
}

#[test]
fn every_operation_matches_its_contract_on_both_api_versions() {
    let mut failures = Vec::new();
    for version in ApiVersion::ALL {
        let mut covered = Vec::new();
        for dir in [fixtures().join("common"), fixtures().join(version.as_str())] {
            for path in files(&dir) {
                let ex = contract::load(&path).unwrap();
                covered.push(ex.operation_id.clone());
                for e in contract::check(&ex, *version) {
                    failures.push(format!("{}: {e}", path.display()));
                }
            }
        }
        for op in contract::ops::all() {
            if !covered.iter().any(|c| c == op.id) {
                failures.push(format!("{version}: no fixture for {}", op.id));
            }
        }
    }
    assert!(failures.is_empty(), "{} contract failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_harness_catches_a_wrong_request() {
    // Guard against a harness that passes everything: a fixture whose path parameter differs
    // from what the client sends, and one whose body differs, must both be reported.
    let path = fixtures().join("common/Volumes_BreakReplication.json");
    let mut ex = contract::load(&path).unwrap();
    ex.params.insert("body".into(), serde_json::json!({"forceBreakReplication": "yes"}));
    let errs = contract::check(&ex, ApiVersion::V2026_04_01);
    assert!(errs.iter().any(|e| e.contains("body")), "{errs:?}");

    let mut ex = contract::load(&fixtures().join("common/Volumes_ReplicationStatus.json")).unwrap();
    ex.params.insert("volumeName".into(), serde_json::json!("vol/../x"));
    let errs = contract::check(&ex, ApiVersion::V2026_04_01);
    assert!(errs.iter().any(|e| e.contains("url")), "{errs:?}");
}

#[test]
fn the_harness_catches_a_dropped_field() {
    let mut ex = contract::load(&fixtures().join("common/Pools_List.json")).unwrap();
    // A field the UI reads but typed wrongly in the response must fail the check.
    let (_, _, body) = &mut ex.responses[0];
    body.as_mut().unwrap()["value"][0]["properties"]["size"] = serde_json::json!("big");
    let errs = contract::check(&ex, ApiVersion::V2025_12_01);
    assert!(!errs.is_empty());
}
