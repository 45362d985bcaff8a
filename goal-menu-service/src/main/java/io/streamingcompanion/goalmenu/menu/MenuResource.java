package io.streamingcompanion.goalmenu.menu;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.security.CreatorIdentity;
import io.streamingcompanion.goalmenu.menu.MenuApi.CreateMenuItemRequest;
import io.streamingcompanion.goalmenu.menu.MenuApi.MenuItemResponse;
import io.streamingcompanion.goalmenu.menu.MenuApi.PublicMenuItem;
import io.streamingcompanion.goalmenu.menu.MenuApi.UpdateMenuItemRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/menu")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tip menu")
public class MenuResource {

    private final MenuService service;
    private final CreatorIdentity creator;

    public MenuResource(MenuService service, CreatorIdentity creator) {
        this.service = service;
        this.creator = creator;
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Add a menu item (active by default; 409 if another active item has the same price)")
    public Uni<Response> create(@Valid @NotNull(message = "body is required") CreateMenuItemRequest request) {
        return service.create(creator.creatorId(), request)
                .map(item -> Response.created(URI.create("/api/menu/" + item.id())).entity(item).build());
    }

    @GET
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The creator's menu items, active and inactive, in menu order")
    public Uni<List<MenuItemResponse>> list() {
        return service.list(creator.creatorId());
    }

    @GET
    @Path("/public/{creatorId}")
    @Operation(summary = "A creator's active menu items, for viewers (no token needed)")
    public Uni<List<PublicMenuItem>> publicMenu(@PathParam("creatorId") String creatorId) {
        return service.publicMenu(creatorId);
    }

    @GET
    @Path("/{id}")
    @SecurityRequirement(name = "bearer")
    public Uni<MenuItemResponse> get(@PathParam("id") UUID id) {
        return service.get(creator.creatorId(), id);
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @PATCH
    @Path("/{id}")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change an item; absent fields stay as they are")
    public Uni<MenuItemResponse> update(@PathParam("id") UUID id,
                                        @Valid @NotNull(message = "body is required") UpdateMenuItemRequest request) {
        return service.update(creator.creatorId(), id, request);
    }

    @POST
    @Path("/{id}/toggle")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Switch an item between active and inactive")
    public Uni<MenuItemResponse> toggle(@PathParam("id") UUID id) {
        return service.toggle(creator.creatorId(), id);
    }

    @DELETE
    @Path("/{id}")
    @SecurityRequirement(name = "bearer")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return service.delete(creator.creatorId(), id).replaceWith(Response.noContent().build());
    }
}
