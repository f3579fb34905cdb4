package dev.scaleshop.catalog.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an administrator sends to create a category: a department (no parent) or one of its subcategories. */
public record CategoryDraft(
        @NotNull @Pattern(regexp = "[a-z0-9-]{1,64}", message = "must hold 1 to 64 of [a-z0-9-]") String slug,
        @NotBlank @Size(max = 200) String name,
        @Pattern(regexp = "[a-z0-9-]{1,64}", message = "must be a category slug") String parent) {
}
