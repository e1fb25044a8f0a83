//! The delegated subnet: it must be delegated to `Microsoft.NetApp/volumes` and have at least
//! seven free addresses (six for cluster peering, one for data), read from the virtual network's
//! usages (`limit - currentValue` per subnet).

use super::Verdict;
use crate::models::{Subnet, VirtualNetwork, VirtualNetworkUsage};

/// Free addresses a migration needs in the delegated subnet.
pub const MIN_FREE_IPS: u64 = 7;

/// What was read about one virtual network.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VnetFacts {
    /// The network.
    pub vnet: VirtualNetwork,
    /// Its subnets.
    pub subnets: Vec<Subnet>,
    /// Its usages, one per subnet (empty when they were not read).
    pub usages: Vec<VirtualNetworkUsage>,
}

/// The verdict on one delegated subnet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubnetCheck {
    /// The subnet's ARM id.
    pub subnet_id: String,
    /// `vnet/subnet`, for people.
    pub label: String,
    /// Address prefixes.
    pub prefixes: Vec<String>,
    /// Free addresses, when the usages said.
    pub free: Option<u64>,
    /// Pass with seven or more free, Fail with fewer, Unknown without usages.
    pub verdict: Verdict,
}

/// The verdict over every network looked at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubnetSummary {
    /// Overall.
    pub verdict: Verdict,
    /// What it means and what to do.
    pub message: String,
    /// The subnets delegated to Azure NetApp Files, best first.
    pub delegated: Vec<SubnetCheck>,
    /// Subnets seen that are not delegated to Azure NetApp Files.
    pub other_subnets: usize,
    /// Networks looked at.
    pub vnets: usize,
}

/// Free addresses of `subnet` from `usages` (ids compared without regard to case).
#[must_use]
pub fn free_ips(subnet: &Subnet, usages: &[VirtualNetworkUsage]) -> Option<u64> {
    usages
        .iter()
        .find(|u| u.id.eq_ignore_ascii_case(&subnet.id))
        .and_then(VirtualNetworkUsage::subnet_usage)
        .map(|u| u.free)
}

/// Evaluates the delegated subnets of `vnets`.
#[must_use]
pub fn evaluate(vnets: &[VnetFacts]) -> SubnetSummary {
    let mut delegated = Vec::new();
    let mut other_subnets = 0;
    for facts in vnets {
        for subnet in &facts.subnets {
            if !subnet.is_delegated_to_netapp() {
                other_subnets += 1;
                continue;
            }
            let free = free_ips(subnet, &facts.usages);
            let verdict = match free {
                Some(n) if n >= MIN_FREE_IPS => Verdict::Pass,
                Some(_) => Verdict::Fail,
                None => Verdict::Unknown,
            };
            delegated.push(SubnetCheck {
                subnet_id: subnet.id.clone(),
                label: format!("{}/{}", facts.vnet.name, subnet.name),
                prefixes: subnet.prefixes().into_iter().map(str::to_owned).collect(),
                free,
                verdict,
            });
        }
    }
    // Best first: ready subnets with the most room, then unknown, then too small.
    delegated.sort_by_key(|c| {
        let rank = match c.verdict {
            Verdict::Pass => 0,
            Verdict::Unknown => 1,
            _ => 2,
        };
        (rank, std::cmp::Reverse(c.free.unwrap_or(0)), c.label.to_ascii_lowercase())
    });
    let (verdict, message) = verdict_of(&delegated);
    SubnetSummary { verdict, message, delegated, other_subnets, vnets: vnets.len() }
}

fn verdict_of(delegated: &[SubnetCheck]) -> (Verdict, String) {
    let ready = delegated.iter().filter(|c| c.verdict == Verdict::Pass).count();
    if delegated.is_empty() {
        return (
            Verdict::Fail,
            "No subnet here is delegated to Microsoft.NetApp/volumes. Delegate one (az network vnet subnet update --delegations Microsoft.NetApp/volumes, or the subnet's Delegation setting in the portal) in a virtual network of the account's region, connected to the source over ExpressRoute or VPN.".to_owned(),
        );
    }
    if ready > 0 {
        return (
            Verdict::Pass,
            format!(
                "{ready} delegated subnet{} with at least {MIN_FREE_IPS} free addresses (6 for cluster peering, 1 for data). If the placement can't reuse the storage of earlier volumes, each migration volume takes {MIN_FREE_IPS} more.",
                if ready == 1 { "" } else { "s" }
            ),
        );
    }
    if delegated.iter().all(|c| c.verdict == Verdict::Unknown) {
        return (
            Verdict::Unknown,
            "The free addresses of the delegated subnets could not be read. Check that at least 7 are free (the virtual network's Subnets blade shows Available IPs).".to_owned(),
        );
    }
    (
        Verdict::Fail,
        format!(
            "No delegated subnet has {MIN_FREE_IPS} free addresses (6 for cluster peering, 1 for data). Free addresses by removing unused network interfaces, or delegate a larger subnet (a /28 has only 11 usable addresses)."
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::network::{Delegation, DelegationProperties, SubnetProperties};

    fn subnet(vnet: &str, name: &str, delegated: bool) -> Subnet {
        Subnet {
            id: format!("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{name}"),
            name: name.into(),
            properties: SubnetProperties {
                address_prefix: Some("10.0.0.0/28".into()),
                delegations: if delegated {
                    vec![Delegation {
                        name: "d".into(),
                        properties: DelegationProperties { service_name: "microsoft.netapp/volumes".into() },
                    }]
                } else {
                    Vec::new()
                },
                ..SubnetProperties::default()
            },
        }
    }

    fn usage(subnet: &Subnet, used: f64, limit: f64) -> VirtualNetworkUsage {
        VirtualNetworkUsage {
            id: subnet.id.to_uppercase(),
            current_value: used,
            limit,
            ..VirtualNetworkUsage::default()
        }
    }

    fn facts(name: &str, subnets: Vec<Subnet>, usages: Vec<VirtualNetworkUsage>) -> VnetFacts {
        VnetFacts {
            vnet: VirtualNetwork { name: name.into(), ..VirtualNetwork::default() },
            subnets,
            usages,
        }
    }

    #[test]
    fn seven_free_addresses_pass_six_fail() {
        let ok = subnet("v", "ok", true);
        let small = subnet("v", "small", true);
        let plain = subnet("v", "plain", false);
        let usages =
            vec![usage(&ok, 4.0, 11.0), usage(&small, 5.0, 11.0), usage(&plain, 0.0, 251.0)];
        let s = evaluate(&[facts("v", vec![small.clone(), ok.clone(), plain], usages)]);
        assert_eq!(s.verdict, Verdict::Pass);
        assert_eq!(s.other_subnets, 1);
        assert_eq!(s.delegated.len(), 2);
        assert_eq!((s.delegated[0].label.as_str(), s.delegated[0].free), ("v/ok", Some(7)));
        assert_eq!(s.delegated[0].verdict, Verdict::Pass);
        assert_eq!((s.delegated[1].free, s.delegated[1].verdict), (Some(6), Verdict::Fail));
        assert_eq!(s.delegated[0].prefixes, vec!["10.0.0.0/28".to_owned()]);
    }

    #[test]
    fn only_small_subnets_fail_with_the_way_out() {
        let small = subnet("v", "small", true);
        let s = evaluate(&[facts("v", vec![small.clone()], vec![usage(&small, 10.0, 11.0)])]);
        assert_eq!(s.verdict, Verdict::Fail);
        assert!(s.message.contains("6 for cluster peering"));
    }

    #[test]
    fn no_delegated_subnet_fails_and_says_how_to_delegate() {
        let s = evaluate(&[facts("v", vec![subnet("v", "a", false)], Vec::new())]);
        assert_eq!(s.verdict, Verdict::Fail);
        assert!(s.message.contains("Microsoft.NetApp/volumes"));
        assert_eq!(evaluate(&[]).verdict, Verdict::Fail);
    }

    #[test]
    fn missing_usages_are_unknown_not_passed() {
        let d = subnet("v", "d", true);
        let s = evaluate(&[facts("v", vec![d], Vec::new())]);
        assert_eq!(s.verdict, Verdict::Unknown);
        assert_eq!(s.delegated[0].free, None);
        // An unlimited (-1) limit is not a count either.
        let d = subnet("v", "d", true);
        let s = evaluate(&[facts("v", vec![d.clone()], vec![usage(&d, 1.0, -1.0)])]);
        assert_eq!(s.verdict, Verdict::Unknown);
    }
}
