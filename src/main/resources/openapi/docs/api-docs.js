// Swagger UI on the hub's own description. validatorUrl null: the page never calls an outside validator.
window.onload = function () {
    window.ui = SwaggerUIBundle({
        url: "/api/v1/openapi.json",
        dom_id: "#swagger-ui",
        deepLinking: true,
        validatorUrl: null,
        docExpansion: "list",
        defaultModelsExpandDepth: 0,
        displayOperationId: true,
        tryItOutEnabled: false,
        presets: [SwaggerUIBundle.presets.apis],
        layout: "BaseLayout"
    });
};
