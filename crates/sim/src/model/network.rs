//! Virtual networks, delegated subnets and the ANF storage systems placed in them.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A subnet; IPs in use are the ones other resources hold plus those ANF allocated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subnet {
    pub id: String,
    pub name: String,
    pub address_prefix: String,
    pub delegated_to_netapp: bool,
    /// IPs held by things outside the simulation (VMs, private endpoints...).
    pub others_in_use: u32,
    /// Host numbers (offsets into the prefix) allocated to ANF interfaces.
    pub allocated: BTreeSet<u32>,
}

impl Subnet {
    fn prefix(&self) -> ([u8; 4], u32) {
        let (addr, bits) =
            self.address_prefix.split_once('/').unwrap_or((&self.address_prefix, "24"));
        let mut octets = [0u8; 4];
        for (o, part) in octets.iter_mut().zip(addr.split('.')) {
            *o = part.parse().unwrap_or(0);
        }
        (octets, bits.parse().unwrap_or(24))
    }

    /// Usable addresses: Azure keeps the first four and the last one of every subnet.
    #[must_use]
    pub fn limit(&self) -> u32 {
        let (_, bits) = self.prefix();
        // Azure subnets are /8 to /29; clamping keeps odd input from overflowing the shift.
        (1u32 << (32 - bits.clamp(8, 29))) - 5
    }

    /// Addresses in use.
    #[must_use]
    pub fn in_use(&self) -> u32 {
        self.others_in_use + self.allocated.len() as u32
    }

    /// Addresses still free.
    #[must_use]
    pub fn free(&self) -> u32 {
        self.limit().saturating_sub(self.in_use())
    }

    /// Allocates `n` addresses, or none if fewer are free.
    pub fn allocate(&mut self, n: u32) -> Option<Vec<String>> {
        if self.free() < n {
            return None;
        }
        let (octets, _) = self.prefix();
        let base = u32::from_be_bytes(octets);
        let mut out = Vec::new();
        // Host numbers below 4 are Azure's; the ones other resources hold come next.
        let mut host = 4 + self.others_in_use;
        while out.len() < n as usize {
            if self.allocated.insert(host) {
                out.push(std::net::Ipv4Addr::from(base + host).to_string());
            }
            host += 1;
        }
        Some(out)
    }

    /// Gives addresses back.
    pub fn release(&mut self, ips: &[String]) {
        let (octets, _) = self.prefix();
        let base = u32::from_be_bytes(octets);
        for ip in ips {
            if let Some(host) =
                ip.parse::<std::net::Ipv4Addr>().ok().and_then(|a| u32::from(a).checked_sub(base))
            {
                self.allocated.remove(&host);
            }
        }
    }
}

/// A virtual network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vnet {
    pub id: String,
    pub name: String,
    pub location: String,
    pub address_space: Vec<String>,
    pub subnets: Vec<Subnet>,
}

/// State of the cluster peering between an ANF storage system and an external cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeerState {
    /// ANF issued an offer; the source must accept it with the passphrase before `expires_at`.
    Offered { passphrase: String, source_addresses: Vec<String>, issued_at: u64, expires_at: u64 },
    /// Peered.
    Peered { since: u64 },
}

/// An ANF storage system in a delegated subnet: what placement reuses, and what peers with the
/// external clusters through its intercluster LIFs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backend {
    /// Its ONTAP cluster name, as `cluster peer show` on the source displays it.
    pub name: String,
    pub serial: String,
    pub subscription: String,
    pub subnet_key: String,
    /// The ANF-side SVM that peers with source SVMs.
    pub svm: String,
    pub data_ip: String,
    /// Six intercluster LIFs, allocated with the first migration volume.
    pub ic_lifs: Vec<String>,
    /// Keys of the volumes placed here.
    pub volumes: BTreeSet<String>,
    /// Peering with each external cluster, keyed by the cluster's key.
    pub peers: BTreeMap<String, PeerState>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subnet(prefix: &str, others: u32) -> Subnet {
        Subnet {
            id: "s".into(),
            name: "s".into(),
            address_prefix: prefix.into(),
            delegated_to_netapp: true,
            others_in_use: others,
            allocated: BTreeSet::new(),
        }
    }

    #[test]
    fn allocates_after_azures_reserved_addresses_and_releases() {
        let mut s = subnet("10.0.1.0/28", 2);
        assert_eq!((s.limit(), s.free()), (11, 9));
        let ips = s.allocate(7).unwrap();
        assert_eq!(ips.first().map(String::as_str), Some("10.0.1.6"));
        assert!(s.allocate(3).is_none(), "only 2 left");
        s.release(&ips[..1]);
        s.release(&["192.168.0.1".to_string(), "x".to_string()]);
        assert_eq!(s.free(), 3);
        assert_eq!(subnet("10.0.0.0/0", 0).limit(), (1 << 24) - 5);
    }
}
