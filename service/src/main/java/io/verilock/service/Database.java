package io.verilock.service;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The connection pool, migrations and a few plain JDBC helpers shared by the repositories. */
public final class Database implements AutoCloseable {

    @FunctionalInterface public interface Work<T> { T run(Connection c) throws SQLException; }
    @FunctionalInterface public interface Row<T> { T map(ResultSet rs) throws SQLException; }

    private static final Pattern H2_WRITE_DELAY = Pattern.compile("(?i);WRITE_DELAY=(\\d+)");
    private final HikariDataSource pool;
    /** Database time spent by this thread since {@link #takeThreadNanos()} last ran: per-request database time. */
    private static final ThreadLocal<long[]> THREAD_NANOS = ThreadLocal.withInitial(() -> new long[1]);

    public Database(String url, String user, String password, String schema) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(durableUrl(url));
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(10);
        // Idle connections shrink to 2: N instances on one PostgreSQL hold 2N connections when quiet, not 10N
        // (PostgreSQL's default max_connections is 100).
        hc.setMinimumIdle(2);
        hc.setPoolName("verilock");
        if (schema != null) hc.setSchema(schema);
        pool = new HikariDataSource(hc);
        var flyway = Flyway.configure().dataSource(pool).locations("classpath:db/migration");
        // A named schema is created by Flyway; tests use one per server so PostgreSQL runs do not collide.
        if (schema != null) flyway.schemas(schema).defaultSchema(schema);
        flyway.load().migrate();
    }

    /**
     * An H2 file database with {@code WRITE_DELAY=0}: H2 otherwise writes committed transactions to its file up to
     * 500 ms later, so a kill -9 loses decisions already answered, webhooked and counted (issue #13 measured 19 of 42).
     * With 0 each commit reaches the file (the operating system's cache) before {@code commit()} returns, which a
     * process crash cannot undo; a power loss still can: H2 is the quick start, PostgreSQL is for production.
     * An explicit WRITE_DELAY in the URL is kept (with a warning when it is not 0); other databases are unchanged.
     */
    static String durableUrl(String url) {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")) return url;
        Matcher m = H2_WRITE_DELAY.matcher(url);
        if (!m.find()) return url + ";WRITE_DELAY=0";
        if (!m.group(1).equals("0")) {
            LoggerFactory.getLogger(Database.class).warn("VERILOCK_DB_URL sets WRITE_DELAY={}: a crash can lose decisions "
                    + "committed in the last {} ms although they were already answered; remove it (Verilock then uses 0)", m.group(1), m.group(1));
        }
        return url;
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T tx(Work<T> work) {
        long t0 = System.nanoTime();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataException(e);
        } finally {
            THREAD_NANOS.get()[0] += System.nanoTime() - t0;
        }
    }

    /** The database time (connection, statements, commit) this thread spent since the last call; resets it. */
    public static long takeThreadNanos() {
        long[] n = THREAD_NANOS.get();
        long out = n[0];
        n[0] = 0;
        return out;
    }

    public int update(String sql, Object... params) { return tx(c -> update(c, sql, params)); }
    public <T> List<T> query(String sql, Row<T> row, Object... params) { return tx(c -> query(c, sql, row, params)); }
    public <T> Optional<T> first(String sql, Row<T> row, Object... params) { return tx(c -> first(c, sql, row, params)); }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) { return ps.executeUpdate(); }
    }

    public static <T> List<T> query(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) out.add(row.map(rs));
            return out;
        }
    }

    public static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        return query(c, sql, row, params).stream().findFirst();
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            // Both drivers map OffsetDateTime to TIMESTAMP WITH TIME ZONE; Instant is not portable.
            ps.setObject(i + 1, p instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : p);
        }
        return ps;
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Nullable numeric columns: JDBC's getDouble/getInt turn NULL into 0. */
    public static <T> T nullable(ResultSet rs, String column, Class<T> type) throws SQLException {
        return rs.getObject(column, type);
    }

    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) return true;
        }
        return false;
    }

    public boolean ping() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() { pool.close(); }

    /** Unchecked wrapper so handlers need not declare SQLException; mapped to a JSON 500. */
    public static final class DataException extends RuntimeException {
        DataException(SQLException e) { super(e.getMessage(), e); }
    }
}
