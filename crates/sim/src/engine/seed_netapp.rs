//! The NetApp side of the seeded world beyond the basic sites (`seed::add_site`): Active
//! Directory connections, and the accounts and pools that let SMB volumes be tried both ways.
//!
//! In every scenario:
//! - the default account (`anf-contoso`) has an Active Directory connection (contoso.com), so
//!   SMB and dual-protocol migration volumes can be created in it;
//! - the default account also has a manual-QoS pool, [`MANUAL_QOS_POOL`] (Ultra, 4 TiB: 512
//!   MiB/s to share out), where each volume needs its `throughputMibps` and the pool refuses
//!   more than it has left (`CapacityPoolThroughputExceeded`); its name sorts after the
//!   default pool's, so lists keep `pool-standard` first;
//! - a second account in the same resource group, [`NFS_ONLY_ACCOUNT`] with pool
//!   [`NFS_ONLY_POOL`], has none: an SMB volume there is refused as ANF refuses it
//!   (`ActiveDirectoryNotConfigured`). By default ANF allows one Active Directory connection
//!   per subscription and region, not shared between accounts, so a second account without one
//!   is the usual case.
//!
//! Nothing here draws from the RNG (ids are fixed), so the ids every other part of the world
//! draws stay what they were.

use crate::engine::Engine;
use crate::model::key;
use crate::model::netapp::{Account, ActiveDirectory, Pool};
use crate::scenario::Scenario;

/// An account without an Active Directory connection, beside the default one.
pub const NFS_ONLY_ACCOUNT: &str = "anf-contoso-nfs";
/// The pool of [`NFS_ONLY_ACCOUNT`].
pub const NFS_ONLY_POOL: &str = "pool-nfs";
/// A manual-QoS pool in the default account.
pub const MANUAL_QOS_POOL: &str = "pool-ultra-manual";
/// The default account's AD DNS domain.
pub const AD_DOMAIN: &str = "contoso.com";

const TIB: u64 = 1 << 40;

/// Adds the connections, accounts and pools to a world that has its sites; `default_pool` is
/// the id of the default scope's pool, whose account gets the connection.
pub(crate) fn populate(engine: &mut Engine, _scenario: Scenario, default_pool: &str) {
    let Some((default_account, _)) = default_pool.split_once("/capacityPools/") else { return };
    let Some((accounts, _)) = default_account.rsplit_once('/') else { return };
    let account_id = |name: &str| format!("{accounts}/{name}");
    let location = engine.world.pools.get(&key(default_pool)).map(|p| p.location.clone());
    let Some(location) = location else { return };
    let default_name = engine.world.accounts.get(&key(default_account)).map(|a| a.name.clone());
    let manual_id = format!("{default_account}/capacityPools/{MANUAL_QOS_POOL}");
    engine.world.pools.insert(
        key(&manual_id),
        Pool {
            id: manual_id,
            name: format!("{}/{MANUAL_QOS_POOL}", default_name.unwrap_or_default()),
            location: location.clone(),
            service_level: "Ultra".into(),
            size: 4 * TIB,
            pool_id: "7e6f5a4b-3c2d-4e1f-9a8b-7c6d5e4f3a2b".into(),
            manual_qos: true,
        },
    );
    if let Some(a) = engine.world.accounts.get_mut(&key(default_account)) {
        a.active_directory = Some(ActiveDirectory {
            id: "5b2f3c1d-8e4a-4f6b-9c7d-1a2b3c4d5e6f".into(),
            domain: AD_DOMAIN.into(),
            dns: "10.20.0.4,10.20.0.5".into(),
            smb_server_name: "ANFSMB".into(),
            site: "Default-First-Site-Name".into(),
            organizational_unit: "OU=AzureNetAppFiles".into(),
            username: "anf-join".into(),
        });
    }
    let nfs_id = account_id(NFS_ONLY_ACCOUNT);
    engine.world.accounts.insert(
        key(&nfs_id),
        Account {
            id: nfs_id.clone(),
            name: NFS_ONLY_ACCOUNT.into(),
            location: location.clone(),
            active_directory: None,
        },
    );
    let pool_id = format!("{nfs_id}/capacityPools/{NFS_ONLY_POOL}");
    engine.world.pools.insert(
        key(&pool_id),
        Pool {
            id: pool_id,
            name: format!("{NFS_ONLY_ACCOUNT}/{NFS_ONLY_POOL}"),
            location,
            service_level: "Standard".into(),
            size: 4 * TIB,
            pool_id: "0c8d7e6f-5a4b-4c3d-8e2f-1a0b9c8d7e6f".into(),
            manual_qos: false,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{code, json_of, Kit, A25, A26, GIB};
    use serde_json::{json, Value};

    fn smb_body(k: &Kit, token: &str, protocols: Value) -> Value {
        let mut b = k.migration_body(token, "vol_home", 60);
        b["properties"]["protocolTypes"] = protocols;
        b["properties"]["exportPolicy"]["rules"][0]["cifs"] = json!(true);
        b["properties"]["smbEncryption"] = json!(true);
        b
    }

    #[test]
    fn the_default_account_has_a_connection_and_the_other_has_none() {
        let mut k = Kit::new();
        let v = json_of(&k.get(&format!("{}?api-version={A26}", k.account_path())));
        let ad = &v["properties"]["activeDirectories"][0];
        assert_eq!(ad["domain"], AD_DOMAIN);
        assert_eq!(ad["status"], "Created");
        assert!(ad["password"].is_null());
        let other = k.account_path().replace(&k.scope.account, NFS_ONLY_ACCOUNT);
        let v = json_of(&k.get(&format!("{other}?api-version={A25}")));
        assert_eq!(v["name"], NFS_ONLY_ACCOUNT);
        assert!(v["properties"].get("activeDirectories").is_none(), "{v}");
    }

    #[test]
    fn an_smb_volume_is_created_where_the_account_has_a_connection() {
        let mut k = Kit::new();
        let path = k.volume_path("mig-smb");
        let body = smb_body(&k, "mig-smb", json!(["CIFS"]));
        let r = k.put(&format!("{path}?api-version={A26}"), body);
        assert_eq!(r.status, 201, "{}", r.body);
        assert_eq!(k.finish(&r)["status"], "Succeeded");
        let v = json_of(&k.get(&format!("{path}?api-version={A26}")));
        assert_eq!(v["properties"]["protocolTypes"], json!(["CIFS"]));
        assert_eq!(v["properties"]["securityStyle"], "ntfs");
        assert_eq!(v["properties"]["smbEncryption"], true);
        assert_eq!(v["properties"]["smbNonBrowsable"], "Disabled");
        let a = json_of(&k.get(&format!("{}?api-version={A26}", k.account_path())));
        assert_eq!(a["properties"]["activeDirectories"][0]["status"], "InUse");
    }

    #[test]
    fn an_smb_or_dual_protocol_volume_is_refused_where_the_account_has_none() {
        let mut k = Kit::new();
        let pool = format!(
            "{}/capacityPools/{NFS_ONLY_POOL}",
            k.account_path().replace(&k.scope.account, NFS_ONLY_ACCOUNT)
        );
        for protocols in [json!(["CIFS"]), json!(["NFSv4.1", "CIFS"])] {
            let body = smb_body(&k, "mig-smb", protocols);
            let r = k.put(&format!("{pool}/volumes/mig-smb?api-version={A26}"), body);
            assert_eq!((r.status, code(&r)), (400, "ActiveDirectoryNotConfigured".into()));
            assert!(json_of(&r)["error"]["message"]
                .as_str()
                .unwrap()
                .starts_with("This NetApp account has no configured Active Directory connections"));
        }
        // NFS in the same account is fine.
        let r = k.put(
            &format!("{pool}/volumes/mig-nfs?api-version={A26}"),
            k.migration_body("mig-nfs", "vol_home", 60),
        );
        assert_eq!(r.status, 201, "{}", r.body);
        assert_eq!(json_of(&r)["properties"]["usageThreshold"], 60 * GIB);
    }

    #[test]
    fn the_manual_qos_pool_shows_and_shares_out_its_throughput() {
        let mut k = Kit::new();
        let pool = format!("{}/capacityPools/{MANUAL_QOS_POOL}", k.account_path());
        let v = json_of(&k.get(&format!("{pool}?api-version={A26}")));
        assert_eq!(v["properties"]["qosType"], "Manual");
        assert_eq!(v["properties"]["totalThroughputMibps"], 512.0);
        assert_eq!(v["properties"]["utilizedThroughputMibps"], 0.0);
        let path = format!("{pool}/volumes/mig-qos");
        let mut body = k.migration_body("mig-qos", "vol_home", 60);
        // No throughput on a manual pool: refused, naming the property.
        let r = k.put(&format!("{path}?api-version={A26}"), body.clone());
        assert_eq!(json_of(&r)["error"]["target"], "properties.throughputMibps");
        body["properties"]["throughputMibps"] = json!(512.5);
        let r = k.put(&format!("{path}?api-version={A26}"), body.clone());
        assert_eq!((r.status, code(&r)), (400, "CapacityPoolThroughputExceeded".into()));
        assert!(json_of(&r)["error"]["message"].as_str().unwrap().contains("512.00 MiB/s left"));
        body["properties"]["throughputMibps"] = json!(400);
        let r = k.put(&format!("{path}?api-version={A26}"), body);
        assert_eq!(r.status, 201, "{}", r.body);
        assert_eq!(json_of(&r)["properties"]["throughputMibps"], 400.0);
        let v = json_of(&k.get(&format!("{pool}?api-version={A25}")));
        assert_eq!(v["properties"]["utilizedThroughputMibps"], 400.0);
        // The next volume gets what is left, and no more.
        let mut second = k.migration_body("mig-qos2", "vol_scratch", 60);
        second["properties"]["throughputMibps"] = json!(113);
        let r = k.put(&format!("{pool}/volumes/mig-qos2?api-version={A26}"), second);
        assert_eq!(code(&r), "CapacityPoolThroughputExceeded");
    }

    #[test]
    fn an_auto_qos_pool_takes_no_throughput_and_reports_what_quotas_use() {
        let mut k = Kit::new();
        let path = k.create_migration("mig1", "vol_home", 1024, A26);
        let v = json_of(&k.get(&format!("{}?api-version={A26}", k.pool_path())));
        assert_eq!(v["properties"]["qosType"], "Auto");
        // Standard: 16 MiB/s per TiB of quota.
        assert_eq!(v["properties"]["utilizedThroughputMibps"], 16.0);
        let mut body = k.migration_body("mig2", "vol_scratch", 60);
        body["properties"]["throughputMibps"] = json!(10);
        let r = k.put(&format!("{}?api-version={A26}", k.volume_path("mig2")), body);
        assert_eq!(json_of(&r)["error"]["target"], "properties.throughputMibps");
        assert!(path.ends_with("mig1"));
    }
}
