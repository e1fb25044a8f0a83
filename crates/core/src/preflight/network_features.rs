//! Standard network features: the migration assistant needs them on every migration volume.
//!
//! They are a property of each volume, not of the pool, and the app sets `networkFeatures:
//! Standard` on every migration volume it creates; what the pool already holds only tells
//! whether the network is used with Basic volumes too.

use super::Verdict;
use crate::models::{NetworkFeatures, Volume};

/// The verdict on the pool's volumes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetworkFeaturesCheck {
    /// Overall.
    pub verdict: Verdict,
    /// What it means and what to do.
    pub message: String,
    /// Volumes with Standard network features.
    pub standard: usize,
    /// Names of volumes with Basic network features (or none set, which means Basic).
    pub basic: Vec<String>,
    /// Names of migration volumes without Standard network features.
    pub migration_not_standard: Vec<String>,
}

fn is_standard(v: &Volume) -> bool {
    matches!(
        v.properties.network_features,
        Some(NetworkFeatures::Standard | NetworkFeatures::BasicStandard)
    )
}

/// Evaluates the volumes of the pool.
#[must_use]
pub fn evaluate(volumes: &[Volume]) -> NetworkFeaturesCheck {
    let name = |v: &Volume| v.short_name().unwrap_or("(unnamed)").to_owned();
    let standard = volumes.iter().filter(|v| is_standard(v)).count();
    let basic: Vec<String> = volumes.iter().filter(|v| !is_standard(v)).map(name).collect();
    let migration_not_standard: Vec<String> =
        volumes.iter().filter(|v| v.is_migration() && !is_standard(v)).map(name).collect();
    const SET: &str = "Each migration volume is created with Standard network features (the app sends networkFeatures: Standard).";
    let (verdict, message) = if !migration_not_standard.is_empty() {
        (
            Verdict::Fail,
            format!(
                "Migration volumes without Standard network features: {}. Change them with Edit network features on the volume in the portal, or az netappfiles volume update --network-features Standard.",
                migration_not_standard.join(", ")
            ),
        )
    } else if !basic.is_empty() {
        (
            Verdict::Warn,
            format!(
                "{SET} {} other volume{} in this pool use{} Basic network features, which does not block a migration; to change them, use Edit network features in the portal (Configure network features).",
                basic.len(),
                if basic.len() == 1 { "" } else { "s" },
                if basic.len() == 1 { "s" } else { "" }
            ),
        )
    } else if volumes.is_empty() {
        (Verdict::Pass, format!("{SET} The pool has no volumes yet."))
    } else {
        (Verdict::Pass, format!("{SET} Every volume in this pool already uses Standard."))
    };
    NetworkFeaturesCheck { verdict, message, standard, basic, migration_not_standard }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::VolumeProperties;

    fn vol(name: &str, features: Option<NetworkFeatures>, migration: bool) -> Volume {
        Volume {
            name: Some(format!("acc/pool/{name}")),
            properties: VolumeProperties {
                network_features: features,
                volume_type: migration.then(|| "Migration".to_owned()),
                ..VolumeProperties::default()
            },
            ..Volume::default()
        }
    }

    #[test]
    fn an_empty_or_standard_pool_passes() {
        assert_eq!(evaluate(&[]).verdict, Verdict::Pass);
        let c = evaluate(&[vol("a", Some(NetworkFeatures::Standard), true)]);
        assert_eq!((c.verdict, c.standard), (Verdict::Pass, 1));
    }

    #[test]
    fn basic_volumes_are_a_warning_with_the_way_to_change_them() {
        let c = evaluate(&[vol("a", None, false), vol("b", Some(NetworkFeatures::Basic), false)]);
        assert_eq!(c.verdict, Verdict::Warn);
        assert_eq!(c.basic, vec!["a".to_owned(), "b".to_owned()]);
        assert!(c.message.contains("Edit network features"));
    }

    #[test]
    fn a_migration_volume_without_standard_fails() {
        let c = evaluate(&[vol("m", Some(NetworkFeatures::Basic), true)]);
        assert_eq!(c.verdict, Verdict::Fail);
        assert_eq!(c.migration_not_standard, vec!["m".to_owned()]);
    }
}
