package dev.scaleshop.identity.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.scaleshop.identity.entity.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs access tokens (RS256, Nimbus JOSE+JWT) with the active key the stack generates; every instance
 * verifies them with MicroProfile JWT against the published key set ({@code mp.jwt.verify.publickey.location},
 * a JWKS), the issuer, the audience and the token's age. Claims: {@code sub} = account id, {@code upn} =
 * e-mail, {@code groups} = roles, {@code plan} = the rate-limit tier, {@code aud}, {@code iat} = {@code nbf},
 * short {@code exp}; the header names the key ({@code kid}).
 *
 * <p>Keys rotate: {@code scaleshop.identity.jwt.signing-key-location} is a link to the active key file,
 * {@code <kid>.pem}. The stack adds a new key to the key set first, points the link at it once every
 * instance knows it, and retires the old key later; this class follows the link at every issue (logins are
 * rare next to reads), so a rotation needs no restart.
 */
@ApplicationScoped
public class AccessTokens {

    @Inject
    @ConfigProperty(name = "scaleshop.identity.jwt.issuer", defaultValue = "https://scaleshop.dev")
    String issuer;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.jwt.audience", defaultValue = "scaleshop-api")
    String audience;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.jwt.signing-key-location")
    String signingKeyLocation;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.access-token.ttl-seconds", defaultValue = "900")
    long ttlSeconds;

    private volatile Signer signer;

    /** The key file in use and its signer. */
    private record Signer(Path file, String keyId, RSASSASigner rsa) {
    }

    public long ttlSeconds() {
        return ttlSeconds;
    }

    public String issue(Account account, Instant now) {
        Signer active = activeSigner();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(account.id().toString())
                .claim("upn", account.email())
                .claim("groups", List.copyOf(account.roles()))
                .claim("plan", "free")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(ttlSeconds)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(active.keyId()).build(), claims);
        try {
            jwt.sign(active.rsa());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return jwt.serialize();
    }

    /** The signer of the file the link points at now; read again only when the link moved. */
    private Signer activeSigner() {
        Path file;
        try {
            file = Path.of(signingKeyLocation).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("no token signing key at " + signingKeyLocation, e);
        }
        Signer current = signer;
        if (current == null || !current.file().equals(file)) {
            String name = file.getFileName().toString();
            current = new Signer(file, name.endsWith(".pem") ? name.substring(0, name.length() - 4) : name,
                    new RSASSASigner(readPkcs8(file)));
            signer = current;
        }
        return current;
    }

    /** A PEM "PRIVATE KEY" (PKCS #8), as {@code openssl genpkey -algorithm RSA} writes it. */
    static RSAPrivateKey readPkcs8(Path pem) {
        try {
            String base64 = Files.readString(pem)
                    .replace("-----BEGIN PRIVATE KEY-----", "")
                    .replace("-----END PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token signing key " + pem, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("not a PKCS #8 RSA private key: " + pem, e);
        }
    }
}
