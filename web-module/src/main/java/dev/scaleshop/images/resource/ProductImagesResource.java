package dev.scaleshop.images.resource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import dev.scaleshop.identity.entity.Role;
import dev.scaleshop.images.boundary.ProductImages;
import dev.scaleshop.images.control.ImageRenditions;
import dev.scaleshop.images.entity.UploadedImage;
import dev.scaleshop.jobs.resource.JobSubmissions;
import dev.scaleshop.problems.InvalidRequestException;
import dev.scaleshop.tracing.filter.RequestIdFilter;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import dev.scaleshop.platform.control.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * Product images. {@code POST /api/v1/products/{sku}/images} (admin; the body is the image, PNG, JPEG or
 * GIF) answers 202 with the thumbnail job; the sizes are then served at
 * {@code /api/v1/products/{sku}/images/{id}/{thumb|small|medium|original}} — content-addressed, so cacheable
 * for a year by anyone ({@code immutable}, strong ETag, 304).
 */
@Path("products/{sku}/images")
@RequestScoped
public class ProductImagesResource {

    private static final CacheControl FOREVER = CacheControl.valueOf("public, max-age=31536000, immutable");

    @EJB
    ProductImages images;

    @Inject
    JobSubmissions submissions;

    @Context
    HttpServletRequest request;

    @POST
    @RolesAllowed(Role.ADMIN)
    @Consumes({"image/*", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@PathParam("sku") String sku, @HeaderParam("Content-Length") Long contentLength, InputStream body) {
        long max = images.maxBytes();
        if (contentLength != null && contentLength > max) { // refused before a byte of the body is read
            throw new InvalidRequestException(413, "image-too-large", "at most " + max + " bytes are accepted");
        }
        byte[] image = read(body, max);
        String requestId = RequestIdFilter.requestId(request);
        ProductImages.Accepted accepted = submissions.submit(() -> images.upload(sku, image, requestId));
        JsonObject entity = Jsons.createObjectBuilder(describe(accepted.image(), List.of()))
                .add("job", "/api/v1/jobs/" + accepted.job().id()).build();
        return Response.accepted(entity).location(URI.create("/api/v1/jobs/" + accepted.job().id())).build();
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject list(@PathParam("sku") String sku) {
        JsonArrayBuilder items = Jsons.createArrayBuilder();
        images.ofProduct(sku).forEach(image -> items.add(describe(image, images.renditionSizes(image.id()))));
        return Jsons.createObjectBuilder().add("items", items).build();
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject image(@PathParam("sku") String sku, @PathParam("id") String id) {
        UploadedImage image = find(sku, id);
        return describe(image, images.renditionSizes(image.id()));
    }

    @GET
    @Path("{id}/{size}")
    @PermitAll
    public Response bytes(@PathParam("sku") String sku, @PathParam("id") String id, @PathParam("size") String size,
            @Context Request conditions) {
        UploadedImage image = find(sku, id);
        if ("original".equals(size)) {
            return cacheable(conditions, image.sha256(), image.contentType(), () -> images.original(image.id()));
        }
        ImageRenditions.Size wanted = ImageRenditions.Size.of(size).orElseThrow(() -> new NotFoundException("no size " + size));
        if (image.status() != UploadedImage.Status.READY) {
            throw InvalidRequestException.conflict("image-not-ready", "image " + id + " is " + image.status());
        }
        return images.rendition(image.id(), wanted.key())
                .map(r -> cacheable(conditions, r.sha256(), r.contentType(), r::data))
                .orElseThrow(() -> new NotFoundException("no size " + size));
    }

    private static Response cacheable(Request conditions, String sha256, String contentType,
            java.util.function.Supplier<byte[]> data) {
        EntityTag tag = new EntityTag(sha256);
        Response.ResponseBuilder notModified = conditions.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.cacheControl(FOREVER).build();
        }
        return Response.ok(data.get(), contentType).tag(tag).cacheControl(FOREVER).build();
    }

    private UploadedImage find(String sku, String id) {
        try {
            return images.find(sku, UUID.fromString(id)).orElseThrow(() -> new NotFoundException("no image " + id));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no image " + id);
        }
    }

    private static JsonObject describe(UploadedImage image, List<Object[]> renditions) {
        String base = "/api/v1/products/" + image.sku() + "/images/" + image.id();
        JsonObjectBuilder sizes = Jsons.createObjectBuilder();
        for (Object[] r : renditions) {
            sizes.add((String) r[0], Jsons.createObjectBuilder().add("url", base + "/" + r[0]).add("width", (Integer) r[1])
                    .add("height", (Integer) r[2]).add("contentType", (String) r[3]));
        }
        JsonObjectBuilder json = Jsons.createObjectBuilder().add("id", image.id().toString()).add("sku", image.sku())
                .add("status", image.status().name().toLowerCase(java.util.Locale.ROOT))
                .add("width", image.width()).add("height", image.height()).add("bytes", image.bytes())
                .add("contentType", image.contentType()).add("original", base + "/original").add("sizes", sizes)
                .add("createdAt", image.createdAt().toString());
        if (image.error() != null) {
            json.add("error", image.error());
        }
        return json.build();
    }

    private static byte[] read(InputStream body, long max) {
        try (InputStream in = body) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (data.length > max) {
                throw new InvalidRequestException(413, "image-too-large", "at most " + max + " bytes are accepted");
            }
            return data;
        } catch (IOException e) {
            throw new InvalidRequestException(400, "unreadable-body", "the image could not be read from the request");
        }
    }
}
