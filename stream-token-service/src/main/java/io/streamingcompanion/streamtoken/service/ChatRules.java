package io.streamingcompanion.streamtoken.service;

import io.streamingcompanion.streamtoken.domain.StreamChannel;

/**
 * Whether a viewer may publish data (chat) in a channel's room, enforced in the LiveKit grant. The platform has
 * no follower relation yet, so "followers only" is taken as "signed-in viewers only": anonymous guests never
 * chat in a followers-only room; every signed-in viewer does. Replace {@link #mayChat} when follows exist.
 */
public final class ChatRules {

    private ChatRules() {
    }

    public static boolean mayChat(StreamChannel channel, boolean signedIn) {
        if (!channel.chatEnabled) {
            return false;
        }
        return !channel.chatFollowersOnly || signedIn;
    }
}
