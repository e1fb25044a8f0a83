//! `GET .../locations/{loc}/operationResults/{id}`: the status body (the `Azure-AsyncOperation`
//! URL) or, with `operationResultResponseType=Location`, 202 while running and the result after.

use super::{netapp_api, only, require_sub, Names, Req};
use crate::engine::Engine;
use crate::http::{json_response, ApiError, Handled};
use anf_core::transport::Method;

pub fn handle(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    netapp_api(req)?;
    require_sub(engine, n)?;
    let op = engine
        .operation(&n.other.to_ascii_lowercase())
        .filter(|op| op.subscription.eq_ignore_ascii_case(&n.sub))
        .ok_or_else(|| {
            ApiError::new(
                404,
                "OperationNotFound",
                format!("Operation '{}' was not found.", n.other),
            )
        })?;
    let location_style = req
        .url
        .query("operationResultResponseType")
        .is_some_and(|v| v.eq_ignore_ascii_case("Location"));
    if location_style {
        Ok(engine.location_response(op))
    } else {
        Ok(json_response(200, &engine.status_body(op)))
    }
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit, A26};

    #[test]
    fn status_moves_from_in_progress_to_succeeded_with_times() {
        let mut k = Kit::new();
        let r = k.put(
            &format!("{}?api-version={A26}", k.volume_path("v")),
            k.migration_body("v", "vol_home", 60),
        );
        let url = r
            .header("Azure-AsyncOperation")
            .unwrap()
            .trim_start_matches("https://management.azure.com")
            .to_string();
        let s = json_of(&k.get(&url));
        assert_eq!(s["status"], "InProgress");
        assert!(s.get("endTime").is_none());
        k.wait(25);
        let s = json_of(&k.get(&url));
        assert_eq!(
            (s["status"].as_str(), s["percentComplete"].as_f64()),
            (Some("Succeeded"), Some(100.0))
        );
        assert!(s["endTime"].as_str().unwrap().ends_with('Z'));
        let loc = format!("{url}&operationResultResponseType=Location");
        assert_eq!(json_of(&k.get(&loc))["name"], "anf-contoso/pool-standard/v");
    }

    #[test]
    fn unknown_operation_is_not_found() {
        let mut k = Kit::new();
        let r = k.get(&format!("/subscriptions/{}/providers/Microsoft.NetApp/locations/eastus/operationResults/nope?api-version={A26}", k.scope.subscription_id));
        assert_eq!((r.status, code(&r)), (404, "OperationNotFound".into()));
    }

    #[test]
    fn operations_of_another_subscription_are_not_visible() {
        let mut k = Kit::new();
        let r = k.put(
            &format!("{}?api-version={A26}", k.volume_path("v")),
            k.migration_body("v", "vol_home", 60),
        );
        let url = r
            .header("Azure-AsyncOperation")
            .unwrap()
            .replace(&k.scope.subscription_id, &k.scope.second_subscription_id);
        let r = k.get(url.trim_start_matches("https://management.azure.com"));
        assert_eq!(r.status, 404);
        assert_eq!(k.post(&format!("/subscriptions/{}/providers/Microsoft.NetApp/locations/eastus/operationResults/x?api-version={A26}", k.scope.subscription_id), None).status, 405);
    }

    #[test]
    fn finished_operations_are_forgotten_after_a_day() {
        let mut k = Kit::new();
        let r = k.put(
            &format!("{}?api-version={A26}", k.volume_path("v")),
            k.migration_body("v", "vol_home", 60),
        );
        let url = r
            .header("Azure-AsyncOperation")
            .unwrap()
            .trim_start_matches("https://management.azure.com")
            .to_string();
        k.wait(23 * 3600);
        assert_eq!(k.get(&url).status, 200);
        k.wait(3600 + 60);
        k.put(
            &format!("{}?api-version={A26}", k.volume_path("w")),
            k.migration_body("w", "vol_scratch", 60),
        );
        assert_eq!(k.get(&url).status, 404);
    }

    #[test]
    fn failed_operations_carry_the_error() {
        let mut k = Kit::with(crate::scenario::Scenario::SubnetTooSmall);
        let r = k.put(
            &format!("{}?api-version={A26}", k.volume_path("v")),
            k.migration_body("v", "vol_home", 60),
        );
        let loc = r
            .header("Location")
            .unwrap()
            .trim_start_matches("https://management.azure.com")
            .to_string();
        let s = k.finish(&r);
        assert_eq!(
            (s["status"].as_str(), s["error"]["code"].as_str()),
            (Some("Failed"), Some("InsufficientSubnetIPAddresses"))
        );
        let r = k.get(&loc);
        assert_eq!((r.status, code(&r)), (400, "InsufficientSubnetIPAddresses".into()));
    }
}
