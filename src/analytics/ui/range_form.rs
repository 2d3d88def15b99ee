//! The date range of a dashboard: a GET form, so the page follows the
//! choice with or without JavaScript, and a link to a view can be shared.

use leptos::prelude::*;

use crate::analytics::{RANGES, RangeQuery};
use crate::components::FOCUS;
use crate::components::form::INPUT;
use crate::error::AppError;

const LABEL: &str = "block text-xs font-medium text-stone-600 dark:text-stone-400";

#[component]
pub fn RangeForm(
    current: RangeQuery,
    /// The back office may narrow to one shop (its id or address).
    #[prop(optional_no_strip)]
    shop: Option<String>,
    /// Errors from reading the range, shown next to their fields.
    #[prop(optional)]
    error: Option<AppError>,
) -> impl IntoView {
    let range = if current.range.is_empty() { "30d".to_owned() } else { current.range.clone() };
    let err = move |field: &str| error.as_ref().and_then(|e| e.field_message(field));
    let field_error = |id: &'static str, msg: Option<String>| {
        msg.map(|m| view! { <p id=id class="mt-1 text-xs text-rose-700 dark:text-rose-400">{m}</p> })
    };
    let (from_err, to_err, range_err) = (err("from"), err("to"), err("range").or_else(|| err("group")));
    view! {
        <form method="get" class="mt-6 grid grid-cols-2 items-start gap-3 rounded-2xl border border-stone-200 p-4 sm:grid-cols-3 lg:grid-cols-6 dark:border-stone-800" aria-label="Date range">
            <div class="col-span-2 sm:col-span-1">
                <label for="r-range" class=LABEL>"Range"</label>
                <select id="r-range" name="range" class=INPUT aria-invalid=range_err.is_some().then_some("true")>
                    {RANGES.into_iter().map(|(value, label)| view! {
                        <option value=value selected=range == value>{label}</option>
                    }).collect_view()}
                </select>
                {field_error("r-range-error", range_err)}
            </div>
            <DateField name="from" label="From (custom)" value=current.from.clone() error=from_err />
            <DateField name="to" label="To (custom)" value=current.to.clone() error=to_err />
            <div>
                <label for="r-group" class=LABEL>"Group by"</label>
                <select id="r-group" name="group" class=INPUT>
                    {[("", "Automatic"), ("day", "Day"), ("week", "Week"), ("month", "Month")].into_iter().map(|(v, l)| view! {
                        <option value=v selected=current.group == v>{l}</option>
                    }).collect_view()}
                </select>
            </div>
            {shop.map(|shop| view! {
                <div>
                    <label for="r-shop" class=LABEL>"Shop"</label>
                    <input id="r-shop" name="shop" value=shop placeholder="all shops" maxlength="80" class=INPUT />
                </div>
            })}
            <div class="flex items-end self-end">
                <button type="submit" class=format!("w-full rounded-full bg-stone-900 px-4 py-2 text-sm font-semibold text-white hover:bg-stone-700 dark:bg-stone-100 dark:text-stone-900 {FOCUS}")>"Show"</button>
            </div>
        </form>
    }
}

/// A day of a custom range, with its error beside it.
#[component]
fn DateField(name: &'static str, label: &'static str, value: String, error: Option<String>) -> impl IntoView {
    let (id, error_id) = (format!("r-{name}"), format!("r-{name}-error"));
    let described = error.is_some().then(|| error_id.clone());
    view! {
        <div>
            <label for=id.clone() class=LABEL>{label}</label>
            <input id=id name=name type="date" value=value class=INPUT
                aria-invalid=error.is_some().then_some("true") aria-describedby=described />
            {error.map(|m| view! { <p id=error_id class="mt-1 text-xs text-rose-700 dark:text-rose-400">{m}</p> })}
        </div>
    }
}
