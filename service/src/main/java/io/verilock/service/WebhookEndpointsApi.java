package io.verilock.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.util.Map;
import java.util.Set;

/** /v1/webhook_endpoints: where an organisation receives finalised sessions. */
final class WebhookEndpointsApi {
    /** The webhook_endpoints.url column's size. */
    static final int MAX_URL_LENGTH = 2000;

    private final Webhooks webhooks;

    WebhookEndpointsApi(Webhooks webhooks) { this.webhooks = webhooks; }

    void create(Context ctx) {
        ObjectNode body = Json.object(Json.parseBody(ctx.body()));
        Validation.rejectUnknownKeys(body, "", Set.of("url"), Set.of());
        String url = Validation.text(body.get("url"), "url");
        if (url == null) throw ApiError.invalid("required", "url is required", "url");
        if (url.length() > MAX_URL_LENGTH) throw ApiError.invalid("url_too_long", "url is limited to " + MAX_URL_LENGTH + " characters", "url");
        webhooks.targets().checkRegistration(url);
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
}
