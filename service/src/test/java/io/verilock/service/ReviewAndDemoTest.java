package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewAndDemoTest extends DatabaseTest {

    private String needsReview(String key) {
        String id = t.createSession(key).get("id").asText();
        assertThat(t.server.finalizer().finalise(id, TestServer.result(60, false, 80)).status()).isEqualTo("needs_review");
        return id;
    }

    @Test
    void aNeedsReviewSessionIsApprovedOnceRecordingWhoAndWhen() {
        String id = needsReview(t.demoKey);
        TestServer.Res r = t.post("/v1/sessions/" + id + "/review", t.demoKey, "{\"decision\": \"approved\", \"note\": \"checked the frames\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode s = t.get("/v1/sessions/" + id, t.demoKey).json();
        assertThat(s.get("status").asText()).isEqualTo("approved");
        assertThat(s.at("/review/decision").asText()).isEqualTo("approved");
        assertThat(s.at("/review/note").asText()).isEqualTo("checked the frames");
        assertThat(s.at("/review/reviewed_by").asText()).isEqualTo(t.demoKey.substring(0, 12));
        assertThat(s.at("/review/reviewed_at").asText()).isNotBlank();
        // A decision is taken once: the session is no longer needs_review.
        TestServer.Res again = t.post("/v1/sessions/" + id + "/review", t.demoKey, "{\"decision\": \"declined\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("not_in_review");
    }

    @Test
    void declineWithoutNote() {
        String id = needsReview(t.demoKey);
        TestServer.Res r = t.post("/v1/sessions/" + id + "/review", t.demoKey, "{\"decision\": \"declined\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("declined");
        assertThat(r.json().at("/review/note").isNull()).isTrue();
    }

    @Test
    void onlyNeedsReviewSessionsOfTheCallersOrganisationWithAValidDecision() {
        String open = t.createSession(t.demoKey).get("id").asText();
        assertThat(t.post("/v1/sessions/" + open + "/review", t.demoKey, "{\"decision\": \"approved\"}").status()).isEqualTo(409);
        String id = needsReview(t.demoKey);
        assertThat(t.post("/v1/sessions/" + id + "/review", t.demoKey, "{\"decision\": \"maybe\"}").errorCode()).isEqualTo("invalid_decision");
        assertThat(t.post("/v1/sessions/" + id + "/review", t.demoKey, "{}").status()).isEqualTo(422);
        assertThat(t.post("/v1/sessions/" + id + "/review", t.demoKey, "{\"decision\": \"approved\", \"x\": 1}").errorCode()).isEqualTo("unknown_field");
        assertThat(t.post("/v1/sessions/" + id + "/review", t.newOrg(true), "{\"decision\": \"approved\"}").status()).isEqualTo(404);
        assertThat(t.post("/v1/sessions/" + id + "/review", null, "{\"decision\": \"approved\"}").status()).isEqualTo(401);
        assertThat(t.get("/v1/sessions/" + id, t.demoKey).json().get("status").asText()).isEqualTo("needs_review");
        assertThat(t.get("/v1/sessions/" + id, t.demoKey).json().get("review").isNull()).isTrue();
    }

    @Test
    void demoEndpointsServeDemoOrganisationSessionsOnly() {
        TestServer.Res created = t.post("/demo/sessions", null, "{\"liveness_mode\": \"passive\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("client_token").asText()).startsWith("vlct_");
        assertThat(created.json().has("api_key")).isFalse();
        String browser = cookie(created);
        JsonNode viaDemo = TestServer.send(t.request("/demo/sessions/" + id, null).header("Cookie", browser)).json();
        assertThat(viaDemo).isEqualTo(t.get("/v1/sessions/" + id, t.demoKey).json());
        assertThat(viaDemo.at("/profile/liveness_mode").asText()).isEqualTo("passive");
        assertThat(viaDemo.get("sandbox").asBoolean()).isTrue();
        assertThat(t.post("/demo/sessions", null, "").json().at("/profile").isMissingNode()).isTrue();
        assertThat(t.post("/demo/sessions", null, "{\"liveness_mode\": \"loud\"}").status()).isEqualTo(422);

        String other = t.createSession(t.newOrg(true)).get("id").asText();
        assertThat(TestServer.send(t.request("/demo/sessions/" + other, null).header("Cookie", browser)).status()).isEqualTo(404);
    }

    /** The demo's browser cookie from a POST /demo/sessions answer, as the browser sends it back. */
    static String cookie(TestServer.Res created) {
        String set = created.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    @Test
    void demoVisitorsPickTheChallenges() {
        TestServer.Res one = t.post("/demo/sessions", null, "{\"liveness_mode\": \"active\", \"liveness_challenges\": [\"blink\"]}");
        assertThat(one.status()).as(one.toString()).isEqualTo(201);
        JsonNode session = TestServer.send(t.request("/demo/sessions/" + one.json().get("id").asText(), null)
                .header("Cookie", cookie(one))).json();
        assertThat(session.at("/profile/liveness_challenges").toString()).isEqualTo("[\"blink\"]");
        TestServer.Res unknown = t.post("/demo/sessions", null, "{\"liveness_challenges\": [\"wink\"]}");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(422);
        assertThat(unknown.errorField()).contains("liveness_challenges");
        assertThat(t.post("/demo/sessions", null, "{\"liveness_challenges\": []}").status()).isEqualTo(422);
    }

    @Test
    void theSdkDemoPageAndDashboardAreServed() {
        TestServer.Res sdk = t.get("/sdk/verilock.js", null);
        assertThat(sdk.status()).isEqualTo(200);
        assertThat(sdk.headers().firstValue("Content-Type").orElse("")).contains("javascript");
        assertThat(sdk.body()).contains("export function mount");
        assertThat(t.get("/sdk/verilock.d.ts", null).status()).isEqualTo(200);
        TestServer.Res demo = t.get("/", null);
        assertThat(demo.status()).isEqualTo(200);
        assertThat(demo.body()).contains("/sdk/demo/demo.js");
        TestServer.Res dashboard = t.get("/dashboard", null);
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains("/sdk/dashboard/dashboard.js");
        assertThat(t.get("/sdk/test/package.json", null).status()).isEqualTo(404);
        assertThat(t.get("/sdk/react/index.js", null).status()).as("the React component is npm-only").isEqualTo(404);
    }

    @Test
    void theServedSdkIsTheNpmPackagesFile() throws Exception {
        // One source, two ways to get it: /sdk/verilock.js is sdk/verilock.js byte for byte, the file npm pack puts in
        // @verilock/web-sdk, and its VERSION is the package's version.
        java.nio.file.Path sdk = java.nio.file.Path.of("..", "sdk");
        assertThat(t.get("/sdk/verilock.js", null).bytes()).isEqualTo(java.nio.file.Files.readAllBytes(sdk.resolve("verilock.js")));
        assertThat(t.get("/sdk/verilock.d.ts", null).bytes()).isEqualTo(java.nio.file.Files.readAllBytes(sdk.resolve("verilock.d.ts")));
        String version = Json.read(java.nio.file.Files.readString(sdk.resolve("package.json"))).get("version").asText();
        assertThat(t.get("/sdk/verilock.js", null).body()).contains("export const VERSION = '" + version + "';");
        assertThat(Json.read(java.nio.file.Files.readString(sdk.resolve("react/package.json"))).at("/peerDependencies/@verilock~1web-sdk").asText())
                .isEqualTo(version);
    }
}
