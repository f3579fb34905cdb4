package dev.scaleshop.images.entity;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The bytes of an uploaded image as received. */
@Entity
@Table(name = "product_image_original")
public class ImageOriginal {

    @Id
    @Column(name = "image_id")
    private UUID imageId;

    private byte[] data;

    protected ImageOriginal() {
    }

    public ImageOriginal(UUID imageId, byte[] data) {
        this.imageId = imageId;
        this.data = data;
    }

    public byte[] data() {
        return data;
    }
}
