package io.streamingcompanion.goalmenu.menu;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.goalmenu.config.GoalMenuConfig;
import io.streamingcompanion.goalmenu.menu.MenuApi.CreateMenuItemRequest;
import io.streamingcompanion.goalmenu.menu.MenuApi.MenuItemResponse;
import io.streamingcompanion.goalmenu.menu.MenuApi.PublicMenuItem;
import io.streamingcompanion.goalmenu.menu.MenuApi.UpdateMenuItemRequest;
import io.streamingcompanion.outbox.DatabaseErrors;
import io.streamingcompanion.outbox.EventOutbox;
import io.streamingcompanion.outbox.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A creator's tip menu. Every change takes the creator's menu lock and records
 * {@code streaming.menu.updated} with the whole menu as it is after the change, in the same transaction.
 * Rule: a tip amount must identify at most one item, so two active items of one creator never share a
 * price (409 {@code menu-price-taken}); inactive items may.
 */
@ApplicationScoped
public class MenuService {

    private static final String ACTIVE_PRICE_INDEX = "tip_menu_item_one_active_price";

    private final TipMenuItemRepository items;
    private final EventOutbox outbox;
    private final Transactions transactions;
    private final GoalMenuConfig config;
    private final Clock clock = Clock.systemUTC();

    public MenuService(TipMenuItemRepository items, EventOutbox outbox, Transactions transactions, GoalMenuConfig config) {
        this.transactions = transactions;
        this.items = items;
        this.outbox = outbox;
        this.config = config;
    }

    public Uni<MenuItemResponse> create(String creatorId, CreateMenuItemRequest request) {
        MenuCategory category = category(request.category());
        boolean active = request.active() == null || request.active();
        return transactions.run(() -> items.lockMenu(creatorId)
                .chain(() -> items.countOwned(creatorId))
                .chain(count -> {
                    if (count >= config.maxMenuItems()) {
                        throw ApiException.conflict("too-many-menu-items", "A tip menu may have at most "
                                + config.maxMenuItems() + " items");
                    }
                    return active ? ensurePriceFree(creatorId, request.priceCents(), null) : Uni.createFrom().voidItem();
                })
                .chain(() -> request.position() != null
                        ? Uni.createFrom().item(request.position())
                        : items.nextPosition(creatorId))
                .chain(position -> {
                    Instant now = now();
                    TipMenuItem item = new TipMenuItem();
                    item.id = UUID.randomUUID();
                    item.creatorId = creatorId;
                    item.title = request.title().strip();
                    item.description = blankToNull(request.description());
                    item.priceCents = request.priceCents();
                    item.category = category;
                    item.active = active;
                    item.position = position;
                    item.createdAt = now;
                    item.updatedAt = now;
                    return items.persistAndFlush(item).call(saved -> recordMenu(creatorId));
                }))
                .onFailure(failure -> DatabaseErrors.isUniqueViolation(failure, ACTIVE_PRICE_INDEX))
                .transform(failure -> priceTaken(request.priceCents(), null))
                .map(MenuMapper::toResponse);
    }

    public Uni<List<MenuItemResponse>> list(String creatorId) {
        return items.listOwned(creatorId).map(found -> found.stream().map(MenuMapper::toResponse).toList());
    }

    public Uni<MenuItemResponse> get(String creatorId, UUID itemId) {
        return owned(creatorId, itemId).map(MenuMapper::toResponse);
    }

    /** The active items, for viewers: needs no token and reveals nothing else about the creator. */
    public Uni<List<PublicMenuItem>> publicMenu(String creatorId) {
        if (creatorId == null || creatorId.isBlank() || creatorId.length() > 255) {
            return Uni.createFrom().item(List.of());
        }
        return items.listActive(creatorId).map(found -> found.stream().map(MenuMapper::toPublic).toList());
    }

    public Uni<MenuItemResponse> update(String creatorId, UUID itemId, UpdateMenuItemRequest request) {
        MenuCategory category = request.category() == null ? null : category(request.category());
        return transactions.run(() -> items.lockMenu(creatorId)
                .chain(() -> owned(creatorId, itemId))
                .chain(item -> {
                    long price = request.priceCents() != null ? request.priceCents() : item.priceCents;
                    boolean active = request.active() != null ? request.active() : item.active;
                    // Checked before the entity changes, so no query flushes a conflicting row first.
                    Uni<Void> free = active && (!item.active || price != item.priceCents)
                            ? ensurePriceFree(creatorId, price, item.id)
                            : Uni.createFrom().voidItem();
                    return free.chain(() -> {
                        boolean changed = false;
                        if (request.title() != null && !request.title().strip().equals(item.title)) {
                            item.title = request.title().strip();
                            changed = true;
                        }
                        if (request.description() != null
                                && !equal(blankToNull(request.description()), item.description)) {
                            item.description = blankToNull(request.description());
                            changed = true;
                        }
                        if (category != null && category != item.category) {
                            item.category = category;
                            changed = true;
                        }
                        if (request.position() != null && request.position() != item.position) {
                            item.position = request.position();
                            changed = true;
                        }
                        if (price != item.priceCents || active != item.active) {
                            item.priceCents = price;
                            item.active = active;
                            changed = true;
                        }
                        return changed ? save(item) : Uni.createFrom().item(item);
                    });
                }))
                .onFailure(failure -> DatabaseErrors.isUniqueViolation(failure, ACTIVE_PRICE_INDEX))
                .transform(failure -> priceTaken(request.priceCents(), itemId))
                .map(MenuMapper::toResponse);
    }

    /** Flips the item between active and inactive. */
    public Uni<MenuItemResponse> toggle(String creatorId, UUID itemId) {
        return transactions.run(() -> items.lockMenu(creatorId)
                .chain(() -> owned(creatorId, itemId))
                .chain(item -> (item.active
                        ? Uni.createFrom().voidItem()
                        : ensurePriceFree(creatorId, item.priceCents, item.id))
                        .chain(() -> {
                            item.active = !item.active;
                            return save(item);
                        })))
                .onFailure(failure -> DatabaseErrors.isUniqueViolation(failure, ACTIVE_PRICE_INDEX))
                .transform(failure -> priceTaken(null, itemId))
                .map(MenuMapper::toResponse);
    }

    public Uni<Void> delete(String creatorId, UUID itemId) {
        return transactions.run(() -> items.lockMenu(creatorId)
                .chain(() -> owned(creatorId, itemId))
                .call(items::delete)
                .call(() -> items.flush())
                .call(() -> recordMenu(creatorId))).replaceWithVoid();
    }

    /** Saves a changed item (its price already checked) and records the menu as it now is. */
    private Uni<TipMenuItem> save(TipMenuItem item) {
        item.updatedAt = now();
        return items.persistAndFlush(item).call(saved -> recordMenu(saved.creatorId));
    }

    /** Under the menu lock this check is exact; the partial unique index is the backstop. */
    private Uni<Void> ensurePriceFree(String creatorId, long priceCents, UUID exceptId) {
        return items.findActiveWithPrice(creatorId, priceCents, exceptId).invoke(other -> {
            if (other != null) {
                throw ApiException.conflict("menu-price-taken", "Active item '" + other.title + "' (" + other.id
                        + ") already costs " + priceCents + " cents; a tip amount must identify one item. "
                        + "Change the price or deactivate one of them");
            }
        }).replaceWithVoid();
    }

    private Uni<Void> recordMenu(String creatorId) {
        return items.listOwned(creatorId)
                .chain(all -> outbox.record(EventTypes.MENU_UPDATED, creatorId, creatorId,
                        MenuMapper.updated(creatorId, all)))
                .replaceWithVoid();
    }

    private Uni<TipMenuItem> owned(String creatorId, UUID itemId) {
        return items.findOwned(itemId, creatorId).onItem().ifNull()
                .failWith(() -> ApiException.notFound("Menu item " + itemId));
    }


    private static MenuCategory category(String value) {
        return MenuCategory.fromWire(value)
                .orElseThrow(() -> ApiException.badRequest("category must be one of " + MenuCategory.VALUES));
    }

    private static ApiException priceTaken(Long priceCents, UUID itemId) {
        return ApiException.conflict("menu-price-taken", "Another active item already has "
                + (priceCents == null ? "this item's price" : priceCents + " cents")
                + "; a tip amount must identify one item");
    }

    private static boolean equal(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
