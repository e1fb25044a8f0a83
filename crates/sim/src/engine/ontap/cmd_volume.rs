//! `volume show` (default table, `-fields`, `-instance`, queries on any field),
//! `volume offline|online` (offline stops client writes: no more changes to transfer) and
//! `volume modify -snapshot-locking-enabled`.
//!
//! The fields, their labels and their order are ONTAP 9's: the labels and order of `volume
//! show -instance` in the delfin fixtures (Vserver Name, Volume Name, Aggregate Name, ...,
//! Volume Type, Snapshot Policy, Node name), the order `-fields` prints them in published
//! sessions (`vserver volume aggr-list size state volume-style volume-style-extended
//! junction-path`; `vserver volume size total used logical-used logical-used-percent`).
//! `vsroot` is the clustershell's field for an SVM root volume; `is-vserver-root` (the name
//! ONTAP's APIs give it, which the app's wave import reads) is accepted as a second name.

use crate::engine::ontap::command::Command;
use crate::engine::ontap::fields::{left, right, Field, Show, PLAIN};
use crate::engine::ontap::show::render;
use crate::engine::ontap::table::{percent, size};
use crate::engine::Engine;
use crate::model::ontap::{Cluster, OntapVolume, VolumeType};

/// `volume show`.
pub const VOLUME_SHOW: Show = Show {
    fields: &[
        Field::text("vserver", "Vserver Name"),
        Field::text("volume", "Volume Name"),
        Field::text("aggregate", "Aggregate Name"),
        Field::text("aggr-list", "List of Aggregates for FlexGroup Constituents"),
        Field::size("size", "Volume Size"),
        Field::text("state", "Volume State"),
        Field::text("volume-style", "Volume Style"),
        Field::text("volume-style-extended", "Extended Volume Style"),
        Field::text("policy", "Export Policy"),
        Field::text("security-style", "Security Style"),
        Field::text("junction-path", "Junction Path"),
        Field::size("available", "Available Size"),
        Field::size("total", "Total User-Visible Size"),
        Field::size("used", "Used Size"),
        Field::number("percent-used", "Used Percentage"),
        Field::text("type", "Volume Type"),
        Field::text("snapshot-policy", "Snapshot Policy"),
        Field::text("node", "Node name"),
        Field::text("vsroot", "Vserver Root Volume"),
        Field::text("is-vserver-root", "Vserver Root Volume").hidden(),
        Field::size("logical-used", "Logical Used Size"),
        Field::number("logical-used-percent", "Logical Used Percentage"),
        Field::text("snapshot-locking-enabled", "Snapshot Locking Enabled"),
    ],
    keys: &["vserver", "volume"],
    // The published `volume show` table: Vserver 9, Volume 12, Aggregate 12, State 10,
    // Type 4, Size 10, Available 10, Used% 5; sizes right-aligned.
    columns: &[
        left("vserver", "Vserver", 9),
        left("volume", "Volume", 12),
        left("aggregate", "Aggregate", 12),
        left("state", "State", 10),
        left("type", "Type", 4),
        right("size", "Size", 10),
        right("available", "Available", 10),
        right("percent-used", "Used%", 5),
    ],
    label_width: 47,
    instance_on_keys: true,
    ..PLAIN
};

/// The space a snapshot reserve keeps out of what clients see (ONTAP's default 5%).
const SNAPSHOT_RESERVE_PERCENT: u64 = 5;
/// Physical use of data volumes against their logical use: storage efficiency saves ~15%.
const PHYSICAL_PERCENT: u64 = 85;

/// A volume's space as `volume show` reports it.
struct Space {
    total: u64,
    used: u64,
}

fn space(v: &OntapVolume) -> Space {
    let total = v.size * (100 - SNAPSHOT_RESERVE_PERCENT) / 100;
    let used = if v.root { v.logical_used } else { v.logical_used * PHYSICAL_PERCENT / 100 };
    Space { total, used: used.min(total) }
}

/// The node that owns aggregate `aggr` (`aggr1_node2` is on the second node).
fn node_of(c: &Cluster, aggr: &str) -> String {
    let index = aggr.rsplit("node").next().and_then(|n| n.parse::<usize>().ok());
    index.and_then(|i| c.nodes.get(i.wrapping_sub(1))).map_or("-".into(), |n| n.name.clone())
}

/// Whether the volume's SVM is a data SVM (a node's `vol0` belongs to the node).
fn in_data_svm(c: &Cluster, v: &OntapVolume) -> bool {
    c.svms.iter().any(|s| s.name == v.svm)
}

/// A volume's value of a `volume show` field, as ONTAP prints it.
fn value(c: &Cluster, v: &OntapVolume, field: &str) -> String {
    let s = space(v);
    let data = in_data_svm(c, v);
    let flag = |b: bool| if b { "true" } else { "false" }.to_string();
    match field {
        "vserver" => v.svm.clone(),
        "volume" => v.name.clone(),
        "aggregate" => v.aggregate.clone(),
        "aggr-list" if v.flexgroup => {
            let aggrs: Vec<String> =
                (1..=c.nodes.len()).map(|i| format!("aggr1_node{i}")).collect();
            aggrs.join(",")
        }
        "size" => size(v.size),
        "state" => if v.online { "online" } else { "offline" }.into(),
        "volume-style" => if v.flexgroup { "flexgroup" } else { "flex" }.into(),
        "volume-style-extended" => if v.flexgroup { "flexgroup" } else { "flexvol" }.into(),
        "policy" if data => "default".into(),
        "security-style" if data => "unix".into(),
        "junction-path" if data && v.online && v.volume_type == VolumeType::Rw => {
            if v.root {
                "/".into()
            } else {
                format!("/{}", v.name)
            }
        }
        "available" => size(s.total - s.used),
        "total" => size(s.total),
        "used" => size(s.used),
        "percent-used" => percent(s.used, s.total),
        "type" => v.volume_type.as_str().into(),
        "snapshot-policy" if data && v.volume_type == VolumeType::Rw => "default".into(),
        "snapshot-policy" => "none".into(),
        "node" if !v.flexgroup => node_of(c, &v.aggregate),
        "vsroot" | "is-vserver-root" => flag(v.root && data),
        "logical-used" => size(v.logical_used),
        "logical-used-percent" => percent(v.logical_used, s.total),
        "snapshot-locking-enabled" => flag(v.snapshot_locking),
        _ => "-".into(),
    }
}

impl Engine {
    pub(in crate::engine) fn volume_show(
        &self,
        ckey: &str,
        cmd: &Command,
    ) -> Result<String, String> {
        let c = &self.world.clusters[ckey];
        render(&VOLUME_SHOW, &c.volumes, &|v, f| value(c, v, f), cmd)
    }

    pub(in crate::engine) fn volume_set_online(
        &mut self,
        ckey: &str,
        cmd: &Command,
        online: bool,
    ) -> Result<String, String> {
        let (svm, name) = (cmd.require("vserver")?.to_string(), cmd.require("volume")?.to_string());
        let now = self.now;
        let v = self
            .world
            .clusters
            .get_mut(ckey)
            .and_then(|c| c.volume_mut(&svm, &name))
            .ok_or_else(|| format!("Error: command failed: Volume \"{name}\" in Vserver \"{svm}\" does not exist.\n"))?;
        let word = if online { "online" } else { "offline" };
        if v.online == online {
            return Err(format!(
                "Error: command failed: Volume \"{svm}:{name}\" is already {word}.\n"
            ));
        }
        if v.root && !online {
            return Err(format!("Error: command failed: Volume \"{name}\" is the root volume of Vserver \"{svm}\" and can't be taken offline.\n"));
        }
        v.set_online(now, online);
        Ok(format!("Volume \"{svm}:{name}\" is now {word}.\n"))
    }

    pub(in crate::engine) fn volume_modify(
        &mut self,
        ckey: &str,
        cmd: &Command,
    ) -> Result<String, String> {
        let (svm, name) = (cmd.require("vserver")?.to_string(), cmd.require("volume")?.to_string());
        let lock = match cmd.get("snapshot-locking-enabled") {
            Some("true") => true,
            Some("false") => false,
            Some(x) => return Err(format!("Error: \"{x}\" is an invalid value for field \"-snapshot-locking-enabled\" (possible values: true, false).\n")),
            None => return Err("Error: command failed: Nothing to modify.\n".into()),
        };
        let v = self
            .world
            .clusters
            .get_mut(ckey)
            .and_then(|c| c.volume_mut(&svm, &name))
            .ok_or_else(|| format!("Error: command failed: Volume \"{name}\" in Vserver \"{svm}\" does not exist.\n"))?;
        v.snapshot_locking = lock;
        Ok(format!("Volume modify successful on volume {name} of Vserver {svm}.\n"))
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::ontap::fields::NO_MATCH;
    use crate::testkit::Kit;
    use anf_core::wave::parse_volume_show;

    #[test]
    fn shows_volumes_in_the_default_table_and_one_in_detail() {
        let mut k = Kit::new();
        let out = k.cli("volume show");
        let head =
            "Vserver   Volume       Aggregate    State      Type       Size  Available Used%\n";
        assert!(out.starts_with(head), "{out}");
        assert!(out.contains("vol_archive") && out.contains("entries were displayed."), "{out}");
        // A node's root volume sits in the node's Vserver, whose name is too long for the
        // column: the rest of the row moves to the next line.
        assert!(out.contains("onprem-cl01-01\n          vol0 "), "{out}");
        let one = k.cli("volume show -vserver svm_nfs -volume vol_home");
        assert!(
            one.starts_with("\n                                   Vserver Name: svm_nfs\n"),
            "{one}"
        );
        assert!(one.contains("Logical Used Size: 42GB") && one.contains("flexvol"), "{one}");
        assert_eq!(k.cli("volume show -volume nope"), NO_MATCH);
    }

    #[test]
    fn fields_print_keys_then_the_fields_in_the_commands_order() {
        let mut k = Kit::new();
        let out = k.cli("volume show -vserver svm_nfs -volume vol_home|vol_archive -fields type,size,logical-used");
        let expected = concat!(
            "vserver volume      size  type logical-used\n",
            "------- ----------- ----- ---- ------------\n",
            "svm_nfs vol_archive 2TB   RW   1.20TB\n",
            "svm_nfs vol_home    100GB RW   42GB\n",
            "2 entries were displayed.\n",
        );
        assert_eq!(out, expected);
        assert!(k.cli("volume show -fields nope").contains("invalid value for field \"-fields\""));
        // A field name may be abbreviated to a unique prefix, not to an ambiguous one.
        assert!(k.cli("volume show -fields logical-used-p").contains(" logical-used-percent\n"));
        assert!(k.cli("volume show -fields logical-u").starts_with("Error:"));
    }

    #[test]
    fn queries_take_wildcards_negation_and_comparisons() {
        let mut k = Kit::new();
        let out = k.cli("volume show -vserver svm_nfs -volume !*_root -size >1TB -fields size");
        assert!(out.contains("vol_archive") && !out.contains("vol_home"), "{out}");
        assert!(!out.contains("svm_nfs_root"), "{out}");
        let roots = k.cli("volume show -vsroot true -fields vsroot");
        assert!(roots.contains("svm_nfs_root") && !roots.contains("vol_home"), "{roots}");
        let flexgroups = k.cli("volume show -vserver svm_nfs -volume-style-extended flexgroup");
        assert_eq!(flexgroups, NO_MATCH);
    }

    #[test]
    fn the_wave_import_reads_what_the_console_prints() {
        let mut k = Kit::new();
        let out = k.cli(
            "volume show -vserver * -fields vserver,volume,size,logical-used,type,volume-style-extended",
        );
        let read = parse_volume_show(&out);
        assert!(read.problems.is_empty(), "{:?}\n{out}", read.problems);
        assert_eq!(read.volumes.len(), k.sim.world().clusters["onprem-cl01"].volumes.len());
        let home = read.volumes.iter().find(|v| v.volume == "vol_home").unwrap();
        assert_eq!(
            (home.size.as_deref(), home.logical_used.as_deref(), home.facts.ontap_type.as_str()),
            (Some("100GB"), Some("42GB"), "RW")
        );
        let root = read.volumes.iter().find(|v| v.volume == "svm_nfs_root").unwrap();
        assert!(root.facts.blocker(&root.volume).is_some());
    }

    #[test]
    fn offline_and_online_toggle_and_refuse_repeats() {
        let mut k = Kit::new();
        assert_eq!(
            k.cli("volume offline -vserver svm_nfs -volume vol_home"),
            "Volume \"svm_nfs:vol_home\" is now offline.\n"
        );
        assert!(k
            .cli("volume offline -vserver svm_nfs -volume vol_home")
            .contains("already offline"));
        assert!(k.cli("volume show -volume vol_home -fields state").contains("offline"));
        assert!(k.cli("volume online -vserver svm_nfs -volume vol_home").contains("now online"));
        assert!(k.cli("volume offline -vserver svm_nfs -volume nope").contains("does not exist"));
        assert!(k.cli("volume offline svm_nfs svm_nfs_root").contains("root volume"));
    }

    #[test]
    fn modify_snapshot_locking() {
        let mut k = Kit::new();
        assert!(k
            .cli("volume modify -vserver svm_nfs -volume vol_home -snapshot-locking-enabled maybe")
            .contains("invalid value"));
        assert!(k
            .cli("volume modify -vserver svm_nfs -volume vol_home -snapshot-locking-enabled true")
            .contains("successful"));
        assert!(k
            .cli("volume show -vserver svm_nfs -volume vol_home")
            .contains("Snapshot Locking Enabled: true"));
    }
}
