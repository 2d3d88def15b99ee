//! A campaign mail for one person: the template's merge fields filled in —
//! in the HTML every value is escaped, so a name like `<b>Eve</b>` stays
//! text — plus the products block, the unsubscribe footer and the pixel.
//!
//! Templates are plain text, paragraphs apart by a blank line. Fields:
//! `{{first_name}}`, `{{products}}`, `{{shop_url}}` (spaces inside the
//! braces allowed); anything else in double braces is refused when saved.

use super::links::MailLinks;
use crate::error::{AppError, AppResult};
use crate::mail::html_escape as esc;

/// A merge field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    FirstName,
    Products,
    ShopUrl,
}

impl Field {
    fn parse(name: &str) -> Option<Self> {
        match name.trim() {
            "first_name" => Some(Self::FirstName),
            "products" => Some(Self::Products),
            "shop_url" => Some(Self::ShopUrl),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Field(Field),
}

/// Split `text` at its merge fields; an unknown field is an error naming it.
fn pieces(text: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open..].find("}}") else { break };
        let name = &rest[open + 2..open + close];
        let field = Field::parse(name).ok_or_else(|| {
            format!("Unknown merge field {{{{{}}}}}: use {{{{first_name}}}}, {{{{products}}}} or {{{{shop_url}}}}.", name.trim())
        })?;
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        out.push(Piece::Field(field));
        rest = &rest[open + close + 2..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    Ok(out)
}

/// Check a subject and template before they are saved.
pub fn check(subject: &str, template: &str) -> AppResult<()> {
    pieces(subject).map_err(|m| AppError::field("subject", m))?;
    if pieces(subject).is_ok_and(|p| p.contains(&Piece::Field(Field::Products))) {
        return Err(AppError::field("subject", "{{products}} belongs in the message, not the subject."));
    }
    pieces(template).map_err(|m| AppError::field("template", m))?;
    Ok(())
}

/// `text`'s pieces; a field unknown now (the template was checked when
/// saved) stays as it was written.
fn plain(text: &str) -> Vec<Piece<'_>> {
    pieces(text).unwrap_or_else(|_| vec![Piece::Text(text)])
}

/// A product in the mail's block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailProduct {
    pub title: String,
    /// "$24.00".
    pub price: String,
    /// `/products/{slug}`.
    pub path: String,
}

/// Who the mail is for.
#[derive(Debug, Clone)]
pub struct Recipient<'a> {
    pub first_name: &'a str,
    pub products: &'a [MailProduct],
    pub links: &'a MailLinks,
    pub shop_name: &'a str,
}

/// One person's mail (bodies still carry `{site}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

fn text_of(pieces: &[Piece<'_>], r: &Recipient<'_>) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => (*t).to_owned(),
            Piece::Field(Field::FirstName) => r.first_name.to_owned(),
            Piece::Field(Field::ShopUrl) => r.links.click("/"),
            Piece::Field(Field::Products) => r
                .products
                .iter()
                .map(|p| format!("- {} ({}): {}", p.title, p.price, r.links.click(&p.path)))
                .collect::<Vec<_>>()
                .join("\n"),
        })
        .collect()
}

fn products_html(r: &Recipient<'_>) -> String {
    let cards: String = r
        .products
        .iter()
        .map(|p| {
            format!(
                "<tr><td style=\"padding:8px 0\"><a href=\"{}\" style=\"color:#9f1239;font-weight:600\">{}</a> \
                 <span style=\"color:#57534e\">{}</span></td></tr>",
                esc(&r.links.click(&p.path)),
                esc(&p.title),
                esc(&p.price)
            )
        })
        .collect();
    format!("<table role=\"presentation\" style=\"margin:12px 0\">{cards}</table>")
}

fn paragraph_html(pieces: &[Piece<'_>], r: &Recipient<'_>) -> String {
    let mut inline = String::new();
    let mut out = String::new();
    let flush = |inline: &mut String, out: &mut String| {
        if !inline.trim().is_empty() {
            out.push_str(&format!("<p>{}</p>", inline.trim().replace('\n', "<br>")));
        }
        inline.clear();
    };
    for p in pieces {
        match p {
            Piece::Text(t) => inline.push_str(&esc(t)),
            Piece::Field(Field::FirstName) => inline.push_str(&esc(r.first_name)),
            Piece::Field(Field::ShopUrl) => {
                let url = esc(&r.links.click("/"));
                inline.push_str(&format!("<a href=\"{url}\">{}</a>", esc(r.shop_name)));
            }
            Piece::Field(Field::Products) => {
                flush(&mut inline, &mut out);
                out.push_str(&products_html(r));
            }
        }
    }
    flush(&mut inline, &mut out);
    out
}

/// The mail for `r`. The template was checked when saved; a field that is
/// unknown now renders as it was written.
pub fn render(subject: &str, template: &str, r: &Recipient<'_>) -> Rendered {
    let subject: String =
        text_of(&plain(subject), r).chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let unsubscribe = r.links.unsubscribe_page();
    let footer = format!(
        "You get this mail because you said yes to news from {}. Unsubscribe with one click: {unsubscribe}",
        r.shop_name
    );
    let text = format!("{}\n\n--\n{footer}", text_of(&plain(template), r).trim());
    let paragraphs: String =
        template.replace("\r\n", "\n").split("\n\n").map(|para| paragraph_html(&plain(para), r)).collect();
    let pixel = r
        .links
        .pixel()
        .map(|src| {
            format!("<img src=\"{}\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block\">", esc(&src))
        })
        .unwrap_or_default();
    let html = crate::mail::page(&format!(
        "{paragraphs}<hr style=\"border:0;border-top:1px solid #e7e5e4;margin:24px 0\">\
         <p style=\"font-size:12px;color:#57534e\">You get this mail because you said yes to news from {}. \
         <a href=\"{}\" style=\"color:#57534e\">Unsubscribe</a> with one click.</p>{pixel}",
        esc(r.shop_name),
        esc(&unsubscribe)
    ));
    Rendered { subject, text, html }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample<'a>(name: &'a str, products: &'a [MailProduct], links: &'a MailLinks) -> Recipient<'a> {
        Recipient { first_name: name, products, links, shop_name: "Bazaar" }
    }

    #[test]
    fn unknown_fields_are_refused_when_saved() {
        assert!(check("Hi {{first_name}}", "Hello {{ first_name }}\n\n{{products}}").is_ok());
        let e = check("Hi", "Hello {{last_name}}").unwrap_err();
        assert!(e.field_message("template").unwrap().contains("{{last_name}}"));
        assert!(check("{{products}}", "x").unwrap_err().field_message("subject").is_some());
    }

    #[test]
    fn merge_values_are_escaped_in_html_and_kept_in_text() {
        let links = MailLinks::plain();
        let products = [MailProduct {
            title: "Rose <serum>".into(),
            price: "$24.00".into(),
            path: "/products/rose".into(),
        }];
        let r = sample("<b>Eve</b>", &products, &links);
        let mail = render("For {{first_name}}", "Hello {{first_name}}!\n\n{{products}}", &r);
        assert!(mail.html.contains("Hello &lt;b&gt;Eve&lt;/b&gt;!"), "{}", mail.html);
        assert!(!mail.html.contains("<b>Eve</b>"));
        assert!(mail.html.contains("Rose &lt;serum&gt;"));
        assert!(mail.text.starts_with("Hello <b>Eve</b>!"));
        assert_eq!(mail.subject, "For <b>Eve</b>");
        assert!(mail.text.contains("- Rose <serum> ($24.00): {site}/products/rose"));
    }

    #[test]
    fn template_markup_is_text_too() {
        let links = MailLinks::plain();
        let mail = render("Hi", "<script>alert(1)</script>", &sample("Ann", &[], &links));
        assert!(mail.html.contains("&lt;script&gt;") && !mail.html.contains("<script>"));
    }

    #[test]
    fn tracked_mail_has_pixel_unsubscribe_and_tracked_clicks() {
        let links = MailLinks::tracked("cd".repeat(32));
        let products =
            [MailProduct { title: "Tulips".into(), price: "$9.00".into(), path: "/products/tulips".into() }];
        let mail = render("Hi", "{{products}}\n\nSee {{shop_url}}", &sample("Ann", &products, &links));
        assert!(mail.html.contains("/c/cdcd"));
        assert!(mail.html.contains("open.gif"));
        assert!(mail.html.contains("{site}/unsubscribe/cdcd"));
        assert!(mail.text.contains("{site}/unsubscribe/cdcd"));
        assert!(!mail.html.contains("href=\"{site}/products/tulips\""), "clicks go through the counter");
    }
}
