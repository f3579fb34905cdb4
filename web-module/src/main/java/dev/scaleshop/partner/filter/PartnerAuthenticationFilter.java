package dev.scaleshop.partner.filter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.logging.Logger;

import dev.scaleshop.api.client.ClientAddress;
import dev.scaleshop.identity.boundary.LoginThrottledException;
import dev.scaleshop.partner.control.PartnerCredentials;
import dev.scaleshop.partner.soap.PartnerFaults;
import dev.scaleshop.problems.InvalidRequestException;
import dev.scaleshop.tracing.filter.RequestIdFilter;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * HTTP Basic for the partner SOAP service ({@code /soap/*}, mapped in web.xml before rate limiting,
 * which then counts the call against the partner's own bucket). Every SOAP call (POST) needs a partner
 * account's e-mail and password; the contract itself ({@code GET ?wsdl}, {@code ?xsd=1}) is public, as
 * partners generate their clients from it. Refusals are SOAP faults with their HTTP status: 401 +
 * {@code WWW-Authenticate} for missing or wrong credentials, 403 for an account that is no partner,
 * 429 + Retry-After while the account or address is throttled after failed attempts.
 */
public class PartnerAuthenticationFilter extends HttpFilter {

    /** The request attribute holding the authenticated partner's account id ({@link UUID}). */
    public static final String PARTNER = PartnerAuthenticationFilter.class.getName() + ".partner";

    private static final Logger LOG = Logger.getLogger(PartnerAuthenticationFilter.class.getName());
    private static final String CHALLENGE = "Basic realm=\"ScaleShop partner service\", charset=\"UTF-8\"";

    @Inject
    PartnerCredentials credentials;

    @Inject
    ClientAddress clientAddress;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"POST".equals(request.getMethod())) { // the published contract; Metro answers other methods itself
            chain.doFilter(request, response);
            return;
        }
        String requestId = RequestIdFilter.requestId(request);
        String[] basic = basicCredentials(request.getHeader("Authorization"));
        if (basic == null) {
            response.setHeader("WWW-Authenticate", CHALLENGE);
            PartnerFaults.write(response, 401, "authentication-required",
                    "the partner service needs HTTP Basic authentication with the partner account's e-mail and password",
                    requestId);
            return;
        }
        UUID partner;
        try {
            partner = credentials.partner(basic[0], basic[1], clientAddress.of(request));
        } catch (LoginThrottledException throttled) {
            response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
            PartnerFaults.write(response, 429, throttled.problemType(), throttled.getMessage(), requestId,
                    OptionalInt.of((int) throttled.retryAfterSeconds()));
            return;
        } catch (InvalidRequestException refused) {
            if (refused.status() == 401) {
                response.setHeader("WWW-Authenticate", CHALLENGE);
            }
            LOG.fine(() -> "SCALESHOP-PARTNER-010 refused " + refused.problemType() + " requestId=" + requestId);
            PartnerFaults.write(response, refused.status(), refused.problemType(), refused.getMessage(), requestId);
            return;
        }
        request.setAttribute(PARTNER, partner);
        chain.doFilter(request, response);
    }

    /** e-mail and password, or null when the header is not well-formed Basic credentials. */
    static String[] basicCredentials(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            return null;
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
