//! What the console keeps about a migration that ARM does not: the checklist the user
//! confirmed before creating it, the source's logical size, the intercluster addresses.
//!
//! Stored per volume in localStorage (it is no secret, and the details page needs it days
//! later), under [`storage_key`].

use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// Prefix of the storage key; the volume's ARM id follows.
pub const KEY_PREFIX: &str = "anf-migrate.migration-meta.";

/// The storage key for a volume: ARM ids are case-insensitive, so the id is lowercased.
#[must_use]
pub fn storage_key(volume_id: &str) -> String {
    format!("{KEY_PREFIX}{}", volume_id.trim().to_ascii_lowercase())
}

/// One checklist item the user confirmed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ConfirmedItem {
    /// Stable id of the item.
    pub id: String,
    /// The item as the user read it.
    pub label: String,
    /// Whether it was ticked.
    pub confirmed: bool,
}

/// Metadata of one migration volume.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MigrationMeta {
    /// The volume's ARM id.
    pub volume_id: String,
    /// When the create request was sent.
    pub created_at: Option<Timestamp>,
    /// Logical size of the source volume in bytes, as the user entered it.
    pub source_logical_bytes: Option<u64>,
    /// Intercluster LIF addresses entered with the form (pre-fill the peering wizard).
    pub peer_addresses: Vec<String>,
    /// The pre-flight checklist as confirmed when the migration was created.
    pub checklist: Vec<ConfirmedItem>,
    /// When the checklist was confirmed.
    pub checklist_confirmed_at: Option<Timestamp>,
}

impl MigrationMeta {
    /// Every checklist item was confirmed (and there was a checklist).
    #[must_use]
    pub fn checklist_complete(&self) -> bool {
        !self.checklist.is_empty() && self.checklist.iter().all(|i| i.confirmed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_is_case_insensitive() {
        let a = storage_key("/subscriptions/S/resourceGroups/RG/providers/Microsoft.NetApp/netAppAccounts/a/capacityPools/p/volumes/V1");
        let b = storage_key(" /subscriptions/s/resourcegroups/rg/providers/microsoft.netapp/netappaccounts/a/capacitypools/p/volumes/v1");
        assert_eq!(a, b);
        assert!(a.starts_with(KEY_PREFIX));
    }

    #[test]
    fn round_trips_and_reads_partial_records() {
        let m = MigrationMeta {
            volume_id: "/x".into(),
            created_at: Some(Timestamp(5)),
            source_logical_bytes: Some(1 << 30),
            peer_addresses: vec!["10.0.0.1".into()],
            checklist: vec![ConfirmedItem {
                id: "ontap".into(),
                label: "ONTAP 9.10.0+".into(),
                confirmed: true,
            }],
            checklist_confirmed_at: Some(Timestamp(4)),
        };
        let back: MigrationMeta =
            serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
        assert_eq!(back, m);
        assert!(m.checklist_complete());
        let partial: MigrationMeta = serde_json::from_str(r#"{"volumeId":"/y"}"#).unwrap();
        assert_eq!(partial.volume_id, "/y");
        assert!(!partial.checklist_complete());
    }
}
