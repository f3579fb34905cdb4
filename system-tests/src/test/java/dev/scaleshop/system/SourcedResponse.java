package dev.scaleshop.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Flow;

import javax.net.ssl.SSLSession;

/**
 * An {@link HttpRequest} sent from a chosen source address ({@link FromAddress}) and its answer as an
 * {@link HttpResponse}, so tests written against {@link Api} can speak from another host's address.
 */
record SourcedResponse(int statusCode, HttpRequest request, HttpHeaders headers, String body) implements HttpResponse<String> {

    static SourcedResponse exchange(String sourceAddress, HttpRequest request) {
        URI uri = request.uri();
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().map().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        FromAddress.Answer answer = new FromAddress(sourceAddress, uri.getScheme() + "://" + uri.getAuthority())
                .exchange(request.method(), path, headers, body(request));
        Map<String, List<String>> answerHeaders = new LinkedHashMap<>();
        answer.headers().forEach((name, value) -> answerHeaders.put(name, List.of(value)));
        return new SourcedResponse(answer.status(), request, HttpHeaders.of(answerHeaders, (n, v) -> true), answer.body());
    }

    /** The body a request's publisher produces (the publishers the tests use publish synchronously). */
    private static byte[] body(HttpRequest request) {
        if (request.bodyPublisher().isEmpty()) {
            return new byte[0];
        }
        List<ByteBuffer> parts = new ArrayList<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                parts.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                throw new IllegalStateException(throwable);
            }

            @Override
            public void onComplete() {
            }
        });
        int size = parts.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer all = ByteBuffer.allocate(size);
        parts.forEach(all::put);
        return all.array();
    }

    @Override
    public Optional<HttpResponse<String>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    @Override
    public URI uri() {
        return request.uri();
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }
}
