package io.verilock.cli;

import io.verilock.service.Administration;
import io.verilock.service.Config;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * `verilock admin ...`: organisations, API keys and allowed origins in the configured database (the VERILOCK_DB_*
 * variables of `serve`, or the embedded H2 database under --data). Results go to standard output; every change is
 * recorded in the audit log (`admin audit`) with its actor.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Administer organisations, API keys and allowed origins in the configured database "
                + "(VERILOCK_DB_URL, VERILOCK_DB_USER, VERILOCK_DB_PASSWORD, VERILOCK_DB_SCHEMA; default: the embedded H2 database under ./data).",
        subcommands = {AdminCommand.Org.class, AdminCommand.KeyCommands.class, AdminCommand.Audit.class})
final class AdminCommand implements Runnable {

    @Option(names = "--data", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Data folder of the embedded H2 database (default ./data, or VERILOCK_DATA_DIR).")
    Path data;

    @Option(names = "--actor", paramLabel = "NAME", scope = CommandLine.ScopeType.INHERIT,
            description = "Who is acting, for the audit log (default VERILOCK_ADMIN_ACTOR, else user@host).")
    String actor;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;

    AdminCommand() { this(System.getenv()); }

    /** Tests pass the environment instead of setting variables. */
    AdminCommand(Map<String, String> env) { this.env = env; }

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    /** Runs one operation against the database; a problem the operator can fix is one line on stderr and status 1. */
    int with(CommandLine.Model.CommandSpec command, Function<Administration, String> operation) {
        PrintWriter out = command.commandLine().getOut(), err = command.commandLine().getErr();
        Map<String, String> e = new HashMap<>(env);
        if (data != null) e.put("VERILOCK_DATA_DIR", data.toString());
        try {
            Config config = Config.fromEnv(e);
            String result;
            try (Administration admin = Administration.open(config, actor(e))) {
                result = operation.apply(admin);
            }
            out.print(result);
            out.flush();
            return 0;
        } catch (IllegalArgumentException ex) {
            err.println("verilock admin: " + ex.getMessage());
        } catch (RuntimeException ex) {
            err.println("verilock admin: " + databaseProblem(ex, e));
        }
        err.flush();
        return 1;
    }

    private String actor(Map<String, String> e) {
        if (actor != null && !actor.isBlank()) return actor;
        String fromEnv = e.get("VERILOCK_ADMIN_ACTOR");
        if (fromEnv != null && !fromEnv.isBlank()) return fromEnv;
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException ex) {
            host = "localhost";
        }
        return System.getProperty("user.name") + "@" + host;
    }

    /** The database could not be opened or used: say which and the likely reason, without the driver's stack. */
    private static String databaseProblem(RuntimeException ex, Map<String, String> env) {
        String text = "";
        for (Throwable t = ex; t != null; t = t.getCause()) text += " " + t.getMessage();
        String url = env.getOrDefault("VERILOCK_DB_URL", "the embedded H2 database");
        if (text.contains("already in use") || text.contains("Database may be already in use")) {
            return "the embedded H2 database under " + env.getOrDefault("VERILOCK_DATA_DIR", "./data")
                    + " is open in a running server: stop it first (H2 allows one process), or run the service on PostgreSQL";
        }
        if (text.contains("Connection refused") || text.contains("authentication failed") || text.contains("password")) {
            return "cannot connect to " + url + " (check VERILOCK_DB_URL, VERILOCK_DB_USER and VERILOCK_DB_PASSWORD)";
        }
        return "database error on " + url + ": " + ex.getClass().getSimpleName();
    }

    static String table(List<List<String>> rows) {
        StringBuilder b = new StringBuilder();
        for (List<String> r : rows) b.append(String.join("\t", r)).append('\n');
        return b.toString();
    }

    static String orNone(Object o) { return o == null ? "-" : o.toString(); }

    @Command(name = "org", mixinStandardHelpOptions = true, description = "Organisations.", subcommands = Origins.class)
    static final class Org {
        @ParentCommand AdminCommand admin;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an organisation; prints its id.")
        int create(@Parameters(paramLabel = "NAME") String name,
                   @Option(names = "--sandbox", description = "A sandbox organisation: all its keys are vl_test_ keys, its sessions sandbox: true.") boolean sandbox) {
            return admin.with(spec, a -> {
                var o = a.createOrganisation(name, sandbox);
                return o.id() + "\t" + o.name() + (o.sandbox() ? "\tsandbox" : "") + "\n";
            });
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "Organisations: id, name, kind, created, active keys.")
        int list() {
            return admin.with(spec, a -> table(a.organisations().stream().map(o -> List.of(o.id(), o.name(),
                    o.sandbox() ? "sandbox" : "live", o.createdAt().toString(), o.activeKeys() + " active key(s)")).toList()));
        }
    }

    @Command(name = "origins", mixinStandardHelpOptions = true,
            description = "Browser origins (https://host[:port], exact) allowed to use the organisation's client tokens and the Web SDK cross-origin.")
    static final class Origins {
        @ParentCommand Org org;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Command(name = "list", mixinStandardHelpOptions = true, description = "The organisation's allowed origins.")
        int list(@Parameters(paramLabel = "ORG", description = "Organisation id or unique name.") String organisation) {
            return org.admin.with(spec, a -> lines(a.origins(organisation)));
        }

        @Command(name = "add", mixinStandardHelpOptions = true, description = "Allow origins; prints the list afterwards.")
        int add(@Parameters(index = "0", paramLabel = "ORG") String organisation,
                @Parameters(index = "1..*", paramLabel = "ORIGIN", arity = "1..*") List<String> origins) {
            return org.admin.with(spec, a -> lines(a.addOrigins(organisation, origins)));
        }

        @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove allowed origins; prints the list afterwards.")
        int remove(@Parameters(index = "0", paramLabel = "ORG") String organisation,
                   @Parameters(index = "1..*", paramLabel = "ORIGIN", arity = "1..*") List<String> origins) {
            return org.admin.with(spec, a -> lines(a.removeOrigins(organisation, origins)));
        }

        private static String lines(List<String> l) { return l.isEmpty() ? "" : String.join("\n", l) + "\n"; }
    }

    @Command(name = "key", mixinStandardHelpOptions = true, description = "Secret API keys (stored as SHA-256 and a shown prefix).")
    static final class KeyCommands {
        @ParentCommand AdminCommand admin;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Command(name = "create", mixinStandardHelpOptions = true,
                description = "Mint a key and print it once (it is not stored and cannot be shown again).")
        int create(@Parameters(paramLabel = "ORG", description = "Organisation id or unique name.") String organisation,
                   @Option(names = "--sandbox", description = "A vl_test_ key for a live organisation (a sandbox organisation's keys always are).") boolean sandbox) {
            return admin.with(spec, a -> a.createKey(organisation, sandbox).secret() + "\n");
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "The organisation's keys: id, prefix, kind, created, state.")
        int list(@Parameters(paramLabel = "ORG") String organisation) {
            return admin.with(spec, a -> {
                var now = java.time.Instant.now();
                return table(a.keys(organisation).stream().map(k -> List.of(k.id(), k.prefix(), k.sandbox() ? "test" : "live",
                        k.createdAt().toString(), k.revokedAt() == null ? "active"
                                : k.activeAt(now) ? "active until " + k.revokedAt() : "revoked " + k.revokedAt())).toList());
            });
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key at once: requests with it get 401.")
        int revoke(@Parameters(paramLabel = "KEY", description = "Key id or shown prefix (from `admin key list`).") String key) {
            return admin.with(spec, a -> {
                var k = a.revokeKey(key);
                return "revoked " + k.prefix() + "\t" + k.id() + "\n";
            });
        }

        @Command(name = "rotate", mixinStandardHelpOptions = true,
                description = "Mint a replacement of the same organisation and kind (printed once) and revoke the old key, at once or after --overlap.")
        int rotate(@Parameters(paramLabel = "KEY", description = "Key id or shown prefix of the key to replace.") String key,
                   @Option(names = "--overlap", paramLabel = "MINUTES", defaultValue = "0",
                           description = "Minutes the old key keeps working, to switch deployments over (default 0; at most 30 days).") long minutes) {
            return admin.with(spec, a -> a.rotateKey(key, Duration.ofMinutes(minutes)).secret() + "\n");
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit log: when, who, what, organisation, target, detail.")
    static final class Audit implements java.util.concurrent.Callable<Integer> {
        @ParentCommand AdminCommand admin;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--limit", defaultValue = "100", description = "The last N entries (default 100).") int limit;

        @Override
        public Integer call() {
            return admin.with(spec, a -> table(a.audit(limit).stream().map(e -> List.of(e.at().toString(), e.actor(), e.action(),
                    orNone(e.organisationId()), orNone(e.target()), orNone(e.detail()))).toList()));
        }
    }
}
