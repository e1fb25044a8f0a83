//! The `volume show -fields` reader: ONTAP's real table shapes, sizes in every unit, and what
//! cannot be migrated.

use anf_core::wave::{
    format_ontap_size, parse_ontap_size, parse_volume_show, NotMigratable, SourceFacts,
};

const PASTE: &str = "cluster1::> volume show -vserver * -fields vserver,volume,size,logical-used,type,volume-style-extended
vserver  volume        size   logical-used type volume-style-extended
-------- ------------- ------ ------------ ---- ---------------------
svm_nfs  app01_data    500GB  450GB        RW   flexvol
svm_nfs  big_archive   2PB    1.95TB       RW   flexvol
svm_nfs  fg_home       100TB  60TB         RW   flexgroup
svm_nfs  fg_home__0001 25TB   15TB         RW   flexgroup-constituent
svm_nfs  dr_copy       1TB    800GB        DP   flexvol
svm_nfs  svm_nfs_root  1GB    10KB         RW   flexvol
svm_sql  empty_vol     100MB  0B           RW   flexvol
svm_sql  fresh         20MB   -            RW   flexvol
8 entries were displayed.

cluster1::> ";

#[test]
fn reads_a_pasted_terminal_session() {
    let out = parse_volume_show(PASTE);
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert_eq!(out.cluster.as_deref(), Some("cluster1"));
    assert_eq!(out.volumes.len(), 8);
    let first = &out.volumes[0];
    assert_eq!(
        (first.line, first.vserver.as_str(), first.volume.as_str()),
        (4, "svm_nfs", "app01_data")
    );
    assert_eq!(first.logical_used.as_deref(), Some("450GB"));
    assert_eq!(first.size.as_deref(), Some("500GB"));
    // "-" is an empty value.
    assert_eq!(out.volumes[7].logical_used, None);
    assert_eq!(out.columns[3], "logical-used");
}

#[test]
fn flags_flexgroups_dp_and_root_volumes() {
    let out = parse_volume_show(PASTE);
    let blocker = |name: &str| {
        let v = out.volumes.iter().find(|v| v.volume == name).unwrap();
        v.facts.blocker(&v.volume)
    };
    assert_eq!(blocker("app01_data"), None);
    assert_eq!(blocker("fg_home"), Some(NotMigratable::FlexGroup { constituent: false }));
    assert_eq!(blocker("fg_home__0001"), Some(NotMigratable::FlexGroup { constituent: true }));
    assert_eq!(blocker("dr_copy"), Some(NotMigratable::NotReadWrite { ontap_type: "DP".into() }));
    assert_eq!(blocker("svm_nfs_root"), Some(NotMigratable::Root { by_name: true }));
    assert!(blocker("dr_copy").unwrap().to_string().contains("data-protection"));
    assert!(blocker("fg_home").unwrap().to_string().contains("FlexGroup"));
}

#[test]
fn is_vserver_root_decides_over_the_name() {
    let text = "volume show -fields volume,vserver,is-vserver-root,type
volume     vserver is-vserver-root type
---------- ------- --------------- ----
svm1_root  svm1    true            RW
data_root  svm1    false           RW
vol0       node1   -               RW
data       svm1    false           LS
4 entries were displayed.";
    let out = parse_volume_show(text);
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    let b: Vec<_> = out.volumes.iter().map(|v| v.facts.blocker(&v.volume)).collect();
    assert_eq!(b[0], Some(NotMigratable::Root { by_name: false }));
    assert_eq!(b[1], None, "is-vserver-root false wins over the _root name");
    assert_eq!(b[2], Some(NotMigratable::Root { by_name: true }), "vol0 is a node root");
    assert_eq!(b[3], Some(NotMigratable::NotReadWrite { ontap_type: "LS".into() }));
    assert_eq!(out.cluster, None);
}

#[test]
fn columns_in_any_order_and_any_subset_with_vserver_and_volume() {
    let text = "volume    vserver\n------    -------\nv1        s1\nv2        s2\n";
    let out = parse_volume_show(text);
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert_eq!(out.volumes[1].vserver, "s2");
    assert_eq!(out.volumes[1].volume, "v2");
    assert_eq!(out.volumes[1].facts, SourceFacts::default());
    let no_volume = "vserver size\n------- ----\ns1      1GB\n";
    let out = parse_volume_show(no_volume);
    assert!(out.volumes.is_empty());
    assert_eq!(out.problems.len(), 2, "{:?}", out.problems);
    assert_eq!(out.problems[0].line, 1);
    assert!(out.problems[0].message.contains("no volume column"), "{}", out.problems[0]);
}

#[test]
fn unreadable_lines_are_reported_with_their_number() {
    let text = "cluster1::*> volume show -fields size\r
vserver volume size\r
------- ------ ----\r
svm1    v1     1GB\r
svm1    v2 has spaces 2GB\r
svm1    v3\r
Press <space> to page down, <return> for next line, or 'q' to quit...\r
svm1    v4     3GB\r
3 entries were displayed.\r
";
    let out = parse_volume_show(text);
    assert_eq!(out.cluster.as_deref(), Some("cluster1"), "advanced-privilege prompt");
    let names: Vec<&str> = out.volumes.iter().map(|v| v.volume.as_str()).collect();
    assert_eq!(names, ["v1", "v4"]);
    let lines: Vec<usize> = out.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [5, 6]);
    assert!(
        out.problems[0].message.contains("5 values, but the header has 3"),
        "{}",
        out.problems[0]
    );
    assert_eq!(out.problems[0].to_string().split(':').next(), Some("line 5"));
}

#[test]
fn text_without_a_table_says_so() {
    let out = parse_volume_show("hello\n");
    assert!(out.volumes.is_empty());
    assert!(out.problems[0].message.contains("before the header"), "{:?}", out.problems);
    let out = parse_volume_show("\n\n");
    assert!(out.problems[0].message.contains("no volume show table"), "{:?}", out.problems);
}

#[test]
fn sizes_in_every_ontap_unit_are_binary() {
    let cases: [(&str, u64); 12] = [
        ("0B", 0),
        ("512B", 512),
        ("10KB", 10 * 1024),
        ("100MB", 100 << 20),
        ("500GB", 500 << 30),
        ("2PB", 2 << 50),
        ("1TB", 1 << 40),
        ("1.95TB", 2_144_047_674_163),
        ("1.5GB", 3 << 29),
        ("600 GiB", 600 << 30),
        ("2t", 2 << 40),
        ("1048576", 1 << 20),
    ];
    for (text, bytes) in cases {
        assert_eq!(parse_ontap_size(text), Ok(Some(bytes)), "{text}");
    }
    assert_eq!(parse_ontap_size("-"), Ok(None));
    assert_eq!(parse_ontap_size(" "), Ok(None));
    assert!(parse_ontap_size("5XB").unwrap_err().contains("unknown unit"));
    assert!(parse_ontap_size("abc").is_err());
    assert!(parse_ontap_size("1.2.3GB").is_err());
    assert!(parse_ontap_size("99999999PB").unwrap_err().contains("too large"));
}

#[test]
fn sizes_are_written_exactly() {
    for bytes in [0, 1, 1023, 1024, 500 << 30, 1536 << 20, 2 << 50, 2_144_047_674_163] {
        let text = format_ontap_size(bytes);
        assert_eq!(parse_ontap_size(&text), Ok(Some(bytes)), "{text}");
    }
    assert_eq!(format_ontap_size(500 << 30), "500GB");
    assert_eq!(format_ontap_size(1536 << 20), "1536MB");
    assert_eq!(format_ontap_size(0), "0B");
}
