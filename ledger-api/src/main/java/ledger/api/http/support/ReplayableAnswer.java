package ledger.api.http.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a command endpoint whose answer holds ids and facts only, never personal data: an idempotent
 * replay may repeat that body. Without it the idempotency record keeps status and {@code Location}
 * only, and a replay answers them without a body (read the current state through its GET, which
 * checks the purpose and records the read).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ReplayableAnswer {
}
