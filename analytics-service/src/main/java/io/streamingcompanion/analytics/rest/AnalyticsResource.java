package io.streamingcompanion.analytics.rest;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.analytics.domain.SessionReport;
import io.streamingcompanion.analytics.domain.Summary;
import io.streamingcompanion.analytics.domain.TopTipper;
import io.streamingcompanion.analytics.service.AnalyticsService;
import io.streamingcompanion.analytics.service.ExportService;
import io.streamingcompanion.commons.security.CreatorIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

@Path("/api/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics")
@SecurityRequirement(name = "bearer")
public class AnalyticsResource {

    private static final String DAY = "A day as YYYY-MM-DD in tz, included (from: default 30 days before to; to: default today)";
    private static final String TZ = "IANA time zone of the days, e.g. Europe/Berlin (default UTC)";

    private final AnalyticsService analytics;
    private final ExportService exports;
    private final CreatorIdentity creator;

    public AnalyticsResource(AnalyticsService analytics, ExportService exports, CreatorIdentity creator) {
        this.analytics = analytics;
        this.exports = exports;
        this.creator = creator;
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Tips, tippers, sessions and viewers of a range, per day, and of the period before it")
    public Uni<Summary> summary(@QueryParam("from") @Parameter(description = DAY) String from,
                                @QueryParam("to") @Parameter(description = DAY) String to,
                                @QueryParam("tz") @Parameter(description = TZ) String tz,
                                @QueryParam("platform") @Parameter(description = "chaturbate|stripchat|other|livekit") String platform) {
        return analytics.summary(creator.creatorId(), from, to, tz, platform);
    }

    @GET
    @Path("/top-tippers")
    @Operation(summary = "Tippers of a range by total, with their tip count and last tip")
    public Uni<List<TopTipper>> topTippers(@QueryParam("from") @Parameter(description = DAY) String from,
                                           @QueryParam("to") @Parameter(description = DAY) String to,
                                           @QueryParam("tz") @Parameter(description = TZ) String tz,
                                           @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, defaultValue = "10")) String limit) {
        return analytics.topTippers(creator.creatorId(), from, to, tz, limit);
    }

    @GET
    @Path("/sessions/{id}")
    @Operation(summary = "One session's report (404 for a session of another creator)")
    public Uni<SessionReport> session(@PathParam("id") UUID id) {
        return analytics.session(creator.creatorId(), id);
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @Operation(summary = "CSV of the range's tips or sessions, streamed, with a header row")
    public RestMulti<String> export(@QueryParam("from") @Parameter(description = DAY) String from,
                                    @QueryParam("to") @Parameter(description = DAY) String to,
                                    @QueryParam("tz") @Parameter(description = TZ) String tz,
                                    @QueryParam("type") @Parameter(description = "tips (default) or sessions") String type) {
        ExportService.Export export = exports.export(creator.creatorId(), from, to, tz, type);
        return RestMulti.fromMultiData(export.body())
                .header("Content-Type", "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + export.filename() + "\"")
                .build();
    }
}
