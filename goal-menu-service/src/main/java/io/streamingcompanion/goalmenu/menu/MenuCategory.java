package io.streamingcompanion.goalmenu.menu;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a tip-menu item buys (seed 002's {@code MenuItemCategory}). */
public enum MenuCategory {
    PERFORMANCE, REQUEST, INTERACTION, CUSTOM;

    public static final String VALUES = "performance|request|interaction|custom";

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MenuCategory> fromWire(String value) {
        return Arrays.stream(values()).filter(category -> category.wireName().equals(value)).findFirst();
    }
}
