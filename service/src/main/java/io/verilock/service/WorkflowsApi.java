package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.util.Map;
import java.util.Set;

/** /v1/workflows: named profiles (flat JSON: name plus profile fields) that sessions inherit and may override. */
final class WorkflowsApi {
    private static final Set<String> EXTRA = Set.of("name");

    private final Workflows workflows;

    WorkflowsApi(Workflows workflows) { this.workflows = workflows; }

    void create(Context ctx) {
        ObjectNode body = Json.object(Json.parseBody(ctx.body()));
        Profile profile = Validation.resolve(Profile.DEFAULT, body, "", EXTRA);
        ctx.status(201).json(view(workflows.create(Auth.principal(ctx).organisationId(), name(body, null), profile)));
    }

    void list(Context ctx) {
        ctx.json(Map.of("data", workflows.list(Auth.principal(ctx).organisationId()).stream().map(WorkflowsApi::view).toList()));
    }

    void get(Context ctx) {
        ctx.json(view(load(ctx)));
    }

    void update(Context ctx) {
        Workflows.Workflow w = load(ctx);
        ObjectNode body = Json.object(Json.parseBody(ctx.body()));
        Profile profile = Validation.resolve(w.profile(), body, "", EXTRA);
        var changed = new Workflows.Workflow(w.id(), name(body, w.name()), profile, w.createdAt(), w.updatedAt());
        ctx.json(view(workflows.update(Auth.principal(ctx).organisationId(), changed)));
    }

    private Workflows.Workflow load(Context ctx) {
        return workflows.find(Auth.principal(ctx).organisationId(), ctx.pathParam("id"))
                .orElseThrow(() -> ApiError.notFound("Workflow"));
    }

    private static String name(JsonNode body, String current) {
        if (!body.has("name")) return current;
        String name = Validation.text(body.get("name"), "name");
        if (name != null && name.length() > 200) throw ApiError.invalid("too_long", "name is limited to 200 characters", "name");
        return name;
    }

    static ObjectNode view(Workflows.Workflow w) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", w.id());
        out.put("name", w.name());
        out.setAll((ObjectNode) Json.MAPPER.valueToTree(w.profile()));
        out.put("created_at", w.createdAt().toString());
        out.put("updated_at", w.updatedAt().toString());
        return out;
    }
}
