package io.streamingcompanion.outbox;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Every service's PostgreSQL pool, built from Quarkus's own options as Quarkus would build it, except that
 * statements of up to {@link #CACHED_SQL_LIMIT} characters stay prepared on their connection. Vert.x keeps only
 * statements of up to 2,048 characters (and Quarkus has no setting for it); a longer one is parsed and planned by
 * PostgreSQL on every execution. analytics-service applies a tip with one statement of ~3,800 characters: uncached,
 * a read-model rebuild spent most of PostgreSQL's CPU parsing and planning it again for every tip.
 */
@Singleton
public class PostgresPools implements PgPoolCreator {

    static final int CACHED_SQL_LIMIT = 16 * 1024;

    @Override
    public Pool create(Input input) {
        List<PgConnectOptions> servers = input.pgConnectOptionsList();
        servers.forEach(server -> server.setPreparedStatementCacheSqlLimit(CACHED_SQL_LIMIT));
        return PgDriver.INSTANCE.createPool(input.vertx(), servers, input.poolOptions());
    }
}
