package io.verilock.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/** /v1/webhook_endpoints: where an organisation receives finalised sessions. */
final class WebhookEndpointsApi {
    private final Webhooks webhooks;

    WebhookEndpointsApi(Webhooks webhooks) { this.webhooks = webhooks; }

    void create(Context ctx) {
        ObjectNode body = Json.object(Json.parseBody(ctx.body()));
        Validation.rejectUnknownKeys(body, "", Set.of("url"), Set.of());
        String url = Validation.text(body.get("url"), "url");
        if (url == null) throw ApiError.invalid("required", "url is required", "url");
        checkUrl(url);
        Webhooks.Endpoint e = webhooks.create(Auth.principal(ctx).organisationId(), url, null);
        ObjectNode out = Json.MAPPER.valueToTree(e);
        out.put("secret", e.secret()); // shown once, at creation
        ctx.status(201).json(out);
    }

    void list(Context ctx) {
        ctx.json(Map.of("data", webhooks.endpoints(Auth.principal(ctx).organisationId())));
    }

    void delete(Context ctx) {
        if (!webhooks.disable(Auth.principal(ctx).organisationId(), ctx.pathParam("id"))) throw ApiError.notFound("Webhook endpoint");
        ctx.status(204);
    }

    static void checkUrl(String url) {
        try {
            URI u = new URI(url);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) return;
        } catch (Exception ignored) {
            // reported below
        }
        throw ApiError.invalid("invalid_url", "url must be an absolute http(s) URL", "url");
    }
}
