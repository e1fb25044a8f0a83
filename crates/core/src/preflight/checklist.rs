//! What ARM can't check: the source cluster and the network between it and Azure.
//!
//! The person who runs the migration confirms each item; the confirmation is kept with every
//! migration created afterwards, so anyone looking at a migration later can see what was
//! promised before it started. Texts follow Microsoft's how-to ("Migrate volumes to Azure
//! NetApp Files", Requirements and Before you begin).

use crate::ids::PoolId;
use crate::migration_meta::ConfirmedItem;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// One item the user confirms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChecklistItem {
    /// Stable id, stored in [`ConfirmedChecklist::items`]; never renamed.
    pub id: &'static str,
    /// What must be true, as a short sentence.
    pub title: &'static str,
    /// Why it matters: what goes wrong otherwise.
    pub why: &'static str,
    /// How to check it on the source (an ONTAP command, or where to look).
    pub check: &'static str,
    /// What to do when it does not hold.
    pub fix: &'static str,
}

const ITEMS: &[ChecklistItem] = &[
    ChecklistItem {
        id: "ontap-version",
        title: "The source cluster runs ONTAP 9.10.0 or later",
        why: "The migration assistant peers with the source cluster and replicates with SnapMirror features that need ONTAP 9.10.0; on older releases cluster peering fails.",
        check: "version",
        fix: "Upgrade the cluster (cluster image update) to 9.10.0 or later before you start; for Cloud Volumes ONTAP, upgrade from BlueXP.",
    },
    ChecklistItem {
        id: "snapmirror-license",
        title: "A SnapMirror licence is applied to the source cluster",
        why: "Data moves with SnapMirror; without the licence the relationship can't be created and no transfer starts.",
        check: "system license show -package SnapMirror",
        fix: "Obtain the SnapMirror entitlement through your account team (ask for an Azure Technology Specialist) and add it with system license add -license-code <code>.",
    },
    ChecklistItem {
        id: "snapshot-locking-off",
        title: "Snapshot locking is off for the source volumes",
        why: "With snapshot locking on, transfers fail and the migration shows a \"Last transfer error\".",
        check: "volume show -vserver <svm> -fields snapshot-locking-enabled",
        fix: "Turn it off per volume: volume modify -vserver <svm> -volume <volume> -snapshot-locking-enabled false (see ONTAP's snapshot locking documentation).",
    },
    ChecklistItem {
        id: "no-external-flexgroup",
        title: "No source volume is a FlexGroup",
        why: "External FlexGroup volumes can't be migrated to Azure NetApp Files large volumes; their migration fails.",
        check: "volume show -vserver <svm> -volume-style-extended flexgroup",
        fix: "Migrate only FlexVol volumes with the assistant; move FlexGroup data another way (for example a file copy into a regular or large volume).",
    },
    ChecklistItem {
        id: "firewall-open",
        title: "ICMP, TCP 11104, TCP 11105 and HTTPS are open both ways between every intercluster LIF and the delegated subnet",
        why: "Cluster peering uses ICMP and TCP 11104, SnapMirror transfers use TCP 11105, and set-up calls use HTTPS; if any intercluster LIF can't reach the Azure NetApp Files subnet (over ExpressRoute or VPN), peering or transfers fail.",
        check: "network interface show -service-policy default-intercluster (list the LIFs), then network ping -lif <lif> -vserver <cluster> -destination <address in the delegated subnet>",
        fix: "Open the four rules, in both directions, in the on-premises firewall and in any network security group or route on the delegated subnet's side, for every intercluster LIF.",
    },
    ChecklistItem {
        id: "no-earlier-peering",
        title: "No earlier peering request to Azure NetApp Files is left on the source cluster",
        why: "A new cluster peering request fails while an earlier request or a stale peer is still listed on the source.",
        check: "cluster peer show",
        fix: "Delete earlier peers to Azure NetApp Files that are not in use: cluster peer delete -cluster <peer cluster name> (and vserver peer delete for their SVM peers).",
    },
];

/// Every item, in the order shown.
#[must_use]
pub fn items() -> &'static [ChecklistItem] {
    ITEMS
}

/// The item with this id.
#[must_use]
pub fn item(id: &str) -> Option<&'static ChecklistItem> {
    ITEMS.iter().find(|i| i.id == id)
}

/// The items the user confirmed, and when. Kept per scope, and copied into each migration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfirmedChecklist {
    /// Ids of the confirmed items ([`ChecklistItem::id`]), in the list's order.
    pub items: Vec<String>,
    /// When the last change was made.
    pub confirmed_at: Timestamp,
}

impl ConfirmedChecklist {
    /// A confirmation of `ids` at `now`: unknown ids are dropped (a stored list from an older
    /// version must not claim items that no longer exist) and the rest put in the list's order.
    #[must_use]
    pub fn new<'a>(ids: impl IntoIterator<Item = &'a str>, now: Timestamp) -> Self {
        let given: Vec<&str> = ids.into_iter().collect();
        let items =
            ITEMS.iter().filter(|i| given.contains(&i.id)).map(|i| i.id.to_owned()).collect();
        Self { items, confirmed_at: now }
    }

    /// Whether `id` was confirmed.
    #[must_use]
    pub fn contains(&self, id: &str) -> bool {
        self.items.iter().any(|i| i == id)
    }

    /// The items not confirmed yet.
    #[must_use]
    pub fn missing(&self) -> Vec<&'static ChecklistItem> {
        ITEMS.iter().filter(|i| !self.contains(i.id)).collect()
    }

    /// Every item is confirmed.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.missing().is_empty()
    }

    /// Every item of the list, ticked or not, in the shape kept with each migration
    /// ([`MigrationMeta::checklist`](crate::migration_meta::MigrationMeta::checklist)).
    #[must_use]
    pub fn to_meta_items(&self) -> Vec<ConfirmedItem> {
        ITEMS
            .iter()
            .map(|i| ConfirmedItem {
                id: i.id.to_owned(),
                label: i.title.to_owned(),
                confirmed: self.contains(i.id),
            })
            .collect()
    }
}

/// The Web Storage key of the checklist confirmed for a pool. ARM ids are case-insensitive, so
/// the key is too.
#[must_use]
pub fn storage_key(pool: &PoolId) -> String {
    format!("anf-migrate.preflight-checklist.{}", pool.to_string().to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::SubscriptionId;

    #[test]
    fn ids_are_unique_and_every_item_says_why_and_what_to_do() {
        let list = items();
        assert_eq!(list.len(), 6);
        for (n, i) in list.iter().enumerate() {
            assert!(list[n + 1..].iter().all(|o| o.id != i.id), "duplicate id {}", i.id);
            assert!(!i.why.is_empty() && !i.fix.is_empty() && !i.check.is_empty(), "{}", i.id);
        }
        let firewall = item("firewall-open").unwrap();
        for port in ["ICMP", "11104", "11105", "HTTPS"] {
            assert!(firewall.title.contains(port), "{port}");
        }
        assert_eq!(item("no-earlier-peering").unwrap().check, "cluster peer show");
        assert!(item("nope").is_none());
    }

    #[test]
    fn a_confirmation_keeps_known_ids_in_list_order() {
        let c = ConfirmedChecklist::new(
            ["firewall-open", "gone-item", "ontap-version", "ontap-version"],
            Timestamp(5),
        );
        assert_eq!(c.items, vec!["ontap-version".to_owned(), "firewall-open".to_owned()]);
        assert!(c.contains("firewall-open"));
        assert!(!c.is_complete());
        assert_eq!(c.missing().len(), 4);
        let all = ConfirmedChecklist::new(items().iter().map(|i| i.id), Timestamp(6));
        assert!(all.is_complete());
        assert!(all.missing().is_empty());
        let meta = c.to_meta_items();
        assert_eq!(meta.len(), 6);
        assert_eq!(meta.iter().filter(|i| i.confirmed).count(), 2);
        assert_eq!(meta[0].label, item("ontap-version").unwrap().title);
    }

    #[test]
    fn round_trips_as_camel_case_json() {
        let c = ConfirmedChecklist::new(["snapmirror-license"], Timestamp(1_700_000_000_000));
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"items": ["snapmirror-license"], "confirmedAt": 1_700_000_000_000u64})
        );
        assert_eq!(serde_json::from_value::<ConfirmedChecklist>(json).unwrap(), c);
    }

    #[test]
    fn the_storage_key_ignores_case() {
        let a = SubscriptionId::new("ABC").resource_group("RG").account("Acc").pool("P1");
        let b = SubscriptionId::new("abc").resource_group("rg").account("acc").pool("p1");
        assert_eq!(storage_key(&a), storage_key(&b));
        assert!(storage_key(&a).starts_with("anf-migrate.preflight-checklist./subscriptions/abc"));
    }
}
