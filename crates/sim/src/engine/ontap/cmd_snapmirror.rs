//! `snapmirror show`, `snapmirror list-destinations`, `snapmirror delete` and `snapmirror
//! release` on the source. After a break, delete or release leaves the ANF volume unusable, as
//! Microsoft's how-to warns.
//!
//! ONTAP's command reference says `snapmirror show` lists the relationships whose destination
//! is in the local cluster and `list-destinations` those whose source is; on a real source
//! cluster only `list-destinations` shows a migration. Here both show it, because the app's
//! hints watch the replication with `snapmirror show -source-path` on the source (reported to
//! be changed; then `snapmirror show` here should answer from destinations only).
//!
//! Layouts: the default `snapmirror show` table and the `-fields` order (`source-path
//! destination-path last-transfer-size last-transfer-duration lag-time`, `... newest-snapshot-
//! timestamp lag-time`) are from a published ONTAP session (cited in `table`);
//! `list-destinations` shows the default fields its command reference lists
//! (docs.netapp.com/us-en/ontap-cli/snapmirror-list-destinations.html), in columns of our
//! choosing: no published sample was found.

use crate::engine::ontap::command::Command;
use crate::engine::ontap::dates::{duration, short_stamp};
use crate::engine::ontap::fields::{left, right, Field, Show, PLAIN};
use crate::engine::ontap::show::render;
use crate::engine::ontap::table::size;
use crate::engine::Engine;
use crate::model::key;
use crate::model::netapp::Schedule;
use crate::model::replication::{MirrorState, Relationship};

/// `snapmirror show`.
pub const SNAPMIRROR_SHOW: Show = Show {
    fields: &[
        Field::text("source-path", "Source Path"),
        Field::text("source-vserver", "Source Vserver"),
        Field::text("source-volume", "Source Volume"),
        Field::text("destination-path", "Destination Path"),
        Field::text("destination-vserver", "Destination Vserver"),
        Field::text("destination-volume", "Destination Volume"),
        Field::text("type", "Relationship Type"),
        Field::text("policy", "SnapMirror Policy"),
        Field::text("schedule", "SnapMirror Schedule"),
        Field::text("state", "Mirror State"),
        Field::text("status", "Relationship Status"),
        Field::size("total-progress", "Total Progress"),
        Field::text("healthy", "Healthy"),
        Field::text("unhealthy-reason", "Unhealthy Reason"),
        Field::text("progress-last-updated", "Progress Last Updated"),
        Field::text("newest-snapshot", "Newest Snapshot"),
        Field::text("newest-snapshot-timestamp", "Newest Snapshot Timestamp"),
        Field::text("last-transfer-error", "Last Transfer Error"),
        Field::size("last-transfer-size", "Last Transfer Size"),
        Field::text("last-transfer-duration", "Last Transfer Duration"),
        Field::text("lag-time", "Lag Time"),
        Field::text("relationship-id", "Relationship ID"),
    ],
    keys: &["source-path", "destination-path"],
    columns: &[
        left("source-path", "Source\nPath", 11),
        left("type", "Type", 4),
        left("destination-path", "Destination\nPath", 12),
        left("state", "Mirror\nState", 7),
        left("status", "Relationship\nStatus", 14),
        left("total-progress", "Total\nProgress", 9),
        left("healthy", "Healthy", 7),
        left("progress-last-updated", "Progress\nLast\nUpdated", 8),
    ],
    ..PLAIN
};

/// `snapmirror list-destinations`.
pub const LIST_DESTINATIONS: Show = Show {
    fields: &[
        Field::text("source-path", "Source Path"),
        Field::text("destination-path", "Destination Path"),
        Field::text("type", "Relationship Type"),
        Field::text("status", "Relationship Status"),
        Field::size("transfer-progress", "Transfer Progress"),
        Field::text("progress-last-updated", "Progress Last Updated"),
        Field::text("relationship-id", "Relationship ID"),
    ],
    keys: &["source-path", "destination-path"],
    columns: &[
        left("source-path", "Source\nPath", 11),
        left("type", "Type", 4),
        left("destination-path", "Destination\nPath", 12),
        left("status", "Relationship\nStatus", 12),
        right("transfer-progress", "Transfer\nProgress", 9),
        left("progress-last-updated", "Progress\nLast\nUpdated", 14),
        left("relationship-id", "Relationship\nID", 12),
    ],
    ..PLAIN
};

/// A relationship from this cluster, for display.
struct Row<'a> {
    source: String,
    destination: String,
    rel: &'a Relationship,
    schedule: Schedule,
    id: String,
    now: u64,
}

fn value(r: &Row, field: &str) -> String {
    let rel = r.rel;
    let split = |path: &str, i: usize| path.split(':').nth(i).unwrap_or("-").to_string();
    match field {
        "source-path" => r.source.clone(),
        "source-vserver" => split(&r.source, 0),
        "source-volume" => split(&r.source, 1),
        "destination-path" => r.destination.clone(),
        "destination-vserver" => split(&r.destination, 0),
        "destination-volume" => split(&r.destination, 1),
        "type" => "XDP".into(),
        "policy" => "MirrorAllSnapshots".into(),
        "schedule" => match r.schedule {
            Schedule::TenMinutely => "10min".into(),
            Schedule::Hourly => "hourly".into(),
            Schedule::Daily => "daily".into(),
        },
        "state" => match rel.mirror {
            MirrorState::Uninitialized => "Uninitialized".into(),
            MirrorState::Mirrored => "Snapmirrored".into(),
            MirrorState::Broken => "Broken-off".into(),
        },
        "status" => rel.status().into(),
        "total-progress" => size(rel.total_progress(r.now)),
        "transfer-progress" => rel.transfer.as_ref().map_or("-".into(), |t| size(t.done_at(r.now))),
        "healthy" => rel.healthy().to_string(),
        "unhealthy-reason" => rel.last_error.clone().unwrap_or_else(|| "-".into()),
        "last-transfer-error" => rel.last_error.clone().unwrap_or_else(|| "-".into()),
        "progress-last-updated" if rel.transfer.is_some() => short_stamp(r.now),
        "newest-snapshot-timestamp" => rel.snapshot_at.map_or("-".into(), short_stamp),
        "lag-time" => rel.lag_secs(r.now).map_or("-".into(), duration),
        "relationship-id" => r.id.clone(),
        _ => "-".into(),
    }
}

impl Engine {
    /// `(volume key, source path, destination path)` of the relationships from this cluster.
    pub(in crate::engine) fn relationships_from(
        &self,
        ckey: &str,
    ) -> Vec<(String, String, String)> {
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

    fn snapmirror_rows(&self, ckey: &str) -> Vec<Row<'_>> {
        self.relationships_from(ckey)
            .into_iter()
            .filter_map(|(k, source, destination)| {
                let m = self.world.volumes.get(&k)?.migration.as_ref()?;
                Some(Row {
                    source,
                    destination,
                    rel: m.relationship.as_ref()?,
                    schedule: m.schedule,
                    id: m.replication_id.clone(),
                    now: self.now,
                })
            })
            .collect()
    }

    pub(in crate::engine) fn snapmirror_show(
        &self,
        ckey: &str,
        cmd: &Command,
    ) -> Result<String, String> {
        render(&SNAPMIRROR_SHOW, &self.snapmirror_rows(ckey), &value, cmd)
    }

    pub(in crate::engine) fn snapmirror_list_destinations(
        &self,
        ckey: &str,
        cmd: &Command,
    ) -> Result<String, String> {
        render(&LIST_DESTINATIONS, &self.snapmirror_rows(ckey), &value, cmd)
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
    use crate::engine::ontap::fields::EMPTY;
    use crate::testkit::Kit;

    #[test]
    fn show_lists_relationships_with_progress() {
        let mut k = Kit::new();
        assert_eq!(k.cli("snapmirror show"), EMPTY);
        assert_eq!(k.cli("snapmirror list-destinations"), EMPTY);
        k.migrate_until_replicating("mig1", "vol_scratch", 60);
        let out = k.cli("snapmirror show");
        assert!(out.starts_with(&format!("{}Progress\n", " ".repeat(71))), "{out}");
        assert!(
            out.contains("svm_nfs:vol_scratch\n            XDP  anf_svm_01:mig1\n")
                && out.contains("Transferring"),
            "{out}"
        );
        k.wait(60);
        assert!(k.cli("snapmirror show").contains("Snapmirrored"));
        let dest = k.cli("snapmirror list-destinations -source-path svm_nfs:vol_scratch");
        assert!(dest.contains("anf_svm_01:mig1") && dest.contains("Idle"), "{dest}");
    }

    #[test]
    fn fields_come_in_the_commands_order_with_lag_unpadded() {
        let mut k = Kit::new();
        k.migrate_until_replicating("mig1", "vol_scratch", 60);
        k.wait(60 + 3600 + 62);
        let out = k.cli("snapmirror show -fields lag,newest-snapshot-timestamp");
        let mut lines = out.lines();
        assert_eq!(
            lines.next().unwrap().split_whitespace().collect::<Vec<_>>(),
            ["source-path", "destination-path", "newest-snapshot-timestamp", "lag-time"]
        );
        let lag = lines.nth(1).unwrap().split_whitespace().last().unwrap().to_string();
        // An hourly schedule: the lag is under two hours and written h:m:s without padding.
        let parts: Vec<u64> = lag.split(':').map(|p| p.parse().unwrap()).collect();
        assert!(parts.len() == 3 && parts[0] < 2, "{lag}");
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
