package dev.scaleshop.identity.filter;

import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.ClientAuthConfig;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Lets a request that carries no credentials skip the authentication mechanism. Payara calls the
 * application's Jakarta Authentication module for every request of the web module, anonymous ones included,
 * and the module Soteria registers for MicroProfile JWT looks the mechanism up through CDI (a JNDI lookup of
 * the BeanManager) twice per request only to find no token and do nothing: a quarter of a cached product
 * read's CPU (issue 16's profile). This wraps the registered module: a request with no {@code Authorization}
 * header on which authentication is not mandatory (no {@code request.authenticate()}, no security constraint)
 * is let through unauthenticated, exactly what the mechanism would have answered; every other request,
 * bearer tokens and the partners' Basic credentials included, goes to the mechanism unchanged. Roles are
 * still checked by {@code @RolesAllowed} on the resources and EJBs. Not installed if MicroProfile JWT is
 * configured to read tokens from another header ({@code mp.jwt.token.header}).
 */
@WebListener
public class AnonymousAuthentication implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(AnonymousAuthentication.class.getName());
    private static final String LAYER = "HttpServlet";
    private static final String MANDATORY = "jakarta.security.auth.message.MessagePolicy.isMandatory";

    /** Runs after Soteria's container initializer registered its module for this application. */
    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        String appContext = context.getVirtualServerName() + " " + context.getContextPath();
        String tokenHeader = ConfigProvider.getConfig().getOptionalValue("mp.jwt.token.header", String.class)
                .orElse("Authorization");
        if (!"Authorization".equalsIgnoreCase(tokenHeader)) { // a token in a cookie: every request may carry one
            LOG.warning(() -> "tokens are read from " + tokenHeader + ", not Authorization: every request goes to the"
                    + " authentication mechanism of " + appContext);
            return;
        }
        AuthConfigFactory factory = AuthConfigFactory.getFactory();
        AuthConfigProvider registered = factory.getConfigProvider(LAYER, appContext, null);
        if (registered == null) {
            LOG.warning(() -> "no authentication module registered for " + appContext + "; nothing to wrap");
            return;
        }
        factory.registerConfigProvider(new Provider(registered), LAYER, appContext,
                "ScaleShop: requests without credentials skip the mechanism");
        LOG.info(() -> "requests without credentials skip the authentication mechanism of " + appContext);
    }

    static boolean anonymous(MessageInfo message) {
        Object request = message.getRequestMessage();
        return request instanceof HttpServletRequest http
                && http.getHeader("Authorization") == null
                && !Boolean.parseBoolean(String.valueOf(message.getMap().get(MANDATORY)));
    }

    private record Provider(AuthConfigProvider delegate) implements AuthConfigProvider {
        @Override
        public ClientAuthConfig getClientAuthConfig(String layer, String appContext, CallbackHandler handler)
                throws AuthException {
            return delegate.getClientAuthConfig(layer, appContext, handler);
        }

        @Override
        public ServerAuthConfig getServerAuthConfig(String layer, String appContext, CallbackHandler handler)
                throws AuthException {
            ServerAuthConfig config = delegate.getServerAuthConfig(layer, appContext, handler);
            return config == null ? null : new Config(config);
        }

        @Override
        public void refresh() {
            delegate.refresh();
        }
    }

    private record Config(ServerAuthConfig delegate) implements ServerAuthConfig {
        @Override
        public ServerAuthContext getAuthContext(String authContextId, Subject serviceSubject,
                @SuppressWarnings("rawtypes") Map properties) throws AuthException {
            ServerAuthContext context = delegate.getAuthContext(authContextId, serviceSubject, properties);
            return context == null ? null : new Context(context);
        }

        @Override
        public String getMessageLayer() {
            return delegate.getMessageLayer();
        }

        @Override
        public String getAppContext() {
            return delegate.getAppContext();
        }

        @Override
        public String getAuthContextID(MessageInfo messageInfo) {
            return delegate.getAuthContextID(messageInfo);
        }

        @Override
        public void refresh() {
            delegate.refresh();
        }

        @Override
        public boolean isProtected() {
            return delegate.isProtected();
        }
    }

    private record Context(ServerAuthContext delegate) implements ServerAuthContext {
        @Override
        public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service)
                throws AuthException {
            return anonymous(message) ? AuthStatus.SUCCESS : delegate.validateRequest(message, client, service);
        }

        @Override
        public AuthStatus secureResponse(MessageInfo message, Subject service) throws AuthException {
            return anonymous(message) ? AuthStatus.SEND_SUCCESS : delegate.secureResponse(message, service);
        }

        @Override
        public void cleanSubject(MessageInfo message, Subject subject) throws AuthException {
            delegate.cleanSubject(message, subject);
        }
    }
}
