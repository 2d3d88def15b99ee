//! The card form on an unpaid card order's page: Stripe.js (from the
//! configured URL) draws the card field; "Pay" tokenises the card, the
//! server confirms the PaymentIntent with it (3-D Secure runs in Stripe.js
//! when the bank asks), and the page waits for Stripe's webhook — the
//! status badge and this panel turn "paid" without a reload.

use leptos::prelude::*;

use crate::components::FOCUS;
use crate::payments::CardForm;

/// Where the form is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Step {
    /// Stripe.js is loading.
    Loading,
    Ready,
    Paying,
    /// Stripe took the payment; its webhook is on the way.
    Waiting,
    Paid,
    /// Stripe.js could not load.
    Unavailable,
}

impl Step {
    fn as_str(&self) -> &'static str {
        match self {
            Self::Loading => "loading",
            Self::Ready => "ready",
            Self::Paying => "paying",
            Self::Waiting => "waiting",
            Self::Paid => "paid",
            Self::Unavailable => "unavailable",
        }
    }
}

/// The panel: what is paid for (server-rendered), the live form (an island)
/// and what to do without JavaScript.
#[component]
pub fn CardPanel(form: CardForm, order_id: String) -> impl IntoView {
    let covers = match form.order_numbers.as_slice() {
        [one] => format!("for order {one}"),
        many => format!("for orders {}", many.join(" and ")),
    };
    let intro = format!("{} {covers}. Your stock is held while you pay.", form.amount);
    view! {
        <section class="rounded-2xl border border-amber-300 bg-amber-50 p-5 dark:border-amber-800 dark:bg-amber-950/40" aria-labelledby="pay-heading" data-testid="card-payment">
            <h2 id="pay-heading" class="text-lg font-semibold">"Pay by card"</h2>
            <p class="mt-1 text-sm text-stone-700 dark:text-stone-300">{intro}</p>
            <CardPayment form order_id />
            <noscript>
                <p class="mt-3 text-sm font-medium">"Card payments need JavaScript (Stripe's secure card field). Turn it on, or cancel this order and choose cash on delivery."</p>
            </noscript>
            <p class="mt-3 text-xs text-stone-600 dark:text-stone-400">"Card details go straight to Stripe; this shop never sees them."</p>
        </section>
    }
}

/// One attribute carries the step; CSS (`group-data-[step=…]`) shows the
/// matching message, so the island has few reactive bindings to ship.
#[island(lazy)]
fn CardPayment(form: CardForm, order_id: String) -> impl IntoView {
    let step = RwSignal::new(Step::Loading);
    let error = RwSignal::new(None::<String>);
    #[cfg(feature = "hydrate")]
    let on_submit = browser::start(&form, &order_id, step, error);
    #[cfg(not(feature = "hydrate"))]
    let on_submit = {
        let _ = &order_id;
        |_: leptos::ev::SubmitEvent| {}
    };
    view! {
        <div class="group" data-step=move || step.get().as_str()>
            <p class="mt-3 text-sm font-medium" role="status" aria-live="polite" data-testid="pay-status">
                <span class="hidden group-data-[step=waiting]:block">"Payment sent. Waiting for Stripe to confirm it…"</span>
                <span class="hidden group-data-[step=paid]:block">"Paid — thank you! The shop is on it."</span>
                <span class="hidden group-data-[step=unavailable]:block">"The card form could not load. Check your connection and reload the page."</span>
            </p>
            <form class="mt-4 space-y-3 group-data-[step=paid]:hidden group-data-[step=unavailable]:hidden group-data-[step=waiting]:hidden" on:submit=on_submit>
                <span id="card-label" class="block text-sm font-medium">"Card details"</span>
                <div id="card-element" role="group" aria-labelledby="card-label" class="min-h-11 rounded-lg border border-stone-300 bg-white px-3 py-3 text-sm dark:border-stone-700 dark:bg-stone-900 [&_input]:w-24 [&_input]:bg-transparent [&_input]:outline-none"></div>
                // A DOM property, not a child: a text node that is empty when the
                // server renders it does not come back to life after hydration.
                <p class="text-sm font-medium text-rose-800 dark:text-rose-300" role="alert" data-testid="pay-error"
                    prop:textContent=move || error.get().unwrap_or_default()></p>
                <button type="submit" data-testid="pay-button" disabled=move || step.get() != Step::Ready
                    class=format!("w-full rounded-full bg-rose-700 px-5 py-3 text-sm font-semibold text-white hover:bg-rose-800 disabled:cursor-wait disabled:opacity-60 {FOCUS}")>
                    <span class="group-data-[step=paying]:hidden">{format!("Pay {}", form.amount)}</span>
                    <span class="hidden group-data-[step=paying]:inline">"Paying…"</span>
                </button>
            </form>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::RefCell;
    use std::rc::Rc;

    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;

    use super::Step;
    use crate::payments::CardForm;
    use crate::payments::api::pay_checkout;

    #[wasm_bindgen]
    extern "C" {
        type StripeJs;
        #[wasm_bindgen(catch, js_name = Stripe)]
        fn stripe(key: &str) -> Result<StripeJs, JsValue>;
        #[wasm_bindgen(method)]
        fn elements(this: &StripeJs) -> Elements;
        #[wasm_bindgen(method, js_name = createToken)]
        fn create_token(this: &StripeJs, card: &CardElement) -> js_sys::Promise;
        #[wasm_bindgen(method, js_name = confirmCardPayment)]
        fn confirm_card_payment(this: &StripeJs, client_secret: &str) -> js_sys::Promise;

        type Elements;
        #[wasm_bindgen(method)]
        fn create(this: &Elements, kind: &str) -> CardElement;

        type CardElement;
        #[wasm_bindgen(method)]
        fn mount(this: &CardElement, selector: &str);
    }

    type Card = Rc<RefCell<Option<(StripeJs, CardElement)>>>;

    fn get(v: &JsValue, key: &str) -> JsValue {
        js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    /// `result.error.message`, when Stripe.js answered with an error.
    fn error_of(result: &JsValue) -> Option<String> {
        let err = get(result, "error");
        if err.is_undefined() || err.is_null() {
            return None;
        }
        Some(get(&err, "message").as_string().unwrap_or_else(|| "Your card could not be used.".to_owned()))
    }

    /// Load Stripe.js, draw the card field, follow the order's status; the
    /// returned handler pays.
    pub fn start(
        form: &CardForm,
        order_id: &str,
        step: RwSignal<Step>,
        error: RwSignal<Option<String>>,
    ) -> impl Fn(leptos::ev::SubmitEvent) + 'static {
        let card: Card = Rc::new(RefCell::new(None));
        load(form, card.clone(), step);
        crate::orders::ui::watch(order_id, move |update| {
            if update["status"].as_str().is_some_and(|s| s != "pending") {
                step.set(Step::Paid);
            }
        });
        let checkout_id = form.checkout_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if step.get_untracked() != Step::Ready {
                return;
            }
            step.set(Step::Paying);
            error.set(None);
            let (card, checkout_id) = (card.clone(), checkout_id.clone());
            leptos::task::spawn_local(async move {
                match pay(&card, checkout_id).await {
                    Ok(()) => step.update(|s| {
                        if *s != Step::Paid {
                            *s = Step::Waiting;
                        }
                    }),
                    Err(message) => {
                        error.set(Some(message));
                        step.set(Step::Ready);
                    }
                }
            });
        }
    }

    fn load(form: &CardForm, card: Card, step: RwSignal<Step>) {
        let key = form.publishable_key.clone();
        let mount = move || match stripe(&key) {
            Ok(s) => {
                let element = s.elements().create("card");
                element.mount("#card-element");
                *card.borrow_mut() = Some((s, element));
                step.set(Step::Ready);
            }
            Err(_) => step.set(Step::Unavailable),
        };
        let window = web_sys::window().expect("window");
        if js_sys::Reflect::has(&window, &JsValue::from_str("Stripe")).unwrap_or(false) {
            mount();
            return;
        }
        let Some(document) = window.document() else { return };
        let Ok(script) = document.create_element("script") else { return };
        let script: web_sys::HtmlScriptElement = script.unchecked_into();
        script.set_src(&form.js_url);
        let onload = Closure::once_into_js(mount);
        script.set_onload(Some(onload.unchecked_ref()));
        let onerror = Closure::once_into_js(move || step.set(Step::Unavailable));
        script.set_onerror(Some(onerror.unchecked_ref()));
        if let Some(head) = document.head() {
            let _ = head.append_child(&script);
        }
    }

    /// Tokenise the card, have the server confirm the payment with it, and
    /// run 3-D Secure when the bank asks. `Err`: words for the shopper.
    async fn pay(card: &Card, checkout_id: String) -> Result<(), String> {
        let promise = {
            let held = card.borrow();
            let (stripe, element) = held.as_ref().ok_or("The card form is not ready yet.")?;
            stripe.create_token(element)
        };
        let result = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map_err(|_| "Stripe could not be reached. Try again.".to_owned())?;
        if let Some(message) = error_of(&result) {
            return Err(message);
        }
        let token = get(&result, "token");
        // The card's id is what a PaymentIntent takes; the token's id is kept as a fallback.
        let method = get(&get(&token, "card"), "id").as_string().or_else(|| get(&token, "id").as_string());
        let method = method.ok_or("Enter your card details.")?;
        let outcome = pay_checkout(checkout_id, method).await.map_err(|e| e.to_string())?;
        if outcome.status == "requires_action"
            && let Some(secret) = outcome.client_secret
        {
            let promise = card.borrow().as_ref().map(|(s, _)| s.confirm_card_payment(&secret));
            let promise = promise.ok_or("The card form is not ready yet.")?;
            let result = wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .map_err(|_| "Your bank's check did not finish. Try again.".to_owned())?;
            if let Some(message) = error_of(&result) {
                return Err(message);
            }
        }
        Ok(())
    }
}
