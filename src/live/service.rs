//! Live-shopping rules: who may stream, and for which shops.

use super::{StudioShop, db};
use crate::accounts::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::server::db::Conn;

/// Who may run streams: sellers for their own shops, staff and
/// administrators for every shop. The one definition of it.
pub fn may_stream(viewer: &Viewer) -> AppResult<()> {
    if viewer.role.can_stream() { Ok(()) } else { Err(AppError::Forbidden) }
}

/// The shops `viewer` may stream for, with what they have in stock.
pub async fn studio_shops(c: &mut Conn, viewer: &Viewer) -> AppResult<Vec<StudioShop>> {
    may_stream(viewer)?;
    let owner = (viewer.role == Role::Seller).then_some(viewer.id.as_str());
    Ok(db::studio_shops(c, owner).await?)
}
