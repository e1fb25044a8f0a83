//! `volume snapshot show` (also `snapshot show` and `snap show`): each read-write data
//! volume's copies under ONTAP's `default` snapshot policy (six hourly at five past, two daily
//! at 00:10, two weekly on Sunday at 00:15) and, while a migration replicates it, the
//! SnapMirror snapshot of its last transfer. They are worked out from the clock, not stored.
//! Each holds the blocks clients overwrote until the next copy (a fifth of what they wrote).
//!
//! Layout from a published `snap show`: `---Blocks---` over the percentages, Vserver and
//! Volume printed once for a volume's copies, names like
//! `snapmirror.<uuid>_<id>.2019-09-19_074825`.

use crate::engine::ontap::command::Command;
use crate::engine::ontap::dates::{last_sunday, long_date, name_stamp};
use crate::engine::ontap::fields::{left, right, Field, Show, PLAIN};
use crate::engine::ontap::show::render;
use crate::engine::ontap::table::{percent, size};
use crate::engine::Engine;
use crate::model::ontap::{OntapVolume, VolumeType};

/// `volume snapshot show`.
pub const SNAPSHOT_SHOW: Show = Show {
    fields: &[
        Field::text("vserver", "Vserver"),
        Field::text("volume", "Volume"),
        Field::text("snapshot", "Snapshot"),
        Field::text("create-time", "Creation Time"),
        Field::text("busy", "Snapshot Busy"),
        Field::text("owners", "List of Owners"),
        Field::size("size", "Snapshot Size"),
        Field::number("percentage-of-total-blocks", "Percentage of Total Blocks"),
        Field::number("percentage-of-used-blocks", "Percentage of Used Blocks"),
        Field::text("snapmirror-label", "Label for SnapMirror Operations"),
    ],
    keys: &["vserver", "volume", "snapshot"],
    // A volume's copies come oldest first, not by name.
    order: &["vserver", "volume", "created-at"],
    columns: &[
        left("vserver", "Vserver", 8),
        left("volume", "Volume", 8),
        left("snapshot", "Snapshot", 37),
        right("size", "Size", 8),
        right("percentage-of-total-blocks", "Total%", 6),
        right("percentage-of-used-blocks", "Used%", 5),
    ],
    banner: "                                                                 ---Blocks---",
    group: 2,
    ..PLAIN
};

const HOUR_MS: u64 = 3_600_000;
const DAY_MS: u64 = 24 * HOUR_MS;

/// One snapshot copy.
struct Snapshot {
    vserver: String,
    volume: String,
    name: String,
    created: u64,
    size: u64,
    volume_size: u64,
    volume_used: u64,
    /// The SnapMirror copy of a running migration: busy, owned by SnapMirror.
    mirror: bool,
    label: &'static str,
}

/// The scheduled copies of `v` at time `now`: (name, time, SnapMirror label).
fn scheduled(now: u64) -> Vec<(String, u64, &'static str)> {
    let mut out = Vec::new();
    let last_hourly = (now.saturating_sub(5 * 60_000) / HOUR_MS) * HOUR_MS + 5 * 60_000;
    for i in 0..6 {
        out.push(("hourly", last_hourly.saturating_sub(i * HOUR_MS), "-"));
    }
    let last_daily = (now.saturating_sub(10 * 60_000) / DAY_MS) * DAY_MS + 10 * 60_000;
    for i in 0..2 {
        out.push(("daily", last_daily.saturating_sub(i * DAY_MS), "daily"));
    }
    let sunday = last_sunday(now.saturating_sub(15 * 60_000) / DAY_MS) * DAY_MS + 15 * 60_000;
    for i in 0..2 {
        out.push(("weekly", sunday.saturating_sub(i * 7 * DAY_MS), "weekly"));
    }
    out.into_iter()
        .map(|(kind, t, label)| (format!("{kind}.{}", name_stamp(t, false)), t, label))
        .collect()
}

impl Engine {
    fn snapshots(&self, ckey: &str) -> Vec<Snapshot> {
        let now = self.now;
        let c = &self.world.clusters[ckey];
        let mirrors = self.relationships_from(ckey);
        let mut out = Vec::new();
        for v in c.volumes.iter().filter(|v| c.svms.iter().any(|s| s.name == v.svm)) {
            let mut copies: Vec<(String, u64, &'static str, bool)> = Vec::new();
            if v.volume_type == VolumeType::Rw && !v.root {
                copies.extend(scheduled(now).into_iter().map(|(n, t, l)| (n, t, l, false)));
            }
            let source = format!("{}:{}", v.svm, v.name);
            for (vkey, _, _) in mirrors.iter().filter(|(_, s, _)| *s == source) {
                let anf = &self.world.volumes[vkey];
                let taken =
                    anf.migration.as_ref().and_then(|m| m.relationship.as_ref()?.snapshot_at);
                if let Some(t) = taken {
                    // The number is the destination volume's MSID (just above 2^31).
                    let msid = 2_147_483_648
                        + u64::from_str_radix(&anf.file_system_id[..6], 16).unwrap_or(0);
                    let name =
                        format!("snapmirror.{}_{msid}.{}", anf.file_system_id, name_stamp(t, true));
                    copies.push((name, t, "-", true));
                }
            }
            copies.sort_by_key(|c| c.1);
            for (i, (name, created, label, mirror)) in copies.iter().enumerate() {
                let next = copies.get(i + 1).map_or(now, |c| c.1);
                out.push(Snapshot {
                    vserver: v.svm.clone(),
                    volume: v.name.clone(),
                    name: name.clone(),
                    created: *created,
                    size: changed(v, *created, next),
                    volume_size: v.size,
                    volume_used: v.logical_used,
                    mirror: *mirror,
                    label,
                });
            }
        }
        out
    }

    pub(in crate::engine) fn snapshot_show(
        &self,
        ckey: &str,
        cmd: &Command,
    ) -> Result<String, String> {
        let rows = self.snapshots(ckey);
        let value = |s: &Snapshot, field: &str| -> String {
            match field {
                "vserver" => s.vserver.clone(),
                "volume" => s.volume.clone(),
                "snapshot" => s.name.clone(),
                "create-time" => long_date(s.created),
                "busy" => s.mirror.to_string(),
                "owners" if s.mirror => "snapmirror".into(),
                "size" => size(s.size),
                "percentage-of-total-blocks" => percent(s.size, s.volume_size),
                "percentage-of-used-blocks" => percent(s.size, s.volume_used.max(1)),
                "snapmirror-label" => s.label.into(),
                "created-at" => format!("{:020}", s.created),
                _ => "-".into(),
            }
        };
        render(&SNAPSHOT_SHOW, &rows, &value, cmd)
    }
}

/// Share of client writes that overwrite blocks a copy still holds (the rest is new data).
const OVERWRITE_PERCENT: u64 = 20;

/// Blocks clients overwrote on `v` between `from` and `to`: what a copy taken at `from` holds.
fn changed(v: &OntapVolume, from: u64, to: u64) -> u64 {
    let written = v.change_rate.saturating_mul(to.saturating_sub(from) / 1000);
    let bytes = written / 100 * OVERWRITE_PERCENT;
    if v.online {
        bytes.min(v.logical_used)
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use crate::testkit::Kit;

    #[test]
    fn lists_the_default_policys_copies_oldest_first_under_the_blocks_banner() {
        let mut k = Kit::new();
        let out = k.cli("volume snapshot show -vserver svm_nfs -volume vol_home");
        assert!(out.starts_with(&format!("{}---Blocks---\n", " ".repeat(65))), "{out}");
        let names: Vec<&str> = out
            .lines()
            .filter_map(|l| l.split_whitespace().find(|w| w.contains('.') && w.contains('_')))
            .collect();
        assert_eq!(names.len(), 10, "{out}");
        assert!(names[0].starts_with("weekly."), "{names:?}");
        assert!(names[9].starts_with("hourly."), "{names:?}");
        // Vserver and Volume are printed once, on the first copy's line.
        assert_eq!(out.matches("vol_home").count(), 1, "{out}");
        assert!(out.ends_with("10 entries were displayed.\n"), "{out}");
        assert!(k.cli("snap show -volume vol_home -snapshot daily*").contains("2 entries"));
    }

    #[test]
    fn a_replicating_volume_has_its_snapmirror_copy() {
        let mut k = Kit::new();
        assert!(!k.cli("snapshot show -volume vol_scratch").contains("snapmirror."));
        k.migrate_until_replicating("mig1", "vol_scratch", 60);
        k.wait(60);
        let out = k.cli(
            "volume snapshot show -volume vol_scratch -snapshot snapmirror* -fields owners,busy",
        );
        assert!(out.contains(" true snapmirror"), "{out}");
    }
}
