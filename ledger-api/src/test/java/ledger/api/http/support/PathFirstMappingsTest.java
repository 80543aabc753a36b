package ledger.api.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

class PathFirstMappingsTest {

    @RestController
    @RequestMapping("/members")
    static class Endpoints {
        @PostMapping(path = "/{memberId}/downloads", consumes = MediaType.APPLICATION_JSON_VALUE)
        void download(@PathVariable String memberId) {
        }

        @GetMapping(path = "/{memberId}/downloads")
        void downloads(@PathVariable String memberId) {
        }

        @GetMapping(path = "/{memberId}", produces = MediaType.APPLICATION_JSON_VALUE)
        void member(@PathVariable String memberId) {
        }

        @GetMapping(path = "/{memberId}", produces = "text/csv")
        void memberAsCsv(@PathVariable String memberId) {
        }

        @GetMapping(path = "/lookup", params = "email")
        void lookup() {
        }

        @GetMapping(path = "/{memberId}/events/{eventId}")
        void event(@PathVariable String memberId, @PathVariable String eventId) {
        }

        @PostMapping(path = "/{memberId}/consents", headers = "Idempotency-Key")
        void consentOnce(@PathVariable String memberId) {
        }

        @PostMapping(path = "/{memberId}/consents")
        void consent(@PathVariable String memberId) {
        }
    }

    private static RequestMappingHandlerMapping initialized(RequestMappingHandlerMapping mapping) {
        StaticWebApplicationContext context = new StaticWebApplicationContext();
        context.registerSingleton("endpoints", Endpoints.class);
        context.refresh();
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
        return mapping;
    }

    private static MockHttpServletRequest request(String method, String path, String contentType, String accept,
                                                  String header, String param) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (contentType != null) {
            request.setContentType(contentType);
        }
        if (accept != null) {
            request.addHeader("Accept", accept);
        }
        if (header != null) {
            request.addHeader(header, "k-1");
        }
        if (param != null) {
            request.setParameter(param, "a@example.org");
        }
        return request;
    }

    /** The handler's method name, or the refusal's type (no handler is null: a 404 for the dispatcher). */
    private static String answer(RequestMappingHandlerMapping mapping, MockHttpServletRequest request) {
        try {
            HandlerExecutionChain chain = mapping.getHandler(request);
            return chain == null ? "none" : ((HandlerMethod) chain.getHandler()).getMethod().getName()
                    + " " + request.getAttribute(org.springframework.web.servlet.HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        } catch (Exception refused) {
            return refused.getClass().getSimpleName();
        }
    }

    @Test
    void every_request_finds_the_endpoint_or_the_refusal_spring_s_own_lookup_finds() {
        RequestMappingHandlerMapping springs = initialized(new RequestMappingHandlerMapping());
        RequestMappingHandlerMapping pathFirst = initialized(new PathFirstMappings().getRequestMappingHandlerMapping());
        List<MockHttpServletRequest[]> requests = List.of(
                both("POST", "/members/m-1/downloads", "application/json", null, null, null),
                both("POST", "/members/m-1/downloads", "text/plain", null, null, null),
                both("GET", "/members/m-1/downloads", null, null, null, null),
                both("DELETE", "/members/m-1/downloads", null, null, null, null),
                both("GET", "/members/m-1", null, "application/json", null, null),
                both("GET", "/members/m-1", null, "text/csv", null, null),
                both("GET", "/members/m-1", null, "image/png", null, null),
                both("GET", "/members/lookup", null, null, null, "email"),
                both("GET", "/members/lookup", null, null, null, null),
                both("GET", "/members/m-1/events/e-9", null, null, null, null),
                both("POST", "/members/m-1/consents", "application/json", null, "Idempotency-Key", null),
                both("POST", "/members/m-1/consents", "application/json", null, null, null),
                both("GET", "/members/m-1/unknown", null, null, null, null),
                both("GET", "/elsewhere", null, null, null, null));
        List<String> answers = new java.util.ArrayList<>();
        for (MockHttpServletRequest[] pair : requests) {
            String expected = answer(springs, pair[0]);
            assertThat(answer(pathFirst, pair[1])).as(pair[0].getMethod() + " " + pair[0].getRequestURI())
                    .isEqualTo(expected);
            answers.add(expected);
        }
        assertThat(answers).as("what Spring's own lookup answers (and so the path-first one)").containsExactly(
                "download {memberId=m-1}", "HttpMediaTypeNotSupportedException", "downloads {memberId=m-1}",
                "HttpRequestMethodNotSupportedException", "member {memberId=m-1}", "memberAsCsv {memberId=m-1}",
                "HttpMediaTypeNotAcceptableException", "lookup {}", "member {memberId=lookup}",
                "event {eventId=e-9, memberId=m-1}", "consentOnce {memberId=m-1}", "consent {memberId=m-1}",
                "none", "none");
    }

    private static MockHttpServletRequest[] both(String method, String path, String contentType, String accept,
                                                 String header, String param) {
        return new MockHttpServletRequest[] {request(method, path, contentType, accept, header, param),
                request(method, path, contentType, accept, header, param)};
    }
}
