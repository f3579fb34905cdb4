package dev.scaleshop.customers.boundary;

import java.util.UUID;

import dev.scaleshop.customers.entity.CustomerProfile;

/** A customer as the API shows it: no credentials, ever. */
public record CustomerView(UUID id, String email, String name, CustomerProfile.Address address) {
}
