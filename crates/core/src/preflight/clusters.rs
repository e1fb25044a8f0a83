//! One subscription per source cluster: cluster peering fails when a second Azure subscription
//! migrates from the same external cluster. The app can only see the subscriptions the user can
//! list, so the verdict says how many it looked at.

use super::Verdict;
use crate::models::Volume;
use std::collections::BTreeMap;

/// A migration volume seen in some subscription.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MigrationSeen {
    /// The subscription's GUID.
    pub subscription_id: String,
    /// Its display name.
    pub subscription_name: String,
    /// The source cluster (`remotePath.externalHostName`).
    pub cluster: String,
    /// The volume's name.
    pub volume: String,
}

impl MigrationSeen {
    /// The migration behind `volume`, if it is a migration volume with a source.
    #[must_use]
    pub fn from_volume(
        subscription_id: &str,
        subscription_name: &str,
        volume: &Volume,
    ) -> Option<Self> {
        if !volume.is_migration() {
            return None;
        }
        let remote = volume.replication()?.remote_path.as_ref()?;
        Some(Self {
            subscription_id: subscription_id.to_owned(),
            subscription_name: subscription_name.to_owned(),
            cluster: remote.external_host_name.clone(),
            volume: volume.short_name().unwrap_or_default().to_owned(),
        })
    }
}

/// A source cluster that another subscription migrates from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterInUse {
    /// The cluster's name as first seen.
    pub cluster: String,
    /// Display names of the other subscriptions migrating from it.
    pub other_subscriptions: Vec<String>,
    /// Whether the chosen subscription migrates from it too (peering will fail).
    pub also_here: bool,
}

/// The verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterCheck {
    /// Overall.
    pub verdict: Verdict,
    /// What it means and what to do.
    pub message: String,
    /// Clusters other subscriptions migrate from.
    pub in_use_elsewhere: Vec<ClusterInUse>,
}

/// Evaluates the migrations seen from `here` (the chosen subscription). `source` is the cluster
/// the user means to migrate from, if they said; `checked` of `visible` subscriptions were read.
#[must_use]
pub fn evaluate(
    here: &str,
    seen: &[MigrationSeen],
    source: Option<&str>,
    checked: usize,
    visible: usize,
) -> ClusterCheck {
    let mut by_cluster: BTreeMap<String, ClusterInUse> = BTreeMap::new();
    for m in seen {
        let entry =
            by_cluster.entry(m.cluster.to_ascii_lowercase()).or_insert_with(|| ClusterInUse {
                cluster: m.cluster.clone(),
                other_subscriptions: Vec::new(),
                also_here: false,
            });
        if m.subscription_id.eq_ignore_ascii_case(here) {
            entry.also_here = true;
        } else if !entry.other_subscriptions.contains(&m.subscription_name) {
            entry.other_subscriptions.push(m.subscription_name.clone());
        }
    }
    let in_use_elsewhere: Vec<ClusterInUse> =
        by_cluster.into_values().filter(|c| !c.other_subscriptions.is_empty()).collect();
    let scope = format!(
        "Looked at the migration volumes of {checked} of the {visible} subscription{} you can see.",
        if visible == 1 { "" } else { "s" }
    );
    let source = source.map(str::trim).filter(|s| !s.is_empty());
    let blocking: Vec<&ClusterInUse> = in_use_elsewhere
        .iter()
        .filter(|c| c.also_here || source.is_some_and(|s| c.cluster.eq_ignore_ascii_case(s)))
        .collect();
    let (verdict, message) = if let Some(first) = blocking.first() {
        (
            Verdict::Fail,
            format!(
                "{} is being migrated from {} already; cluster peering from a second subscription fails. Finish (or cancel) those migrations first, or migrate into that subscription. {scope}",
                first.cluster,
                first.other_subscriptions.join(", ")
            ),
        )
    } else if !in_use_elsewhere.is_empty() && source.is_none() {
        let names: Vec<&str> = in_use_elsewhere.iter().map(|c| c.cluster.as_str()).collect();
        (
            Verdict::Warn,
            format!(
                "Other subscriptions migrate from {}. If your source cluster is one of these, finish those migrations first: peering from a second subscription fails. {scope}",
                names.join(", ")
            ),
        )
    } else {
        (
            Verdict::Pass,
            format!(
                "No other subscription migrates from {}. {scope}",
                source.unwrap_or("the same cluster")
            ),
        )
    };
    ClusterCheck { verdict, message, in_use_elsewhere }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{DataProtection, RemotePath, ReplicationObject, VolumeProperties};

    fn seen(sub: &str, cluster: &str) -> MigrationSeen {
        MigrationSeen {
            subscription_id: sub.into(),
            subscription_name: format!("Sub {sub}"),
            cluster: cluster.into(),
            volume: "v".into(),
        }
    }

    #[test]
    fn nothing_elsewhere_passes_and_says_what_was_checked() {
        let c = evaluate("a", &[seen("A", "cl1")], None, 2, 3);
        assert_eq!(c.verdict, Verdict::Pass);
        assert!(c.message.contains("2 of the 3 subscriptions"));
        assert!(c.in_use_elsewhere.is_empty());
    }

    #[test]
    fn another_subscription_on_a_cluster_is_a_warning_until_it_is_yours() {
        let s = [seen("b", "CL1")];
        let c = evaluate("a", &s, None, 2, 2);
        assert_eq!(c.verdict, Verdict::Warn);
        assert_eq!(c.in_use_elsewhere[0].other_subscriptions, vec!["Sub b".to_owned()]);
        assert_eq!(evaluate("a", &s, Some("cl1"), 2, 2).verdict, Verdict::Fail);
        assert_eq!(evaluate("a", &s, Some("cl2"), 2, 2).verdict, Verdict::Pass);
    }

    #[test]
    fn both_subscriptions_on_one_cluster_fail() {
        let c = evaluate("a", &[seen("a", "cl1"), seen("b", "cl1"), seen("b", "cl1")], None, 2, 2);
        assert_eq!(c.verdict, Verdict::Fail);
        assert!(c.in_use_elsewhere[0].also_here);
        assert_eq!(c.in_use_elsewhere[0].other_subscriptions.len(), 1);
    }

    #[test]
    fn only_migration_volumes_with_a_source_count() {
        let mut v = Volume { name: Some("acc/pool/vol1".into()), ..Volume::default() };
        assert_eq!(MigrationSeen::from_volume("s", "S", &v), None);
        v.properties = VolumeProperties {
            volume_type: Some("Migration".into()),
            data_protection: Some(DataProtection {
                replication: Some(ReplicationObject {
                    remote_path: Some(RemotePath {
                        external_host_name: "cl1".into(),
                        server_name: "svm".into(),
                        volume_name: "src".into(),
                    }),
                    ..ReplicationObject::default()
                }),
                ..DataProtection::default()
            }),
            ..VolumeProperties::default()
        };
        let m = MigrationSeen::from_volume("s", "S", &v).unwrap();
        assert_eq!((m.cluster.as_str(), m.volume.as_str()), ("cl1", "vol1"));
    }
}
