// /api/docs: Swagger UI over the shop's own OpenAPI document. Served from
// /vendor/swagger/init.js next to swagger-ui-dist's bundle; no request
// leaves the shop (no validator badge, no CDN).
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") return;
  window.SwaggerUIBundle({
    url: root.getAttribute("data-url"),
    domNode: root,
    validatorUrl: null,
    deepLinking: true,
    defaultModelsExpandDepth: 0,
    docExpansion: "list",
    tryItOutEnabled: false,
    withCredentials: true,
  });
});
