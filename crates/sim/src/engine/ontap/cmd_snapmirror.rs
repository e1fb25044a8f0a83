//! `snapmirror show`, `snapmirror delete` and `snapmirror release` on the source. After a break,
//! delete or release leaves the ANF volume unusable, as Microsoft's how-to warns.

use crate::engine::ontap::cli::Command;
use crate::engine::ontap::table::{size, table};
use crate::engine::Engine;
use crate::model::key;
use crate::model::replication::MirrorState;
use crate::timefmt::hms;

impl Engine {
    /// `(volume key, source path, destination path)` of the relationships from this cluster.
    fn relationships_from(&self, ckey: &str) -> Vec<(String, String, String)> {
        self.world
            .volumes
            .iter()
            .filter_map(|(k, v)| {
                let m = v.migration.as_ref()?;
                let rel = m.relationship.as_ref()?;
                if rel.released || rel.deleted_at.is_some() || m.cluster.as_deref() != Some(ckey) {
                    return None;
                }
                let anf_svm = v
                    .backend
                    .as_deref()
                    .and_then(|b| self.world.backends.get(&key(b)))
                    .map(|b| b.svm.clone())?;
                Some((
                    k.clone(),
                    format!("{}:{}", m.remote.server_name, m.remote.volume_name),
                    format!("{anf_svm}:{}", v.creation_token),
                ))
            })
            .collect()
    }

    pub(in crate::engine) fn snapmirror_show(&self, ckey: &str) -> String {
        let now = self.now;
        let rows: Vec<Vec<String>> = self
            .relationships_from(ckey)
            .into_iter()
            .filter_map(|(k, src, dst)| {
                let rel = self.world.volumes[&k].migration.as_ref()?.relationship.as_ref()?;
                let state = match rel.mirror {
                    MirrorState::Uninitialized => "Uninitialized",
                    MirrorState::Mirrored => "Snapmirrored",
                    MirrorState::Broken => "Broken-off",
                };
                Some(vec![
                    src,
                    "XDP".into(),
                    dst,
                    state.into(),
                    rel.status().into(),
                    size(rel.total_progress(now)),
                    rel.healthy().to_string(),
                    rel.lag_secs(now).map_or("-".into(), hms),
                ])
            })
            .collect();
        table(
            &[
                "Source Path",
                "Type",
                "Destination Path",
                "Mirror State",
                "Relationship Status",
                "Total Progress",
                "Healthy",
                "Lag Time",
            ],
            &rows,
        )
    }

    pub(in crate::engine) fn snapmirror_remove(
        &mut self,
        ckey: &str,
        cmd: &Command,
    ) -> Result<String, String> {
        let src = cmd.get("source-path");
        let dst = cmd.get("destination-path");
        if src.is_none() && dst.is_none() {
            return Err("Error: Missing required parameter \"-destination-path\".\n".into());
        }
        let found: Vec<String> = self
            .relationships_from(ckey)
            .into_iter()
            .filter(|(_, s, d)| src.is_none_or(|x| x == s) && dst.is_none_or(|x| x == d))
            .map(|(k, _, _)| k)
            .collect();
        if found.is_empty() {
            return Err(
                "Error: command failed: No SnapMirror relationship matches the given paths.\n"
                    .into(),
            );
        }
        for k in &found {
            self.release_on_source(k);
        }
        let verb = if cmd.words[1] == "delete" { "deleted" } else { "released" };
        Ok(format!("Operation succeeded: snapmirror relationship {verb}.\n"))
    }
}

#[cfg(test)]
mod tests {
    use crate::testkit::Kit;

    #[test]
    fn show_lists_relationships_with_progress() {
        let mut k = Kit::new();
        assert_eq!(k.cli("snapmirror show"), "This table is currently empty.\n");
        k.migrate_until_replicating("mig1", "vol_scratch", 60);
        let out = k.cli("snapmirror show");
        assert!(
            out.contains("svm_nfs:vol_scratch")
                && out.contains("anf_svm_01:mig1")
                && out.contains("Transferring"),
            "{out}"
        );
        k.wait(60);
        assert!(k.cli("snapmirror show").contains("Snapmirrored"));
    }

    #[test]
    fn delete_and_release_need_a_matching_relationship() {
        let mut k = Kit::new();
        assert!(k.cli("snapmirror release").contains("Missing required parameter"));
        assert!(k
            .cli("snapmirror release -destination-path x:y")
            .contains("No SnapMirror relationship"));
        k.migrate_until_replicating("mig1", "vol_scratch", 60);
        assert!(k.cli("snapmirror release -destination-path anf_svm_01:mig1").contains("released"));
        assert_eq!(k.cli("snapmirror show"), "This table is currently empty.\n");
    }
}
