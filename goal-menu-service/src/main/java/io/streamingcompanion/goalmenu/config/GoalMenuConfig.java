package io.streamingcompanion.goalmenu.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "goal-menu-service")
public interface GoalMenuConfig {

    /** Goals one session may have; a tip walks them in order, so the list stays short. */
    @WithDefault("50")
    int maxGoalsPerSession();

    /** Items on one creator's tip menu (active or not); every change republishes the whole menu. */
    @WithDefault("100")
    int maxMenuItems();

    /** Animation rules one creator may have. */
    @WithDefault("50")
    int maxAnimationRules();

    /** Upper bound of an animation's metadata as JSON, so a client cannot store or broadcast arbitrary blobs. */
    @WithDefault("4096")
    int maxMetadataBytes();
}
