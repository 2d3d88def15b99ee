//! The dashboards' server functions: the role and shop checks are the
//! service's (`service::scope`), the same as the REST API's.

use leptos::prelude::*;

use super::{Dashboard, RangeQuery};
use crate::error::AppError;

/// The sales dashboard of every shop or of one (`seller_id`, the back
/// office's shop filter): `admin` asks for the back office's view
/// (administrators and staff only); otherwise a seller gets their own shop.
#[server(endpoint = "sales_dashboard")]
pub async fn get_sales_dashboard(
    query: RangeQuery,
    seller_id: String,
    admin: bool,
) -> Result<Dashboard, AppError> {
    use crate::accounts::Role;
    let state = crate::server::state::current()?;
    let viewer = if admin {
        crate::server::auth::require_role(&[Role::Admin, Role::Staff]).await?
    } else {
        crate::server::auth::require_viewer().await?
    };
    let seller = Some(seller_id.as_str()).filter(|s| !s.is_empty());
    let report =
        super::service::report(&state.db, &viewer, &query, seller, &state.settings.shop.currency).await?;
    let charts = super::charts::sales(&report);
    Ok(Dashboard { report, charts })
}
