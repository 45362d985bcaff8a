-- What a follow, a fan-club join and a media purchase in the creator's room play on her overlay (an animation
-- type of goal-menu-service, or 'off'); the creator changes them with PUT /api/connectors/{platform}/animations.
ALTER TABLE platform_connection
    ADD COLUMN follow_animation         VARCHAR(16) NOT NULL DEFAULT 'hearts',
    ADD COLUMN fanclub_join_animation   VARCHAR(16) NOT NULL DEFAULT 'confetti',
    ADD COLUMN media_purchase_animation VARCHAR(16) NOT NULL DEFAULT 'rain',
    ADD CONSTRAINT platform_connection_animations_check CHECK (
        follow_animation IN ('confetti', 'hearts', 'rain', 'custom', 'off')
        AND fanclub_join_animation IN ('confetti', 'hearts', 'rain', 'custom', 'off')
        AND media_purchase_animation IN ('confetti', 'hearts', 'rain', 'custom', 'off'));
