//! The wave plan: rows from a paste, a CSV or a pick, each keeping its origin; defaults for
//! empty cells; explicit drops; saved whole.

use anf_core::validation::quota::GIB;
use anf_core::wave::{
    parse_volume_show, quota_with_headroom, read_csv, suggest_target_name, Column, PickedVolume,
    RowOrigin, SourceFacts, WavePlan,
};
use anf_core::wizard::new_migration::suggest_quota;

const PASTE: &str = "cl01::> volume show -vserver * -fields vserver,volume,size,logical-used
vserver volume   size  logical-used
------- -------- ----- ------------
svm1    app01    1TB   450GB
svm1    app02    2TB   -
2 entries were displayed.";

fn plan() -> WavePlan {
    let mut p = WavePlan::new("Wave 1", "fallback-cl");
    p.defaults.pool = "premium-pool".into();
    p.defaults.export_clients = "10.0.0.0/16".into();
    p
}

#[test]
fn a_paste_adds_rows_with_their_lines_and_the_prompts_cluster() {
    let mut p = plan();
    let report = p.add_ontap_output(&parse_volume_show(PASTE));
    assert_eq!(report.added, [0, 1]);
    assert_eq!(p.rows[0].origin, RowOrigin::Paste { line: 4 });
    assert_eq!(p.rows[0].source_cluster, "cl01");
    assert_eq!(p.rows[0].logical_size, "450GB");
    // No logical-used: the size stands in, and the admin is told.
    assert_eq!(p.rows[1].logical_size, "2TB");
    assert_eq!(report.notes.len(), 1);
    assert_eq!(report.notes[0].0, RowOrigin::Paste { line: 5 });
    assert!(report.notes[0].1.contains("size 2TB"), "{:?}", report.notes);
    // The same paste again adds nothing.
    let again = p.add_ontap_output(&parse_volume_show(PASTE));
    assert!(again.added.is_empty());
    assert_eq!(again.notes.len(), 3, "{:?}", again.notes);
    assert!(again.notes[1].1.contains("already in the wave (pasted line 4)"), "{:?}", again.notes);
    assert_eq!(p.rows.len(), 2);
}

#[test]
fn csv_and_picked_rows_keep_their_origin() {
    let mut p = plan();
    p.add_rows(read_csv("svm,source_volume\r\ns1,v1\r\n\r\ns1,v2\r\n").unwrap().rows);
    p.add_picked(&[PickedVolume {
        cluster: "cl02".into(),
        svm: " s2 ".into(),
        volume: "v9".into(),
        logical_bytes: Some(300 * GIB),
        facts: SourceFacts::default(),
    }]);
    let origins: Vec<String> = p.rows.iter().map(|r| r.origin.to_string()).collect();
    assert_eq!(origins, ["line 2", "line 4", "picked volume 1"]);
    assert_eq!(p.rows[2].svm, "s2", "cells are trimmed");
    assert_eq!(p.rows[2].logical_size, "300GB");
}

#[test]
fn empty_cells_take_the_waves_defaults() {
    let mut p = plan();
    p.add_ontap_output(&parse_volume_show(PASTE));
    p.rows[1].schedule = "daily".into();
    let first = p.effective(&p.rows[0]);
    assert_eq!(first.get(Column::SourceCluster), "cl01", "the row's own cluster");
    assert_eq!(first.get(Column::TargetVolume), "app01");
    assert_eq!(first.get(Column::Quota), "540 GiB", "450 GiB plus 20 %");
    assert_eq!(first.get(Column::Pool), "premium-pool");
    assert_eq!(first.get(Column::Protocol), "NFSv3");
    assert_eq!(first.get(Column::Schedule), "hourly");
    assert_eq!(first.get(Column::ExportClients), "10.0.0.0/16");
    assert!(first.defaulted.contains(&Column::Quota) && !first.defaulted.contains(&Column::Svm));
    let second = p.effective(&p.rows[1]);
    assert_eq!(second.get(Column::Schedule), "daily", "a typed cell wins");
    assert!(!second.defaulted.contains(&Column::Schedule));
    p.rows[0].source_cluster.clear();
    assert_eq!(p.effective(&p.rows[0]).get(Column::SourceCluster), "fallback-cl");
    // A wider headroom is applied to the logical size.
    p.defaults.quota_headroom_percent = 50;
    assert_eq!(p.effective(&p.rows[0]).get(Column::Quota), "675 GiB");
}

#[test]
fn headroom_at_20_percent_is_the_wizards_suggestion() {
    for gib in [1, 3, 41, 42, 100, 310, 500, 4096, 100_000] {
        let bytes = gib * GIB + 12_345;
        assert_eq!(
            quota_with_headroom(bytes, 20),
            suggest_quota(bytes).map(|s| s.gib * GIB),
            "{gib} GiB"
        );
    }
    assert_eq!(quota_with_headroom(0, 20), None);
}

#[test]
fn target_names_follow_anf_rules() {
    assert_eq!(suggest_target_name("app01_data"), "app01_data");
    assert_eq!(suggest_target_name("_hidden"), "v_hidden");
    assert_eq!(suggest_target_name("9lives"), "v9lives");
    assert_eq!(suggest_target_name(&"x".repeat(203)).len(), 64);
    assert_eq!(suggest_target_name(""), "");
}

#[test]
fn rows_are_dropped_only_when_asked_and_ids_are_not_reused() {
    let mut p = plan();
    p.add_ontap_output(&parse_volume_show(PASTE));
    let dropped = p.drop_rows(&[0]);
    assert_eq!(dropped.len(), 1);
    assert_eq!(dropped[0].source_volume, "app01");
    assert_eq!(p.rows.len(), 1);
    assert!(p.drop_rows(&[42]).is_empty());
    let added = p.add_ontap_output(&parse_volume_show(PASTE)).added;
    assert_eq!(added, [2], "app01 comes back with a new id");
    assert_eq!(p.row(2).unwrap().source_volume, "app01");
}

#[test]
fn the_plan_survives_a_save_and_a_reload() {
    let mut p = plan();
    p.peer_addresses.insert("cl01".into(), "10.0.0.1\n10.0.0.2".into());
    p.add_ontap_output(&parse_volume_show(PASTE));
    p.rows[0].facts.ontap_style = "flexgroup".into();
    let text = serde_json::to_string(&p).unwrap();
    assert_eq!(serde_json::from_str::<WavePlan>(&text).unwrap(), p);
    // A plan saved by an older build, with fields missing, still loads.
    let old: WavePlan =
        serde_json::from_str(r#"{"name":"w","rows":[{"svm":"s","sourceVolume":"v"}]}"#).unwrap();
    assert_eq!(old.defaults.quota_headroom_percent, 20);
    assert_eq!(old.rows[0].source_volume, "v");
    assert_eq!(
        WavePlan::storage_key("tenant-1", "user-9"),
        "anf-migrate.wave-plans.tenant-1.user-9"
    );
}

#[test]
fn a_source_volume_is_added_once_whatever_its_case_or_where_its_cluster_comes_from() {
    let mut p = plan();
    let cluster = p.source_cluster.clone();
    let csv = format!(
        "source_cluster,svm,source_volume\r\n,svm1,Vol_A\r\n{},SVM1,vol_a\r\n,svm1,vol_b\r\n,svm1,\r\n,svm1,\r\n",
        cluster.to_uppercase()
    );
    let report = p.add_rows(read_csv(&csv).unwrap().rows);
    // Line 3 is line 2 again (the plan's cluster, in capitals; the SVM and volume in another
    // case); rows without a source volume are never duplicates of each other.
    assert_eq!(report.added.len(), 4, "{:?}", report.notes);
    assert_eq!(report.notes.len(), 1, "{:?}", report.notes);
    assert_eq!(report.notes[0].0.to_string(), "line 3");
    assert!(report.notes[0].1.contains("already in the wave (line 2)"), "{:?}", report.notes);
    // And against the rows already there, in a later addition.
    let again = p.add_rows(read_csv("svm,source_volume\nsvm1,VOL_B\nsvm1,vol_c\n").unwrap().rows);
    assert_eq!(again.added.len(), 1);
    assert!(
        again.notes[0].1.contains("svm1:VOL_B is already in the wave (line 4)"),
        "{:?}",
        again.notes
    );
}
