package io.streamingcompanion.contracts.menu;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.UUID;

/** {@code streaming.menu.updated} v1, keyed by creator id: the creator's whole menu after the change. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MenuUpdated(String creatorId, List<Item> items) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(UUID id, String title, String description, long priceCents, String category, boolean active,
                       int position) {
    }
}
