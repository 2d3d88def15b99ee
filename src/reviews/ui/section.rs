use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::catalog::Rating;
use crate::catalog::ui::kept;
use crate::components::form::{FormError, INPUT, Notice, Submit, action_error};
use crate::components::{Panel, Stars};
use crate::reviews::api::{MarkHelpful, SaveReview, get_reviews};
use crate::reviews::{Review, ReviewPage, ReviewSort, date_label};

/// Reviews of one product: summary with a star histogram, sort, pages,
/// helpful votes and the viewer's own review form.
#[component]
pub fn ReviewsSection(product_id: String, slug: String) -> impl IntoView {
    let save = ServerAction::<SaveReview>::new();
    let vote = ServerAction::<MarkHelpful>::new();
    let query = use_query_map();
    let id = product_id.clone();
    let reviews = Resource::new(
        move || {
            let q = query.read();
            (
                q.get("review_sort").unwrap_or_default(),
                q.get("review_page").and_then(|p| p.parse::<u32>().ok()).unwrap_or(1),
                save.version().get(),
                vote.version().get(),
            )
        },
        move |(sort, page, ..)| get_reviews(id.clone(), sort, page),
    );
    let saved = Signal::derive(move || {
        query.read().get("reviewed").map(|_| "Thank you — your review is saved.".to_owned())
    });
    let back = format!("/products/{slug}");
    let location = leptos_router::hooks::use_location();
    let key = format!("{}?{}|reviews", location.pathname.get_untracked(), location.search.get_untracked());
    view! {
        <section id="reviews" aria-labelledby="reviews-heading" class="mt-16 border-t border-stone-200 pt-10 dark:border-stone-800">
            <h2 id="reviews-heading" class="text-xl font-semibold tracking-tight">"Reviews"</h2>
            <Suspense fallback=|| view! { <p class="mt-4 text-sm text-stone-500" aria-busy="true">"Loading reviews…"</p> }>
                {move || {
                    let back = back.clone();
                    let product_id = product_id.clone();
                    let key = key.clone();
                    Suspend::new(async move {
                        match reviews.await {
                            Ok(page) => {
                                // What a visitor sees is the same for every visitor on this URL.
                                let visitor = (!page.signed_in).then(|| key.clone());
                                let body = move || view! {
                                    <div class="mt-6 grid gap-10 lg:grid-cols-[18rem_1fr]">
                                        <div class="space-y-6">
                                            <Summary page=page.clone() />
                                            <ReviewForm save page=page.clone() product_id back=back.clone() />
                                        </div>
                                        <ReviewList page vote back />
                                    </div>
                                };
                                view! {
                                    <Notice text=saved />
                                    {match visitor {
                                        Some(key) => kept(key, body),
                                        None => body().into_any(),
                                    }}
                                }.into_any()
                            }
                            Err(e) => view! { <p class="mt-4 text-sm text-rose-700">{e.to_string()}</p> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn Summary(page: ReviewPage) -> impl IntoView {
    let s = page.summary;
    let most = s.histogram.iter().copied().max().unwrap_or(0).max(1);
    view! {
        <div>
            <p class="flex items-baseline gap-2">
                <span class="text-4xl font-semibold">{format!("{:.1}", s.average_hundredths as f64 / 100.0)}</span>
                <span class="text-sm text-stone-600 dark:text-stone-400">"out of 5"</span>
            </p>
            <Stars rating=Rating { avg_hundredths: s.average_hundredths, count: s.rating_count } show_count=true />
            <p class="mt-1 text-xs text-stone-600 dark:text-stone-400">{format!("{} ratings · {} written reviews", s.rating_count, s.written)}</p>
            <table class="mt-4 w-full text-sm" aria-label="Written reviews by stars">
                <tbody>
                    {s.histogram.iter().enumerate().map(|(i, n)| {
                        let stars = 5 - i;
                        let width = format!("width: {}%", n * 100 / most);
                        view! {
                            <tr>
                                <th scope="row" class="w-14 py-0.5 text-left font-normal">{format!("{stars} star")}</th>
                                <td class="py-0.5">
                                    <div class="h-2 rounded-full bg-stone-200 dark:bg-stone-800" aria-hidden="true">
                                        <div class="h-2 rounded-full bg-amber-500" style=width></div>
                                    </div>
                                </td>
                                <td class="w-10 py-0.5 text-right tabular-nums text-stone-600 dark:text-stone-400">{*n}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn ReviewForm(
    save: ServerAction<SaveReview>,
    page: ReviewPage,
    product_id: String,
    back: String,
) -> impl IntoView {
    if !page.signed_in {
        let login = format!("/login?next={}", back.replace('/', "%2F"));
        return view! {
            <p class="rounded-xl border border-stone-200 p-4 text-sm dark:border-stone-800">
                <a href=login class="focus-ring rounded font-medium text-rose-700 underline dark:text-rose-300">"Sign in"</a>
                " to write a review."
            </p>
        }
        .into_any();
    }
    let error = action_error(save);
    let mine = page.mine.clone();
    let current = mine.as_ref().map_or(0, |r| r.rating);
    let title = if mine.is_some() { "Edit your review" } else { "Write a review" };
    let msg = move |field: &'static str| move || error.get().and_then(|e| e.field_message(field));
    view! {
        <Panel title>
            <ActionForm action=save attr:class="space-y-4" attr:id="review-form" attr:novalidate=true>
                <FormError error />
                <input type="hidden" name="product_id" value=product_id />
                <input type="hidden" name="back" value=back />
                <fieldset>
                    <legend class="text-sm font-medium">"Your rating"</legend>
                    <div class="mt-1 flex gap-3">
                        {(1..=5u8).map(|n| view! {
                            <label class="flex items-center gap-1 text-sm">
                                <input type="radio" name="rating" value=n.to_string() checked=n == current class="facet-input" />
                                <span aria-hidden="true">{format!("{n}★")}</span>
                                <span class="sr-only">{if n == 1 { "1 star".to_owned() } else { format!("{n} stars") }}</span>
                            </label>
                        }).collect_view()}
                    </div>
                    <p class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{msg("rating")}</p>
                </fieldset>
                <div>
                    <label for="review-title" class="block text-sm font-medium">"Title " <span class="font-normal text-stone-500 dark:text-stone-400">"(optional)"</span></label>
                    <input id="review-title" name="title" maxlength="120" value=mine.as_ref().map(|r| r.title.clone()).unwrap_or_default() class=INPUT />
                    <p class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{msg("title")}</p>
                </div>
                <div>
                    <label for="review-comment" class="block text-sm font-medium">"Your review"</label>
                    <textarea id="review-comment" name="comment" rows="4" maxlength="5000" class=INPUT>
                        {crate::components::escape::raw_text(&mine.as_ref().map(|r| r.body.clone()).unwrap_or_default())}
                    </textarea>
                    <p class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{msg("comment")}</p>
                </div>
                <Submit label=if page.mine.is_some() { "Save review" } else { "Post review" } pending=save.pending() />
            </ActionForm>
        </Panel>
    }
    .into_any()
}

#[component]
fn ReviewList(page: ReviewPage, vote: ServerAction<MarkHelpful>, back: String) -> impl IntoView {
    let sort_link = |sort: ReviewSort, label: &'static str| {
        let active = page.sort == sort;
        let href = format!("{back}?review_sort={}#reviews", sort.as_str());
        view! {
            <a href=href aria-current=active.then_some("true")
               class=if active { "focus-ring rounded-full bg-stone-900 px-3 py-1 text-white dark:bg-stone-100 dark:text-stone-900" } else { "focus-ring rounded-full px-3 py-1 hover:bg-stone-100 dark:hover:bg-stone-800" }>
                {label}
            </a>
        }
    };
    let pages = page.page_count();
    let here = page.page;
    let sort = page.sort;
    let page_link = {
        let back = back.clone();
        move |n: u32| format!("{back}?review_sort={}&review_page={n}#reviews", sort.as_str())
    };
    let mine_id = page.mine.as_ref().map(|r| r.id.clone());
    view! {
        <div>
            <nav aria-label="Sort reviews" class="flex items-center gap-1 text-sm">
                {sort_link(ReviewSort::Newest, "Newest")}
                {sort_link(ReviewSort::Helpful, "Most helpful")}
            </nav>
            {page.items.is_empty().then(|| view! {
                <p class="mt-6 rounded-2xl border border-dashed border-stone-300 p-8 text-center text-sm text-stone-600 dark:border-stone-700 dark:text-stone-400">"No written reviews yet. Be the first to share what you think."</p>
            })}
            <ol class="mt-4 divide-y divide-stone-200 dark:divide-stone-800" role="list">
                {page.items.into_iter().map(|r| {
                    let voted = page.voted.contains(&r.id);
                    let own = mine_id.as_deref() == Some(r.id.as_str());
                    view! { <Item r vote voted own signed_in=page.signed_in back=back.clone() /> }
                }).collect_view()}
            </ol>
            {(pages > 1).then(|| view! {
                <nav aria-label="Review pages" class="mt-4 flex items-center gap-3 text-sm">
                    {(here > 1).then(|| view! { <a class="focus-ring rounded underline" href=page_link(here - 1)>"Newer"</a> })}
                    <span>{format!("Page {here} of {pages}")}</span>
                    {(here < pages).then(|| view! { <a class="focus-ring rounded underline" href=page_link(here + 1)>"Older"</a> })}
                </nav>
            })}
        </div>
    }
}

#[component]
fn Item(
    r: Review,
    vote: ServerAction<MarkHelpful>,
    voted: bool,
    own: bool,
    signed_in: bool,
    back: String,
) -> impl IntoView {
    let paragraphs: Vec<String> = r.body.split("\n\n").map(str::to_owned).collect();
    let anchor = format!("review-{}", r.id);
    let id = r.id.clone();
    let helpful = match r.helpful_count {
        0 => String::new(),
        1 => "1 person found this helpful".to_owned(),
        n => format!("{n} people found this helpful"),
    };
    view! {
        <li id=anchor class="py-5" data-testid="review">
            <div class="flex flex-wrap items-center gap-x-3 gap-y-1">
                <Stars rating=Rating { avg_hundredths: i64::from(r.rating) * 100, count: 1 } />
                {(!r.title.is_empty()).then(|| view! { <h3 class="font-semibold">{r.title.clone()}</h3> })}
            </div>
            <p class="mt-1 text-xs text-stone-600 dark:text-stone-400">
                {format!("{} · {}", r.author, date_label(r.created_at))}
                {r.verified_purchase.then(|| view! { <span class="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 font-medium text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100">"Verified purchase"</span> })}
            </p>
            <div class="mt-2 space-y-2 text-sm leading-relaxed">
                {paragraphs.into_iter().map(|p| view! { <p class="whitespace-pre-line">{p}</p> }).collect_view()}
            </div>
            <div class="mt-3 flex items-center gap-3 text-xs text-stone-600 dark:text-stone-400">
                <span>{helpful}</span>
                {(signed_in && !own && !voted).then(|| view! {
                    <ActionForm action=vote>
                        <input type="hidden" name="id" value=id.clone() />
                        <input type="hidden" name="back" value=back.clone() />
                        <button type="submit" class="focus-ring rounded-full border border-stone-300 px-3 py-1 font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">"Helpful"</button>
                    </ActionForm>
                })}
                {voted.then(|| view! { <span>"You found this helpful"</span> })}
            </div>
        </li>
    }
}
