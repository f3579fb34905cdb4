package dev.scaleshop.images.boundary;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import dev.scaleshop.catalog.entity.Product;
import dev.scaleshop.images.control.ImageInspector;
import dev.scaleshop.images.control.ImageRenditions;
import dev.scaleshop.images.control.ImageStore;
import dev.scaleshop.images.entity.ImageOriginal;
import dev.scaleshop.images.entity.StoredRendition;
import dev.scaleshop.images.entity.UploadedImage;
import dev.scaleshop.jobs.boundary.Jobs;
import dev.scaleshop.jobs.control.JobQueues;
import dev.scaleshop.jobs.entity.Job;
import dev.scaleshop.platform.control.Sha256;
import dev.scaleshop.platform.control.UuidV7;
import dev.scaleshop.problems.InvalidRequestException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Product image uploads. An upload is checked (an image, within the byte and pixel limits) and stored
 * with its thumbnail job and message in one transaction — or refused with 4xx/503 and nothing stored.
 * The thumbnail worker scales it into {@link ImageRenditions.Size}s; clients read sizes and original.
 */
@Stateless
public class ProductImages {

    public static final String JOB_TYPE = "thumbnail";
    private static final Logger LOG = Logger.getLogger(ProductImages.class.getName());

    @PersistenceContext(unitName = "scaleshop-primary")
    EntityManager em;

    @EJB
    Jobs jobs;

    @EJB
    ImageStore store;

    /** Largest accepted upload in bytes (also checked by the web tier before reading the body). */
    @Inject
    @ConfigProperty(name = "scaleshop.images.max-bytes", defaultValue = "8388608")
    long maxBytes;

    /** Largest accepted width × height: decoding costs 4 bytes per pixel of heap. */
    @Inject
    @ConfigProperty(name = "scaleshop.images.max-pixels", defaultValue = "16777216")
    long maxPixels;

    private final Clock clock = Clock.systemUTC();

    /** An accepted upload: the image and the job scaling it. */
    public record Accepted(UploadedImage image, Job job) {
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Accepted upload(String sku, byte[] data, String requestId) {
        if (em.createNamedQuery(Product.BY_SKU, Product.class).setParameter("sku", sku).getResultList().isEmpty()) {
            throw InvalidRequestException.notFound("not-found", "no product " + sku);
        }
        if (data.length == 0) {
            throw new InvalidRequestException(400, "empty-image", "the body holds no image");
        }
        if (data.length > maxBytes) {
            throw new InvalidRequestException(413, "image-too-large", "at most " + maxBytes + " bytes are accepted");
        }
        ImageInspector.Inspected inspected = ImageInspector.inspect(data, maxPixels);
        UploadedImage image = new UploadedImage(UuidV7.next(), sku, inspected.contentType(), inspected.width(),
                inspected.height(), data.length, Sha256.hex(data), clock.instant());
        Job job = jobs.submit(JOB_TYPE, JobQueues.THUMBNAIL, image.id().toString(), requestId); // 503 above high-water
        image.queued(job.id());
        em.persist(image);
        em.flush(); // the bytes' row refers to the image row; no mapped relationship tells EclipseLink the order
        em.persist(new ImageOriginal(image.id(), data));
        return new Accepted(image, job);
    }

    /**
     * The worker's part: scales the original into every size and stores them. Outside the delivery's
     * transaction (short transactions of its own around the CPU work); a second run stores nothing.
     * An original that cannot be decoded fails the job for good ({@link Jobs.PermanentFailure}).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String render(UUID imageId) {
        UploadedImage image = store.image(imageId).orElseThrow(() -> new IllegalStateException("no image " + imageId));
        String link = "/api/v1/products/" + image.sku() + "/images/" + imageId;
        if (image.status() == UploadedImage.Status.READY) {
            return link;
        }
        List<ImageRenditions.Rendition> renditions;
        try {
            renditions = ImageRenditions.render(store.original(imageId), image.contentType());
        } catch (ImageRenditions.UndecodableImageException e) {
            store.markFailed(imageId, e.getMessage(), clock.instant());
            throw new Jobs.PermanentFailure("image " + imageId + ": " + e.getMessage());
        }
        boolean stored = store.storeRenditions(imageId, renditions, clock.instant());
        LOG.info(() -> "SCALESHOP-IMAGE-001 image " + imageId + " of " + image.sku() + (stored ? " scaled into "
                + renditions.stream().map(r -> r.size().key() + " " + r.width() + "x" + r.height()).toList() : " was scaled meanwhile"));
        return link;
    }

    public List<UploadedImage> ofProduct(String sku) {
        return em.createNamedQuery(UploadedImage.OF_PRODUCT, UploadedImage.class).setParameter("sku", sku).getResultList();
    }

    public Optional<UploadedImage> find(String sku, UUID imageId) {
        return Optional.ofNullable(em.find(UploadedImage.class, imageId)).filter(image -> image.sku().equals(sku));
    }

    /** The renditions' sizes and dimensions, without their bytes. */
    public List<Object[]> renditionSizes(UUID imageId) {
        return em.createQuery("SELECT r.size, r.width, r.height, r.contentType FROM StoredRendition r WHERE r.imageId = :id",
                Object[].class).setParameter("id", imageId).getResultList();
    }

    public Optional<StoredRendition> rendition(UUID imageId, String size) {
        return Optional.ofNullable(em.find(StoredRendition.class, new StoredRendition.Key(imageId, size)));
    }

    public byte[] original(UUID imageId) {
        return store.original(imageId);
    }
}
