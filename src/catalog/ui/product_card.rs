use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::catalog::{ProductCard, StockState};
use crate::components::{Price, Stars};

/// One product tile: image, name, shop, price, rating and stock.
#[component]
pub fn ProductCardView(card: ProductCard, #[prop(default = false)] eager: bool) -> impl IntoView {
    let href = format!("/products/{}", card.slug);
    let stock = StockState::from_units(card.stock);
    let badge = match (stock, card.compare_at.is_some()) {
        (StockState::SoldOut, _) => Some(("Sold out", "bg-stone-900/80 text-white")),
        (StockState::Low(_), _) => Some(("Low stock", "bg-amber-100 text-amber-900")),
        (_, true) => Some(("Sale", "bg-rose-700 text-white")),
        _ => None,
    };
    view! {
        <article class="group relative flex flex-col">
            <div class="card-media">
                {card.image.map(|img| view! {
                    <img
                        src=img.url
                        alt=img.alt
                        width="400"
                        height="400"
                        loading=if eager { "eager" } else { "lazy" }
                        decoding="async"
                        class="card-img"
                    />
                })}
                {badge.map(|(text, class)| view! {
                    <span class=format!("card-badge {class}")>{text}</span>
                })}
                <WishButton product_id=card.id.clone() wished=card.wished title=card.title.clone() />
            </div>
            <div class="card-body">
                <p class="card-shop">{card.shop_name}</p>
                <h3 class="text-sm font-medium leading-snug">
                    <a href=href class="card-link focus-ring">{marked(&card.title, &card.title_marks)}</a>
                </h3>
                {(!card.subtitle.is_empty()).then(|| view! {
                    <p class="line-clamp-1 muted-xs">{card.subtitle}</p>
                })}
                <Stars rating=card.rating />
                <div class="mt-auto flex items-center justify-between gap-2 pt-1">
                    <Price price=card.price compare_at=card.compare_at />
                    {(stock != StockState::SoldOut && !card.has_variants).then(|| view! {
                        // A plain form (no component): 24 of these on every listing page.
                        <form method="post" action="/api/add_to_cart">
                            <input type="hidden" name="product_id" value=card.id />
                            <button type="submit" class="quick-add" aria-label=format!("Add {} to cart", card.title)>"Add"</button>
                        </form>
                    })}
                </div>
            </div>
        </article>
    }
}

/// `text` with the byte ranges in `marks` wrapped in `<mark>` (search hits).
fn marked(text: &str, marks: &[(u32, u32)]) -> AnyView {
    if marks.is_empty() {
        return text.to_owned().into_any();
    }
    let mut parts = Vec::new();
    let mut at = 0usize;
    for &(start, end) in marks {
        let (start, end) = (start as usize, end as usize);
        if start < at || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        parts.push((text[at..start].to_owned(), false));
        parts.push((text[start..end].to_owned(), true));
        at = end;
    }
    parts.push((text[at..].to_owned(), false));
    parts
        .into_iter()
        .map(
            |(part, hit)| {
                if hit {
                    view! { <mark class="search-hit">{part}</mark> }.into_any()
                } else {
                    part.into_any()
                }
            },
        )
        .collect_view()
        .into_any()
}

/// The heart: a form post that saves or unsaves the product and comes back
/// here (works without JavaScript); for a visitor, a link to sign in.
#[component]
pub fn WishButton(
    product_id: String,
    wished: Option<bool>,
    title: String,
    #[prop(default = "wish-btn")] class: &'static str,
) -> impl IntoView {
    let location = use_location();
    let search = location.search.get_untracked();
    let back = match search.trim_start_matches('?') {
        "" => location.pathname.get_untracked(),
        q => format!("{}?{q}", location.pathname.get_untracked()),
    };
    match wished {
        None => {
            let href = format!("/login?next={}", crate::catalog::query::encode(&back));
            view! {
                <a href=href class=class aria-label=format!("Sign in to save {title}")>
                    <span class="icon-heart" aria-hidden="true"></span>
                </a>
            }
            .into_any()
        }
        Some(on) => view! {
            <form method="post" action="/api/toggle_wish" class="contents">
                <input type="hidden" name="product_id" value=product_id />
                <input type="hidden" name="back" value=back />
                <button
                    type="submit"
                    class=if on { format!("{class} wish-on") } else { class.to_owned() }
                    aria-pressed=on.to_string()
                    aria-label=if on { format!("Remove {title} from your wishlist") } else { format!("Save {title} to your wishlist") }
                >
                    <span class="icon-heart" aria-hidden="true"></span>
                </button>
            </form>
        }
        .into_any(),
    }
}

/// A responsive grid of cards, or an empty state.
#[component]
pub fn ProductGrid(
    cards: Vec<ProductCard>,
    #[prop(default = "No products match.")] empty: &'static str,
) -> impl IntoView {
    if cards.is_empty() {
        return view! {
            <div class="rounded-2xl border border-dashed border-stone-300 p-12 text-center dark:border-stone-700">
                <p class="font-medium">{empty}</p>
                <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"Try fewer words or another category."</p>
                <a href="/products" class="mt-4 inline-block text-sm font-medium text-rose-700 underline dark:text-rose-300">"Clear all filters"</a>
            </div>
        }
        .into_any();
    }
    view! {
        <ul class="grid grid-cols-2 gap-x-4 gap-y-8 sm:grid-cols-3 lg:grid-cols-4" role="list">
            {cards.into_iter().enumerate().map(|(i, card)| view! {
                <li><ProductCardView card eager={i < 4} /></li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// Grey placeholders while a grid loads.
#[component]
pub fn GridSkeleton(#[prop(default = 8)] count: usize) -> impl IntoView {
    view! {
        <ul class="grid animate-pulse grid-cols-2 gap-x-4 gap-y-8 sm:grid-cols-3 lg:grid-cols-4" aria-busy="true" aria-label="Loading products">
            {(0..count).map(|_| view! {
                <li>
                    <div class="aspect-square rounded-2xl bg-stone-200 dark:bg-stone-800"></div>
                    <div class="mt-3 h-3 w-1/3 rounded bg-stone-200 dark:bg-stone-800"></div>
                    <div class="mt-2 h-4 w-3/4 rounded bg-stone-200 dark:bg-stone-800"></div>
                </li>
            }).collect_view()}
        </ul>
    }
}
