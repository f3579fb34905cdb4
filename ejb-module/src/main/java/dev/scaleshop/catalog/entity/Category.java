package dev.scaleshop.catalog.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A node in the category tree; products hang off leaves, listings of a parent include its children. */
@Entity
@Table(name = "category")
@NamedQuery(name = Category.BY_SLUG, query = "SELECT c FROM Category c WHERE c.slug = :slug")
@NamedQuery(name = Category.ALL, query = "SELECT c FROM Category c LEFT JOIN FETCH c.parent ORDER BY c.name, c.slug")
@NamedQuery(name = Category.CHILDREN, query = "SELECT COUNT(c) FROM Category c WHERE c.parent = :category")
@NamedQuery(name = Category.PRODUCTS, query = "SELECT COUNT(p) FROM Product p WHERE p.category = :category")
public class Category {

    public static final String BY_SLUG = "Category.bySlug";
    public static final String ALL = "Category.all";
    public static final String CHILDREN = "Category.children";
    public static final String PRODUCTS = "Category.products";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "category_id")
    @SequenceGenerator(name = "category_id", sequenceName = "category_id_seq", allocationSize = 1)
    private Long id;

    private String slug;

    private String name;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "parent_id")
    private Category parent;

    protected Category() {
        // for JPA
    }

    public Category(String slug, String name, Category parent) {
        this.slug = slug;
        this.name = name;
        this.parent = parent;
    }

    public Long id() {
        return id;
    }

    public String slug() {
        return slug;
    }

    public String name() {
        return name;
    }

    public boolean isRoot() {
        return parent == null;
    }

    /** The parent node, or null for a root. */
    public Category parent() {
        return parent;
    }
}
