package io.streamingcompanion.goalmenu.menu;

import io.streamingcompanion.contracts.menu.MenuUpdated;
import io.streamingcompanion.goalmenu.menu.MenuApi.MenuItemResponse;
import io.streamingcompanion.goalmenu.menu.MenuApi.PublicMenuItem;
import java.util.List;

/** Entity to API body and entity to event payload, in one place so both always say the same. */
public final class MenuMapper {

    private MenuMapper() {
    }

    public static MenuItemResponse toResponse(TipMenuItem item) {
        return new MenuItemResponse(item.id, item.title, item.description, item.priceCents,
                item.category.wireName(), item.active, item.position, item.createdAt, item.updatedAt);
    }

    public static PublicMenuItem toPublic(TipMenuItem item) {
        return new PublicMenuItem(item.id, item.title, item.description, item.priceCents, item.category.wireName(),
                item.position);
    }

    public static MenuUpdated updated(String creatorId, List<TipMenuItem> items) {
        return new MenuUpdated(creatorId, items.stream()
                .map(item -> new MenuUpdated.Item(item.id, item.title, item.description, item.priceCents,
                        item.category.wireName(), item.active, item.position))
                .toList());
    }
}
