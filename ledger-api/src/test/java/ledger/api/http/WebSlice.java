package ledger.api.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import ledger.api.application.idempotency.IdempotencyStore;
import ledger.api.http.security.SliceSecurity;

/**
 * A controller slice: the controller, the MVC layer with the API's filters (body limit, idempotency,
 * well-formed text), its problem mapping and its security chain, nothing behind them (the test mocks
 * what the controller calls). For the mapping, the validation and who may call it; the integration
 * tests keep the end-to-end cases.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
@Import(SliceSecurity.class)
@MockitoBean(types = IdempotencyStore.class)
public @interface WebSlice {

    /** The controller under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value();
}
