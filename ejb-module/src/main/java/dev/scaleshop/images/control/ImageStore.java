package dev.scaleshop.images.control;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.scaleshop.images.entity.ImageOriginal;
import dev.scaleshop.images.entity.StoredRendition;
import dev.scaleshop.images.entity.UploadedImage;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The thumbnail worker's short transactions (main database): read the original, store the renditions and
 * mark the image ready, or mark it failed. Each commits on its own, so no connection is held while pixels
 * are scaled, and a second run after a crash finds the image ready and stores nothing again.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ImageStore {

    @PersistenceContext(unitName = "scaleshop-primary")
    EntityManager em;

    public Optional<UploadedImage> image(UUID imageId) {
        return Optional.ofNullable(em.find(UploadedImage.class, imageId));
    }

    public byte[] original(UUID imageId) {
        return em.find(ImageOriginal.class, imageId).data();
    }

    /** Stores the renditions and marks the image READY; false if it was ready already (nothing stored). */
    public boolean storeRenditions(UUID imageId, List<ImageRenditions.Rendition> renditions, Instant now) {
        UploadedImage image = em.find(UploadedImage.class, imageId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (image.status() == UploadedImage.Status.READY) {
            return false;
        }
        for (ImageRenditions.Rendition rendition : renditions) {
            em.persist(new StoredRendition(imageId, rendition.size().key(), rendition.width(), rendition.height(),
                    rendition.contentType(), rendition.sha256(), rendition.data()));
        }
        image.ready(now);
        return true;
    }

    public void markFailed(UUID imageId, String reason, Instant now) {
        em.find(UploadedImage.class, imageId).failed(reason, now);
    }
}
