package io.streamingcompanion.tip.service;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.commons.query.Paging;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.outbox.DatabaseErrors;
import io.streamingcompanion.outbox.EventOutbox;
import io.streamingcompanion.outbox.Transactions;
import io.streamingcompanion.tip.config.TipServiceConfig;
import io.streamingcompanion.tip.domain.MenuItemSnapshot;
import io.streamingcompanion.tip.domain.Tip;
import io.streamingcompanion.tip.domain.TipSource;
import io.streamingcompanion.tip.mapping.TipMapper;
import io.streamingcompanion.tip.repository.MenuItemSnapshotRepository;
import io.streamingcompanion.tip.repository.TipRepository;
import io.streamingcompanion.tip.repository.TipSessionRepository;
import io.streamingcompanion.tip.rest.TipApi.RecordTipRequest;
import io.streamingcompanion.tip.rest.TipApi.TipPage;
import io.streamingcompanion.tip.rest.TipApi.TipResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Records tips exactly once and keeps each session's totals exact. A tip, the session's new totals and
 * the {@code streaming.tip.received} event are one transaction, taken under the session row's lock, so
 * concurrent tips serialise per session and the event always carries the totals including that tip.
 */
@ApplicationScoped
public class TipService {

    /** A recorded tip and whether this call only found one recorded earlier (an idempotent retry). */
    public record Recorded(TipResponse tip, boolean replayed) {
    }

    private final TipRepository tips;
    private final TipSessionRepository sessions;
    private final MenuItemSnapshotRepository menu;
    private final SessionDirectory directory;
    private final EventOutbox outbox;
    private final Transactions transactions;
    private final TipServiceConfig config;
    private final Clock clock = Clock.systemUTC();

    public TipService(TipRepository tips, TipSessionRepository sessions, MenuItemSnapshotRepository menu,
                      SessionDirectory directory, EventOutbox outbox, Transactions transactions,
                      TipServiceConfig config) {
        this.transactions = transactions;
        this.tips = tips;
        this.sessions = sessions;
        this.menu = menu;
        this.directory = directory;
        this.outbox = outbox;
        this.config = config;
    }

    public Uni<Recorded> record(String creatorId, String authorization, String idempotencyKey, RecordTipRequest request,
                                String defaultSource) {
        if (request.amountCents() > config.maxAmountCents()) {
            throw ApiException.badRequest("amountCents must be at most " + config.maxAmountCents());
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ApiException.badRequest("Idempotency-Key must be 1 to 200 characters");
        }
        String source = request.source() != null ? request.source() : defaultSource;
        return findEarlier(creatorId, idempotencyKey, source, request.externalId()).chain(earlier -> {
            if (earlier != null) {
                return replay(earlier, request);
            }
            // The session is almost always known already: go straight to the locked write, and only look a
            // session up (possibly asking session-service) when this service has not heard of it yet.
            return transactions.run(() -> recordLocked(creatorId, idempotencyKey, source, request, false))
                    .onFailure(SessionNotKnownYet.class).recoverWithUni(() ->
                            directory.ensureKnown(creatorId, request.sessionId(), authorization)
                                    .chain(() -> transactions.run(() ->
                                            recordLocked(creatorId, idempotencyKey, source, request, true))))
                    .map(tip -> new Recorded(tip, false))
                    // Two identical retries raced past the lookup: the unique index let one in; answer with it.
                    .onFailure(DatabaseErrors::isUniqueViolation).recoverWithUni(() ->
                            findEarlier(creatorId, idempotencyKey, source, request.externalId())
                                    .chain(found -> replay(found, request)));
        });
    }

    /** A tip a platform's feed reported: its event id is the tip's externalId (source {@code platform_api}). */
    public record PlatformTip(String externalId, long amountCents, String tipperName, String message) {
    }

    /**
     * Records a feed page's tips for the session, in the caller's transaction (which also advances the feed's
     * position, so a page is applied once); a tip whose externalId was recorded before is skipped, so a feed
     * that repeats itself never counts twice. Platform amounts are the platform's word, not a typo to guard.
     *
     * @return how many tips were new
     */
    public Uni<Integer> recordPlatformTips(String creatorId, UUID sessionId, List<PlatformTip> platformTips) {
        Uni<Integer> recorded = Uni.createFrom().item(0);
        for (PlatformTip tip : platformTips) {
            recorded = recorded.chain(count -> tips.findByExternalId(creatorId, TipSource.PLATFORM_API, tip.externalId())
                    .chain(earlier -> earlier != null ? Uni.createFrom().item(count)
                            : recordLocked(creatorId, null, TipSource.PLATFORM_API, new RecordTipRequest(sessionId,
                                    tip.amountCents(), tip.tipperName(), tip.message(), TipSource.PLATFORM_API,
                                    tip.externalId(), false), true).replaceWith(count + 1)));
        }
        return recorded;
    }

    /** @param pageValue and {@code sizeValue}: the query values as sent, checked here (see {@link Paging}) */
    public Uni<TipPage> list(String creatorId, UUID sessionId, String pageValue, String sizeValue) {
        Paging paging = Paging.of(pageValue, sizeValue, 50, config.maxPageSize());
        int page = paging.page();
        int size = paging.size();
        return tips.countOwned(creatorId, sessionId).chain(total -> tips.listOwned(creatorId, sessionId, page, size)
                .map(found -> new TipPage(found.stream().map(tip -> TipMapper.toResponse(tip, null)).toList(),
                        page, size, total, (total + size - 1) / size)));
    }

    /** Not an error: the session's started event has not reached this service yet. */
    private static final class SessionNotKnownYet extends RuntimeException {
        SessionNotKnownYet() {
            super(null, null, false, false);
        }
    }

    private Uni<TipResponse> recordLocked(String creatorId, String idempotencyKey, String source, RecordTipRequest request,
                                          boolean afterLookup) {
        return sessions.lock(request.sessionId()).chain(session -> {
            if (session == null && !afterLookup) {
                throw new SessionNotKnownYet();
            }
            if (session == null || !session.creatorId.equals(creatorId)) {
                throw ApiException.notFound("Session " + request.sessionId());
            }
            if (!session.active) {
                throw ApiException.conflict("session-ended", "Session " + request.sessionId() + " has ended and takes no more tips");
            }
            return menu.activeAtPrice(creatorId, request.amountCents()).chain(item -> {
                Tip tip = newTip(creatorId, idempotencyKey, source, request, item);
                if (!tip.test) {
                    session.totalTipsCents = Math.addExact(session.totalTipsCents, tip.amountCents);
                    session.tipCount++;
                }
                return tips.persist(tip)
                        .call(() -> sessions.flush())
                        .call(() -> outbox.record(EventTypes.TIP_RECEIVED, creatorId, session.sessionId.toString(),
                                TipMapper.received(tip, session)))
                        .map(ignored -> TipMapper.toResponse(tip, session));
            });
        });
    }

    private Tip newTip(String creatorId, String idempotencyKey, String source, RecordTipRequest request, MenuItemSnapshot item) {
        Tip tip = new Tip();
        tip.id = UUID.randomUUID();
        tip.sessionId = request.sessionId();
        tip.creatorId = creatorId;
        tip.amountCents = request.amountCents();
        tip.tipperName = blankToNull(request.tipperName());
        tip.message = blankToNull(request.message());
        tip.source = source;
        tip.externalId = request.externalId();
        tip.idempotencyKey = idempotencyKey;
        tip.test = Boolean.TRUE.equals(request.test());
        tip.receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (item != null) {
            tip.menuItemId = item.key.itemId();
            tip.menuItemTitle = item.title;
            tip.menuItemCategory = item.category;
            tip.menuItemPriceCents = item.priceCents;
        }
        return tip;
    }

    private Uni<Tip> findEarlier(String creatorId, String idempotencyKey, String source, String externalId) {
        Uni<Tip> byKey = idempotencyKey == null ? Uni.createFrom().nullItem() : tips.findByIdempotencyKey(creatorId, idempotencyKey);
        return byKey.chain(found -> found != null || externalId == null
                ? Uni.createFrom().item(found)
                : tips.findByExternalId(creatorId, source, externalId));
    }

    /** The original answer for a retry; a key reused for a different tip is the client's bug, not a retry. */
    private Uni<Recorded> replay(Tip earlier, RecordTipRequest request) {
        if (earlier == null) {
            return Uni.createFrom().failure(ApiException.conflict("duplicate-tip", "This tip was already recorded"));
        }
        if (!earlier.sessionId.equals(request.sessionId()) || earlier.amountCents != request.amountCents()
                || earlier.test != Boolean.TRUE.equals(request.test())) {
            return Uni.createFrom().failure(ApiException.conflict("idempotency-key-reused",
                    "This Idempotency-Key or externalId was already used for a different tip (" + earlier.id + ")"));
        }
        return Uni.createFrom().item(new Recorded(TipMapper.toResponse(earlier, null), true));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
