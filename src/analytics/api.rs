//! The dashboards' server functions: the role and shop checks are the
//! service's (`service::scope`), the same as the REST API's.

use leptos::prelude::*;

use super::customers::CustomersDashboard;
use super::finance::FinanceDashboard;
use super::inventory::InventoryDashboard;
use super::{Dashboard, RangeQuery};
use crate::error::AppError;

/// Who asks: `admin` asks for the back office's view (administrators and
/// staff only); otherwise a seller gets their own shop.
#[cfg(feature = "ssr")]
async fn viewer(admin: bool) -> Result<crate::accounts::Viewer, AppError> {
    use crate::accounts::Role;
    if admin {
        crate::server::auth::require_role(&[Role::Admin, Role::Staff]).await
    } else {
        crate::server::auth::require_viewer().await
    }
}

/// The sales dashboard of every shop or of one (`seller_id`, the back
/// office's shop filter).
#[server(endpoint = "sales_dashboard")]
pub async fn get_sales_dashboard(
    query: RangeQuery,
    seller_id: String,
    admin: bool,
) -> Result<Dashboard, AppError> {
    let state = crate::server::state::current()?;
    let viewer = viewer(admin).await?;
    let seller = Some(seller_id.as_str()).filter(|s| !s.is_empty());
    let report = super::service::report(&state.db, &viewer, &query, seller, &state.shop().currency).await?;
    let charts = super::charts::sales(&report);
    Ok(Dashboard { report, charts })
}

/// The customers dashboard, with the same rules.
#[server(endpoint = "customers_dashboard")]
pub async fn get_customers_dashboard(
    query: RangeQuery,
    seller_id: String,
    admin: bool,
) -> Result<CustomersDashboard, AppError> {
    let state = crate::server::state::current()?;
    let viewer = viewer(admin).await?;
    let seller = Some(seller_id.as_str()).filter(|s| !s.is_empty());
    let (mut c, r, shop) =
        super::service::prepare(&state.db, &viewer, crate::accounts::areas::Area::Analytics, &query, seller)
            .await?;
    let report = super::service::customers::report(&mut c, &r, shop, &state.shop().currency).await?;
    let charts = super::charts::customers(&report);
    Ok(CustomersDashboard { report, charts })
}

/// The inventory dashboard, with the same rules.
#[server(endpoint = "inventory_dashboard")]
pub async fn get_inventory_dashboard(
    query: RangeQuery,
    seller_id: String,
    admin: bool,
) -> Result<InventoryDashboard, AppError> {
    let state = crate::server::state::current()?;
    let viewer = viewer(admin).await?;
    let seller = Some(seller_id.as_str()).filter(|s| !s.is_empty());
    let (mut c, r, shop) =
        super::service::prepare(&state.db, &viewer, crate::accounts::areas::Area::Analytics, &query, seller)
            .await?;
    let shop_ = state.shop();
    let report =
        super::service::inventory::report(&mut c, &r, shop, &shop_.currency, shop_.low_stock).await?;
    let charts = super::charts::inventory(&report);
    Ok(InventoryDashboard { report, charts })
}

/// The whole site's traffic: the back office only.
#[server(endpoint = "traffic_dashboard")]
pub async fn get_traffic_dashboard(query: RangeQuery) -> Result<crate::traffic::TrafficDashboard, AppError> {
    let state = crate::server::state::current()?;
    let viewer = viewer(true).await?;
    let (mut c, r, _) =
        super::service::prepare(&state.db, &viewer, crate::accounts::areas::Area::Analytics, &query, None)
            .await?;
    let report = crate::traffic::service::report(&mut c, &r).await?;
    let charts = super::charts::traffic(&report);
    Ok(crate::traffic::TrafficDashboard { report, charts })
}

/// The finance view: administrators, staff when the shop allows it, a
/// seller their own shop.
#[server(endpoint = "finance_dashboard")]
pub async fn get_finance_dashboard(
    query: RangeQuery,
    seller_id: String,
    admin: bool,
) -> Result<FinanceDashboard, AppError> {
    let state = crate::server::state::current()?;
    let viewer = viewer(admin).await?;
    let settings = state.shop();
    super::service::finance::may_read(&viewer)?;
    let seller = Some(seller_id.as_str()).filter(|s| !s.is_empty());
    let (mut c, r, shop) =
        super::service::prepare(&state.db, &viewer, crate::accounts::areas::Area::Finance, &query, seller)
            .await?;
    let rates = super::finance::Rates::of(&settings);
    let report = super::service::finance::report(&mut c, &r, shop, &settings.currency, rates).await?;
    let charts = super::charts::finance(&report);
    Ok(FinanceDashboard { report, charts })
}
