//! Request body limits: 2 MiB for every request, 6 MiB for the picture
//! uploads (a 5 MB picture plus the form around it). A declared length
//! over the limit is refused before the body is read; a body that runs
//! past it fails while being read (413, or the upload form's message).

use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
pub const MAX_UPLOAD_BODY_BYTES: usize = 6 * 1024 * 1024;

/// The picture upload routes: `/studio/products/{id}/images` (the form),
/// `/api/v1/products/{id}/images`, the shop's logo and banner forms and
/// a stream's cover (form and REST).
fn is_upload(path: &str) -> bool {
    (path.ends_with("/images")
        && (path.starts_with("/studio/products/") || path.starts_with("/api/v1/products/")))
        || (path.ends_with("/cover")
            && (path.starts_with("/studio/streams/") || path.starts_with("/api/v1/streams/")))
        || path == "/studio/shop/logo"
        || path == "/studio/shop/banner"
}

pub async fn limit_body(req: Request, next: Next) -> Response {
    let upload = is_upload(req.uri().path());
    let max = if upload { MAX_UPLOAD_BODY_BYTES } else { MAX_BODY_BYTES };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    // The upload form reads what it can and says "too large" on the page.
    if !upload && declared.is_some_and(|n| n > max as u64) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    next.run(req.map(|body| Body::new(http_body_util::Limited::new(body, max)))).await
}

#[cfg(test)]
mod tests {
    use super::is_upload;

    #[test]
    fn only_picture_uploads_get_the_larger_limit() {
        assert!(is_upload("/studio/products/abc/images"));
        assert!(is_upload("/api/v1/products/abc/images"));
        assert!(!is_upload("/api/v1/products"));
        assert!(!is_upload("/api/v1/sellers/abc/images"));
        assert!(is_upload("/studio/shop/banner") && !is_upload("/studio/shop"));
        assert!(is_upload("/studio/streams/abc/cover") && is_upload("/api/v1/streams/abc/cover"));
        assert!(!is_upload("/api/v1/streams/abc/whip"));
    }
}
