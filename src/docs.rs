//! `/api/docs`: the REST API's reference. With JavaScript, Swagger UI (from
//! the `swagger-ui-dist` npm package, served from our own `/vendor/swagger/`,
//! no request leaves the shop) draws `/api/v1/openapi.json` and can try a
//! call with the visitor's own session; without it, the same document as a
//! server-rendered list of every endpoint. Authentication and error shapes
//! are explained above both.

use leptos::prelude::*;
use leptos_meta::{Link, Script, Title};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// One operation of the OpenAPI document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    pub method: String,
    pub path: String,
    pub tag: String,
    /// Its summary, or what its success answer is.
    pub summary: String,
}

/// Every operation, grouped by tag then path.
#[server(endpoint = "api_endpoints")]
pub async fn get_endpoints() -> Result<Vec<Endpoint>, AppError> {
    Ok(endpoints(&crate::server::rest::openapi_doc()))
}

#[cfg(feature = "ssr")]
fn endpoints(doc: &utoipa::openapi::OpenApi) -> Vec<Endpoint> {
    use utoipa::openapi::RefOr;
    let mut out = Vec::new();
    for (path, item) in &doc.paths.paths {
        let ops = [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("PATCH", &item.patch),
            ("DELETE", &item.delete),
        ];
        for (method, op) in ops {
            let Some(op) = op else { continue };
            // The success answer, else the first (a WebSocket's is 101).
            let responses = &op.responses.responses;
            let success =
                responses.iter().find(|(code, _)| code.starts_with('2')).or(responses.iter().next());
            let answer = success.and_then(|(_, r)| match r {
                RefOr::T(r) => Some(r.description.clone()),
                RefOr::Ref(_) => None,
            });
            let summary =
                op.summary.clone().or_else(|| op.description.clone()).or(answer).unwrap_or_default();
            let tag = op.tags.as_ref().and_then(|t| t.first().cloned()).unwrap_or_default();
            out.push(Endpoint { method: method.into(), path: path.clone(), tag, summary });
        }
    }
    out.sort_by(|a, b| (&a.tag, &a.path).cmp(&(&b.tag, &b.path)));
    out
}

#[component]
pub fn ApiDocsPage() -> impl IntoView {
    let endpoints = Resource::new(|| (), |_| get_endpoints());
    view! {
        <Title text="API reference" />
        <Link rel="stylesheet" href="/vendor/swagger/swagger-ui.css" />
        <Script src="/vendor/swagger/swagger-ui-bundle.js" defer="defer" />
        <Script src="/vendor/swagger/init.js" defer="defer" />
        <div class="pt-8">
            <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"API reference"</h1>
            <div class="mt-3 max-w-3xl space-y-2 text-sm text-stone-700 dark:text-stone-300">
                <p>"Everything the shop does is under " <code>"/api/v1"</code> ", described by " <a href="/api/v1/openapi.json" class="text-rose-700 underline dark:text-rose-300">"its OpenAPI 3.1 document"</a> "."</p>
                <p><strong>"Signing in: "</strong> "the same cookie session as the web shop. " <code>"POST /api/v1/auth/login"</code> " with " <code>"{\"email\",\"password\"}"</code> " sets an HttpOnly cookie; with two-step sign-in on, " <code>"POST /api/v1/auth/login/2fa"</code> " follows. There are no bearer tokens."</p>
                <p><strong>"Changes: "</strong> "every POST, PUT, PATCH and DELETE must carry an " <code>"Origin"</code> " header naming this shop (browsers do; other clients add it), or it is refused with 403."</p>
                <p><strong>"Errors: "</strong> <code>"{\"error\":{\"code\",\"message\",\"fields\"}}"</code> " — " <code>"fields"</code> " names each field that is wrong; 429 and 503 carry " <code>"Retry-After"</code> "."</p>
            </div>
            <div id="swagger-ui" data-url="/api/v1/openapi.json" class="mt-6 rounded-2xl bg-white dark:bg-stone-100"></div>
            <noscript>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        endpoints.await.ok().map(|list| view! { <EndpointList list /> })
                    })}
                </Suspense>
            </noscript>
        </div>
    }
}

#[component]
fn EndpointList(list: Vec<Endpoint>) -> impl IntoView {
    view! {
        <table class="mt-6 w-full text-left text-sm" data-testid="endpoints">
            <caption class="sr-only">"Every endpoint"</caption>
            <thead><tr class="border-b border-stone-200 dark:border-stone-800">
                <th scope="col" class="py-2 pr-3">"Method"</th><th scope="col" class="py-2 pr-3">"Path"</th><th scope="col" class="py-2">"What it does"</th>
            </tr></thead>
            <tbody>
                {list.into_iter().map(|e| view! {
                    <tr class="border-b border-stone-100 align-top dark:border-stone-800">
                        <td class="py-2 pr-3 font-mono text-xs font-semibold">{e.method}</td>
                        <td class="break-all py-2 pr-3 font-mono text-xs">{e.path}</td>
                        <td class="py-2">{e.summary}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn every_operation_is_listed_with_words() {
        let list = super::endpoints(&crate::server::rest::openapi_doc());
        assert!(list.len() > 100, "{}", list.len());
        assert!(list.iter().any(|e| e.method == "GET" && e.path == "/api/v1/admin/audit"));
        let silent: Vec<_> = list.iter().filter(|e| e.summary.is_empty()).map(|e| &e.path).collect();
        assert!(silent.is_empty(), "say what these do: {silent:?}");
    }
}
