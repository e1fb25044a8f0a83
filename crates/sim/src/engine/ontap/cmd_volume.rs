//! `volume show`, `volume offline|online` (offline stops client writes: no more changes to
//! transfer) and `volume modify -snapshot-locking-enabled`.

use crate::engine::ontap::cli::Command;
use crate::engine::ontap::table::{size, table};
use crate::engine::Engine;

impl Engine {
    pub(in crate::engine) fn volume_show(
        &self,
        ckey: &str,
        cmd: &Command,
    ) -> Result<String, String> {
        let c = &self.world.clusters[ckey];
        let vols: Vec<_> = c
            .volumes
            .iter()
            .filter(|v| {
                cmd.get("vserver").is_none_or(|s| s == v.svm)
                    && cmd.get("volume").is_none_or(|n| n == v.name)
            })
            .collect();
        if let (Some(_), [v]) = (cmd.get("volume"), vols.as_slice()) {
            let state = if v.online { "online" } else { "offline" };
            let style = if v.flexgroup { "flexgroup" } else { "flexvol" };
            return Ok(format!(
                "                                   Vserver Name: {}\n                                    Volume Name: {}\n                                 Aggregate Name: {}\n                                    Volume Size: {}\n                              Logical Used Size: {}\n                                   Volume Style: {style}\n                                   Volume State: {state}\n                      Snapshot Locking Enabled: {}\n",
                v.svm, v.name, v.aggregate, size(v.size), size(v.logical_used), v.snapshot_locking
            ));
        }
        if vols.is_empty() && (cmd.get("vserver").is_some() || cmd.get("volume").is_some()) {
            return Err("There are no entries matching your query.\n".into());
        }
        let rows: Vec<Vec<String>> = vols
            .iter()
            .map(|v| {
                let used_pct = (v.logical_used as f64 / v.size as f64 * 100.0).round() as u64;
                vec![
                    v.svm.clone(),
                    v.name.clone(),
                    v.aggregate.clone(),
                    if v.online { "online".into() } else { "offline".into() },
                    "RW".into(),
                    size(v.size),
                    size(v.size.saturating_sub(v.logical_used)),
                    format!("{used_pct}%"),
                ]
            })
            .collect();
        Ok(table(
            &["Vserver", "Volume", "Aggregate", "State", "Type", "Size", "Available", "Used%"],
            &rows,
        ))
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
    use crate::testkit::Kit;

    #[test]
    fn shows_volumes_and_one_in_detail() {
        let mut k = Kit::new();
        let out = k.cli("volume show");
        assert!(out.contains("vol_archive") && out.contains("4 entries were displayed."), "{out}");
        let one = k.cli("volume show -vserver svm_nfs -volume vol_home");
        assert!(one.contains("Logical Used Size: 42GB") && one.contains("flexvol"), "{one}");
        assert!(k.cli("volume show -volume nope").contains("no entries"));
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
        assert!(k.cli("volume show").contains("offline"));
        assert!(k.cli("volume online -vserver svm_nfs -volume vol_home").contains("now online"));
        assert!(k.cli("volume offline -vserver svm_nfs -volume nope").contains("does not exist"));
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
