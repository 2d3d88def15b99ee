//! Reading a picture out of a multipart form: the file field, an optional
//! `alt` text, and the reasons a browser's upload is refused before any
//! decoding (too large, missing, a path-like file name). Each reason is a
//! short code the pages turn into words (`?image_error=too_large`).

use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::StatusCode;

/// The picture's bytes and its description.
pub struct Upload {
    pub bytes: Vec<u8>,
    pub alt: String,
}

/// A file name that tries to climb out of a folder (or carries control
/// characters). Names are never used to store files; such a name is
/// refused all the same, as a sign of a crafted request.
fn path_like(name: &str) -> bool {
    name.contains(['/', '\\', '\0'])
        || name.contains("..")
        || name.chars().any(char::is_control)
        || name.len() > 255
}

/// The file in field `field` (at most `max` bytes) and the `alt` field.
pub async fn read(req: Request, field: &str, max: usize) -> Result<Upload, &'static str> {
    // The whole body is read first (the route's body limit bounds it): a
    // reply sent while the browser still has bytes to send — even the
    // closing boundary's line end — makes the connection unusable for the
    // next request on it.
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.map_err(|_| "too_large")?;
    let req = Request::from_parts(parts, Body::from(bytes));
    let mut form = Multipart::from_request(req, &()).await.map_err(|_| "broken")?;
    let (mut bytes, mut alt, mut refused) = (None, String::new(), None);
    loop {
        match form.next_field().await {
            Ok(Some(f)) if f.name() == Some(field) => {
                // Refused, but the rest of the body is still read: a reply
                // sent before the request ends breaks the client's connection.
                if f.file_name().is_some_and(path_like) {
                    refused = Some("name");
                }
                match f.bytes().await {
                    Ok(b) => bytes = Some(b),
                    Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err("too_large"),
                    Err(_) => return Err("broken"),
                }
            }
            Ok(Some(f)) if f.name() == Some("alt") => {
                alt = f.text().await.map_err(|_| "broken")?.chars().take(400).collect();
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err("too_large"),
            Err(_) => return Err("broken"),
        }
    }
    if let Some(code) = refused {
        return Err(code);
    }
    let bytes = bytes.filter(|b| !b.is_empty()).ok_or("missing")?;
    if bytes.len() > max {
        return Err("too_large");
    }
    Ok(Upload { bytes: bytes.to_vec(), alt })
}

#[cfg(test)]
mod tests {
    use super::path_like;

    #[test]
    fn climbing_names_are_spotted() {
        for bad in ["../x.png", "a/b.png", "a\\b.png", "x\0.png", "..png"] {
            assert!(path_like(bad), "{bad}");
        }
        assert!(!path_like("serum bottle (1).png"));
    }
}
