package dev.scaleshop.sharding.resource;

import java.util.ArrayList;
import java.util.List;

import dev.scaleshop.identity.entity.Role;
import dev.scaleshop.problems.InvalidRequestException;
import dev.scaleshop.sharding.control.BucketMover;
import dev.scaleshop.sharding.control.ShardMap;
import dev.scaleshop.sharding.control.Shards;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import dev.scaleshop.platform.control.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The shard map for operators: {@code GET /api/v1/admin/shards} shows which shard holds which bucket
 * ranges; {@code POST /api/v1/admin/shards/moves} moves buckets online (see {@link BucketMover}), one
 * after the other, each with its own short write fence, and answers what each move did.
 */
@Path("admin/shards")
@RequestScoped
@RolesAllowed(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ShardsResource {

    static final int MAX_BUCKETS_PER_CALL = 128;

    @Inject
    ShardMap shardMap;

    @Inject
    Shards shards;

    @Inject
    BucketMover mover;

    @GET
    public Response map() {
        ShardMap.Snapshot snapshot = shardMap.snapshot();
        int[] perShard = new int[shards.count()];
        JsonArrayBuilder ranges = Jsons.createArrayBuilder();
        int start = 0;
        for (int bucket = 0; bucket <= snapshot.shards().length; bucket++) {
            if (bucket == snapshot.shards().length || snapshot.shardOf(bucket) != snapshot.shardOf(start)) {
                ranges.add(Jsons.createObjectBuilder().add("fromBucket", start).add("toBucket", bucket - 1)
                        .add("shard", snapshot.shardOf(start)));
                start = bucket;
            }
            if (bucket < snapshot.shards().length) {
                perShard[snapshot.shardOf(bucket)]++;
            }
        }
        JsonArrayBuilder counts = Jsons.createArrayBuilder();
        for (int count : perShard) {
            counts.add(count);
        }
        JsonObject body = Jsons.createObjectBuilder().add("version", snapshot.version()).add("shards", shards.count())
                .add("bucketsPerShard", counts).add("ranges", ranges).build();
        return Response.ok(body.toString()).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("moves")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response move(@NotNull @Valid BucketMoveRequest request) {
        int first = request.fromBucket();
        int last = request.last();
        if (last < first || last - first + 1 > MAX_BUCKETS_PER_CALL) {
            throw new InvalidRequestException("invalid-bucket-range", "toBucket must be from fromBucket to fromBucket + "
                    + (MAX_BUCKETS_PER_CALL - 1) + " (at most " + MAX_BUCKETS_PER_CALL + " buckets per call)");
        }
        List<BucketMover.Moved> moves = new ArrayList<>();
        for (int bucket = first; bucket <= last; bucket++) {
            moves.add(mover.move(bucket, request.toShard()));
        }
        JsonArrayBuilder items = Jsons.createArrayBuilder();
        long rows = 0;
        long maxFence = 0;
        for (BucketMover.Moved moved : moves) {
            items.add(Jsons.createObjectBuilder().add("bucket", moved.bucket()).add("fromShard", moved.fromShard())
                    .add("toShard", moved.toShard()).add("moved", !moved.alreadyThere()).add("rows", moved.rows())
                    .add("fenceMillis", moved.fenceMillis()).add("totalMillis", moved.totalMillis()));
            rows += moved.rows();
            maxFence = Math.max(maxFence, moved.fenceMillis());
        }
        JsonObject body = Jsons.createObjectBuilder().add("version", shardMap.snapshot().version())
                .add("buckets", moves.size()).add("rows", rows).add("maxFenceMillis", maxFence).add("moves", items).build();
        return Response.ok(body.toString()).header("Cache-Control", "no-store").build();
    }
}
