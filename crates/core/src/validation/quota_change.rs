//! After the migration: a new quota for the volume (Volumes_Update) and a new replication
//! schedule while it still replicates.
//!
//! Microsoft's how-to suggests creating the migration volume 20 % larger than the source and
//! shrinking it once migrated. A new quota keeps to the spec's `usageThreshold` range (50 GiB
//! at least, whole GiB; regular volumes at most 100 TiB, large volumes 2400 GiB to 2400 TiB)
//! and may not go below the data the volume holds. ANF does not report that size on the volume
//! (the spec's volume properties have no used size); it is Azure Monitor's `VolumeLogicalSize`
//! metric of the volume, or before cut-over the replication's transferred bytes, so the caller
//! passes it in.

use super::quota::{format_size, validate_quota, SizeUnit, GIB, MIN_QUOTA_BYTES};
use super::{choices::parse_replication_schedule, fields, FieldError};
use crate::models::{MirrorState, ReplicationSchedule, Volume};

/// What a new quota is checked against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VolumeSize {
    /// The quota now, in bytes.
    pub current_bytes: u64,
    /// The data the volume holds, in bytes, when known.
    pub used_bytes: Option<u64>,
    /// A large volume (its own size range).
    pub is_large_volume: bool,
    /// The pool's capacity not given to volumes, when known (growth must fit in it).
    pub pool_free_bytes: Option<u64>,
}

impl VolumeSize {
    /// The sizes of `volume`, with its used size and its pool's free capacity when known.
    #[must_use]
    pub fn of(volume: &Volume, used_bytes: Option<u64>, pool_free_bytes: Option<u64>) -> Self {
        Self {
            current_bytes: volume.properties.usage_threshold,
            used_bytes,
            is_large_volume: volume.properties.is_large_volume.unwrap_or(false),
            pool_free_bytes,
        }
    }

    /// The smallest quota allowed: the used size rounded up to whole GiB, and 50 GiB at least.
    #[must_use]
    pub fn smallest_bytes(&self) -> u64 {
        let used = self.used_bytes.unwrap_or(0).div_ceil(GIB) * GIB;
        used.max(MIN_QUOTA_BYTES)
    }

    /// "412 GiB used of 600 GiB" for the field's hint; `None` while the used size is unknown.
    #[must_use]
    pub fn hint(&self) -> Option<String> {
        let used = self.used_bytes?;
        Some(format!("{} used of {}.", format_size(used), format_size(self.current_bytes)))
    }
}

/// A new quota that passed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewQuota {
    /// In bytes, for [`Client::change_quota`](crate::arm::Client::change_quota).
    pub bytes: u64,
    /// Something to point out that does not block.
    pub warning: Option<FieldError>,
}

/// Checks a new quota typed for a volume of `size`.
///
/// # Errors
/// A [`FieldError`] on `newQuota`: not a size, out of the spec's range, the current quota,
/// below the used size, or more growth than the pool has free.
pub fn validate_new_quota(
    text: &str,
    unit: SizeUnit,
    size: &VolumeSize,
) -> Result<NewQuota, FieldError> {
    let checked = validate_quota(text, unit, size.is_large_volume, None)
        .map_err(|e| FieldError::new(fields::NEW_QUOTA, e.message))?;
    let bytes = checked.bytes;
    let err = |m: String| Err(FieldError::new(fields::NEW_QUOTA, m));
    if bytes == size.current_bytes {
        return err(format!("{} is the quota now; enter a different size.", format_size(bytes)));
    }
    if let Some(used) = size.used_bytes {
        if bytes < used {
            return err(format!(
                "The volume holds {} of data, so its quota can't be smaller: choose {} or more.",
                format_size(used),
                format_size(size.smallest_bytes())
            ));
        }
    }
    if let Some(free) = size.pool_free_bytes {
        let growth = bytes.saturating_sub(size.current_bytes);
        if growth > free {
            return err(format!(
                "Growing by {} needs more than the {} the capacity pool has free; resize the \
                 pool first, or choose at most {}.",
                format_size(growth),
                format_size(free),
                format_size(size.current_bytes + free / GIB * GIB)
            ));
        }
    }
    let warning = match size.used_bytes {
        None if bytes < size.current_bytes => Some(
            "The volume's used size isn't known here; Azure refuses a quota below it.".to_owned(),
        ),
        // Less than a fifth left free leaves little room for new writes.
        Some(used) if used.saturating_mul(5) > bytes.saturating_mul(4) => {
            Some(format!("Only {} would stay free for new writes.", format_size(bytes - used)))
        }
        _ => checked.warning.map(|w| w.message),
    };
    Ok(NewQuota { bytes, warning: warning.map(|m| FieldError::new(fields::NEW_QUOTA, m)) })
}

/// Checks a new replication schedule for `volume`: a migration volume whose replication still
/// runs (not broken by a cut-over), and a schedule other than the current one.
///
/// # Errors
/// A [`FieldError`] on `replicationSchedule`.
pub fn validate_schedule_change(
    text: &str,
    volume: &Volume,
) -> Result<ReplicationSchedule, FieldError> {
    let schedule = parse_replication_schedule(text)?;
    let err = |m: String| Err(FieldError::new(fields::SCHEDULE, m));
    let Some(rep) = volume.replication().filter(|_| volume.is_migration()) else {
        return err(
            "Only a migration volume that still replicates has a schedule to change.".into()
        );
    };
    if rep.mirror_state == Some(MirrorState::Broken) {
        return err(
            "The replication is broken (cut over), so no transfers are scheduled any more.".into(),
        );
    }
    if rep.replication_schedule.as_ref() == Some(&schedule) {
        return err(format!("The schedule is already {}.", schedule.label().to_lowercase()));
    }
    Ok(schedule)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{DataProtection, ReplicationObject, VolumeProperties};

    fn size(current_gib: u64, used_gib: Option<u64>) -> VolumeSize {
        VolumeSize {
            current_bytes: current_gib * GIB,
            used_bytes: used_gib.map(|g| g * GIB),
            is_large_volume: false,
            pool_free_bytes: Some(1024 * GIB),
        }
    }

    #[test]
    fn a_shrink_may_not_go_below_the_used_size() {
        let s = size(600, Some(412));
        assert_eq!(validate_new_quota("500", SizeUnit::GiB, &s).unwrap().bytes, 500 * GIB);
        let e = validate_new_quota("400", SizeUnit::GiB, &s).unwrap_err();
        assert_eq!(e.field, fields::NEW_QUOTA);
        assert!(e.message.contains("holds 412 GiB"), "{}", e.message);
        assert!(e.message.contains("choose 412 GiB or more"), "{}", e.message);
        assert_eq!(s.hint().unwrap(), "412 GiB used of 600 GiB.");
        // Close to the used size: allowed, with a word about the room left.
        let tight = validate_new_quota("420", SizeUnit::GiB, &s).unwrap();
        assert!(tight.warning.unwrap().message.contains("Only 8 GiB"));
    }

    #[test]
    fn the_spec_range_the_current_quota_and_the_pool_bound_it() {
        let s = size(600, Some(10));
        assert!(validate_new_quota("40", SizeUnit::GiB, &s)
            .unwrap_err()
            .message
            .contains("50 GiB"));
        assert_eq!(s.smallest_bytes(), MIN_QUOTA_BYTES);
        assert!(validate_new_quota("600", SizeUnit::GiB, &s)
            .unwrap_err()
            .message
            .contains("the quota now"));
        let e = validate_new_quota("2000", SizeUnit::GiB, &s).unwrap_err();
        assert!(e.message.contains("1 TiB the capacity pool has free"), "{}", e.message);
        assert!(validate_new_quota("1624", SizeUnit::GiB, &s).is_ok());
        let unknown = size(600, None);
        let w = validate_new_quota("100", SizeUnit::GiB, &unknown).unwrap().warning.unwrap();
        assert!(w.message.contains("used size isn't known"), "{}", w.message);
    }

    fn migration(schedule: &str, mirror: Option<MirrorState>) -> Volume {
        Volume {
            properties: VolumeProperties {
                volume_type: Some("Migration".into()),
                data_protection: Some(DataProtection {
                    replication: Some(ReplicationObject {
                        replication_schedule: Some(ReplicationSchedule::parse(schedule)),
                        mirror_state: mirror,
                        ..ReplicationObject::default()
                    }),
                    ..DataProtection::default()
                }),
                ..VolumeProperties::default()
            },
            ..Volume::default()
        }
    }

    #[test]
    fn a_schedule_changes_only_while_the_migration_replicates() {
        let v = migration("hourly", Some(MirrorState::Mirrored));
        assert_eq!(validate_schedule_change("daily", &v), Ok(ReplicationSchedule::Daily));
        let e = validate_schedule_change("Hourly", &v).unwrap_err();
        assert!(e.message.contains("already hourly"), "{}", e.message);
        let broken = migration("hourly", Some(MirrorState::Broken));
        assert!(validate_schedule_change("daily", &broken).unwrap_err().message.contains("broken"));
        let e = validate_schedule_change("daily", &Volume::default()).unwrap_err();
        assert_eq!(e.field, fields::SCHEDULE);
        assert!(validate_schedule_change("weekly", &v).is_err());
    }
}
