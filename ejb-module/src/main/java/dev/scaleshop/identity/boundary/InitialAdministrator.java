package dev.scaleshop.identity.boundary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

import dev.scaleshop.problems.InvalidRequestException;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the first administrator at start when no account holds the admin role yet, from an address
 * and a password file the operator (the stack script) provides. Instances racing to do it are fine:
 * the unique address lets one win.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InitialAdministrator {

    private static final Logger LOG = Logger.getLogger(InitialAdministrator.class.getName());

    @EJB
    Identity identity;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.initial-admin.email")
    Optional<String> email;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.initial-admin.password-file")
    Optional<String> passwordFile;

    @PostConstruct
    void ensure() {
        if (email.isEmpty() || passwordFile.isEmpty()) {
            return;
        }
        try {
            if (identity.administratorExists()) {
                return;
            }
            String password = Files.readString(Path.of(passwordFile.get())).strip();
            identity.createAdministrator(email.get(), password);
        } catch (InvalidRequestException createdByAnotherInstance) {
            LOG.fine("initial administrator created concurrently by another instance");
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "SCALESHOP-IDENTITY-003 cannot create the initial administrator: " + e);
        }
    }
}
