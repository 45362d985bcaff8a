package io.streamingcompanion.chatbot.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "chatbot")
public interface ChatbotConfig {

    /** Personas one creator may have; every chat message is checked against all enabled ones. */
    @WithDefault("20")
    int maxPersonas();

    /** Items of the active menu that {@code {menu}} lists; chat lines are short. */
    @WithDefault("8")
    int menuItemsInReply();
}
