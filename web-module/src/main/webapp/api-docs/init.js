// Swagger UI on the contract the servers publish; "Authorize" takes an access token from POST /api/v1/auth/token.
window.onload = function () {
    window.ui = SwaggerUIBundle({
        url: "/openapi",
        dom_id: "#swagger-ui",
        deepLinking: true,
        persistAuthorization: false
    });
};
