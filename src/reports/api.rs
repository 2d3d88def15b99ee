//! The reports page's server functions (the rules are `service`'s, the
//! same as the REST API's).

use leptos::prelude::*;

use super::ReportView;
use crate::error::AppError;

/// The viewer's reports, and whether they are the back office's (who may
/// narrow to one shop) or a seller's.
#[server(endpoint = "my_reports")]
pub async fn get_reports() -> Result<(Vec<ReportView>, bool), AppError> {
    use crate::accounts::Role;
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_role(&[Role::Admin, Role::Staff, Role::Seller]).await?;
    let list = super::service::mine(&state.db, &viewer).await?;
    Ok((list, viewer.role != Role::Seller))
}

/// Queue a report from the page's form; back to the page, which follows it.
#[server(endpoint = "request_report")]
pub async fn request_report(
    kind: String,
    start_date: String,
    end_date: String,
    format: String,
    #[server(default)] seller_id: String,
) -> Result<(), AppError> {
    use crate::accounts::Role;
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_role(&[Role::Admin, Role::Staff, Role::Seller]).await?;
    let ask = super::service::Ask { kind, start_date, end_date, format, seller_id };
    super::service::request(&state.db, &viewer, &ask).await?;
    let page = if viewer.role == Role::Seller { "/studio/reports" } else { "/admin/reports" };
    leptos_axum::redirect(&format!("{page}?queued=1"));
    Ok(())
}
