//! `/admin/outbox`: the mail the shop has written, sent or waiting, with
//! the last error of any that failed (administrators only).

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::accounts::ui::Refused;

/// One message as the back office lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxItem {
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub attempts: i64,
    pub sent_at: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: i64,
}

/// The newest 100 messages, and whether SMTP is configured.
#[server(endpoint = "admin_outbox")]
pub async fn get_outbox() -> Result<(Vec<OutboxItem>, bool), crate::error::AppError> {
    let state = crate::server::state::current()?;
    crate::server::auth::require_role(&[crate::accounts::Role::Admin]).await?;
    let rows = crate::mail::db::recent(&mut state.db.conn().await?, 100).await?;
    let items = rows
        .into_iter()
        .map(|r| OutboxItem {
            kind: r.kind,
            recipient: r.recipient,
            subject: r.subject,
            attempts: r.attempts,
            sent_at: r.sent_at,
            last_error: r.last_error,
            created_at: r.created_at,
        })
        .collect();
    Ok((items, state.settings.mail.smtp_url.is_some()))
}

#[component]
pub fn AdminOutboxPage() -> impl IntoView {
    let outbox = Resource::new(|| (), |_| get_outbox());
    view! {
        <Title text="Outbox" />
        <div class="pt-8">
            <a href="/admin" class="text-sm text-rose-700 hover:underline dark:text-rose-300">"← Back office"</a>
            <h1 class="mt-2 text-2xl font-semibold tracking-tight sm:text-3xl">"Outbox"</h1>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match outbox.await {
                        Ok((items, smtp)) if items.is_empty() => view! {
                            <p class="mt-6 rounded-2xl border border-dashed border-stone-300 p-10 text-center text-sm dark:border-stone-700">
                                {if smtp { "No mail written yet." } else { "No mail written yet. Without an SMTP server (BAZAAR_SMTP_URL) it will wait here." }}
                            </p>
                        }.into_any(),
                        Ok((items, smtp)) => view! {
                            {(!smtp).then(|| view! {
                                <p class="mt-4 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200" role="status">
                                    "No SMTP server is set (BAZAAR_SMTP_URL), so mail waits here. It goes out once one is set."
                                </p>
                            })}
                            <div class="mt-6 overflow-x-auto rounded-2xl border border-stone-200 dark:border-stone-800">
                                <table class="w-full text-left text-sm">
                                    <thead class="bg-stone-50 text-xs uppercase tracking-wide text-stone-600 dark:bg-stone-900 dark:text-stone-400">
                                        <tr><th scope="col" class="px-4 py-3">"To"</th><th scope="col" class="px-4 py-3">"Subject"</th><th scope="col" class="hidden px-4 py-3 sm:table-cell">"Written"</th><th scope="col" class="px-4 py-3">"State"</th></tr>
                                    </thead>
                                    <tbody class="divide-y divide-stone-200 dark:divide-stone-800">
                                        {items.into_iter().map(|m| {
                                            let state = match (m.sent_at, &m.last_error) {
                                                (Some(at), _) => format!("Sent {}", crate::dates::when(at)),
                                                (None, Some(e)) => format!("Try {} failed: {e}", m.attempts),
                                                (None, None) => "Waiting".to_owned(),
                                            };
                                            view! {
                                                <tr data-testid="outbox-row">
                                                    <td class="px-4 py-3">{m.recipient}</td>
                                                    <td class="px-4 py-3">{m.subject}</td>
                                                    <td class="hidden px-4 py-3 sm:table-cell">{crate::dates::when(m.created_at)}</td>
                                                    <td class="px-4 py-3">{state}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
