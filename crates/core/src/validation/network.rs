//! The delegated subnet: delegation and free addresses.

use super::{fields, FieldError};
use crate::models::network::NETAPP_DELEGATION;
use crate::models::{Subnet, SubnetUsage};

/// Free addresses migration needs in the delegated subnet: six for cluster peering, one for
/// data (Microsoft's migration how-to).
pub const MIN_FREE_IPS: u64 = 7;

/// Checks the chosen subnet: delegated to `Microsoft.NetApp/volumes` and, when usage is known,
/// with at least [`MIN_FREE_IPS`] free addresses.
#[must_use]
pub fn validate_subnet(subnet: &Subnet, usage: Option<&SubnetUsage>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if !subnet.is_delegated_to_netapp() {
        errors.push(FieldError::new(
            fields::SUBNET,
            format!("Subnet {} is not delegated to {NETAPP_DELEGATION}; add the delegation or pick another subnet.", subnet.name),
        ));
    }
    if let Some(u) = usage {
        if u.free < MIN_FREE_IPS {
            errors.push(FieldError::new(
                fields::SUBNET,
                format!(
                    "Subnet {} has {} free IP addresses; migration needs at least {MIN_FREE_IPS} (6 for peering, 1 for data).",
                    subnet.name, u.free
                ),
            ));
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::network::{Delegation, DelegationProperties, SubnetProperties};

    fn subnet(delegated: bool) -> Subnet {
        let delegations = if delegated {
            vec![Delegation {
                name: "d".into(),
                properties: DelegationProperties {
                    service_name: "microsoft.netapp/volumes".into(),
                },
            }]
        } else {
            Vec::new()
        };
        Subnet {
            id: "/x".into(),
            name: "anf".into(),
            properties: SubnetProperties { delegations, ..SubnetProperties::default() },
        }
    }

    fn usage(free: u64) -> SubnetUsage {
        SubnetUsage { subnet_id: "/x".into(), used: 10 - free, limit: 10, free }
    }

    #[test]
    fn delegation_and_free_ips() {
        assert!(validate_subnet(&subnet(true), Some(&usage(7))).is_empty());
        assert!(validate_subnet(&subnet(true), None).is_empty());
        let e = validate_subnet(&subnet(true), Some(&usage(6)));
        assert!(e[0].message.contains("6 free IP addresses"), "{e:?}");
        let e = validate_subnet(&subnet(false), Some(&usage(3)));
        assert_eq!(e.len(), 2);
        assert!(e[0].message.contains("not delegated"));
    }
}
