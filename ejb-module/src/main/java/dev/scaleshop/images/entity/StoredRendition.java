package dev.scaleshop.images.entity;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One scaled size of an uploaded image. */
@Entity
@Table(name = "product_image_rendition")
@IdClass(StoredRendition.Key.class)
public class StoredRendition {

    @Id
    @Column(name = "image_id")
    private UUID imageId;

    @Id
    private String size;

    private int width;

    private int height;

    @Column(name = "content_type")
    private String contentType;

    private String sha256;

    private byte[] data;

    protected StoredRendition() {
    }

    public StoredRendition(UUID imageId, String size, int width, int height, String contentType, String sha256, byte[] data) {
        this.imageId = imageId;
        this.size = size;
        this.width = width;
        this.height = height;
        this.contentType = contentType;
        this.sha256 = sha256;
        this.data = data;
    }

    public String size() {
        return size;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public String contentType() {
        return contentType;
    }

    public String sha256() {
        return sha256;
    }

    public byte[] data() {
        return data;
    }

    /** Primary key: image and size. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private UUID imageId;
        private String size;

        public Key() {
        }

        public Key(UUID imageId, String size) {
            this.imageId = imageId;
            this.size = size;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(imageId, key.imageId) && Objects.equals(size, key.size);
        }

        @Override
        public int hashCode() {
            return Objects.hash(imageId, size);
        }
    }
}
