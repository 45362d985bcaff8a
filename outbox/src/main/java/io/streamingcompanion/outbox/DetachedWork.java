package io.streamingcompanion.outbox;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs background database work (relays, cleanups) on a fresh, safe Vert.x context: it needs one for a
 * reactive Hibernate session, and must never join the session of the request or timer that started it.
 */
public final class DetachedWork {

    private DetachedWork() {
    }

    public static void run(Vertx vertx, Runnable work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> work.run());
    }
}
