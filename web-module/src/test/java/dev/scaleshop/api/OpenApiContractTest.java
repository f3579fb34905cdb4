package dev.scaleshop.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The written REST contract (META-INF/openapi.yaml, served as is at /openapi) and the JAX-RS resources
 * name the same operations: a resource method missing from the contract, or a contract operation no
 * resource serves, fails the build. Every operation has an operationId, responses, and a problem+json
 * answer for its errors. The diagnostics resource ({@code /cluster/*}, off in production) is not part
 * of the public contract.
 */
class OpenApiContractTest {

    private static final Set<String> NOT_IN_CONTRACT = Set.of("dev.scaleshop.clustering.resource.ClusterResource",
            "dev.scaleshop.payments.control.PaymentProviderClient"); // the latter is a client of the provider
    private static final List<Class<? extends Annotation>> METHODS =
            List.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class, HEAD.class);

    @Test
    void everyResourceOperationIsInTheContractAndNothingElse() throws Exception {
        assertThat(contractOperations().keySet()).isEqualTo(resourceOperations());
    }

    @Test
    void everyOperationIsDescribedWithItsErrors() throws Exception {
        contractOperations().forEach((name, operation) -> {
            assertThat(operation.get("operationId")).as("%s has an operationId", name).isNotNull();
            assertThat(operation.get("summary")).as("%s has a summary", name).isNotNull();
            @SuppressWarnings("unchecked")
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            assertThat(responses).as("%s has responses", name).isNotEmpty();
            responses.forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertThat(response.toString()).as("%s %s is a problem", name, status).contains("#/components/responses/");
                }
            });
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> contractOperations() throws IOException {
        Map<String, Object> document;
        try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            assertThat(in).as("META-INF/openapi.yaml").isNotNull();
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        Map<String, Map<String, Object>> operations = new java.util.TreeMap<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.forEach((method, operation) -> {
            if (!"parameters".equals(method)) {
                operations.put(method.toUpperCase() + " " + path, (Map<String, Object>) operation);
            }
        }));
        return operations;
    }

    private static Set<String> resourceOperations() throws IOException, ClassNotFoundException {
        Set<String> operations = new TreeSet<>();
        Path classes = Path.of("target", "classes");
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.map(classes::relativize).map(Path::toString).filter(name -> name.endsWith(".class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.')).toList();
        }
        for (String name : names) {
            Class<?> type = Class.forName(name, false, OpenApiContractTest.class.getClassLoader());
            jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (root == null || NOT_IN_CONTRACT.contains(name)) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                for (Class<? extends Annotation> http : METHODS) {
                    if (method.isAnnotationPresent(http)) {
                        jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                        operations.add(http.getSimpleName() + " " + path(root.value(), sub == null ? "" : sub.value()));
                    }
                }
            }
        }
        return operations;
    }

    private static String path(String root, String sub) {
        String joined = "/api/v1/" + strip(root) + (sub.isEmpty() ? "" : "/" + strip(sub));
        return joined.replaceAll("\\{([^}:]+)(:[^}]*)?}", "{$1}").replaceAll("/+$", "");
    }

    private static String strip(String segment) {
        return segment.replaceAll("^/+|/+$", "");
    }
}
