package ledger.api.http.support;

import java.io.IOException;
import java.util.Map;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One rule for every text the service takes, in a JSON body or a parameter: no U+0000 and no
 * ill-formed UTF-16 (a surrogate without its partner). PostgreSQL refuses the first (a 500 before
 * this rule) and the driver writes the second as '?', which changes a legal text before it is
 * hashed. Both are refused with 400 naming the field, before anything runs.
 */
@Configuration(proxyBeanMethods = false)
public class WellFormedText {

    static final String MESSAGE = "must not contain U+0000 or ill-formed UTF-16 (a lone surrogate)";

    /** Whether {@code text} is well-formed: no NUL, every surrogate paired. */
    public static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer wellFormedJsonText() {
        SimpleModule module = new SimpleModule("well-formed-text");
        module.addDeserializer(String.class, new WellFormedStrings());
        return builder -> builder.modulesToInstall(modules -> modules.add(module));
    }

    /** Thrown by the JSON reader; Jackson adds the field's path as it unwinds. */
    static final class IllFormedText extends JsonMappingException {
        IllFormedText(JsonParser parser) {
            super(parser, MESSAGE);
        }
    }

    static final class WellFormedStrings extends StdScalarDeserializer<String> {
        WellFormedStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && !wellFormed(text)) {
                throw new IllFormedText(parser);
            }
            return text;
        }
    }

    /** Query and form parameters (the API's filters, the console's forms): the same rule. */
    @Component
    @Order(SecurityProperties.DEFAULT_FILTER_ORDER + 2)
    static class WellFormedParameters extends OncePerRequestFilter {

        private final ProblemResponses problems;

        WellFormedParameters(ProblemResponses problems) {
            this.problems = problems;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                boolean bad = !wellFormed(parameter.getKey());
                for (String value : parameter.getValue()) {
                    bad |= value != null && !wellFormed(value);
                }
                if (bad) {
                    String name = wellFormed(parameter.getKey()) ? parameter.getKey() : "parameter";
                    problems.write(response, ProblemResponses.withErrors(ProblemResponses.problem(
                            HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid request", name + " " + MESSAGE),
                            Map.of(name, MESSAGE)));
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }
}
