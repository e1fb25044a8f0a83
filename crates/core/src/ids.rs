//! ARM resource ids: parse the strings ARM returns, build the ones the client sends.
//!
//! Keys (`resourceGroups`, `netAppAccounts`, ...) and provider namespaces are matched without
//! regard to case, because ARM itself returns ids with varying casing (`resourcegroups`);
//! names keep the case they were given. `Display` writes the canonical form.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Why a string is not the expected kind of ARM resource id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Nothing was given.
    #[error("the {kind} id is empty")]
    Empty {
        /// The kind of id expected.
        kind: &'static str,
    },
    /// ARM ids start with `/subscriptions/`.
    #[error("a {kind} id starts with \"/subscriptions/\", got \"{id}\"")]
    NoLeadingSlash {
        /// The kind of id expected.
        kind: &'static str,
        /// The input.
        id: String,
    },
    /// A segment other than the one expected.
    #[error("expected \"{expected}\" at segment {position} of the {kind} id, found \"{found}\"")]
    UnexpectedSegment {
        /// The kind of id expected.
        kind: &'static str,
        /// 1-based segment index.
        position: usize,
        /// What should be there.
        expected: &'static str,
        /// What is there.
        found: String,
    },
    /// A key without a name after it, or an empty name.
    #[error("the {kind} id has no name after \"{key}\"")]
    MissingName {
        /// The kind of id expected.
        kind: &'static str,
        /// The key lacking a name.
        key: &'static str,
    },
    /// The id is shorter than the kind needs.
    #[error("the {kind} id ends before \"{missing}\"")]
    TooShort {
        /// The kind of id expected.
        kind: &'static str,
        /// The first missing key.
        missing: &'static str,
    },
    /// The id continues past the resource.
    #[error("the {kind} id has extra segments: \"{rest}\"")]
    TooLong {
        /// The kind of id expected.
        kind: &'static str,
        /// The extra text.
        rest: String,
    },
}

/// One step of an id pattern: a key and, for `providers`, the namespace that must follow.
#[derive(Clone, Copy)]
enum Step {
    Name(&'static str),
    Provider(&'static str),
}

const SUB: Step = Step::Name("subscriptions");
const RG: Step = Step::Name("resourceGroups");
const NETAPP: Step = Step::Provider("Microsoft.NetApp");
const NETWORK: Step = Step::Provider("Microsoft.Network");

/// Matches `id` against `pattern` and returns the names, in order.
fn parse_pattern(id: &str, kind: &'static str, pattern: &[Step]) -> Result<Vec<String>, IdError> {
    let trimmed = id.trim();
    if trimmed.is_empty() {
        return Err(IdError::Empty { kind });
    }
    let Some(body) = trimmed.strip_prefix('/') else {
        return Err(IdError::NoLeadingSlash { kind, id: trimmed.to_owned() });
    };
    let body = body.strip_suffix('/').unwrap_or(body);
    let segs: Vec<&str> = body.split('/').collect();
    let mut names = Vec::new();
    let mut i = 0;
    for step in pattern {
        let (key, provider) = match *step {
            Step::Name(k) => (k, None),
            Step::Provider(ns) => ("providers", Some(ns)),
        };
        let Some(found) = segs.get(i) else {
            return Err(IdError::TooShort { kind, missing: key });
        };
        if !found.eq_ignore_ascii_case(key) {
            return Err(IdError::UnexpectedSegment {
                kind,
                position: i + 1,
                expected: key,
                found: (*found).to_owned(),
            });
        }
        let value = segs.get(i + 1).copied().unwrap_or("");
        match provider {
            Some(ns) if !value.eq_ignore_ascii_case(ns) => {
                return Err(IdError::UnexpectedSegment {
                    kind,
                    position: i + 2,
                    expected: ns,
                    found: value.to_owned(),
                });
            }
            Some(_) => {}
            None if value.trim().is_empty() => return Err(IdError::MissingName { kind, key }),
            None => names.push(value.to_owned()),
        }
        i += 2;
    }
    if i < segs.len() {
        return Err(IdError::TooLong { kind, rest: segs[i..].join("/") });
    }
    Ok(names)
}

/// Declares an id struct with its fields, pattern, canonical format and serde as a string.
macro_rules! arm_id {
    (
        $(#[$meta:meta])* $name:ident, $kind:literal, [$($step:expr),+],
        { $($(#[$fmeta:meta])* $field:ident),+ }, $fmt:literal
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name {
            $($(#[$fmeta])* pub $field: String,)+
        }

        impl $name {
            /// Parses an ARM id of this kind.
            ///
            /// # Errors
            /// [`IdError`] naming what is wrong with `id`.
            pub fn parse(id: &str) -> Result<Self, IdError> {
                let names = parse_pattern(id, $kind, &[$($step),+])?;
                let mut it = names.into_iter();
                Ok(Self { $($field: it.next().unwrap_or_default(),)+ })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let Self { $($field),+ } = self;
                write!(f, $fmt)
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                Self::parse(s)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}

arm_id! {
    /// `/subscriptions/{subscription}`.
    SubscriptionId, "subscription", [SUB], {
        /// Subscription GUID.
        subscription
    }, "/subscriptions/{subscription}"
}

arm_id! {
    /// `/subscriptions/{s}/resourceGroups/{resource_group}`.
    ResourceGroupId, "resource group", [SUB, RG], {
        /// Subscription GUID.
        subscription,
        /// Resource group name.
        resource_group
    }, "/subscriptions/{subscription}/resourceGroups/{resource_group}"
}

arm_id! {
    /// A NetApp account.
    AccountId, "NetApp account", [SUB, RG, NETAPP, Step::Name("netAppAccounts")], {
        /// Subscription GUID.
        subscription,
        /// Resource group name.
        resource_group,
        /// Account name.
        account
    }, "/subscriptions/{subscription}/resourceGroups/{resource_group}/providers/Microsoft.NetApp/netAppAccounts/{account}"
}

arm_id! {
    /// A capacity pool.
    PoolId, "capacity pool", [SUB, RG, NETAPP, Step::Name("netAppAccounts"), Step::Name("capacityPools")], {
        /// Subscription GUID.
        subscription,
        /// Resource group name.
        resource_group,
        /// Account name.
        account,
        /// Pool name.
        pool
    }, "/subscriptions/{subscription}/resourceGroups/{resource_group}/providers/Microsoft.NetApp/netAppAccounts/{account}/capacityPools/{pool}"
}

arm_id! {
    /// A volume.
    VolumeId, "volume", [SUB, RG, NETAPP, Step::Name("netAppAccounts"), Step::Name("capacityPools"), Step::Name("volumes")], {
        /// Subscription GUID.
        subscription,
        /// Resource group name.
        resource_group,
        /// Account name.
        account,
        /// Pool name.
        pool,
        /// Volume name.
        volume
    }, "/subscriptions/{subscription}/resourceGroups/{resource_group}/providers/Microsoft.NetApp/netAppAccounts/{account}/capacityPools/{pool}/volumes/{volume}"
}

arm_id! {
    /// A virtual network.
    VirtualNetworkId, "virtual network", [SUB, RG, NETWORK, Step::Name("virtualNetworks")], {
        /// Subscription GUID.
        subscription,
        /// Resource group name.
        resource_group,
        /// Virtual network name.
        vnet
    }, "/subscriptions/{subscription}/resourceGroups/{resource_group}/providers/Microsoft.Network/virtualNetworks/{vnet}"
}

arm_id! {
    /// A subnet.
    SubnetId, "subnet", [SUB, RG, NETWORK, Step::Name("virtualNetworks"), Step::Name("subnets")], {
        /// Subscription GUID.
        subscription,
        /// Resource group name.
        resource_group,
        /// Virtual network name.
        vnet,
        /// Subnet name.
        subnet
    }, "/subscriptions/{subscription}/resourceGroups/{resource_group}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}"
}

impl SubscriptionId {
    /// The id of a subscription GUID.
    #[must_use]
    pub fn new(subscription: impl Into<String>) -> Self {
        Self { subscription: subscription.into() }
    }

    /// A resource group of this subscription.
    #[must_use]
    pub fn resource_group(&self, name: impl Into<String>) -> ResourceGroupId {
        ResourceGroupId { subscription: self.subscription.clone(), resource_group: name.into() }
    }
}

impl ResourceGroupId {
    /// The subscription.
    #[must_use]
    pub fn subscription_id(&self) -> SubscriptionId {
        SubscriptionId::new(self.subscription.clone())
    }

    /// A NetApp account in this group.
    #[must_use]
    pub fn account(&self, name: impl Into<String>) -> AccountId {
        AccountId {
            subscription: self.subscription.clone(),
            resource_group: self.resource_group.clone(),
            account: name.into(),
        }
    }

    /// A virtual network in this group.
    #[must_use]
    pub fn vnet(&self, name: impl Into<String>) -> VirtualNetworkId {
        VirtualNetworkId {
            subscription: self.subscription.clone(),
            resource_group: self.resource_group.clone(),
            vnet: name.into(),
        }
    }
}

impl AccountId {
    /// The account's resource group.
    #[must_use]
    pub fn resource_group_id(&self) -> ResourceGroupId {
        ResourceGroupId {
            subscription: self.subscription.clone(),
            resource_group: self.resource_group.clone(),
        }
    }

    /// A pool of this account.
    #[must_use]
    pub fn pool(&self, name: impl Into<String>) -> PoolId {
        PoolId {
            subscription: self.subscription.clone(),
            resource_group: self.resource_group.clone(),
            account: self.account.clone(),
            pool: name.into(),
        }
    }
}

impl PoolId {
    /// The pool's account.
    #[must_use]
    pub fn account_id(&self) -> AccountId {
        self.resource_group_id().account(self.account.clone())
    }

    /// The pool's resource group.
    #[must_use]
    pub fn resource_group_id(&self) -> ResourceGroupId {
        ResourceGroupId {
            subscription: self.subscription.clone(),
            resource_group: self.resource_group.clone(),
        }
    }

    /// A volume in this pool.
    #[must_use]
    pub fn volume(&self, name: impl Into<String>) -> VolumeId {
        VolumeId {
            subscription: self.subscription.clone(),
            resource_group: self.resource_group.clone(),
            account: self.account.clone(),
            pool: self.pool.clone(),
            volume: name.into(),
        }
    }
}

impl VolumeId {
    /// The volume's pool.
    #[must_use]
    pub fn pool_id(&self) -> PoolId {
        ResourceGroupId {
            subscription: self.subscription.clone(),
            resource_group: self.resource_group.clone(),
        }
        .account(self.account.clone())
        .pool(self.pool.clone())
    }
}

impl VirtualNetworkId {
    /// A subnet of this virtual network.
    #[must_use]
    pub fn subnet(&self, name: impl Into<String>) -> SubnetId {
        SubnetId {
            subscription: self.subscription.clone(),
            resource_group: self.resource_group.clone(),
            vnet: self.vnet.clone(),
            subnet: name.into(),
        }
    }
}

impl SubnetId {
    /// The subnet's virtual network.
    #[must_use]
    pub fn vnet_id(&self) -> VirtualNetworkId {
        VirtualNetworkId {
            subscription: self.subscription.clone(),
            resource_group: self.resource_group.clone(),
            vnet: self.vnet.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VOL: &str = "/subscriptions/1111/resourceGroups/rg-a/providers/Microsoft.NetApp/netAppAccounts/acc/capacityPools/p1/volumes/v1";

    #[test]
    fn parses_and_prints_a_volume_id() {
        let v = VolumeId::parse(VOL).unwrap();
        assert_eq!((v.account.as_str(), v.pool.as_str(), v.volume.as_str()), ("acc", "p1", "v1"));
        assert_eq!(v.to_string(), VOL);
        assert_eq!(v.pool_id().volume("v1"), v);
        assert_eq!(
            v.pool_id().account_id().to_string(),
            VOL.split("/capacityPools").next().unwrap()
        );
    }

    #[test]
    fn keys_are_case_insensitive_names_keep_case() {
        let id = "/SUBSCRIPTIONS/1111/resourcegroups/My-RG/providers/microsoft.netapp/netappaccounts/Acc";
        let a = AccountId::parse(id).unwrap();
        assert_eq!(a.resource_group, "My-RG");
        assert_eq!(a.to_string(), "/subscriptions/1111/resourceGroups/My-RG/providers/Microsoft.NetApp/netAppAccounts/Acc");
    }

    #[test]
    fn subnet_ids_round_trip_through_serde() {
        let s = "/subscriptions/2/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vn/subnets/anf";
        let id: SubnetId = serde_json::from_value(serde_json::json!(s)).unwrap();
        assert_eq!(id.vnet_id().subnet("anf"), id);
        assert_eq!(serde_json::to_value(&id).unwrap(), serde_json::json!(s));
    }

    #[test]
    fn malformed_ids_say_what_is_wrong() {
        assert!(matches!(VolumeId::parse("  "), Err(IdError::Empty { .. })));
        assert!(matches!(VolumeId::parse("subscriptions/1"), Err(IdError::NoLeadingSlash { .. })));
        assert!(matches!(
            PoolId::parse(
                "/subscriptions/1/resourceGroups/r/providers/Microsoft.NetApp/netAppAccounts/a"
            ),
            Err(IdError::TooShort { missing: "capacityPools", .. })
        ));
        let wrong_ns = AccountId::parse(
            "/subscriptions/1/resourceGroups/r/providers/Microsoft.Storage/netAppAccounts/a",
        );
        assert!(wrong_ns.unwrap_err().to_string().contains("Microsoft.NetApp"));
        assert!(matches!(
            ResourceGroupId::parse("/subscriptions/1/resourceGroups/"),
            Err(IdError::MissingName { key: "resourceGroups", .. })
        ));
        assert!(matches!(
            SubscriptionId::parse("/subscriptions/1/resourceGroups/r"),
            Err(IdError::TooLong { .. })
        ));
        let e = SubnetId::parse("/subscriptions/1/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v/subnet/s");
        assert_eq!(
            e.unwrap_err().to_string(),
            "expected \"subnets\" at segment 9 of the subnet id, found \"subnet\""
        );
    }
}
