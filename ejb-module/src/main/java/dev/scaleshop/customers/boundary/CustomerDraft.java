package dev.scaleshop.customers.boundary;

import dev.scaleshop.customers.entity.CustomerProfile;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Name and address, as registration and profile updates send them. */
public record CustomerDraft(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Valid AddressDraft address) {

    public record AddressDraft(
            @NotBlank @Size(max = 200) String line1,
            @Size(max = 200) String line2,
            @NotBlank @Size(max = 100) String city,
            @NotBlank @Size(max = 20) String postalCode,
            @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country) {

        public CustomerProfile.Address toAddress() {
            return new CustomerProfile.Address(line1.strip(), line2 == null ? null : line2.strip(), city.strip(),
                    postalCode.strip(), country);
        }
    }
}
