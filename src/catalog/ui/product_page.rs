use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_location, use_params_map};

use super::product_card::WishButton;
use super::{ProductGrid, kept};
use crate::catalog::api::get_product;
use crate::catalog::{Image, ProductDetail, StockState, Variant};
use crate::components::{ErrorView, FOCUS, Icon, Price, Stars};
use crate::reviews::ui::ReviewsSection;

/// `/products/{slug}`.
#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let product = Resource::new(slug, get_product);
    view! {
        <Suspense fallback=|| view! { <div class="mt-8 h-96 animate-pulse rounded-3xl bg-stone-200 dark:bg-stone-800"></div> }>
            {move || Suspend::new(async move {
                match product.await {
                    Ok(p) => view! { <Detail p /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn summary(text: &str) -> String {
    let first = text.split("\n\n").next().unwrap_or(text);
    if first.chars().count() > 155 {
        format!("{}…", first.chars().take(154).collect::<String>())
    } else {
        first.to_owned()
    }
}

/// Which hearts the page shows: none (a visitor), off or on, for the
/// product and each related card. Part of the kept HTML's key.
fn hearts(p: &ProductDetail) -> String {
    std::iter::once(&p.card)
        .chain(&p.related)
        .chain(&p.together)
        .map(|c| match c.wished {
            None => 'n',
            Some(false) => '0',
            Some(true) => '1',
        })
        .collect()
}

#[component]
fn Detail(mut p: ProductDetail) -> impl IntoView {
    // Everything but the title, the reviews and the account bits in the
    // header is the same for every viewer with the same hearts on this URL.
    let location = use_location();
    let key =
        format!("{}?{}|{}", location.pathname.get_untracked(), location.search.get_untracked(), hearts(&p));
    let (id, slug, title) = (p.card.id.clone(), p.card.slug.clone(), p.card.title.clone());
    let description = summary(&p.description);
    let related = std::mem::take(&mut p.related);
    let together = std::mem::take(&mut p.together);
    view! {
        <Title text=title />
        <Meta name="description" content=description />
        {kept(format!("{key}|main"), move || view! { <Main p /> })}
        {(!together.is_empty()).then(|| kept(format!("{key}|together"), move || view! {
            <section class="mt-14" aria-labelledby="together-heading" data-testid="bought-together">
                <h2 id="together-heading" class="text-xl font-semibold tracking-tight">"Often bought together"</h2>
                <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"Shoppers who bought this also took these in the same order."</p>
                <div class="mt-5"><ProductGrid cards=together /></div>
            </section>
        }))}
        <ReviewsSection product_id=id slug />
        {(!related.is_empty()).then(|| kept(format!("{key}|related"), move || view! {
            <section class="mt-14" aria-labelledby="related-heading" data-testid="similar">
                <h2 id="related-heading" class="text-xl font-semibold tracking-tight">"Similar"</h2>
                <div class="mt-5"><ProductGrid cards=related /></div>
            </section>
        }))}
    }
}

#[component]
fn Main(p: ProductDetail) -> impl IntoView {
    let card = p.card.clone();
    let stock = StockState::from_units(card.stock);
    let stock_class = match stock {
        StockState::InStock => "text-emerald-700 dark:text-emerald-400",
        StockState::Low(_) => "text-amber-700 dark:text-amber-400",
        StockState::SoldOut => "text-stone-500",
    };
    let variants = p.variants.clone();
    let option_names: Vec<String> = p.options.iter().map(|o| o.name.clone()).collect();
    let paragraphs: Vec<String> = p.description.split("\n\n").map(str::to_owned).collect();
    view! {
        <nav aria-label="Breadcrumb" class="pt-6 text-sm text-stone-600 dark:text-stone-400">
            <ol class="flex flex-wrap items-center gap-1">
                <li><a href="/" class="hover:underline">"Home"</a></li>
                <li aria-hidden="true">"/"</li>
                <li><a href=format!("/categories/{}", p.category.slug) class="hover:underline">{p.category.name.clone()}</a></li>
                <li aria-hidden="true">"/"</li>
                <li aria-current="page" class="truncate text-stone-900 dark:text-stone-100">{card.title.clone()}</li>
            </ol>
        </nav>
        <div class="mt-6 grid gap-10 lg:grid-cols-2">
            <Gallery images=p.images.clone() />
            <div>
                <a href=format!("/shops/{}", p.shop.slug) class="text-sm font-medium uppercase tracking-wide text-rose-700 hover:underline dark:text-rose-300">
                    {p.shop.shop_name.clone()}
                </a>
                <h1 class="mt-2 text-3xl font-semibold tracking-tight">{card.title.clone()}</h1>
                {(!card.subtitle.is_empty()).then(|| view! { <p class="mt-1 text-stone-600 dark:text-stone-400">{card.subtitle.clone()}</p> })}
                <div class="mt-3"><Stars rating=card.rating show_count=true /></div>
                <div class="mt-5 flex items-center justify-between gap-4">
                    <Price price=card.price.clone() compare_at=card.compare_at.clone() size="text-2xl" />
                    <WishButton product_id=card.id.clone() wished=card.wished title=card.title.clone() class="wish-inline" />
                </div>
                <p class=format!("mt-2 text-sm font-medium {stock_class}") data-testid="stock-state">{stock.label()}</p>
                <crate::cart::ui::AddToCartForm product_id=card.id.clone() sold_out=stock == StockState::SoldOut>
                    <Variants variants=variants options=option_names />
                </crate::cart::ui::AddToCartForm>
                <div class="prose mt-8 max-w-none space-y-4 text-stone-700 dark:text-stone-300">
                    {paragraphs.into_iter().map(|t| view! { <p>{t}</p> }).collect_view()}
                </div>
                {(!p.attributes.is_empty()).then(|| view! {
                    <dl class="mt-8 space-y-4 border-t border-stone-200 pt-6 dark:border-stone-800">
                        {p.attributes.clone().into_iter().map(|a| view! {
                            <div>
                                <dt class="text-sm font-semibold">{a.label}</dt>
                                <dd class="mt-2 flex flex-wrap gap-2">
                                    {a.values.into_iter().map(|v| view! {
                                        <span class="rounded-full bg-stone-100 px-3 py-1 text-xs font-medium text-stone-700 dark:bg-stone-800 dark:text-stone-200">{v}</span>
                                    }).collect_view()}
                                </dd>
                            </div>
                        }).collect_view()}
                    </dl>
                })}
                <ShopCard p=p.clone() />
            </div>
        </div>
    }
}

/// Images in a scroll-snap strip; thumbnails are anchors, so it works without JavaScript.
#[component]
fn Gallery(images: Vec<Image>) -> impl IntoView {
    if images.is_empty() {
        return view! { <div class="aspect-square rounded-3xl bg-stone-100 dark:bg-stone-800" role="img" aria-label="No photo yet"></div> }.into_any();
    }
    let many = images.len() > 1;
    view! {
        <div>
            <div class="flex snap-x snap-mandatory overflow-x-auto rounded-3xl bg-stone-100 dark:bg-stone-800">
                {images.iter().enumerate().map(|(i, img)| view! {
                    <img id=format!("image-{}", i + 1) src=img.url.clone() alt=img.alt.clone() width="800" height="800"
                        class="aspect-square w-full flex-none snap-center object-cover" loading=if i == 0 { "eager" } else { "lazy" } />
                }).collect_view()}
            </div>
            {many.then(|| view! {
                <ul class="mt-3 flex gap-3" role="list">
                    {images.iter().enumerate().map(|(i, img)| view! {
                        <li>
                            <a href=format!("#image-{}", i + 1) class=format!("block h-20 w-20 overflow-hidden rounded-xl ring-1 ring-stone-200 hover:ring-rose-400 dark:ring-stone-700 {FOCUS}")>
                                <img src=img.url.clone() alt=format!("Show photo {}", i + 1) width="80" height="80" class="h-full w-full object-cover" loading="lazy" />
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
    .into_any()
}

#[component]
fn Variants(variants: Vec<Variant>, options: Vec<String>) -> impl IntoView {
    // A product without options has one "Default" variant: no picker.
    if variants.len() < 2 && options.is_empty() {
        return ().into_any();
    }
    let legend = if options.is_empty() { "Options".to_owned() } else { options.join(" / ") };
    let first_available = variants.iter().position(|v| v.stock > 0);
    view! {
        <fieldset class="mt-6">
            <legend class="text-sm font-semibold">{legend}</legend>
            <div class="mt-3 grid gap-2 sm:grid-cols-2">
                {variants.into_iter().enumerate().map(|(i, v)| {
                    let state = StockState::from_units(v.stock);
                    let sold_out = state == StockState::SoldOut;
                    view! {
                        <label class=format!("flex cursor-pointer items-center justify-between gap-3 rounded-xl border border-stone-300 px-4 py-3 text-sm has-[:checked]:border-rose-600 has-[:checked]:ring-1 has-[:checked]:ring-rose-600 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-50 dark:border-stone-700 {FOCUS}")>
                            <span class="flex items-center gap-2">
                                <input type="radio" name="variant" value=v.id.clone() disabled=sold_out checked=Some(i) == first_available class="accent-rose-700" />
                                <span class="font-medium">{v.title.clone()}</span>
                            </span>
                            <span class="text-right">
                                <span class="block">{v.price.to_string()}</span>
                                <span class="block text-xs text-stone-500 dark:text-stone-400">{state.label()}</span>
                            </span>
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
    .into_any()
}

#[component]
fn ShopCard(p: ProductDetail) -> impl IntoView {
    let shop = p.shop;
    view! {
        <aside class="mt-8 flex items-start gap-4 rounded-2xl border border-stone-200 p-5 dark:border-stone-800" aria-label="About the shop">
            <span class="grid h-12 w-12 flex-none place-items-center rounded-full bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200">
                <Icon name="store" />
            </span>
            <div class="min-w-0">
                <p class="flex items-center gap-1 font-semibold">
                    {shop.shop_name.clone()}
                    {shop.verified.then(|| view! {
                        <span class="inline-flex items-center gap-0.5 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">
                            <Icon name="check" class="h-3 w-3" />"Verified"
                        </span>
                    })}
                </p>
                <p class="mt-0.5 text-sm text-stone-600 dark:text-stone-400">{shop.tagline.clone()}</p>
                <p class="mt-0.5 text-xs text-stone-500 dark:text-stone-400">{format!("{} · {} products", shop.location, shop.product_count)}</p>
                <a href=format!("/shops/{}", shop.slug) class="mt-2 inline-block text-sm font-medium text-rose-700 hover:underline dark:text-rose-300">"Visit the shop →"</a>
            </div>
        </aside>
    }
}
