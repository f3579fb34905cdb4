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
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs access tokens (RS256, Nimbus JOSE+JWT) with the private key the stack generates; every instance
 * verifies them with MicroProfile JWT against the public key ({@code mp.jwt.verify.publickey.location})
 * and the issuer ({@code mp.jwt.verify.issuer}, equal to {@code scaleshop.identity.jwt.issuer}).
 * Claims: {@code sub} = account id, {@code upn} = e-mail, {@code groups} = roles, {@code plan} = the
 * rate-limit tier, short {@code exp}.
 */
@ApplicationScoped
public class AccessTokens {

    @Inject
    @ConfigProperty(name = "scaleshop.identity.jwt.issuer", defaultValue = "https://scaleshop.dev")
    String issuer;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.jwt.private-key-location")
    String privateKeyLocation;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.access-token.ttl-seconds", defaultValue = "900")
    long ttlSeconds;

    private RSASSASigner signer;

    @PostConstruct
    void loadKey() {
        signer = new RSASSASigner(readPkcs8(Path.of(privateKeyLocation)));
    }

    public long ttlSeconds() {
        return ttlSeconds;
    }

    public String issue(Account account, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(account.id().toString())
                .claim("upn", account.email())
                .claim("groups", List.copyOf(account.roles()))
                .claim("plan", "free")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(ttlSeconds)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return jwt.serialize();
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
