//! Leptos escapes text children everywhere except inside `<title>` (which
//! leptos_meta writes itself) and the raw-text elements (`<textarea>`,
//! `<script>`, `<style>`), whose children it copies verbatim into the server
//! HTML. Text a person or seller wrote that goes there passes through here.

/// `text` escaped for the server's HTML; unchanged in the browser, where it
/// becomes a DOM text node and is never parsed as markup.
pub fn raw_text(text: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        escape(text)
    }
    #[cfg(not(feature = "ssr"))]
    {
        text.to_owned()
    }
}

/// HTML-escape `&`, `<`, `>`, `"` and `'`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_neutralised() {
        assert_eq!(
            escape("</title><script>a&b</script>"),
            "&lt;/title&gt;&lt;script&gt;a&amp;b&lt;/script&gt;"
        );
        assert_eq!(escape("\"><img src=x onerror='1'>"), "&quot;&gt;&lt;img src=x onerror=&#39;1&#39;&gt;");
    }
}
